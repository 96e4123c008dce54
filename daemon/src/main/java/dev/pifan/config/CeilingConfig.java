package dev.pifan.config;

import dev.pifan.control.ThermalModel;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The ceiling guard: the temperature the board may reach but should not pass, and how the fan is
 * trimmed there (see {@code dev.pifan.control.CeilingGuard}).
 *
 * @param atC the ceiling; empty when the guard is {@code off}
 * @param risePerSecond duty (0..1) added per second while the reading is at or above the ceiling
 * @param fallPerSecond duty (0..1) removed per second while it is below, after {@code settle}
 * @param settle how long the reading must stay below the ceiling before the duty falls
 * @param releaseC the guard lets go (the curve takes over) this far below the ceiling
 * @param model the board's thermal model (its profile's), with which the curve's rises are held
 *     to what the board needs under the ceiling; empty for none
 */
public record CeilingConfig(OptionalDouble atC, double risePerSecond, double fallPerSecond, Duration settle,
                            double releaseC, Optional<ThermalModel> model) {

    /** Without a thermal model. */
    public CeilingConfig(OptionalDouble atC, double risePerSecond, double fallPerSecond, Duration settle,
                         double releaseC) {
        this(atC, risePerSecond, fallPerSecond, settle, releaseC, Optional.empty());
    }

    /** The same guard, with the curve's rises held by this thermal model. */
    public CeilingConfig withModel(ThermalModel newModel) {
        return new CeilingConfig(atC, risePerSecond, fallPerSecond, settle, releaseC, Optional.of(newModel));
    }

    /** Rates are written per minute (0.2%/min); these bound them, per second. */
    public static final double MAX_RATE_PER_SECOND = 1.0 / 60; // 100%/min
    public static final Duration MAX_SETTLE = Duration.ofHours(1);
    public static final double MIN_RELEASE_C = 0.5;
    public static final double MAX_RELEASE_C = 20.0;

    /** No guard: the curve alone. */
    public static final CeilingConfig OFF =
            new CeilingConfig(OptionalDouble.empty(), 0.0, 0.0, Duration.ZERO, 3.0);

    public CeilingConfig {
        Objects.requireNonNull(atC, "atC");
        Objects.requireNonNull(settle, "settle");
        Objects.requireNonNull(model, "model");
        if (atC.isPresent() && !(atC.getAsDouble() >= CurvePoint.MIN_CELSIUS && atC.getAsDouble() <= CurvePoint.MAX_CELSIUS)) {
            throw new IllegalArgumentException("ceiling " + atC.getAsDouble() + " outside 0..125");
        }
        if (!(risePerSecond >= 0 && risePerSecond <= MAX_RATE_PER_SECOND)
                || !(fallPerSecond >= 0 && fallPerSecond <= MAX_RATE_PER_SECOND)) {
            throw new IllegalArgumentException("ceiling rates " + risePerSecond + ", " + fallPerSecond
                    + " per second outside 0..100%/min");
        }
        if (settle.isNegative() || settle.compareTo(MAX_SETTLE) > 0) {
            throw new IllegalArgumentException("ceiling settle " + settle + " outside 0s..1h");
        }
        if (!(releaseC >= MIN_RELEASE_C && releaseC <= MAX_RELEASE_C)) {
            throw new IllegalArgumentException("ceiling release " + releaseC + " outside 0.5..20");
        }
    }

    public boolean enabled() {
        return atC.isPresent();
    }
}
