package dev.pifan.control;

/**
 * How long the reading took to climb its last half degree: from when it was last below (reading
 * - 0.5 C) to when it first reached the reading. Measured at each upward change of the reading,
 * so it means the same for a sensor in half-degree steps (the Pi 4's: the time spent on the step
 * below) and for a finer one.
 *
 * <p>Remembers the last {@value #CAPACITY} changes of the reading in steps of {@value #STEP_C} C (a
 * finer sensor's every millidegree would crowd them out), in arrays allocated once: it runs on
 * every tick. A climb whose start it no longer remembers (or never saw: just started) counts as a
 * fast one, the side of more fan. Not thread-safe: one control thread calls it.
 */
final class ClimbTimer {

    static final double CLIMB_C = 0.5;
    static final double STEP_C = 0.125;
    private static final int CAPACITY = 64;

    private final double[] values = new double[CAPACITY];
    private final long[] since = new long[CAPACITY];
    private int newest = -1;
    private int count;
    private boolean rising;
    private long lastClimbNanos;

    /** One reading; only a change of value is remembered. */
    void record(double reading, long nanos) {
        double celsius = Math.floor(reading / STEP_C) * STEP_C;
        if (count > 0 && values[newest] == celsius) {
            return;
        }
        rising = count > 0 && celsius > values[newest];
        if (rising) {
            lastClimbNanos = climbNanos(celsius, nanos);
        }
        newest = (newest + 1) % CAPACITY;
        values[newest] = celsius;
        since[newest] = nanos;
        count = Math.min(count + 1, CAPACITY);
    }

    /** True when the reading's last change was upwards. */
    boolean rising() {
        return rising;
    }

    /** True when the reading's last change was upwards and its last half degree took at least {@code seconds}. */
    boolean creptUp(double seconds) {
        return rising && lastClimbNanos >= seconds * 1e9;
    }

    private long climbNanos(double celsius, long nanos) {
        long climbStart = nanos; // a jump of more than half a degree at once took no time
        for (int i = 0; i < count; i++) {
            int index = Math.floorMod(newest - i, CAPACITY);
            if (values[index] < celsius - CLIMB_C) {
                return nanos - climbStart;
            }
            climbStart = since[index];
        }
        return 0;
    }
}
