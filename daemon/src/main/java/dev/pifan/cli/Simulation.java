package dev.pifan.cli;

import dev.pifan.control.ControlLoop;
import dev.pifan.control.Controller;
import dev.pifan.control.Reason;
import dev.pifan.hal.sim.BoardProfile;
import dev.pifan.hal.sim.RunFigures;
import dev.pifan.hal.sim.Sample;
import dev.pifan.hal.sim.Scenario;
import dev.pifan.hal.sim.SimulatedBoard;
import dev.pifan.hal.sim.SlowReads;
import dev.pifan.hal.MonotonicClock;
import dev.pifan.control.SteadyClock;
import dev.pifan.control.TimeOfDay;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of a controller on the simulated board in simulated time: the real control loop, ticking
 * every {@code interval} of a clock that jumps instead of waiting.
 */
final class Simulation {

    /** Everything a run produced. */
    record Result(BoardProfile profile, Scenario scenario, String controller, List<Sample> samples,
            List<Reason> reasons, RunFigures figures, double targetC) {
    }

    private Simulation() {
    }

    /** The time of day a simulation starts at unless told otherwise: quiet hours from 00:00 apply at once. */
    static final LocalTime DEFAULT_START = LocalTime.MIDNIGHT;

    /** The time of day in a simulation starting at {@code start}: its loop clock counts from 0. */
    static TimeOfDay timeOfDay(LocalTime start) {
        return TimeOfDay.from(start, 0);
    }

    static Result run(BoardProfile profile, Scenario scenario, Controller controller, Duration interval, double targetC,
            Duration readTimeout) {
        ManualClock clock = new ManualClock();
        List<Sample> samples = new ArrayList<>((int) Math.min(scenario.durationS(), 1 << 20));
        SimulatedBoard board = SimulatedBoard.bounded(profile, scenario, clock, samples::add,
                SlowReads.timingOutAfter(readTimeout));
        ControlLoop loop = new ControlLoop(board, controller, loopClock(clock, scenario, interval));
        long intervalNanos = interval.toNanos();
        // the reason in force during each simulated second, for the CSV
        List<Reason> reasons = new ArrayList<>(samples.size());
        Reason reason = Reason.CURVE;
        while (!board.isComplete()) {
            reason = loop.tick().reason();
            long secondsBefore = samples.size();
            clock.advance(intervalNanos);
            board.catchUp();
            for (long s = secondsBefore; s < samples.size(); s++) {
                reasons.add(reason);
            }
        }
        RunFigures figures = RunFigures.of(samples, profile, targetC);
        return new Result(profile, scenario, controller.name(), List.copyOf(samples), List.copyOf(reasons), figures,
                targetC);
    }

    /**
     * The clock the loop reads: the simulation's, with the scenario's clock jumps, behind the same
     * guard the daemon uses, so a jump costs the rules at most a few intervals.
     */
    static MonotonicClock loopClock(MonotonicClock clock, Scenario scenario, Duration interval) {
        return SteadyClock.forInterval(new FaultClock(clock, scenario), interval);
    }
}
