package dev.pifan.control;

import dev.pifan.hal.Duty;
import java.time.Duration;

/**
 * What the fan itself needs: a duty too low to keep it turning is raised to {@code minDuty}, and a
 * stopped fan is started with {@code startDuty} held for {@code kick}. A running fan is not
 * stopped while the temperature is at or above {@code stopBelowC}: it keeps {@code minDuty}
 * instead, so a board that needs less than the least a fan can do does not switch it on and off
 * every few minutes ({@link Double#NEGATIVE_INFINITY}: the curve alone decides when it stops).
 */
public record FanLimits(Duty minDuty, Duty startDuty, Duration kick, double stopBelowC) {

    public FanLimits {
        if (minDuty.compareTo(startDuty) > 0) {
            throw new IllegalArgumentException("min duty " + minDuty + " is above start duty " + startDuty);
        }
        if (kick.isNegative()) {
            throw new IllegalArgumentException("kick time " + kick + " is negative");
        }
        if (Double.isNaN(stopBelowC) || stopBelowC == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("stop-below " + stopBelowC + " C is not a temperature");
        }
    }

    /** Limits where the curve alone decides when a running fan stops. */
    public FanLimits(Duty minDuty, Duty startDuty, Duration kick) {
        this(minDuty, startDuty, kick, Double.NEGATIVE_INFINITY);
    }

    public static FanLimits none() {
        return new FanLimits(Duty.OFF, Duty.OFF, Duration.ZERO);
    }
}
