package dev.pifan.cli;

import dev.pifan.hal.sim.BoardProfile;
import dev.pifan.hal.sim.SampleListener;
import dev.pifan.hal.sim.Scenario;
import dev.pifan.hal.sim.SimulatedBoard;
import dev.pifan.hal.sim.SlowReads;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A whole identification: the step test on a board, then the fit of the thermal model to all it
 * recorded with the start and stop duties it measured, and the plant that makes.
 *
 * @param dataSheet the profile whose p_idle, p_max, rpm_max, l_max and tach the plant keeps
 */
record Tuning(BoardProfile dataSheet, StepTest.Result test, ThermalFit.Result fit, BoardProfile plant) {

    /** The room of a simulated tune: the design room of every profile's defaults. */
    static final double SIM_ROOM_C = 25;

    /** Fits what {@code test} recorded. */
    static Tuning of(BoardProfile dataSheet, StepTest.Result test, String plantName) {
        double dStart = test.start().estimate();
        double dStop = Math.min(dStart, test.stop().estimate());
        ModelReplay replay = new ModelReplay(test.recording(), dataSheet, dStart, dStop);
        ThermalFit.Result fit = ThermalFit.fit(replay, test.firstFit().estimate(), 0, ThermalFit.REFIT_STEP);
        return new Tuning(dataSheet, test, fit, fit.estimate().into(dataSheet, plantName, dStart, dStop));
    }

    /**
     * A tune of {@code plant} on the simulated board in simulated time: its clock jumps a second
     * at a time, so hours of test take seconds.
     */
    static Tuning simulated(BoardProfile plant, BoardProfile dataSheet, double ceilingC, Optional<Scenario.Noise> noise,
            TuneProgress progress, String plantName) throws TuneAborted {
        // an open-ended board ignores the duration: the test runs as long as its steps take
        Scenario scenario = Scenario.of("tune", StepTest.FULL_LOAD_S, StepTest.trace(SIM_ROOM_C));
        if (noise.isPresent()) {
            scenario = scenario.withNoise(noise.get().sigmaC(), noise.get().seed());
        }
        ManualClock clock = new ManualClock();
        SimulatedBoard board = SimulatedBoard.openEnded(plant, scenario, clock, SampleListener.ignoring(),
                SlowReads.blocking());
        Scenario inputs = scenario;
        TuneSession.Inputs known = new TuneSession.Inputs() {
            @Override
            public double load(long k) {
                return inputs.inputsAt(k).load();
            }

            @Override
            public double roomC(long k) {
                return inputs.inputsAt(k).ambientC();
            }
        };
        TuneSession.Pace pace = () -> {
            clock.advance(1_000_000_000L);
            board.catchUp();
        };
        BooleanSupplier never = () -> false;
        TuneSession session = new TuneSession(board, pace, known, ceilingC, never);
        return of(dataSheet, StepTest.run(session, dataSheet, true, progress), plantName);
    }
}
