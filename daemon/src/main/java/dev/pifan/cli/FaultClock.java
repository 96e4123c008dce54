package dev.pifan.cli;

import dev.pifan.hal.MonotonicClock;
import dev.pifan.hal.sim.Fault;
import dev.pifan.hal.sim.Scenario;

/**
 * The clock the control loop reads in a simulation: the board's clock, stepped by the scenario's
 * {@code clock-jump} faults from their start second on, the way an NTP step would move a wall clock.
 */
final class FaultClock implements MonotonicClock {

    private static final long SECOND = 1_000_000_000L;

    private final MonotonicClock base;
    private final long origin;
    private final Scenario scenario;

    FaultClock(MonotonicClock base, Scenario scenario) {
        this.base = base;
        this.origin = base.nanos();
        this.scenario = scenario;
    }

    @Override
    public long nanos() {
        long now = base.nanos();
        long second = (now - origin) / SECOND;
        long jump = 0;
        for (Fault fault : scenario.faults()) {
            if (fault.kind() == Fault.Kind.CLOCK_JUMP && second >= fault.startS()) {
                jump += Math.round(fault.argument() * SECOND);
            }
        }
        return now + jump;
    }
}
