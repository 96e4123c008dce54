package dev.pifan.cli;

import dev.pifan.config.PifanConfig;
import dev.pifan.control.QuietHours;
import dev.pifan.control.Reason;
import dev.pifan.hal.Duty;
import dev.pifan.hal.sim.RunFigures;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code pifan bench --quiet-cap DUTY}: what quiet hours save and cost. Every scenario runs twice
 * with pifan, as configured and with quiet hours over the whole run (00:00 to 23:59, simulations
 * starting at 00:00) capped at the duty, and the table sets the noise against the temperature.
 */
final class QuietBench {

    /** The window of the capped runs: all of any scenario shorter than a day. */
    static QuietHours allDay(Duty cap) {
        return new QuietHours(LocalTime.MIDNIGHT, LocalTime.of(23, 59), cap);
    }

    /**
     * One scenario, without and with the cap.
     *
     * @param cappedS seconds the cap held the curve's duty down
     * @param overrides times the ceiling or a safety rule took the fan above the cap
     */
    record Row(String scenario, RunFigures free, RunFigures capped, long cappedS, long overrides) {
    }

    private QuietBench() {
    }

    static List<Row> run(Bench.Board board, List<Bench.Case> cases, PifanConfig config, Duty cap, double targetC,
            Bench.Progress progress, int done, int total) {
        PifanConfig quiet = config.withQuiet(Optional.of(allDay(cap)));
        List<Row> rows = new ArrayList<>();
        for (Bench.Case c : cases) {
            progress.before(done++, total, board.plant().name() + " " + c.scenario().name() + " free");
            Simulation.Result free = run(board, c, config, targetC);
            progress.before(done++, total, board.plant().name() + " " + c.scenario().name() + " capped");
            Simulation.Result capped = run(board, c, quiet, targetC);
            long cappedS = capped.reasons().stream().filter(r -> r == Reason.QUIET).count();
            long overrides = 0;
            boolean overriding = false;
            for (int i = 0; i < capped.reasons().size(); i++) {
                Reason r = capped.reasons().get(i);
                boolean now = (r == Reason.CEILING || r.isSafety()) && capped.samples().get(i).duty() > cap.ratio();
                if (now && !overriding) {
                    overrides++;
                }
                overriding = now;
            }
            rows.add(new Row(c.scenario().name(), free.figures(), capped.figures(), cappedS, overrides));
        }
        return rows;
    }

    private static Simulation.Result run(Bench.Board board, Bench.Case c, PifanConfig config, double targetC) {
        return Simulation.run(board.plant(), c.scenario(),
                ControlFactory.pifanController(config, Simulation.timeOfDay(Simulation.DEFAULT_START)),
                config.interval(), targetC, config.safety().readTimeout());
    }

    /** A line per scenario: noise and peak without and with the cap, and what the cap cost. */
    static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder(
                "  scenario        dBA free  capped    peak free  capped  over_s  capped_s  overrides\n");
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "  %-14s %9.2f %7.2f %12.2f %7.2f %7d %9d %10d%n", r.scenario(),
                    r.free().leqDba(), r.capped().leqDba(), r.free().peakC(), r.capped().peakC(),
                    r.capped().overTargetS(), r.cappedS(), r.overrides()));
        }
        return out.toString();
    }
}
