package dev.pifan.logging;

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
 */
final class PifanLayout extends LayoutBase<ILoggingEvent> {

    private final TimeZone zone;

    /** @param zone the time zone of the time stamp, or null for no time stamp (the journal has its own) */
    PifanLayout(TimeZone zone) {
        this.zone = zone;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
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
