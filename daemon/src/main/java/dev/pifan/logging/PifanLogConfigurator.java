package dev.pifan.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback set up in code, not XML: found through {@code META-INF/services}, it needs no
 * reflection-driven Joran parsing, so it works unchanged in a native image.
 *
 * <p>Logs go to standard error, so that standard output stays clean for {@code --json} and CSV.
 * Under systemd ({@code JOURNAL_STREAM} set) the journal stamps the time itself, so the pattern
 * leaves it out. The level comes from {@code PIFAN_LOG_LEVEL} (or {@code -Dpifan.log.level}),
 * default INFO; below debug, the board libraries' own logs are off. A
 * {@code -Dlogback.configurationFile} still wins: then this configurator steps aside.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class PifanLogConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(System.getenv("JOURNAL_STREAM") != null
                ? "%-5level %logger{0}: %msg%n"
                : "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0}: %msg%n");
        encoder.start();

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("stderr");
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(console);
        root.setLevel(level());
        quietBoardLibraries(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * diozero (through tinylog) and Pi4J (through SLF4J) log their own view of a failure that the
     * hal reports as one line of pifan's ("diozero could not open /dev/i2c-1: ..."), and Pi4J logs
     * errors about board detection it recovers from. Below debug level they stay quiet; with
     * {@code PIFAN_LOG_LEVEL=debug} they speak. Runs before either library is loaded, if ever.
     */
    static void quietBoardLibraries(LoggerContext context) {
        if (level().isGreaterOrEqual(Level.INFO)) {
            context.getLogger("com.pi4j").setLevel(Level.OFF);
            if (System.getProperty("tinylog.writer.level") == null) {
                System.setProperty("tinylog.writer.level", "off");
            }
        }
    }

    static Level level() {
        String wanted = System.getProperty("pifan.log.level", System.getenv("PIFAN_LOG_LEVEL"));
        return Level.toLevel(wanted, Level.INFO);
    }
}
