package dev.pifan.cli;

import dev.pifan.config.ConfigException;
import dev.pifan.config.ConfigLoader;
import dev.pifan.config.ConfigProblem;
import dev.pifan.config.PifanConfig;
import dev.pifan.config.ProfileDefaults;
import dev.pifan.telemetry.Json;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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

        @Option(names = "--json", description = "Print the verdict as one JSON object: ok, and the summary or every"
                + " problem with its line and config path (exit codes as without).")
        boolean json;

        @Override
        public Integer call() {
            if (!json) {
                PifanConfig config = ConfigOption.loadFile(file);
                spec.commandLine().getOut().println(config.summary());
                return 0;
            }
            Json.Writer w = Json.writer().beginObject().name("file").value(file.toString());
            int exit = 0;
            try {
                PifanConfig config = ConfigLoader.load(file, ProfileDefaults.AUTO_PROFILE);
                w.name("ok").value(true).name("summary").value(config.summary());
            } catch (ConfigException e) {
                exit = CliError.BAD_CONTENT;
                w.name("ok").value(false).name("problems").beginArray();
                for (ConfigProblem p : e.problems()) {
                    w.beginObject().name("line").value(p.line()).name("path").value(p.path())
                            .name("message").value(p.message()).endObject();
                }
                w.endArray();
            }
            spec.commandLine().getOut().println(w.endObject().toString());
            return exit;
        }
    }
}
