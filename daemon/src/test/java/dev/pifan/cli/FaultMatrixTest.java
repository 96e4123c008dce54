package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.config.PifanConfig;
import dev.pifan.control.Reason;
import dev.pifan.hal.sim.BoardProfile;
import dev.pifan.hal.sim.Fault;
import dev.pifan.hal.sim.Sample;
import dev.pifan.hal.sim.Scenario;
import dev.pifan.hal.sim.Scenarios;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Every fault kind on every profile, through the real control loop on the simulated board: how
 * many ticks until full speed, with which reason, and whether pifan recovers once the fault is
 * over. The table it prints is the one in docs/reliability.md.
 */
class FaultMatrixTest {

    private static final long START = 1200;
    private static final long END = 1500;

    /** A fault to inject, and how many ticks the documented rules allow until full speed (0: none needed). */
    record Case(String fault, long allowedTicks, String why) {
    }

    static final List<Case> CASES = List.of(
            new Case("sensor-error:%d:%d", 3, "sensor-failures (3) reads in a row"),
            new Case("sensor-intermittent:%d:%d:0.5", 12, "half of the last 12 reads (4 x sensor-failures)"),
            // the duty swings after the down-delay (30 s) and the value must stay put 30 s after that: within 2 min
            new Case("sensor-stuck:%d:%d:40", 121, "stuck-after (2 min)"),
            new Case("sensor-garbage:%d:%d", 1, "an implausible value"),
            new Case("sensor-slow:%d:%d:5", 3, "sensor-failures (3) time-outs"),
            new Case("fan-error:%d:%d", 2, "the next tick after a failed write"),
            new Case("fan-stall:%d:%d", 25, "tach at 0 rpm for stall-after (10 s)"),
            new Case("i2c-nack:%d:%d", 2, "the next tick after a failed write"),
            new Case("clock-jump:%d:%d:-3600", 0, "none: the loop's clock is guarded"),
            new Case("clock-jump:%d:%d:3600", 0, "none: the loop's clock is guarded"));

    /** One row of the printed table. */
    record Outcome(String profile, Fault fault, long ticksToFull, Reason reason, long recoveredAfterS, long seconds) {
    }

    @Test
    void everyFaultOnEveryProfileEndsAtFullSpeedInTimeAndRecovers() {
        List<Outcome> outcomes = new ArrayList<>();
        for (String profile : BoardProfile.names()) {
            for (Case c : CASES) {
                outcomes.add(run(profile, c));
            }
        }
        System.out.println(table(outcomes));
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            Case c = CASES.get(i % CASES.size());
            String what = o.profile() + " " + o.fault();
            assertEquals(3600, o.seconds(), what + ": every tick happened");
            boolean detectable = !(o.fault().kind() == Fault.Kind.FAN_STALL && !BoardProfile.named(o.profile()).tach());
            if (c.allowedTicks() > 0 && detectable) {
                assertTrue(o.ticksToFull() >= 1 && o.ticksToFull() <= c.allowedTicks(),
                        what + ": full speed after " + o.ticksToFull() + " ticks, allowed " + c.allowedTicks());
                assertTrue(o.reason().isSafety(), what + ": reason " + o.reason());
            }
            assertTrue(o.recoveredAfterS() >= 0 && o.recoveredAfterS() <= 180,
                    what + ": back on the curve " + o.recoveredAfterS() + " s after the fault ended");
        }
    }

    static Outcome run(String profile, Case c) {
        Fault fault = Fault.parse(String.format(Locale.ROOT, c.fault(), START, END));
        Scenario scenario = Scenarios.named("sustained-25").withFault(fault);
        PifanConfig config = PifanConfig.defaults(profile);
        Simulation.Result result = Simulation.run(BoardProfile.named(profile), scenario,
                ControlFactory.pifanController(config), config.interval(), 65, config.safety().readTimeout());
        List<Sample> samples = result.samples();
        List<Reason> reasons = result.reasons();
        long ticksToFull = -1;
        Reason reason = null;
        for (int s = (int) START; s < END; s++) {
            if (reasons.get(s).isSafety()) {
                ticksToFull = s - START + 1;
                reason = reasons.get(s);
                break;
            }
        }
        long recovered = -1;
        for (int s = (int) END; s < samples.size(); s++) {
            if (!reasons.get(s).isSafety() && reasons.get(s) != Reason.HOLD) {
                recovered = s - END;
                break;
            }
        }
        return new Outcome(profile, fault, ticksToFull, reason, recovered, samples.size());
    }

    static String table(List<Outcome> outcomes) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "| profile | fault (%d-%d s) | ticks to full speed | reason | back on the curve after the fault |%n"
                        + "|---|---|---|---|---|%n", START, END));
        for (Outcome o : outcomes) {
            text.append(String.format(Locale.ROOT, "| %s | `%s` | %s | %s | %s |%n", o.profile(),
                    o.fault().kind().label() + o.fault().arg().stream().mapToObj(a -> ":" + Numbers(a)).findFirst().orElse(""),
                    o.ticksToFull() < 0 ? "-" : String.valueOf(o.ticksToFull()),
                    o.reason() == null ? "-" : o.reason().label(),
                    o.recoveredAfterS() < 0 ? "never" : o.recoveredAfterS() + " s"));
        }
        return text.toString();
    }

    private static String Numbers(double value) {
        return dev.pifan.cli.chart.Numbers.compact(value);
    }
}
