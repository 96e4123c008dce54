package dev.pifan.control;

import dev.pifan.hal.Duty;
import java.time.Duration;

/**
 * What the fan itself needs: a duty too low to keep it turning is raised to {@code minDuty}, and a
 * stopped fan is started with {@code startDuty} held for {@code kick}.
 */
public record FanLimits(Duty minDuty, Duty startDuty, Duration kick) {

    public FanLimits {
        if (minDuty.compareTo(startDuty) > 0) {
            throw new IllegalArgumentException("min duty " + minDuty + " is above start duty " + startDuty);
        }
        if (kick.isNegative()) {
            throw new IllegalArgumentException("kick time " + kick + " is negative");
        }
    }

    public static FanLimits none() {
        return new FanLimits(Duty.OFF, Duty.OFF, Duration.ZERO);
    }
}
