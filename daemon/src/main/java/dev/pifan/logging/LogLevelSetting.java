package dev.pifan.logging;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The log level asked for: {@code PIFAN_LOG_LEVEL}, or the system property {@code pifan.log.level}
 * before it. Apart from {@link PifanLogConfigurator} so that the command line can check it without
 * loading logback (commands that never log stay lean).
 */
public final class LogLevelSetting {

    /** The names a level may be given by, in any case (logback's {@code Level.toLevel}). */
    private static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "off", "all");

    private LogLevelSetting() {
    }

    /** The level's name as asked for; null when none is. */
    static String wanted() {
        return System.getProperty("pifan.log.level", System.getenv("PIFAN_LOG_LEVEL"));
    }

    /**
     * Why the level asked for is none, as one line ({@code PIFAN_LOG_LEVEL=verbose is not a log
     * level: ...}); empty when it is one, or none is asked for. Logging itself falls back to info
     * (it cannot stop the program): the command line reports this and exits instead.
     */
    public static Optional<String> problem() {
        String wanted = wanted();
        if (wanted == null || isLevel(wanted)) {
            return Optional.empty();
        }
        String from = System.getProperty("pifan.log.level") != null ? "pifan.log.level" : "PIFAN_LOG_LEVEL";
        return Optional.of(from + "=" + wanted + " " + NOT_A_LEVEL);
    }

    /** How a refusal ends: {@code --log-level verbose is not a log level: ...}. */
    public static final String NOT_A_LEVEL = "is not a log level: trace, debug, info, warn, error or off";

    public static boolean isLevel(String name) {
        return LEVELS.contains(name.strip().toLowerCase(Locale.ROOT));
    }
}
