package dev.pifan.cli;

import dev.pifan.hal.sim.BoardProfile;
import dev.pifan.hal.sim.RunFigures;
import dev.pifan.hal.sim.Scenario;
import dev.pifan.hal.sim.TrayFan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code pifan bench --tray}: one tray fan against a fan per board, on trays of 4 and 8 boards of
 * one profile, every board on the same load: the figures to know before buying the fan.
 */
final class TrayBench {

    /** The tray sizes people build: a 1U tray of four, a 2U tray of eight. */
    static final List<Integer> SIZES = List.of(4, 8);

    /** The scenarios a tray is benched on unless told others: steady, hot rack, bursty. */
    static final List<String> SCENARIOS = List.of("sustained-25", "rack-33", "bursty-ci");

    private static final List<String> HEADER = List.of("scenario", "boards", "cooling", "leq_dba", "peak_c",
            "over_target_s", "throttled_s", "mean_duty", "ceiling", "criteria");
    private static final List<String> SHORT_HEADER = List.of("scenario", "n", "cooling", "dBA", "peak", "over",
            "thr", "duty", "ceiling", "criteria");
    static final String TEXT_KEY = "dBA: leq_dba of the fans together  peak, over, thr: the worst board's peak_c,\n"
            + "over_target_s, throttled_s  duty: mean_duty\n"
            + "ceiling: every board 0 s above the target and 0 s throttled\n";

    /** One tray and its comparison. */
    record Row(BoardProfile profile, Scenario scenario, int boards, TrayComparison comparison) {
    }

    private TrayBench() {
    }

    static List<Row> run(List<BoardProfile> profiles, List<Bench.Case> cases, TrayFan fan, double targetC,
            Bench.Progress progress) {
        List<Row> rows = new ArrayList<>();
        int total = profiles.size() * cases.size() * SIZES.size();
        Map<List<Object>, RunFigures> ownRuns = new HashMap<>();
        for (BoardProfile profile : profiles) {
            for (Bench.Case c : cases) {
                for (int n : SIZES) {
                    progress.before(rows.size(), total, profile.name() + " " + c.scenario().name() + " tray of " + n);
                    TraySetup setup = TraySetup.uniform(profile, n, c.scenario(), fan);
                    TraySimulation.Result tray = TraySimulation.run(setup, List.of(), targetC, Simulation.DEFAULT_START);
                    rows.add(new Row(profile, c.scenario(), n, TrayComparison.of(tray, Simulation.DEFAULT_START,
                            ownRuns)));
                }
            }
        }
        progress.before(total, total, "");
        return rows;
    }

    /** The rows of one profile: per scenario and size, the tray fan's row, then the fans' per board. */
    static String table(List<Row> rows, boolean markdown) {
        List<List<String>> cells = new ArrayList<>();
        for (Row row : rows) {
            TrayComparison c = row.comparison();
            List<RunFigures> tray = c.tray().boards().stream().map(TraySimulation.BoardRun::figures).toList();
            cells.add(cells(row.scenario().name(), row.boards(), "1 tray fan", c.trayFanDba(), tray,
                    c.ceilingOnEveryBoard(), Bench.verdictText(c.verdict())));
            cells.add(cells("", row.boards(), row.boards() + " own fans", c.ownFansDba(), c.ownFans(),
                    c.ownFansCeilingOnEveryBoard(), ""));
        }
        java.util.function.IntPredicate text = col -> col == 0 || col == 2 || col >= 8;
        return markdown ? Bench.markdown(HEADER, cells, text) : Bench.text(SHORT_HEADER, cells, text);
    }

    private static List<String> cells(String scenario, int boards, String cooling, double dba, List<RunFigures> runs,
            boolean ceiling, String criteria) {
        RunFigures worst = runs.stream().max(java.util.Comparator.comparingDouble(RunFigures::peakC)).orElseThrow();
        return List.of(scenario, Integer.toString(boards), cooling, String.format(Locale.ROOT, "%.2f", dba),
                String.format(Locale.ROOT, "%.2f", worst.peakC()),
                Long.toString(runs.stream().mapToLong(RunFigures::overTargetS).max().orElseThrow()),
                Long.toString(runs.stream().mapToLong(RunFigures::throttledS).max().orElseThrow()),
                String.format(Locale.ROOT, "%.3f", runs.stream().mapToDouble(RunFigures::meanDuty).average()
                        .orElseThrow()),
                ceiling ? "yes" : "NO", criteria);
    }

    /** What the tables compare, before them: the fan, the defaults, the target. */
    static String heading(TrayFan fan, double targetC) {
        return String.format(Locale.ROOT, "One %s fan (%s rpm, %s CFM, %s dB(A) at full) for a tray, or a%n"
                + "fan per board; pifan with each profile's defaults, target %s C.%n", fan.name(),
                FiguresJson.number(fan.rpmMax()), FiguresJson.number(fan.airflowCfm()), FiguresJson.number(fan.lMaxDba()),
                FiguresJson.number(targetC));
    }
}
