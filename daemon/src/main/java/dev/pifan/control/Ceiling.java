package dev.pifan.control;

import java.time.Duration;
import java.util.Locale;

/**
 * The settings of the ceiling guard ({@link CeilingGuard}): the temperature the board may reach
 * but should not pass, and how the guard trims the fan there.
 *
 * @param atC the ceiling: a reading at or above it hands the duty from the curve to the guard
 * @param risePerSecond duty (0..1) added per second while the reading is at or above the ceiling
 * @param fallPerSecond duty (0..1) removed per second while it is below, after {@code settle}
 * @param settle how long the reading must stay below the ceiling before the duty falls
 * @param releaseC the guard lets go when the reading drops this far below the ceiling
 */
public record Ceiling(double atC, double risePerSecond, double fallPerSecond, Duration settle, double releaseC) {

    public Ceiling {
        if (!Double.isFinite(atC) || !(risePerSecond >= 0 && risePerSecond <= 1)
                || !(fallPerSecond >= 0 && fallPerSecond <= 1) || !(releaseC > 0) || Double.isInfinite(releaseC)
                || settle == null || settle.isNegative()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "ceiling %s C, rise %s/s, fall %s/s, settle %s, release %s C is not a valid guard",
                    atC, risePerSecond, fallPerSecond, settle, releaseC));
        }
    }
}
