package dev.pifan.cli;

import dev.pifan.logging.LogLevelSetting;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pifan} command: the daemon and the tools around it. */
@Command(name = "pifan",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT, // --help and --version on every subcommand too
        versionProvider = Version.class,
        description = "Keeps Raspberry Pi cluster nodes cool and quiet.",
        // every command's exit codes (scope INHERIT: the subcommands show them too; status has its own)
        exitCodeListHeading = "%nExit codes%n",
        exitCodeList = {CommandLine.ExitCode.OK + ":success",
            CliError.BAD_CONTENT + ":bad content: a config or trace that is wrong, a file that cannot be read or "
                    + "written, no usable fan or sensor (run, probe), a fan held by another pifan",
            CliError.USAGE + ":a wrong command line (an unknown option, a value that cannot be read, a bad PIFAN_LOG_LEVEL)",
            Daemon.FATAL_EXIT + ":run: a fatal error in the control loop, the fan left in its exit state"},
        subcommands = {RunCommand.class, StatusCommand.class, ProbeCommand.class, SimulateCommand.class,
                BenchCommand.class, TuneCommand.class, CurveCommand.class, ConfigCommand.class, RestoreCommand.class,
                CommandLine.HelpCommand.class})
public final class PifanCommand implements Runnable {

    /**
     * What picocli need not register converters for: no pifan option takes a java.time or java.sql
     * type. Picocli looks those converters up by reflection, which loads some 80 JDK classes (and
     * the java.sql module) that the daemon would keep for its whole life.
     */
    static final String CONVERTERS_EXCLUDED = "java\\.time\\..*,java\\.sql\\..*";

    static {
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", CONVERTERS_EXCLUDED);
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a command: run, status, probe, simulate, bench, tune, curve, config, restore");
    }

    public static void main(String[] args) {
        // the locale's charset, as System.out has it; where it cannot show the chart's glyphs, ASCII stand-ins
        Charset charset = Charset.defaultCharset();
        PrintWriter out = AsciiFallback.printWriter(System.out, charset, true);
        PrintWriter err = AsciiFallback.printWriter(System.err, charset, true);
        int exitCode = execute(args, out, err);
        out.flush(); // print() does not autoflush, and System.exit does not flush for us
        err.flush();
        FinalExit.exit(exitCode);
    }

    /** Runs a command line with these streams and returns the exit code; for main and for tests. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        Optional<String> badLevel = LogLevelSetting.problem();
        if (badLevel.isPresent()) {
            err.println("pifan: " + badLevel.get());
            return CliError.USAGE;
        }
        CommandLine cli = new CommandLine(new PifanCommand());
        cli.setOut(out);
        cli.setErr(err);
        // picocli's own refusals (an unknown option, a value it cannot read): one line and where to
        // look, not the whole usage with Java type names
        cli.setParameterExceptionHandler((exception, arguments) -> {
            CommandLine where = exception.getCommandLine();
            where.getErr().println("pifan: " + exception.getMessage() + " (see " + where.getCommandSpec().qualifiedName()
                    + " --help)");
            return CliError.USAGE;
        });
        cli.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            if (exception instanceof CliError error) {
                commandLine.getErr().println("pifan: " + error.getMessage());
                return error.exitCode();
            }
            throw exception; // a bug: let picocli print it in full, it must be reported
        });
        return cli.execute(args);
    }
}
