package dev.pifan.control;

import dev.pifan.hal.Duty;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Calls a sensor stuck when its value has not changed for a while although the fan duty swung by
 * at least {@link SafetyLimits#STUCK_DUTY_SPAN} in that time, within {@link #SWING_WITHIN}, and the
 * value stayed put for {@link #AFTER_SWING} after the swing.
 *
 * <p>An unchanged value alone proves nothing: an idle board with a quantised sensor can read the
 * same value for hours. But no real die stays at the very same reading while its fan runs a fifth
 * of its speed faster or slower for half a minute, so the swing is what makes a flat line
 * suspicious. The half minute after it matters: a duty that comes down after a down-delay comes
 * down exactly when the reading has been flat for that long, and the die needs a moment to answer.
 * And the swing must be a swing, not a drift: a duty trimmed down by 20 points over half an hour
 * while the room cools is what a flat reading should look like.
 */
final class StuckSensorDetector {

    /** How long the value must stay put after the duty swung before that counts. */
    static final long AFTER_SWING = 30_000_000_000L;
    /**
     * The swing must happen within this long: a few times the heatsink's time constant, so that a
     * duty drifting with the room does not add up to a swing.
     */
    static final long SWING_WITHIN = 600_000_000_000L;
    /**
     * The duty set in answer to a new value is where the swing starts from, not part of it: a fan
     * the curve stops as an idle board cools past a point, or kicks as it warms past one, leaves
     * the die creeping through the same half degree for minutes.
     */
    static final long REACTION = 5_000_000_000L;
    /** Duties closer than this to the last one kept are not kept: the swing is 20 points. */
    private static final double RESOLUTION = 0.005;

    /** A duty applied from {@code nanos} on. */
    private record Step(long nanos, double ratio) {
    }

    private final long windowNanos;
    private final ArrayDeque<Step> steps = new ArrayDeque<>();
    private boolean started;
    private double value;
    private long unchangedSince;

    StuckSensorDetector(Duration window) {
        this.windowNanos = window.toNanos();
    }

    /**
     * Feeds one reading and the duty applied before it (null before the first decision: at start
     * nobody knows what the fan did, and a guess would count as a swing); answers whether the
     * sensor looks stuck.
     */
    boolean isStuck(double celsius, Duty applied, long nowNanos) {
        if (windowNanos == 0) {
            return false;
        }
        if (!started || Double.compare(celsius, value) != 0) {
            started = true;
            value = celsius;
            unchangedSince = nowNanos;
            steps.clear();
        }
        if (applied != null) {
            if (nowNanos - unchangedSince < REACTION) {
                steps.clear(); // the controller's answer to the new value is no swing against it
            }
            if (steps.isEmpty() || Math.abs(applied.ratio() - steps.peekLast().ratio()) >= RESOLUTION) {
                steps.addLast(new Step(nowNanos, applied.ratio()));
            }
        }
        long swingFrom = nowNanos - AFTER_SWING - SWING_WITHIN;
        long swingTo = nowNanos - AFTER_SWING;
        while (steps.size() > 1 && secondNanos() <= swingFrom) {
            steps.removeFirst(); // the second one was already in force when the window opens
        }
        if (nowNanos - unchangedSince < windowNanos) {
            return false;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Step step : steps) {
            if (step.nanos() > swingTo) {
                break;
            }
            min = Math.min(min, step.ratio());
            max = Math.max(max, step.ratio());
        }
        return max - min >= SafetyLimits.STUCK_DUTY_SPAN;
    }

    private long secondNanos() {
        var it = steps.iterator();
        it.next();
        return it.next().nanos();
    }
}
