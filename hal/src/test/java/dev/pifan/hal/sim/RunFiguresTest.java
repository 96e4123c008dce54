package dev.pifan.hal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunFiguresTest {

    private static final BoardProfile PI5 = BoardProfile.PI5_ACTIVE_COOLER;

    private static Sample sample(long t, double duty, double dieC, double rpm, double freqRatio, boolean underVoltage) {
        return new Sample(t, 1.0, 25, dieC, dieC, duty, rpm, freqRatio, underVoltage ? 0x50005 : 0, underVoltage);
    }

    private static List<Sample> withDuties(double... duties) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < duties.length; i++) {
            samples.add(sample(i + 1, duties[i], 50, 0, 1, false));
        }
        return samples;
    }

    @Test
    void changesChainFromTheFirstSampleAndReversalsFlipDirection() {
        // 0.5 starts the chain; 0.52 (+), 0.40 (-, reversal), 0.60 (+, reversal), 0.30 (-, reversal)
        RunFigures figures = RunFigures.of(withDuties(0.5, 0.5, 0.51, 0.52, 0.53, 0.40, 0.41, 0.60, 0.60, 0.30), PI5);
        assertEquals(4 * 3600.0 / 10, figures.changesPerH(), 1e-9);
        assertEquals(3 * 3600.0 / 10, figures.reversalsPerH(), 1e-9);
    }

    @Test
    void changesAreMeasuredFromTheLastChangeNotTheLastSample() {
        // creeping by 0.015 a second: 0.03 is a change (0.03 from 0), 0.045 is not (0.015 from 0.03)
        RunFigures figures = RunFigures.of(withDuties(0, 0.015, 0.03, 0.045), PI5);
        assertEquals(1 * 3600.0 / 4, figures.changesPerH(), 1e-9);
        assertEquals(0, figures.reversalsPerH());
    }

    @Test
    void sameDirectionChangesAreNotReversals() {
        RunFigures figures = RunFigures.of(withDuties(0, 0.3, 0.5, 1.0, 1.0), PI5);
        assertEquals(3 * 3600.0 / 5, figures.changesPerH(), 1e-9);
        assertEquals(0, figures.reversalsPerH());
    }

    @Test
    void aDecimalStepOfExactlyTwoPercentCounts() {
        // 0.30 - 0.28 is 0.019999999999999962 in doubles; the spec means the decimal 0.02
        assertEquals(3600.0 / 2, RunFigures.of(withDuties(0.28, 0.30), PI5).changesPerH(), 1e-9);
        assertEquals(0, RunFigures.of(withDuties(0.28, 0.2999), PI5).changesPerH());
    }

    @Test
    void aSingleSampleHasNoChanges() {
        RunFigures figures = RunFigures.of(withDuties(0.7), PI5);
        assertEquals(0, figures.changesPerH());
        assertEquals(0.7, figures.meanDuty(), 1e-15);
    }

    @Test
    void peakOverTargetAndMeanDuty() {
        List<Sample> samples = List.of(
                sample(1, 0.2, 60, 0, 1, false),
                sample(2, 0.4, 65, 0, 1, false),
                sample(3, 0.6, 65.01, 0, 1, false),
                sample(4, 1.0, 70, 0, 1, false));
        RunFigures figures = RunFigures.of(samples, PI5);
        assertEquals(70, figures.peakC());
        assertEquals(2, figures.overTargetS(), "65.0 is not above 65");
        assertEquals(0.55, figures.meanDuty(), 1e-12);
        assertEquals(3, RunFigures.of(samples, PI5, 60).overTargetS());
    }

    @Test
    void throttledSecondsExcludeUnderVoltageWindows() {
        List<Sample> samples = List.of(
                sample(1, 0, 70, 0, 1, false),
                sample(2, 0, 80, 0, 1000.0 / 1500, false),
                sample(3, 0, 70, 0, 1000.0 / 1500, true),
                sample(4, 0, 86, 0, 600.0 / 1500, true),
                sample(5, 0, 81, 0, 0.5, false));
        assertEquals(2, RunFigures.of(samples, PI5).throttledS());
    }

    @Test
    void equivalentNoiseLevel() {
        // L: 38 at rpm_max; 0 for a stopped fan; 38 + 50 log10(0.1) = -12, floored to 0; rpm < 1 is 0
        List<Sample> samples = List.of(
                sample(1, 1, 50, 8500, 1, false),
                sample(2, 0, 50, 0, 1, false),
                sample(3, 0.1, 50, 850, 1, false),
                sample(4, 0, 50, 0.5, 1, false));
        assertEquals(31.981464527075314, RunFigures.of(samples, PI5).leqDba(), 1e-9);

        // 8500 / sqrt(10) rpm: 38 - 25 = 13 dB(A)
        List<Sample> twoLevels = List.of(sample(1, 1, 50, 8500, 1, false),
                sample(2, 0.3, 50, 8500 / Math.sqrt(10), 1, false));
        assertEquals(35.00341197168702, RunFigures.of(twoLevels, PI5).leqDba(), 1e-9);

        assertEquals(0, RunFigures.of(withDuties(0, 0, 0), PI5).leqDba(), 1e-12, "silence is the floor");
        assertEquals(13, RunFigures.fanNoiseDba(8500 / Math.sqrt(10), PI5), 1e-9);
        assertEquals(0, RunFigures.fanNoiseDba(0.99, PI5));
    }

    @Test
    void theAccumulatorIsTheSameComputation() {
        List<Sample> samples = Driver.run(PI5, Scenarios.named("brownout"), Driver.seedStepWithKick());
        RunFigures.Accumulator accumulator = new RunFigures.Accumulator(PI5);
        samples.forEach(accumulator::onSample);
        assertEquals(RunFigures.of(samples, PI5), accumulator.figures());
        assertEquals(3600, accumulator.samples());
    }

    @Test
    void noSamplesNoFigures() {
        assertThrows(IllegalArgumentException.class, () -> RunFigures.of(List.of(), PI5));
        assertThrows(IllegalStateException.class, () -> new RunFigures.Accumulator(PI5).figures());
    }
}
