package dev.pifan.cli;

import dev.pifan.hal.linux.Sysfs;
import dev.pifan.hal.linux.TakeoverRecords;
import dev.pifan.hal.linux.ZoneTakeover;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pifan restore}: gives back what a pifan that could not exit cleanly (SIGKILL, the
 * watchdog's SIGABRT, a JVM crash) left taken, from its takeover records: each recorded fan to
 * full speed first, then each thermal zone the mode or policy it had. The systemd unit runs it as
 * ExecStopPost=; in a pod the next container start does the same (the records live in an
 * emptyDir, and {@code pifan run} restores them first). Nothing recorded: nothing to do, exit 0.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Give the fan back to the kernel after a pifan that could not (SIGKILL, crash): "
                + "full speed, then each thermal zone as it was. Reads the records in $RUNTIME_DIRECTORY.")
final class RestoreCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--root", paramLabel = "DIR", description = "Read /sys under DIR instead of /.")
    Path root;

    @Option(names = "--records", paramLabel = "DIR",
            description = "Where the takeover records are (default: $RUNTIME_DIRECTORY, as systemd sets it).")
    Path records;

    @Override
    public Integer call() {
        TakeoverRecords found = records != null ? TakeoverRecords.in(records)
                : BoardFactory.takeovers(System.getenv());
        PrintWriter out = spec.commandLine().getOut();
        java.util.Optional<String> running = InstanceLock.holder(found);
        if (running.isPresent()) {
            // its records are a running pifan's, not a crash's: restoring now would take its fan from it
            spec.commandLine().getErr().println("pifan restore: a pifan is running (" + running.get()
                    + ") and drives the fan; restore is for after it has ended");
            return 1;
        }
        List<String> keys = found.keys();
        if (keys.isEmpty()) {
            out.println("nothing to restore: no takeover records"
                    + (records == null && System.getenv("RUNTIME_DIRECTORY") == null
                            ? " (RUNTIME_DIRECTORY is not set: name the directory with --records)" : ""));
            return 0;
        }
        Sysfs sysfs = Sysfs.at(root == null ? BoardFactory.SYSTEM_ROOT : root);
        List<String> done = ZoneTakeover.restore(sysfs, found);
        done.forEach(out::println);
        return done.stream().anyMatch(line -> line.contains("could not")) ? 1 : 0;
    }
}
