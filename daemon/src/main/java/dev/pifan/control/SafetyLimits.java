package dev.pifan.control;

import java.time.Duration;

/**
 * The thresholds of the safety rules.
 *
 * @param criticalC at or above this temperature the fan runs at full speed
 * @param sensorFailures consecutive failed reads after which the fan runs at full speed
 * @param stuckAfter a sensor whose value has not changed for this long, while the fan duty moved
 *     by at least {@link #STUCK_DUTY_SPAN}, is called stuck; zero disables the rule
 * @param stallAfter a tachometer below 100 rpm for this long while the fan is driven at or above its
 *     start duty means a stalled fan; zero disables the rule
 */
public record SafetyLimits(double criticalC, int sensorFailures, Duration stuckAfter, Duration stallAfter) {

    /** Below this, a SoC temperature reading is not believed (a Pi does not run in a freezer). */
    public static final double PLAUSIBLE_MIN_C = -20.0;
    /** Above this, a SoC temperature reading is not believed (the silicon would be dead). */
    public static final double PLAUSIBLE_MAX_C = 125.0;
    /**
     * How far the duty must have moved for an unchanged reading to be suspicious. With a steady
     * reading the curve holds a steady duty (a kick is held, the ceiling guard trims by fractions
     * of a point a minute), while a fan 20 points faster or slower moves a real die by more than a
     * sensor step within a minute or two, even from a stop. Not more: pifan's quiet defaults run
     * the fan at 13-45% under load, and a sensor stuck low must still be caught when the curve
     * answers it by stopping the fan.
     */
    public static final double STUCK_DUTY_SPAN = 0.2;

    public SafetyLimits {
        if (!(criticalC > PLAUSIBLE_MIN_C && criticalC < PLAUSIBLE_MAX_C)) {
            throw new IllegalArgumentException("critical temperature " + criticalC + " C is not plausible");
        }
        if (sensorFailures < 1) {
            throw new IllegalArgumentException("sensor failures " + sensorFailures + " must be at least 1");
        }
        if (stuckAfter.isNegative() || stallAfter.isNegative()) {
            throw new IllegalArgumentException("stuck and stall times must not be negative");
        }
    }

    public static boolean isPlausible(double celsius) {
        return celsius >= PLAUSIBLE_MIN_C && celsius <= PLAUSIBLE_MAX_C;
    }
}
