package dev.pifan.control;

import dev.pifan.hal.Duty;
import java.time.Duration;

/**
 * Calls a sensor stuck when its value has not changed for a while although the fan duty swung by
 * at least {@link SafetyLimits#STUCK_DUTY_SPAN} in that time, and the value stayed put for
 * {@link #AFTER_SWING} after the swing.
 *
 * <p>An unchanged value alone proves nothing: an idle board with a quantised sensor can read the
 * same value for hours. But no real die stays at the very same reading while its fan runs a fifth
 * of its speed faster or slower for half a minute, so the swing is what makes a flat line
 * suspicious. The half minute after it matters: a duty that comes down after a down-delay comes
 * down exactly when the reading has been flat for that long, and the die needs a moment to answer.
 */
final class StuckSensorDetector {

    /** How long the value must stay put after the duty swung before that counts. */
    static final long AFTER_SWING = 30_000_000_000L;

    private final long windowNanos;
    private boolean started;
    private double value;
    private long unchangedSince;
    private double minDuty;
    private double maxDuty;
    private boolean swung;
    private long swungAt;

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
            swung = false;
        }
        if (applied != null) {
            minDuty = Math.min(minDuty, applied.ratio());
            maxDuty = Math.max(maxDuty, applied.ratio());
        }
        if (!swung && maxDuty - minDuty >= SafetyLimits.STUCK_DUTY_SPAN) {
            swung = true;
            swungAt = nowNanos;
        }
        return swung && nowNanos - unchangedSince >= windowNanos && nowNanos - swungAt >= AFTER_SWING;
    }
}
