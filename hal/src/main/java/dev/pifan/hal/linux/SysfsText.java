package dev.pifan.hal.linux;

import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.ThrottleFlags;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for the text the kernel and the firmware tools print. Each names its source in the
 * error ({@code /sys/class/thermal/thermal_zone0/temp: 'abc' is not a millidegree value}), so a
 * log line is enough to find the culprit.
 */
public final class SysfsText {

    /**
     * What vcgencmd prints: a plain decimal. Double.parseDouble alone would also take "NaN",
     * "Infinity", "1e400" and hex floats (found by fuzzing).
     */
    private static final Pattern VCGENCMD_TEMPERATURE = Pattern.compile("temp=(-?\\d{1,4}(?:\\.\\d{1,6})?)'C");

    private SysfsText() {
    }

    /** {@code 54200} → 54.2 °C. */
    public static double millidegrees(String source, String text) throws HalException {
        String value = text.strip();
        try {
            return Long.parseLong(value) / 1000.0;
        } catch (NumberFormatException e) {
            throw new HalException(Kind.IMPLAUSIBLE, source + ": '" + shorten(value) + "' is not a millidegree value");
        }
    }

    /** A decimal integer within {@code min..max}, such as {@code pwm1} (0..255) or {@code fan1_input}. */
    public static long integer(String source, String text, long min, long max) throws HalException {
        String value = text.strip();
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new HalException(Kind.IMPLAUSIBLE, source + ": '" + shorten(value) + "' is not an integer");
        }
        if (parsed < min || parsed > max) {
            throw new HalException(Kind.IMPLAUSIBLE, source + ": " + parsed + " is outside " + min + ".." + max);
        }
        return parsed;
    }

    /** {@code 0} or {@code 1}, as hwmon alarms and pwm {@code enable} files print. */
    public static boolean flag(String source, String text) throws HalException {
        return integer(source, text, 0, 1) == 1;
    }

    /** The firmware throttle word: {@code 50005} (sysfs) or {@code throttled=0x50005} (vcgencmd). */
    public static ThrottleFlags throttleWord(String source, String text) throws HalException {
        try {
            return ThrottleFlags.parse(text);
        } catch (IllegalArgumentException e) {
            throw new HalException(Kind.IMPLAUSIBLE, source + ": " + e.getMessage());
        }
    }

    /** {@code temp=46.2'C}, as {@code vcgencmd measure_temp} prints it. */
    public static double vcgencmdTemperature(String source, String text) throws HalException {
        String value = text.strip();
        Matcher match = VCGENCMD_TEMPERATURE.matcher(value);
        if (match.matches()) {
            return Double.parseDouble(match.group(1));
        }
        throw new HalException(Kind.IMPLAUSIBLE, source + ": '" + shorten(value) + "' is not like temp=46.2'C");
    }

    private static String shorten(String value) {
        String oneLine = value.replace('\n', ' ');
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }
}
