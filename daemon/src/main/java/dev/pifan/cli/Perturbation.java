package dev.pifan.cli;

import dev.pifan.hal.sim.BoardProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Plants drawn around a profile, for {@code pifan bench --perturb}: two boards of one model differ
 * in thermal paste, case, fan wear and airflow, so a controller is judged on boards like the
 * profile, not on the profile alone.
 *
 * <p>Each draw scales the die-to-sink resistance, both heat capacities, both conductances and the
 * fan's start and stop duties by factors uniform in 1 ± {@value #SPREAD} (each its own factor), moves
 * the fan's noise by up to ± {@value #NOISE_DB} dB(A), and gives the sensor Gaussian noise with a
 * sigma uniform in 0..{@value #SENSOR_NOISE_MAX_C} C. Power, fan speed and the tachometer stay: they
 * are the chip's and the fan's data sheet, not the build. A stop duty drawn above the start duty is
 * set to it (the model needs {@code d_stop <= d_start}).
 *
 * <p>The draws of a profile come from its own generator, seeded with the seed and the profile's
 * name, so the same seed gives the same plants whichever other profiles run beside it.
 */
final class Perturbation {

    static final double SPREAD = 0.25;
    static final double NOISE_DB = 3.0;
    static final double SENSOR_NOISE_MAX_C = 0.3;

    /**
     * One plant drawn around a profile.
     *
     * @param index 1-based, in the order drawn
     * @param sensorNoiseC the sigma of the sensor's noise on this board
     * @param noiseSeed the seed of that noise
     */
    record Draw(BoardProfile plant, int index, double sensorNoiseC, long noiseSeed) {
    }

    private Perturbation() {
    }

    /** {@code count} plants around {@code base}, named {@code BASE-drawNN}. */
    static List<Draw> around(BoardProfile base, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + base.name().hashCode());
        List<Draw> draws = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            double dStart = Math.min(1.0, base.dStart() * factor(random));
            double dStop = Math.min(dStart, base.dStop() * factor(random));
            BoardProfile plant = new BoardProfile(String.format(Locale.ROOT, "%s-draw%02d", base.name(), i),
                    base.pIdleW(), base.pMaxW(), base.cDieJPerK() * factor(random), base.rDsKPerW() * factor(random),
                    base.cSinkJPerK() * factor(random), base.gPassiveWPerK() * factor(random),
                    base.gFanWPerK() * factor(random), base.rpmMax(), dStart, dStop,
                    base.lMaxDba() + random.nextDouble(-NOISE_DB, NOISE_DB), base.tach());
            draws.add(new Draw(plant, i, random.nextDouble(0, SENSOR_NOISE_MAX_C), random.nextLong()));
        }
        return draws;
    }

    private static double factor(SplittableRandom random) {
        return random.nextDouble(1 - SPREAD, 1 + SPREAD);
    }
}
