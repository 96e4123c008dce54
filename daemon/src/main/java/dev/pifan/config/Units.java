package dev.pifan.config;

import dev.pifan.hal.Duty;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values a person writes in the config file: temperatures, duties, durations, counts.
 *
 * <p>Parsers take the scalar text as written and throw {@link IllegalArgumentException} with a
 * message meant for that person (what was written, what to write instead). Ranges are not checked
 * here: they depend on the key.
 */
public final class Units {

    private static final String NUMBER = "[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)";
    private static final Pattern PLAIN_NUMBER = Pattern.compile(NUMBER);
    private static final Pattern CELSIUS = Pattern.compile("(" + NUMBER + ")\\s*(?:°?\\s*[Cc])?");
    private static final Pattern OTHER_SCALE = Pattern.compile(NUMBER + "\\s*°?\\s*[FfKk]");
    private static final Pattern PERCENT = Pattern.compile("(" + NUMBER + ")\\s*%");
    private static final Pattern FRACTION = Pattern.compile("(\\d+)\\s*/\\s*(\\d+)");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)\\s*");
    private static final Pattern RATE = Pattern.compile("(" + NUMBER + ")\\s*%\\s*/\\s*(s|min|h)");

    private static final String TEMPERATURE_FORMS = "write e.g. 65, 65C or 65°C";
    private static final String DUTY_FORMS = "write a percentage (40%), a ratio (0.4) or a PWM value (102/255)";
    private static final String DURATION_FORMS = "write e.g. 500ms, 2s, 1.5s, 10m or 1h";
    private static final String RATE_FORMS = "write a duty per time, e.g. 0.2%/min, 12%/h or 0.5%/s";

    private static final BigDecimal EXACT_DOUBLE_INTEGER = BigDecimal.valueOf(1L << 53);

    /** Text longer than this is cut when echoed in a message. */
    private static final int SHOWN_LENGTH = 40;

    private Units() {}

    /** {@code 65}, {@code 65.5}, {@code 65C}, {@code 65 C}, {@code 65°C}: degrees Celsius. */
    public static double temperature(String text) {
        String t = text.strip();
        Matcher m = CELSIUS.matcher(t);
        if (m.matches()) {
            return Double.parseDouble(m.group(1)) + 0.0; // + 0.0 turns -0 into 0
        }
        if (OTHER_SCALE.matcher(t).matches()) {
            throw new IllegalArgumentException(quoted(text) + ": temperatures are in degrees Celsius only: "
                    + TEMPERATURE_FORMS);
        }
        throw new IllegalArgumentException(quoted(text) + " is not a temperature: " + TEMPERATURE_FORMS);
    }

    /**
     * {@code 40%}, {@code 0.4} (a plain number from 0 to 1 is a ratio), {@code 102/255}. A plain
     * number above 1 is refused: {@code 40} could mean 40% or a PWM value of 40.
     */
    private static final Pattern TIME_OF_DAY = Pattern.compile("([01]?\\d|2[0-3]):([0-5]\\d)");

    /** A time of day on a 24-hour clock, {@code 22:00} or {@code 7:30}. */
    public static java.time.LocalTime timeOfDay(String text) {
        Matcher m = TIME_OF_DAY.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(shown(text.strip()) + " is not a time of day: write HH:MM, e.g. 22:00");
        }
        return java.time.LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public static Duty duty(String text) {
        String t = text.strip();
        Matcher m = PERCENT.matcher(t);
        if (m.matches()) {
            double percent = Double.parseDouble(m.group(1)) + 0.0;
            if (!(percent >= 0.0 && percent <= 100.0)) {
                throw new IllegalArgumentException(shown(t) + " outside 0%..100%");
            }
            return Duty.ofPercent(percent);
        }
        m = FRACTION.matcher(t);
        if (m.matches()) {
            BigDecimal numerator = new BigDecimal(m.group(1));
            BigDecimal denominator = new BigDecimal(m.group(2));
            if (denominator.signum() == 0) {
                throw new IllegalArgumentException(quoted(text) + " divides by zero: " + DUTY_FORMS);
            }
            if (numerator.compareTo(denominator) > 0) {
                throw new IllegalArgumentException(shown(t) + " outside 0%..100%");
            }
            // Small enough to be exact as doubles: divide as Duty.ofPwm does, so 102/255 equals it
            // to the last bit. Larger ones (nobody writes them) go through BigDecimal to stay finite.
            return denominator.compareTo(EXACT_DOUBLE_INTEGER) <= 0
                    ? Duty.ofRatio(numerator.doubleValue() / denominator.doubleValue())
                    : Duty.ofRatio(numerator.divide(denominator, MathContext.DECIMAL128).doubleValue());
        }
        if (PLAIN_NUMBER.matcher(t).matches()) {
            double ratio = Double.parseDouble(t) + 0.0;
            if (ratio > 1.0) {
                String percent = format(ratio);
                throw new IllegalArgumentException(ratio <= 100.0
                        ? quoted(t) + " is ambiguous: write " + percent + "% or " + format(ratio / 100.0)
                        : quoted(t) + " is ambiguous: " + DUTY_FORMS);
            }
            if (ratio < 0.0) {
                throw new IllegalArgumentException(shown(t) + " outside 0%..100%");
            }
            return Duty.ofRatio(ratio);
        }
        throw new IllegalArgumentException(quoted(text) + " is not a duty: " + DUTY_FORMS);
    }

    /**
     * {@code 2s}, {@code 500ms}, {@code 1.5s}, {@code 10m}, {@code 1h}, combinations such as
     * {@code 1m30s}; a plain number is seconds.
     */
    public static Duration duration(String text) {
        String t = text.strip();
        if (PLAIN_NUMBER.matcher(t).matches() && !t.startsWith("-") && !t.startsWith("+")) {
            return seconds(new BigDecimal(t));
        }
        Matcher m = DURATION_PART.matcher(t);
        BigDecimal seconds = BigDecimal.ZERO;
        int at = 0;
        while (at < t.length()) {
            m.region(at, t.length());
            if (!m.lookingAt()) {
                throw new IllegalArgumentException(quoted(text) + " is not a duration: " + DURATION_FORMS);
            }
            BigDecimal amount = new BigDecimal(m.group(1));
            seconds = seconds.add(switch (m.group(2)) {
                case "ms" -> amount.movePointLeft(3);
                case "s" -> amount;
                case "m" -> amount.multiply(BigDecimal.valueOf(60));
                default -> amount.multiply(BigDecimal.valueOf(3600)); // h
            });
            at = m.end();
        }
        if (at == 0) {
            throw new IllegalArgumentException(quoted(text) + " is not a duration: " + DURATION_FORMS);
        }
        return seconds(seconds);
    }

    /**
     * A rate of duty change, {@code 0.2%/min}, {@code 12%/h}, {@code 0.5%/s}: the duty (as a
     * ratio, 1 = 100%) per second. Ranges are the caller's; a negative rate is refused here.
     */
    static double ratePerSecond(String text) {
        Matcher m = RATE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(quoted(text) + " is not a rate: " + RATE_FORMS);
        }
        double percent = Double.parseDouble(m.group(1)) + 0.0;
        if (percent < 0) {
            throw new IllegalArgumentException(shown(text) + " must not be negative");
        }
        double seconds = switch (m.group(2)) {
            case "s" -> 1;
            case "min" -> 60;
            default -> 3600; // h
        };
        return percent / 100.0 / seconds;
    }

    /** A rate the way the config writes it: per minute, {@code 0.18%/min}. */
    static String formatRate(double perSecond) {
        return BigDecimal.valueOf(perSecond * 6000).round(new MathContext(6)).stripTrailingZeros().toPlainString()
                + "%/min";
    }

    /** A {@link #temperature} or {@code off} (empty). */
    static java.util.OptionalDouble temperatureOrOff(String text) {
        return text.strip().equals("off") ? java.util.OptionalDouble.empty()
                : java.util.OptionalDouble.of(temperature(text));
    }

    /** A {@link #duration} or {@code off}, which is {@link Duration#ZERO}: "this check is disabled". */
    static Duration durationOrOff(String text) {
        return text.strip().equals("off") ? Duration.ZERO : duration(text);
    }

    /** A plain decimal number, {@code 26.5}: a figure whose unit the key names. */
    static double number(String text) {
        String t = text.strip();
        if (!PLAIN_NUMBER.matcher(t).matches()) {
            throw new IllegalArgumentException(quoted(text) + " is not a number: write e.g. 26.5");
        }
        return Double.parseDouble(t) + 0.0;
    }

    /** A whole number such as {@code 3}. */
    static int integer(String text) {
        String t = text.strip();
        if (!t.matches("[+-]?\\d{1,9}")) {
            throw new IllegalArgumentException(quoted(text) + " is not a whole number");
        }
        return Integer.parseInt(t);
    }

    /** Longer durations saturate here: every caller checks a range, which then refuses them. */
    static final Duration SATURATED = Duration.ofSeconds(Long.MAX_VALUE / 2);

    private static Duration seconds(BigDecimal seconds) {
        if (seconds.compareTo(BigDecimal.valueOf(SATURATED.getSeconds())) >= 0) {
            return SATURATED;
        }
        BigDecimal nanos = seconds.movePointRight(9).setScale(0, RoundingMode.HALF_UP);
        BigDecimal[] split = nanos.divideAndRemainder(BigDecimal.valueOf(1_000_000_000L));
        return Duration.ofSeconds(split[0].longValueExact(), split[1].longValueExact());
    }

    /** {@code 45}, {@code 65.5}: no trailing zeros, no exponent. */
    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** {@code 1s}, {@code 500ms}, {@code 1.5s}, {@code 10m}, {@code 1h}: the way the config writes it. */
    static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.toNanosPart() % 1_000_000 == 0) {
            long ms = d.toMillis();
            if (ms % 3_600_000 == 0) {
                return ms / 3_600_000 + "h";
            }
            if (ms % 60_000 == 0) {
                return ms / 60_000 + "m";
            }
            if (ms < 1000) {
                return ms + "ms";
            }
            return format(ms / 1000.0) + "s";
        }
        return d.toString();
    }

    /** User text for a message: stripped, control characters escaped, cut if long. */
    static String shown(String text) {
        String t = text.strip();
        StringBuilder out = new StringBuilder();
        t.codePoints().limit(SHOWN_LENGTH).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        if (t.codePointCount(0, t.length()) > SHOWN_LENGTH) {
            out.append('…');
        }
        return out.toString();
    }

    static String quoted(String text) {
        return '"' + shown(text) + '"';
    }
}
