package dev.pifan.hal.sim;

/**
 * The figures of one run, over all its recorded samples, as {@code thermal-model.md} defines
 * them. They are what the control-quality benchmark compares, so each is computed literally.
 *
 * @param peakC the highest true die temperature [°C]
 * @param overTargetS samples with the die above the target
 * @param throttledS samples with {@code freq_ratio < 1} whose second was not under-voltage
 * @param meanDuty mean commanded duty
 * @param leqDba equivalent continuous fan noise, {@code 10 log10(mean(10^(L/10)))} [dB(A)]
 * @param changesPerH duty changes per hour (see {@link Accumulator})
 * @param reversalsPerH changes per hour whose direction differs from the previous change's
 */
public record RunFigures(
        double peakC,
        long overTargetS,
        long throttledS,
        double meanDuty,
        double leqDba,
        double changesPerH,
        double reversalsPerH) {

    /** The design rule of a 65 °C board under sustained load in a 30 °C room. */
    public static final double DEFAULT_TARGET_C = 65.0;
    /** Noise floor [dB(A)]: what a stopped fan contributes. */
    public static final double L_FLOOR_DBA = 0.0;
    /** A duty that differs from the last change by at least this much is a change. */
    public static final double CHANGE_THRESHOLD = 0.02;

    /**
     * The spec's "at least 0.02" is about decimal duties: 0.30 after 0.28 is a change although the
     * doubles differ by 0.019999999999999962. This absorbs that rounding and nothing a controller
     * could do on purpose.
     */
    static final double CHANGE_ROUNDING = 1e-9;

    private static final double SECONDS_PER_HOUR = 3600.0;

    /** The figures with the default 65 °C target. */
    public static RunFigures of(Iterable<Sample> samples, BoardProfile profile) {
        return of(samples, profile, DEFAULT_TARGET_C);
    }

    /** @throws IllegalArgumentException when there are no samples: a run of nothing has no figures */
    public static RunFigures of(Iterable<Sample> samples, BoardProfile profile, double targetC) {
        Accumulator accumulator = new Accumulator(profile, targetC);
        samples.forEach(accumulator::add);
        if (accumulator.samples() == 0) {
            throw new IllegalArgumentException("no samples: a run of nothing has no figures");
        }
        return accumulator.figures();
    }

    /**
     * The duty under which this fan is below the noise floor: where {@code l_max + 50 log10(duty)}
     * reaches {@code L_FLOOR} (the speed follows {@code rpm_max * duty}). 0.44 for a fan of 18 dB(A):
     * a quiet fan run slowly contributes nothing to {@code leq_dba}, which is why such runs read 0.
     */
    public static double silentBelowDuty(BoardProfile profile) {
        return Math.min(1.0, Math.pow(10, (L_FLOOR_DBA - profile.lMaxDba()) / 50));
    }

    /**
     * The fan's noise at this speed: {@code max(L_FLOOR, l_max + 50 log10(rpm / rpm_max))} for rpm >= 1,
     * else {@code L_FLOOR}.
     */
    public static double fanNoiseDba(double rpm, BoardProfile profile) {
        if (!(rpm >= 1)) {
            return L_FLOOR_DBA;
        }
        return Math.max(L_FLOOR_DBA, profile.lMaxDba() + 50 * StrictMath.log10(rpm / profile.rpmMax()));
    }

    /**
     * Builds the figures one sample at a time, so a recorder can listen to a board without keeping
     * the samples. Not thread-safe; a board calls its listener under its lock.
     *
     * <p>Changes chain: the first sample's duty starts the chain and is not a change; each later
     * sample whose duty differs by at least 0.02 from the last duty in the chain is a change and
     * becomes the chain's last duty. A change is a reversal when its sign differs from the previous
     * change's (the first change is not one). Per hour is {@code count * 3600 / samples}.
     */
    public static final class Accumulator implements SampleListener {
        private final BoardProfile profile;
        private final double targetC;

        private long samples;
        private double peakC = Double.NEGATIVE_INFINITY;
        private long overTarget;
        private long throttled;
        private double dutySum;
        private double noiseEnergySum;
        private double chainDuty;
        private int lastChangeSign;
        private long changes;
        private long reversals;

        public Accumulator(BoardProfile profile, double targetC) {
            if (profile == null || !Double.isFinite(targetC)) {
                throw new IllegalArgumentException("figures need a profile and a finite target, got " + targetC);
            }
            this.profile = profile;
            this.targetC = targetC;
        }

        public Accumulator(BoardProfile profile) {
            this(profile, DEFAULT_TARGET_C);
        }

        @Override
        public void onSample(Sample sample) {
            add(sample);
        }

        public void add(Sample sample) {
            samples++;
            peakC = Math.max(peakC, sample.dieC());
            if (sample.dieC() > targetC) {
                overTarget++;
            }
            if (sample.freqRatio() < 1 && !sample.underVoltage()) {
                throttled++;
            }
            dutySum += sample.duty();
            noiseEnergySum += StrictMath.pow(10, fanNoiseDba(sample.rpm(), profile) / 10);
            countChange(sample.duty());
        }

        private void countChange(double duty) {
            if (samples == 1) {
                chainDuty = duty;
                return;
            }
            double step = duty - chainDuty;
            if (Math.abs(step) < CHANGE_THRESHOLD - CHANGE_ROUNDING) {
                return;
            }
            int sign = step > 0 ? 1 : -1;
            changes++;
            if (lastChangeSign != 0 && sign != lastChangeSign) {
                reversals++;
            }
            lastChangeSign = sign;
            chainDuty = duty;
        }

        public long samples() {
            return samples;
        }

        /** @throws IllegalStateException before the first sample */
        public RunFigures figures() {
            if (samples == 0) {
                throw new IllegalStateException("no samples: a run of nothing has no figures");
            }
            return new RunFigures(peakC, overTarget, throttled, dutySum / samples,
                    10 * StrictMath.log10(noiseEnergySum / samples),
                    changes * SECONDS_PER_HOUR / samples, reversals * SECONDS_PER_HOUR / samples);
        }
    }
}
