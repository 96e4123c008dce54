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

    /** The duty to send to the fan for this requested duty at this time. */
    Duty shape(Duty requested, long nowNanos) {
        Duty output;
        if (requested.isOff()) {
            output = Duty.OFF;
            kicking = false;
        } else {
            if (lastOutput.isOff() && kickNanos > 0) {
                kicking = true;
                kickEndsAt = nowNanos + kickNanos;
            } else if (kicking && nowNanos - kickEndsAt >= 0) {
                kicking = false;
            }
            output = requested.max(kicking ? limits.startDuty() : limits.minDuty());
        }
        lastOutput = output;
        return output;
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
