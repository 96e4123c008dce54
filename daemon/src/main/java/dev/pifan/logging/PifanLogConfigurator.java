package dev.pifan.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import ch.qos.logback.core.status.StatusManager;
import java.util.TimeZone;
import org.slf4j.LoggerFactory;

/**
 * Logback set up in code, not XML: found through {@code META-INF/services}, it needs no
 * reflection-driven Joran parsing, so it works unchanged in a native image.
 *
 * <p>Logs go to standard error, so that standard output stays clean for {@code --json} and CSV.
 * A line is {@code %d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0}: %msg%n}, written by
 * {@link PifanLayout} without logback's pattern machinery (which would stay loaded for the
 * daemon's life). When standard error is the journal's stream ({@link JournalStream}: what
 * {@code JOURNAL_STREAM} names, not merely set), the journal stamps the time itself, so the line
 * leaves it out and starts with its priority instead ({@code <4>} for a warning). The level comes from {@code PIFAN_LOG_LEVEL} (or
 * {@code -Dpifan.log.level}), default INFO; below debug, the board libraries' own logs are off. A
 * {@code -Dlogback.configurationFile} still wins: then this configurator steps aside.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class PifanLogConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        StatusManager statuses = context.getStatusManager();
        StatusLines problems = new StatusLines();
        statuses.getCopyOfStatusList().forEach(problems::addStatusEvent);
        statuses.add(problems);

        PifanLayout layout = JournalStream.isStandardError() ? PifanLayout.journal()
                : new PifanLayout(TimeZone.getDefault());
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
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
     * Logback's own warnings and errors (an appender that cannot start, say), one line each on
     * standard error. Without a listener of the context's own, logback hands them to its status
     * printer, whose time stamps load java.time's time-zone database: some 200 kilobytes kept for
     * the daemon's life, even when there is nothing to print.
     */
    static final class StatusLines implements StatusListener {

        @Override
        public void addStatusEvent(Status status) {
            if (status.getEffectiveLevel() >= Status.WARN) {
                Throwable cause = status.getThrowable();
                System.err.println("logback " + (status.getEffectiveLevel() >= Status.ERROR ? "error" : "warning")
                        + ": " + status.getMessage() + (cause == null ? "" : " (" + cause + ")"));
            }
        }

        @Override
        public boolean isResetResistant() {
            return true;
        }
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

    /**
     * Sets pifan's level after start-up, from the command line ({@code run --log-level}, {@code -v}),
     * which is parsed after logging began. {@code name} is one {@link LogLevelSetting#problem} accepts.
     */
    public static void setLevel(String name) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(name, Level.INFO));
        }
    }

    static Level level() {
        return Level.toLevel(LogLevelSetting.wanted(), Level.INFO);
    }
}
