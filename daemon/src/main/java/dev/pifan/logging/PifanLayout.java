package dev.pifan.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.util.TimeZone;

/**
 * pifan's one log line, written by hand: what the pattern
 * {@code %d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0}: %msg%n} writes (without the time
 * when {@code zone} is null), then the exception's stack trace if there is one.
 *
 * <p>Logback's {@code PatternLayout} would write the same, but it loads about 90 converter
 * classes and 70 lambda classes that stay in the daemon's memory for its whole life, and its date
 * converter loads java.time's whole time-zone database: this costs the daemon several hundred
 * kilobytes for one fixed format. The offset comes from {@link TimeZone} instead.
 *
 * <p>For the journal ({@link #journal()}) the time stamp is left out (the journal has its own) and
 * every line, a stack trace's included, starts with the sd-daemon(3) priority of the event's level:
 * {@code <3>} error, {@code <4>} warn, {@code <6>} info, {@code <7>} debug and trace. journald
 * strips the prefix and files the line at that priority, so {@code journalctl -p warning} finds
 * pifan's warnings (and a whole stack trace with its error).
 */
final class PifanLayout extends LayoutBase<ILoggingEvent> {

    private final TimeZone zone;
    private final boolean priorityPrefix;

    /** @param zone the time zone of the time stamp, or null for no time stamp */
    PifanLayout(TimeZone zone) {
        this(zone, false);
    }

    private PifanLayout(TimeZone zone, boolean priorityPrefix) {
        this.zone = zone;
        this.priorityPrefix = priorityPrefix;
    }

    /** Lines for journald: no time stamp, a priority prefix on each line. */
    static PifanLayout journal() {
        return new PifanLayout(null, true);
    }

    /** The sd-daemon(3) prefix of {@code level}: SD_ERR, SD_WARNING, SD_INFO or SD_DEBUG. */
    static String priority(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> "<3>";
            case Level.WARN_INT -> "<4>";
            case Level.INFO_INT -> "<6>";
            default -> "<7>"; // debug, trace (OFF and ALL never reach a layout)
        };
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        String text = plain(event);
        if (!priorityPrefix) {
            return text;
        }
        String prefix = priority(event.getLevel());
        StringBuilder lines = new StringBuilder(text.length() + 16);
        // journald reads a line at a time: each one needs the prefix, or it is filed at info
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end + 1;
            lines.append(prefix).append(text, start, end);
            start = end;
        }
        return lines.toString();
    }

    private String plain(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128);
        if (zone != null) {
            appendTime(line, event.getTimeStamp(), zone);
            line.append(' ');
        }
        String level = event.getLevel().toString();
        line.append(level);
        for (int i = level.length(); i < 5; i++) {
            line.append(' ');
        }
        String logger = event.getLoggerName();
        line.append(' ').append(logger, logger.lastIndexOf('.') + 1, logger.length()).append(": ")
                .append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.append(ThrowableProxyUtil.asString(thrown)); // ends with a line separator
        }
        return line.toString();
    }

    /** {@code yyyy-MM-dd'T'HH:mm:ss.SSSXXX}: the local time in {@code zone}, and its offset ({@code Z} for none). */
    static void appendTime(StringBuilder line, long epochMillis, TimeZone zone) {
        int offsetMillis = zone.getOffset(epochMillis);
        long local = epochMillis + offsetMillis;
        long days = Math.floorDiv(local, 86_400_000L);
        int millisOfDay = (int) Math.floorMod(local, 86_400_000L);
        // civil from days (H. Hinnant's algorithm): the proleptic Gregorian calendar, as java.time's
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthIndex = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * monthIndex + 2) / 5 + 1);
        int month = (int) (monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);

        pad(line, year, 4).append('-');
        pad(line, month, 2).append('-');
        pad(line, day, 2).append('T');
        pad(line, millisOfDay / 3_600_000, 2).append(':');
        pad(line, millisOfDay / 60_000 % 60, 2).append(':');
        pad(line, millisOfDay / 1000 % 60, 2).append('.');
        pad(line, millisOfDay % 1000, 3);
        if (offsetMillis == 0) {
            line.append('Z');
        } else {
            int minutes = Math.abs(offsetMillis) / 60_000;
            line.append(offsetMillis < 0 ? '-' : '+');
            pad(line, minutes / 60, 2).append(':');
            pad(line, minutes % 60, 2);
        }
    }

    private static StringBuilder pad(StringBuilder line, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            line.append('0');
        }
        return line.append(digits);
    }
}
