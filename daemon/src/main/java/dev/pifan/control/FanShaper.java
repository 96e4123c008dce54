package dev.pifan.control;

import dev.pifan.hal.Duty;

/**
 * Applies {@link FanLimits} over time: remembers whether the fan is stopped and when a kick ends.
 */
final class FanShaper {

    private final FanLimits limits;
    private final long kickNanos;
    private Duty lastOutput = Duty.OFF;
    private long kickEndsAt;
    private boolean kicking;

    FanShaper(FanLimits limits) {
        this.limits = limits;
        this.kickNanos = limits.kick().toNanos();
    }

    /** Whether the fan was stopped by the last shaped duty, so that a duty now would kick it. */
    boolean isStopped() {
        return lastOutput.isOff();
    }

    /** Whether a non-zero duty now starts the fan with a kick. */
    boolean wouldKick() {
        return lastOutput.isOff() && kickNanos > 0;
    }

    /** The duty to send to the fan for this requested duty at this time and temperature. */
    Duty shape(Duty requested, long nowNanos, double celsius) {
        Duty output;
        boolean keepRunning = !lastOutput.isOff() && limits.stopBelowC() > Double.NEGATIVE_INFINITY
                && celsius >= limits.stopBelowC();
        if (requested.isOff() && !keepRunning) {
            output = Duty.OFF;
            kicking = false;
        } else {
            if (lastOutput.isOff() && kickNanos > 0) {
                kicking = true;
                kickEndsAt = nowNanos + kickNanos;
            } else if (kicking && nowNanos - kickEndsAt >= 0) {
                kicking = false;
            }
            // a running fan above stop-below keeps at least min-duty although the curve says 0
            output = requested.max(kicking ? limits.startDuty() : limits.minDuty());
            if (output.isOff()) {
                kicking = false;
            }
        }
        lastOutput = output;
        return output;
    }

    /** The duty to send to the fan for this requested duty at this time. */
    Duty shape(Duty requested, long nowNanos) {
        return shape(requested, nowNanos, Double.NEGATIVE_INFINITY);
    }

    /** Whether the last shaped duty was raised to kick-start the fan. */
    boolean isKicking() {
        return kicking;
    }

    /** Tells the shaper what actually reached the fan (a safety override bypasses the curve). */
    void overridden(Duty applied) {
        lastOutput = applied;
        kicking = false;
    }
}
