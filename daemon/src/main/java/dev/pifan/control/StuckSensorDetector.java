package dev.pifan.control;

import dev.pifan.hal.Duty;
import java.time.Duration;

/**
 * Calls a sensor stuck when its value has not changed for a while although the fan duty swung by
 * at least {@link SafetyLimits#STUCK_DUTY_SPAN} in that time.
 *
 * <p>An unchanged value alone proves nothing: an idle board with a quantised sensor can read the
 * same value for hours. But no real die stays at the very same reading while its fan goes from
 * stopped to a third of its speed, so the duty swing is what makes a flat line suspicious.
 */
final class StuckSensorDetector {

    private final long windowNanos;
    private boolean started;
    private double value;
    private long unchangedSince;
    private double minDuty;
    private double maxDuty;

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
            minDuty = Double.POSITIVE_INFINITY;
            maxDuty = Double.NEGATIVE_INFINITY;
        }
        if (applied != null) {
            minDuty = Math.min(minDuty, applied.ratio());
            maxDuty = Math.max(maxDuty, applied.ratio());
        }
        return nowNanos - unchangedSince >= windowNanos && maxDuty - minDuty >= SafetyLimits.STUCK_DUTY_SPAN;
    }
}
