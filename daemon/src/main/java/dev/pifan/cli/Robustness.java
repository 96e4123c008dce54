package dev.pifan.cli;

import dev.pifan.hal.sim.RunFigures;
import dev.pifan.telemetry.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * pifan's three criteria over the perturbed runs of one profile ({@code pifan bench --perturb}):
 * how many runs pass each, and the worst margin of each, as pifan's figure minus the bound it is
 * held to (so below 0 is room to spare, above 0 a failure):
 * <ul>
 *   <li>ceiling: seconds above the target plus seconds throttled, where a baseline on the same
 *       plant kept each at 0 (the bound is 0 s);</li>
 *   <li>quiet: {@code leq_dba} minus the quietest compliant baseline's, where one is compliant;</li>
 *   <li>steady: reversals an hour minus the trace's load steps an hour.</li>
 * </ul>
 * A criterion with no bound in a run (no baseline compliant, none cool) passes it vacuously and
 * gives it no margin.
 *
 * @param profile the profile the plants were drawn around
 * @param plants how many were drawn
 * @param runs plants times scenarios
 * @param failures each failing run: its plant, scenario and what failed
 */
record Robustness(String profile, int plants, int runs, List<Criterion> criteria, List<String> failures) {

    /** One criterion over all runs; {@code worstRun} names the draw and scenario, empty with no margin. */
    record Criterion(String name, int passed, double worstMargin, String unit, String worstRun) {

        double rate(int runs) {
            return runs == 0 ? 1 : (double) passed / runs;
        }
    }

    /** The margin of a criterion in one run, or NaN when the run sets no bound for it. */
    private record Measure(String name, String unit, Function<Bench.ScenarioResult, Boolean> passes,
            Function<Bench.ScenarioResult, Double> margin) {
    }

    private static final List<Measure> MEASURES = List.of(
            new Measure("ceiling", "s", r -> r.verdict().ceiling(), Robustness::ceilingMargin),
            new Measure("quiet", "dB(A)", r -> r.verdict().quiet(),
                    r -> r.pifan().figures().leqDba() - r.quietestCompliantBaselineDba()),
            new Measure("steady", "/h", r -> r.verdict().steady(),
                    r -> r.pifan().figures().reversalsPerH() - r.loadStepsPerH()));

    static Robustness of(String profile, int plants, List<Bench.ScenarioResult> results) {
        List<Criterion> criteria = new ArrayList<>();
        for (Measure measure : MEASURES) {
            int passed = 0;
            double worst = Double.NaN;
            String where = "";
            for (Bench.ScenarioResult result : results) {
                if (measure.passes().apply(result)) {
                    passed++;
                }
                double margin = measure.margin().apply(result);
                if (!Double.isNaN(margin) && (Double.isNaN(worst) || margin > worst)) {
                    worst = margin;
                    where = result.profile().name() + " " + result.scenario().name();
                }
            }
            criteria.add(new Criterion(measure.name(), passed, worst, measure.unit(), where));
        }
        List<String> failures = results.stream().filter(r -> !r.verdict().passes())
                .map(r -> r.profile().name() + " " + r.scenario().name() + ": " + r.verdict().detail()).toList();
        return new Robustness(profile, plants, results.size(), criteria, failures);
    }

    /** Seconds lost where a baseline kept them: over the target if one stayed under, throttled if one did not throttle. */
    private static double ceilingMargin(Bench.ScenarioResult result) {
        RunFigures p = result.pifan().figures();
        boolean anyCool = result.baselines().stream().anyMatch(b -> b.figures().overTargetS() == 0);
        boolean anyUnthrottled = result.baselines().stream().anyMatch(b -> b.figures().throttledS() == 0);
        if (!anyCool && !anyUnthrottled) {
            return Double.NaN;
        }
        return (anyCool ? p.overTargetS() : 0) + (anyUnthrottled ? p.throttledS() : 0);
    }

    /** Whether every criterion passes on at least {@code rate} of the runs. */
    boolean meets(double rate) {
        return criteria.stream().allMatch(c -> c.rate(runs) >= rate);
    }

    /** For a terminal: a heading line, then a line per criterion. */
    String text(int scenarios) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%s: %d plants x %d scenarios = %d runs, each against the baselines on the same plant%n",
                profile, plants, scenarios, runs));
        out.append("  criterion  passed         worst margin   where\n");
        for (Criterion c : criteria) {
            String margin = Double.isNaN(c.worstMargin()) ? "-"
                    : String.format(Locale.ROOT, "%+.2f %s", c.worstMargin(), c.unit());
            out.append(String.format(Locale.ROOT, "  %-9s  %4d/%-4d %5.1f%%  %-13s  %s", c.name(), c.passed(), runs,
                    100 * c.rate(runs), margin, c.worstRun().isEmpty() ? "-" : c.worstRun())).append('\n');
        }
        return out.toString();
    }

    void json(Json.Writer json) {
        json.beginObject().name("profile").value(profile).name("plants").value(plants).name("runs").value(runs)
                .name("criteria").beginObject();
        for (Criterion c : criteria) {
            json.name(c.name()).beginObject()
                    .name("passed").value(c.passed())
                    .name("rate").value(c.rate(runs))
                    .name("worst_margin").value(c.worstMargin())
                    .name("unit").value(c.unit())
                    .name("worst_run").value(c.worstRun())
                    .endObject();
        }
        json.endObject().name("failures").beginArray();
        failures.forEach(json::value);
        json.endArray().endObject();
    }
}
