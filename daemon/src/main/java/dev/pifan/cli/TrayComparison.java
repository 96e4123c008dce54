package dev.pifan.cli;

import dev.pifan.hal.sim.RunFigures;
import dev.pifan.hal.sim.Scenario;
import dev.pifan.hal.sim.TrayFan;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A tray's run against the same boards on the same loads with a fan each, and the three criteria
 * per board (docs/tray.md, "Simulation"), judged as {@code pifan bench} judges pifan with the
 * board's own fan in the baselines' place:
 * <ul>
 *   <li><b>ceiling</b>: 0 s above the target and 0 s throttled wherever the board with its own fan manages it;</li>
 *   <li><b>quiet</b>: the one tray fan no louder than the fans of all boards together, where those
 *       keep every board's ceiling;</li>
 *   <li><b>steady</b>: the shared fan's reversals per hour no more than the tray's load steps per
 *       hour (the seconds at which any board's load steps: each may move the one fan).</li>
 * </ul>
 *
 * @param ownFans each board's figures with its own fan, in the tray's order
 * @param ownFansDba the noise of those fans together ({@link TrayFan#combinedDba})
 * @param loadStepsPerH the tray's load steps per hour
 */
record TrayComparison(TraySimulation.Result tray, List<RunFigures> ownFans, double ownFansDba, double loadStepsPerH,
                      List<Bench.Verdict> verdicts) {

    /** How a verdict names the reference a tray board is judged against. */
    static final String REFERENCE = "its own fan";

    /**
     * @param ownRuns where the own-fan runs are kept between trays: identical boards on the same
     *     load run identically (deterministic plant and rules), so a bench runs each once
     */
    static TrayComparison of(TraySimulation.Result tray, LocalTime start, Map<List<Object>, RunFigures> ownRuns) {
        List<RunFigures> own = new ArrayList<>();
        for (TraySetup.Board b : tray.setup().boards()) {
            own.add(ownRuns.computeIfAbsent(List.of(b.own(), b.scenario(), b.ownConfig()), key -> Simulation.run(
                    b.own(), b.scenario(), ControlFactory.pifanController(b.ownConfig(), Simulation.timeOfDay(start)),
                    b.ownConfig().interval(), tray.targetC(), b.ownConfig().safety().readTimeout()).figures()));
        }
        double ownDba = TrayFan.combinedDba(own.stream().map(RunFigures::leqDba).toList());
        double steps = loadStepsPerHour(tray.setup().boards().stream().map(TraySetup.Board::scenario).toList());
        List<Bench.Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < own.size(); i++) {
            RunFigures o = own.get(i);
            // what the alternative gives this board: its own fan's temperatures, and the noise of all the fans
            RunFigures alternative = new RunFigures(o.peakC(), o.overTargetS(), o.throttledS(), o.meanDuty(), ownDba,
                    o.changesPerH(), o.reversalsPerH());
            verdicts.add(Bench.verdict(tray.boards().get(i).figures(), List.of(new Bench.Run("own fans", alternative)),
                    steps, REFERENCE));
        }
        return new TrayComparison(tray, List.copyOf(own), ownDba, steps, List.copyOf(verdicts));
    }

    /** The tray's load steps per hour: seconds at which any board's load steps, over the longest load. */
    static double loadStepsPerHour(List<Scenario> loads) {
        SortedSet<Long> steps = new TreeSet<>();
        long duration = 0;
        for (Scenario s : loads) {
            steps.addAll(Bench.loadSteps(s));
            duration = Math.max(duration, s.durationS());
        }
        return steps.size() * 3600.0 / duration;
    }

    /** The one fan's noise: every board hears the same fan, so any board's {@code leq_dba}. */
    double trayFanDba() {
        return tray.boards().get(0).figures().leqDba();
    }

    /** Whether every board spent 0 s above the target and 0 s throttled under the tray fan. */
    boolean ceilingOnEveryBoard() {
        return tray.boards().stream().allMatch(b -> meetsCeiling(b.figures()));
    }

    /** Whether every board spent 0 s above the target and 0 s throttled with its own fan. */
    boolean ownFansCeilingOnEveryBoard() {
        return ownFans.stream().allMatch(TrayComparison::meetsCeiling);
    }

    static boolean meetsCeiling(RunFigures f) {
        return f.overTargetS() == 0 && f.throttledS() == 0;
    }

    /** The tray's verdict: a criterion passes when it passes on every board. */
    Bench.Verdict verdict() {
        return new Bench.Verdict(verdicts.stream().allMatch(Bench.Verdict::ceiling),
                verdicts.stream().allMatch(Bench.Verdict::quiet), verdicts.stream().allMatch(Bench.Verdict::steady),
                String.join("; ", verdicts.stream().map(Bench.Verdict::detail).filter(d -> !d.isEmpty())
                        .distinct().toList()));
    }
}
