package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.config.PifanConfig;
import dev.pifan.hal.sim.BoardProfile;
import dev.pifan.hal.sim.RunFigures;
import dev.pifan.hal.sim.Scenario;
import dev.pifan.hal.sim.Scenarios;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The bench matrix: pifan's defaults against every baseline of thermal-model.md, on every built-in
 * scenario of every profile and on extra traces they were not tuned on. The three criteria are
 * computed from the runs (see {@link Bench}), never compared with stored numbers.
 */
class BenchTest {

    private static List<BoardProfile> profiles() {
        return BoardProfile.names().stream().map(BoardProfile::named).toList();
    }

    private static List<Bench.ScenarioResult> run(List<Scenario> scenarios) {
        List<Bench.Case> cases = scenarios.stream().map(s -> new Bench.Case(s, "--scenario " + s.name())).toList();
        return Bench.run(profiles().stream().map(Bench.Board::of).toList(), cases, PifanConfig::defaults,
                RunFigures.DEFAULT_TARGET_C,
                Bench.Progress.NONE);
    }

    /** Prints the tables and returns the failed criteria, as {@code profile scenario criterion}. */
    private static Set<String> failures(List<Bench.ScenarioResult> results) {
        for (BoardProfile profile : profiles()) {
            System.out.println(profile.name());
            System.out.print(Bench.table(results.stream().filter(r -> r.profile().equals(profile)).toList(), false));
            System.out.println();
        }
        Set<String> failures = new TreeSet<>();
        for (Bench.ScenarioResult r : results) {
            Bench.Verdict v = r.verdict();
            String what = r.profile().name() + " " + r.scenario().name() + " ";
            if (!v.ceiling()) {
                failures.add(what + "ceiling");
            }
            if (!v.quiet()) {
                failures.add(what + "quiet");
            }
            if (!v.steady()) {
                failures.add(what + "steady");
            }
            if (!v.passes()) {
                System.out.println("FAIL " + what + v.detail());
            }
        }
        return failures;
    }

    @Test
    void pifansDefaultsMeetTheCriteriaOnEveryBuiltInScenario() {
        List<Bench.ScenarioResult> results = run(Scenarios.names().stream().map(Scenarios::named).toList());
        assertEquals(3 * 7, results.size());
        assertEquals(Set.of(), failures(results));
    }

    /**
     * Where the defaults fall short on traces they were not tuned on (docs/benchmarks.md, "On traces the defaults were not tuned on"):
     * a loaded Pi 5 or CM4 in a room of 34 C or more (the curve's duty at 65 C is what 33 C
     * needs: the die passes 65 C before the guard catches up), Pi 5 bursts in a 31-33 C room a
     * little louder than the quietest baseline (the curve's steep top), a fan held at its start
     * duty, let down and brought back up as a room warms under part load, a long day on the Pi 5
     * a hair louder than pi5-firmware, and a noisy sensor under steady load on the Pi 5 (no input
     * filter). The need limit took two away (the daily cycles of diurnal-30-5 on the Pi 5 and the
     * CM4 no longer reverse more than their load steps) and brought two (Pi 5 bursts in a 30 C
     * room 0.6 dB over the quietest baseline, a fan the limit left stopped that a warming room then
     * starts; and one reversal more in a room warming 20 -> 35 C under half load on the Pi 5).
     * Of the reported shapes, bursts of 5-15 minutes in a 27 C room on the Pi 5 are 0.14 dB(A)
     * over the quietest baseline (3 dB(A) over before the need limit). Listed exactly, so that any change, better or worse, shows.
     */
    static final Set<String> KNOWN_LIMITS = Set.of(
            "pi4-heatsink ramp-20-36-load70 steady",
            "pi5-active-cooler diurnal ceiling", "pi5-active-cooler diurnal-30-5 ceiling",
            "pi5-active-cooler ramp-36-24-2h ceiling", "pi5-active-cooler ramp-20-35-half steady",
            "pi5-active-cooler bursts-10m-33 quiet", "pi5-active-cooler bursts-3m-31 quiet",
            "pi5-active-cooler bursty-30 quiet", "pi5-active-cooler bursts-5-15m-27 quiet",
            "pi5-active-cooler diurnal-22-8 steady",
            "pi5-active-cooler sustained-25-noisy quiet", "pi5-active-cooler sustained-25-noisy steady",
            "cm4-blade ramp-20-35-half steady", "cm4-blade ramp-36-24-2h ceiling");

    @Test
    void andOnTracesTheyWereNotTunedOnAllButTheKnownLimits() {
        List<Bench.ScenarioResult> results = run(ExtraTraces.all());
        assertEquals(3 * ExtraTraces.all().size(), results.size());
        assertEquals(KNOWN_LIMITS, failures(results));
    }

    @Test
    void loadStepsAreChangesOfLoadBetweenRowsBeforeTheEnd() {
        assertEquals(0.0, Bench.loadStepsPerHour(Scenarios.named("idle-25")));
        assertEquals(1.0, Bench.loadStepsPerHour(Scenarios.named("sustained-25")));
        assertEquals(1.0, Bench.loadStepsPerHour(Scenarios.named("brownout")), "under-voltage is no load step");
        // bursty-ci: 25 rows before 7200 s, 24 of them a change of load, over 2 hours
        assertEquals(12.0, Bench.loadStepsPerHour(Scenarios.named("bursty-ci")));
        // an ambient ramp changes rows every minute but the load once
        Scenario ramp = Scenario.of("ramp", 7200, ExtraTraces.ambientRamp(7200, 20, 40, 1.0));
        assertEquals(0.5, Bench.loadStepsPerHour(ramp));
        // a row at or after the end is not a step inside the run
        assertEquals(0.0, Bench.loadStepsPerHour(Scenarios.named("sustained-25").withDuration(60)));
    }

    @Test
    void theVerdictComparesWithTheBaselinesOfTheSameRun() {
        List<Bench.ScenarioResult> results = Bench.run(
                List.of(Bench.Board.plant(BoardProfile.named("pi5-active-cooler"), "pi4-heatsink", "pi5.yaml")),
                List.of(new Bench.Case(Scenarios.named("rack-33"), "--scenario rack-33")),
                PifanConfig::defaults, 65, Bench.Progress.NONE); // a Pi 4 curve on a Pi 5
        Bench.ScenarioResult r = results.get(0);
        assertEquals(List.of("pifan", "seed-step", "pi5-firmware", "argon", "gpio-fan", "fancontrol-linear"),
                r.runs().stream().map(Bench.Run::controller).toList());
        double quietest = r.baselines().stream().filter(Bench.Run::compliant)
                .mapToDouble(b -> b.figures().leqDba()).min().orElseThrow();
        assertEquals(quietest, r.quietestCompliantBaselineDba());
        Bench.Verdict v = r.verdict();
        assertEquals(r.pifan().figures().leqDba() <= quietest + Bench.TOLERANCE, v.quiet());
        assertTrue(v.steady() == (r.pifan().figures().reversalsPerH() <= 1.0 + Bench.TOLERANCE));
    }
}
