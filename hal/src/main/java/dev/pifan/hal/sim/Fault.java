package dev.pifan.hal.sim;

import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * A fault injected into the simulated board for the seconds {@code startS <= k < endS}: what
 * goes wrong on real boards, so the daemon's answer to each can be tested and measured.
 *
 * <p>Written on the command line as {@code KIND:START:END[:ARG]}, e.g. {@code sensor-stuck:600:900:45}.
 */
public record Fault(Kind kind, long startS, long endS, OptionalDouble arg) {

    /** The kinds of fault, with what their argument means. */
    public enum Kind {
        /** Every temperature read fails (EIO). */
        SENSOR_ERROR("sensor-error", null),
        /** Temperature reads fail at random, at ARG (0..1) of reads. */
        SENSOR_INTERMITTENT("sensor-intermittent", "failure rate 0..1"),
        /** The temperature reads ARG, whatever the die does. */
        SENSOR_STUCK("sensor-stuck", "value in C"),
        /** The temperature file holds nonsense: -273.15, 1000, and text that is no number, in turn. */
        SENSOR_GARBAGE("sensor-garbage", null),
        /** Every temperature read takes ARG seconds (vcgencmd hanging on a busy firmware). */
        SENSOR_SLOW("sensor-slow", "delay in seconds"),
        /** Every write to the fan fails (EIO). */
        FAN_ERROR("fan-error", null),
        /** The fan is blocked: its speed falls to 0 whatever the duty. */
        FAN_STALL("fan-stall", null),
        /** The fan controller chip does not acknowledge: writes and tachometer reads fail. */
        I2C_NACK("i2c-nack", null),
        /** At START the clock the control loop reads steps by ARG seconds (an NTP step, signed). */
        CLOCK_JUMP("clock-jump", "seconds, signed");

        private final String label;
        private final String argument;

        Kind(String label, String argument) {
            this.label = label;
            this.argument = argument;
        }

        public String label() {
            return label;
        }

        /** What the argument means, or null when the kind takes none. */
        public String argument() {
            return argument;
        }

        static Kind of(String label) {
            for (Kind kind : values()) {
                if (kind.label.equals(label)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown fault kind '" + label + "': expected one of " + labels());
        }

        static String labels() {
            return Arrays.stream(values()).map(Kind::label).collect(Collectors.joining(", "));
        }
    }

    public Fault {
        String what = "fault " + kind.label() + ":" + startS + ":" + endS;
        if (startS < 0 || endS <= startS) {
            throw new IllegalArgumentException(what + ": needs 0 <= START < END (seconds)");
        }
        if (kind.argument() == null && arg.isPresent()) {
            throw new IllegalArgumentException(what + ": takes no argument");
        }
        if (kind.argument() != null && arg.isEmpty()) {
            throw new IllegalArgumentException(what + ": needs an argument (" + kind.argument() + ")");
        }
        double value = arg.orElse(0);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + ": argument must be a finite number");
        }
        if (kind == Kind.SENSOR_INTERMITTENT && !(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(what + ": failure rate " + value + " outside 0..1");
        }
        if (kind == Kind.SENSOR_SLOW && !(value > 0 && value <= 3600)) {
            throw new IllegalArgumentException(what + ": delay " + value + " s outside 0..3600");
        }
        if (kind == Kind.CLOCK_JUMP && value == 0) {
            throw new IllegalArgumentException(what + ": a jump of 0 s is no jump");
        }
    }

    /**
     * Parses {@code KIND:START:END[:ARG]}.
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    public static Fault parse(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split(":", -1);
        if (parts.length < 3 || parts.length > 4) {
            throw new IllegalArgumentException("fault '" + text + "' is not KIND:START:END[:ARG], like sensor-error:600:900"
                    + " (kinds: " + Kind.labels() + ")");
        }
        Kind kind = Kind.of(parts[0].toLowerCase(Locale.ROOT));
        long start = seconds(text, parts[1], "START");
        long end = seconds(text, parts[2], "END");
        OptionalDouble arg = OptionalDouble.empty();
        if (parts.length == 4) {
            try {
                arg = OptionalDouble.of(Double.parseDouble(parts[3]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fault '" + text + "': argument '" + parts[3] + "' is not a number");
            }
        }
        return new Fault(kind, start, end, arg);
    }

    private static long seconds(String text, String value, String name) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault '" + text + "': " + name + " '" + value + "' is not whole seconds");
        }
    }

    public boolean covers(long k) {
        return startS <= k && k < endS;
    }

    public double argument() {
        return arg.orElse(Double.NaN);
    }

    @Override
    public String toString() {
        return kind.label() + ":" + startS + ":" + endS + (arg.isPresent() ? ":" + argText() : "");
    }

    private String argText() {
        double value = arg.getAsDouble();
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
