package dev.pifan.config;

import dev.pifan.hal.Duty;
import java.util.Objects;

/** One point of the fan curve: at {@code celsius} the fan runs at {@code duty}. */
public record CurvePoint(double celsius, Duty duty) {

    /** Sanity bounds for any temperature in the config: no SoC runs outside them. */
    public static final double MIN_CELSIUS = 0.0;
    public static final double MAX_CELSIUS = 125.0;

    public CurvePoint {
        Objects.requireNonNull(duty, "duty");
        if (!(celsius >= MIN_CELSIUS && celsius <= MAX_CELSIUS)) { // also refuses NaN
            throw new IllegalArgumentException("curve point temperature " + celsius + " outside 0..125");
        }
    }

    public static CurvePoint of(double celsius, double dutyPercent) {
        return new CurvePoint(celsius, Duty.ofPercent(dutyPercent));
    }
}
