package dev.pifan.hal;

/**
 * A fan drive level, from 0 (off) to 1 (full speed).
 *
 * <p>Built with factory methods, like {@code java.time} types: {@code Duty.ofPercent(40)},
 * {@code Duty.ofPwm(102)}, {@code Duty.ofRatio(0.4)}. Out-of-range values are refused, never
 * clamped silently: a caller that computes 1.3 has a bug that should surface.
 */
public record Duty(double ratio) implements Comparable<Duty> {

    public static final Duty OFF = new Duty(0.0);
    public static final Duty FULL = new Duty(1.0);

    public Duty {
        if (!(ratio >= 0.0 && ratio <= 1.0)) { // also refuses NaN
            throw new IllegalArgumentException("duty ratio " + ratio + " outside 0..1");
        }
    }

    public static Duty ofRatio(double ratio) {
        return new Duty(ratio);
    }

    public static Duty ofPercent(double percent) {
        if (!(percent >= 0.0 && percent <= 100.0)) {
            throw new IllegalArgumentException("duty " + percent + "% outside 0..100%");
        }
        return new Duty(percent / 100.0);
    }

    /** From an 8-bit PWM register value, as hwmon {@code pwm1} and most fan chips use. */
    public static Duty ofPwm(int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("PWM value " + value + " outside 0..255");
        }
        return new Duty(value / 255.0);
    }

    /** Clamps into 0..1: for arithmetic that may overshoot by design (interpolation, slews). */
    public static Duty clamped(double ratio) {
        if (Double.isNaN(ratio)) {
            throw new IllegalArgumentException("duty ratio is NaN");
        }
        return new Duty(Math.max(0.0, Math.min(1.0, ratio)));
    }

    public double percent() {
        return ratio * 100.0;
    }

    /** The nearest 8-bit PWM value (0..255). */
    public int toPwm() {
        return (int) Math.round(ratio * 255.0);
    }

    public boolean isOff() {
        return ratio == 0.0;
    }

    public boolean isFull() {
        return ratio == 1.0;
    }

    public Duty max(Duty other) {
        return ratio >= other.ratio ? this : other;
    }

    /** The lower of the two. */
    public Duty min(Duty other) {
        return ratio <= other.ratio ? this : other;
    }

    @Override
    public int compareTo(Duty other) {
        return Double.compare(ratio, other.ratio);
    }

    @Override
    public String toString() {
        return formatPercent(percent());
    }

    private static String formatPercent(double percent) {
        long whole = Math.round(percent);
        if (Math.abs(percent - whole) < 0.05) {
            return whole + "%";
        }
        return String.format(java.util.Locale.ROOT, "%.1f%%", percent);
    }
}
