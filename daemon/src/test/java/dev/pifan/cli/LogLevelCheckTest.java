package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code PIFAN_LOG_LEVEL} is checked before any command runs, in the real environment of a process. */
class LogLevelCheckTest {

    private static Result pifan(String level, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")), PifanCommand.class.getName());
        builder.command().addAll(List.of(args));
        builder.environment().put("PIFAN_LOG_LEVEL", level);
        Process process = builder.start();
        process.getOutputStream().close();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new Result(process.exitValue(), err);
    }

    private record Result(int exitCode, String err) {
    }

    @Test
    void anUnknownLevelIsAUsageErrorNamingIt() throws Exception {
        Result bad = pifan("verbose", "curve");
        assertEquals(2, bad.exitCode(), bad.err());
        assertEquals("pifan: PIFAN_LOG_LEVEL=verbose is not a log level: trace, debug, info, warn, error or off\n",
                bad.err());
    }

    @Test
    void aKnownLevelInAnyCaseRuns() throws Exception {
        Result ok = pifan("DEBUG", "curve");
        assertEquals(0, ok.exitCode(), ok.err());
    }

    @Test
    void runTakesALevelOrVerboseButNotBothAndNoOtherWord() {
        Cli bad = Cli.run("run", "--sim", "--once", "--listen", "off", "--log-level", "loud");
        assertEquals(2, bad.exitCode());
        assertEquals("pifan: --log-level loud is not a log level: trace, debug, info, warn, error or off\n", bad.err());
        Cli both = Cli.run("run", "--sim", "--once", "--listen", "off", "--log-level", "warn", "-v");
        assertEquals(2, both.exitCode());
        assertEquals("pifan: --log-level and --verbose both set the level: give one\n", both.err());
    }

    @Test
    void verboseSetsDebugForTheRestOfTheRun() {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Level before = root.getLevel();
        try {
            assertEquals(0, Cli.run("run", "--sim", "--once", "--listen", "off", "-v").exitCode());
            assertEquals(ch.qos.logback.classic.Level.DEBUG, root.getLevel());
        } finally {
            root.setLevel(before);
        }
    }
}
