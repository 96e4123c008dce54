package dev.pifan.hal.sim;

import dev.pifan.hal.ThrottleCondition;

/**
 * The reference thermal plant of {@code thermal-model.md} (plant spec v1), as an immutable state
 * with pure step functions: a fast die node over a slow heatsink node, a fan with stiction and
 * lag, and the firmware's DVFS throttling.
 *
 * <p>One simulated second k is: {@link SecondInputs} (step 1), {@link #firmware} (step 2), {@link
 * #sensorCelsius} (step 3), the controller (step 4, not here), {@link #advance} (step 5). This is
 * a benchmark standard: every formula is the spec's, in the spec's order, and nothing is tuned.
 * {@link StrictMath} makes the results bit-for-bit identical on every JVM.
 *
 * @param profile the board's constants
 * @param dieC true die temperature [°C]
 * @param sinkC heatsink temperature [°C]
 * @param level DVFS level index, 0 (full clock) to 3
 * @param fanRunning whether the fan turns (its stiction state, independent of a stall)
 * @param rpm fan speed
 * @param nowFlags the firmware's "now" bits of the current second (low half-word)
 * @param stickyFlags the "occurred" bits (high half-word); never cleared
 */
public record Plant(
        BoardProfile profile,
        double dieC,
        double sinkC,
        int level,
        boolean fanRunning,
        double rpm,
        int nowFlags,
        int stickyFlags) {

    /** Integration step [s]. */
    public static final double DT_S = 0.1;
    /** Euler steps per simulated second. */
    public static final int STEPS_PER_SECOND = 10;
    /** Fan speed lag [s]. */
    public static final double TAU_FAN_S = 2.0;
    /** Sensor quantum [°C]. */
    public static final double SENSOR_QUANTUM_C = 0.5;

    /** Firmware: at or above, the clock goes straight to the lowest level. */
    public static final double HARD_LIMIT_C = 85.0;
    /** Firmware: at or above, one level down per second. */
    public static final double SOFT_LIMIT_C = 80.0;
    /** Firmware: below, one level back up per second. */
    public static final double RECOVER_BELOW_C = 78.0;

    private static final double[] PHI = {1.0, 1000.0 / 1500.0, 750.0 / 1500.0, 600.0 / 1500.0};
    private static final int MAX_LEVEL = PHI.length - 1;

    private static final int UNDER_VOLTAGE = ThrottleCondition.UNDER_VOLTAGE.nowBit(); // 0x1
    private static final int FREQUENCY_CAPPED = ThrottleCondition.ARM_FREQUENCY_CAPPED.nowBit(); // 0x2
    private static final int THROTTLED = ThrottleCondition.THROTTLED.nowBit(); // 0x4

    public Plant {
        if (profile == null) {
            throw new IllegalArgumentException("a plant needs a board profile");
        }
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("DVFS level " + level + " outside 0.." + MAX_LEVEL);
        }
        if (!Double.isFinite(dieC) || !Double.isFinite(sinkC) || !Double.isFinite(rpm)) {
            throw new IllegalArgumentException("plant state must be finite: die " + dieC + ", sink " + sinkC
                    + ", rpm " + rpm);
        }
    }

    /** The DVFS frequency ratio of level {@code level}: 1, 2/3, 1/2, 2/5. */
    public static double phi(int level) {
        return PHI[level];
    }

    /**
     * The state at t = 0: steady state for the load and ambient of second 0 with the fan stopped,
     * full clock, no flags.
     */
    public static Plant steadyState(BoardProfile profile, double load, double ambientC) {
        double power = profile.pIdleW() + (profile.pMaxW() - profile.pIdleW()) * load;
        double sinkC = ambientC + power / profile.gPassiveWPerK();
        double dieC = sinkC + power * profile.rDsKPerW();
        return new Plant(profile, dieC, sinkC, 0, false, 0.0, 0, 0);
    }

    /** Step 2: the firmware looks at the true die temperature, picks the DVFS level and sets flags. */
    public Plant firmware(boolean underVoltage) {
        int newLevel = level;
        if (dieC >= HARD_LIMIT_C) {
            newLevel = MAX_LEVEL;
        } else if (dieC >= SOFT_LIMIT_C) {
            newLevel = Math.min(level + 1, MAX_LEVEL);
        } else if (dieC < RECOVER_BELOW_C && level > 0) {
            newLevel = level - 1;
        }
        int now = 0;
        if (underVoltage) {
            now |= UNDER_VOLTAGE | THROTTLED;
        }
        if (newLevel > 0) {
            now |= FREQUENCY_CAPPED;
        }
        if (dieC >= HARD_LIMIT_C) {
            now |= THROTTLED;
        }
        return new Plant(profile, dieC, sinkC, newLevel, fanRunning, rpm, now, stickyFlags | (now << 16));
    }

    /** The flags as {@code get_throttled} reports them: now | sticky. */
    public int reportedFlags() {
        return nowFlags | stickyFlags;
    }

    /** Step 3: what the temperature sensor reads, given this second's noise (0 without noise). */
    public double sensorCelsius(double noiseC) {
        return quantise(dieC + noiseC);
    }

    /** {@code round_half_up(celsius / 0.5) * 0.5}: 54.25 reads 54.5, 54.24 reads 54.0. */
    public static double quantise(double celsius) {
        return Math.floor(celsius / SENSOR_QUANTUM_C + 0.5) * SENSOR_QUANTUM_C;
    }

    /** The clock ratio during step 5: {@code phi[level]}, capped at {@code phi[1]} while under-voltage. */
    public double freqRatio(boolean underVoltage) {
        return underVoltage ? Math.min(PHI[level], PHI[1]) : PHI[level];
    }

    /** The fan speed as a tachometer reports it: the nearest whole rpm. */
    public int tachRpm() {
        return (int) Math.round(rpm);
    }

    /** Step 5: ten Euler steps of {@link #DT_S} with the controller's duty (0..1). */
    public Plant advance(double duty, SecondInputs inputs) {
        if (!(duty >= 0 && duty <= 1)) {
            throw new IllegalArgumentException("duty " + duty + " outside 0..1");
        }
        BoardProfile p = profile;
        double phi = freqRatio(inputs.underVoltage());
        double power = p.pIdleW() + (p.pMaxW() - p.pIdleW()) * inputs.load() * StrictMath.pow(phi, 1.5);
        double die = dieC;
        double sink = sinkC;
        double speed = rpm;
        boolean running = fanRunning;
        for (int step = 0; step < STEPS_PER_SECOND; step++) {
            if (running && duty < p.dStop()) {
                running = false;
            } else if (!running && duty >= p.dStart()) {
                running = true;
            }
            double target = running && !inputs.fanStalled() ? p.rpmMax() * duty : 0.0;
            speed += (target - speed) * DT_S / TAU_FAN_S;
            // P and phi do not change within the second. g sees the speed just updated, as the
            // spec lists the fan update first; using the speed from before the step instead moves
            // die_c by up to 0.01 °C and, through the firmware's thresholds, by much more, so this
            // order is part of the standard (ReferenceReplayTest would catch a change)
            double g = p.gPassiveWPerK() + p.gFanWPerK() * StrictMath.pow(speed / p.rpmMax(), 0.8);
            double q = (die - sink) / p.rDsKPerW();
            // both derivatives from the values before this step; operations in the spec's order
            double newDie = die + DT_S * (power - q) / p.cDieJPerK();
            double newSink = sink + DT_S * (q - g * (sink - inputs.ambientC())) / p.cSinkJPerK();
            die = newDie;
            sink = newSink;
        }
        return new Plant(profile, die, sink, level, running, speed, nowFlags, stickyFlags);
    }
}
