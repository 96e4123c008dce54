package dev.pifan.cli;

import dev.pifan.config.PifanConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pifan config check FILE}: validates a configuration without touching any hardware. */
@Command(name = "config", description = "Work with configuration files.",
        subcommands = {ConfigCommand.Check.class})
final class ConfigCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: check");
    }

    @Command(name = "check", description = "Check a configuration file: exit 0 with a summary, or 1 with every problem.")
    static final class Check implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The configuration file to check.")
        Path file;

        @Override
        public Integer call() {
            PifanConfig config = ConfigOption.loadFile(file);
            spec.commandLine().getOut().println(config.summary());
            return 0;
        }
    }
}
