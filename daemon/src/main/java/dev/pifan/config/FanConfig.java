package dev.pifan.config;

import dev.pifan.control.ExitState;
import dev.pifan.hal.Duty;
import dev.pifan.hal.linux.Takeover;
import java.time.Duration;
import java.util.Objects;

/**
 * How the fan is driven: duties between 0 and {@code minDuty} are raised to it (a fan at 10% hums
 * or stalls); from stop it is kicked at {@code startDuty} for {@code kick} ({@link Duration#ZERO}:
 * no kick). {@code takeover} says how a fan the kernel's thermal zone drives is taken from it.
 */
public record FanConfig(Duty minDuty, Duty startDuty, Duration kick, ExitState exit, Takeover takeover) {

    public static final Duration MAX_KICK = Duration.ofSeconds(30);

    public FanConfig {
        Objects.requireNonNull(minDuty, "minDuty");
        Objects.requireNonNull(startDuty, "startDuty");
        Objects.requireNonNull(kick, "kick");
        Objects.requireNonNull(exit, "exit");
        Objects.requireNonNull(takeover, "takeover");
        if (minDuty.compareTo(startDuty) > 0) {
            throw new IllegalArgumentException("min duty " + minDuty + " above start duty " + startDuty);
        }
        if (kick.isNegative() || kick.compareTo(MAX_KICK) > 0) {
            throw new IllegalArgumentException("kick " + kick + " outside 0s..30s");
        }
    }

    /** With the default takeover, {@code auto}. */
    public FanConfig(Duty minDuty, Duty startDuty, Duration kick, ExitState exit) {
        this(minDuty, startDuty, kick, exit, Takeover.AUTO);
    }
}
