package dev.pifan.cli;

import dev.pifan.config.PifanConfig;
import dev.pifan.control.Baselines;
import dev.pifan.control.Controller;
import dev.pifan.hal.sim.BoardProfile;
import dev.pifan.hal.sim.LoadTrace;
import dev.pifan.hal.sim.RunFigures;
import dev.pifan.hal.sim.Scenario;
import dev.pifan.telemetry.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The control-quality benchmark: every scenario on a board profile with pifan and every baseline
 * of thermal-model.md, and whether pifan meets the three criteria against those baselines.
 *
 * <p>The criteria, for one scenario (computed from the runs, never from stored numbers):
 * <ul>
 *   <li><b>ceiling</b>: pifan spends 0 s above the target wherever any baseline does, and 0 s
 *       throttled wherever any baseline does;</li>
 *   <li><b>quiet</b>: pifan's {@code leq_dba} is no higher than that of the quietest baseline
 *       that is <em>compliant</em> (0 s above the target and 0 s throttled); vacuous when none is;</li>
 *   <li><b>steady</b>: pifan's {@code reversals_per_h} is no higher than the trace's load steps
 *       per hour (see {@link #loadStepsPerHour}).</li>
 * </ul>
 */
final class Bench {

    /** The controller names of one scenario's rows, pifan first. */
    static List<String> controllers() {
        List<String> names = new ArrayList<>();
        names.add("pifan");
        names.addAll(Baselines.names());
        return names;
    }

    /**
     * A board to bench: its physics, the profile whose config defaults pifan runs with, and how
     * {@code pifan simulate} is told both.
     */
    record Board(BoardProfile plant, String defaults, String args) {

        /** A built-in profile: its own physics and defaults. */
        static Board of(BoardProfile profile) {
            return new Board(profile, profile.name(), "--profile " + profile.name());
        }

        /** Another plant (a file, a drawn one) with the defaults of {@code profile}. */
        static Board plant(BoardProfile plant, String profile, String file) {
            return new Board(plant, profile, "--profile " + profile + " --plant " + file);
        }
    }

    /** One controller's run of one scenario. */
    record Run(String controller, RunFigures figures) {

        /** 0 s above the target and 0 s throttled: the runs the quiet criterion compares with. */
        boolean compliant() {
            return figures.overTargetS() == 0 && figures.throttledS() == 0;
        }
    }

    /** What pifan achieved against the baselines on one scenario. */
    record Verdict(boolean ceiling, boolean quiet, boolean steady, String detail) {

        boolean passes() {
            return ceiling && quiet && steady;
        }
    }

    /**
     * Every run of one scenario on one profile.
     *
     * @param source how a reader reruns it with {@code pifan simulate}: {@code --scenario NAME} or {@code --trace FILE}
     */
    record ScenarioResult(Board board, Scenario scenario, String source, double loadStepsPerH, List<Run> runs) {

        ScenarioResult {
            runs = List.copyOf(runs);
        }

        /** The physics it ran on. */
        BoardProfile profile() {
            return board.plant();
        }

        Run pifan() {
            return runs.get(0);
        }

        List<Run> baselines() {
            return runs.subList(1, runs.size());
        }

        /** The quietest compliant baseline's leq, NaN when no baseline is compliant. */
        double quietestCompliantBaselineDba() {
            return baselines().stream().filter(Run::compliant)
                    .mapToDouble(r -> r.figures().leqDba()).min().orElse(Double.NaN);
        }

        Verdict verdict() {
            return Bench.verdict(pifan().figures(), baselines(), loadStepsPerH, "a baseline");
        }
    }

    /**
     * The three criteria for the run {@code judged} against the {@code references} it competes with
     * (the baselines; for a tray board, the same board with its own fan).
     *
     * @param reference how a message names a reference ({@code a baseline})
     */
    static Verdict verdict(RunFigures p, List<Run> references, double loadStepsPerH, String reference) {
        List<String> problems = new ArrayList<>();
        boolean anyCool = references.stream().anyMatch(r -> r.figures().overTargetS() == 0);
        boolean anyUnthrottled = references.stream().anyMatch(r -> r.figures().throttledS() == 0);
        boolean ceiling = true;
        if (anyCool && p.overTargetS() > 0) {
            ceiling = false;
            problems.add(p.overTargetS() + " s above the target where " + reference + " spends 0 s");
        }
        if (anyUnthrottled && p.throttledS() > 0) {
            ceiling = false;
            problems.add(p.throttledS() + " s throttled where " + reference + " spends 0 s");
        }
        double quietest = references.stream().filter(Run::compliant)
                .mapToDouble(r -> r.figures().leqDba()).min().orElse(Double.NaN);
        boolean quiet = Double.isNaN(quietest) || p.leqDba() <= quietest + TOLERANCE;
        if (!quiet) {
            problems.add(String.format(Locale.ROOT, "leq %.2f dB(A) above the quietest compliant %s's %.2f",
                    p.leqDba(), reference.replaceFirst("^an? ", ""), quietest));
        }
        boolean steady = p.reversalsPerH() <= loadStepsPerH + TOLERANCE;
        if (!steady) {
            problems.add(String.format(Locale.ROOT, "%.2f reversals/h for %.2f load steps/h",
                    p.reversalsPerH(), loadStepsPerH));
        }
        return new Verdict(ceiling, quiet, steady, String.join("; ", problems));
    }

    /** Comparisons of doubles that are equal on paper (a ratio of counts, a log of equal sums). */
    static final double TOLERANCE = 1e-9;

    private Bench() {
    }

    /**
     * The trace's load steps per hour over the scenario's duration: the number of rows whose load
     * differs from the previous row's, among the rows that start before the scenario ends, times
     * 3600 over the duration in seconds. Ambient changes, under-voltage windows and faults are not
     * load steps: a controller should ride them out without hunting.
     */
    static double loadStepsPerHour(Scenario scenario) {
        return loadSteps(scenario).size() * 3600.0 / scenario.durationS();
    }

    /** The seconds at which the trace's load steps, before the scenario ends (see {@link #loadStepsPerHour}). */
    static java.util.SortedSet<Long> loadSteps(Scenario scenario) {
        List<LoadTrace.Row> rows = scenario.trace().rows();
        java.util.SortedSet<Long> steps = new java.util.TreeSet<>();
        for (int i = 1; i < rows.size() && rows.get(i).timeS() < scenario.durationS(); i++) {
            if (Double.compare(rows.get(i).load(), rows.get(i - 1).load()) != 0) {
                steps.add(rows.get(i).timeS());
            }
        }
        return steps;
    }

    /** Progress of a bench: called before each run with (runs done, runs in all, what runs next). */
    @FunctionalInterface
    interface Progress {
        void before(int done, int total, String what);

        Progress NONE = (done, total, what) -> { };
    }

    /** What to benchmark: each scenario with how a reader names it to {@code pifan simulate}. */
    record Case(Scenario scenario, String source) {
    }

    /** Runs per board and case: pifan and each baseline. */
    static int runsPerCase() {
        return controllers().size();
    }

    /**
     * Runs every case on every board with pifan (with the config of the board's defaults, from
     * {@code configFor}) and every baseline, in that order.
     */
    static List<ScenarioResult> run(List<Board> boards, List<Case> cases, Function<String, PifanConfig> configFor,
            double targetC, Progress progress) {
        List<ScenarioResult> results = new ArrayList<>();
        int total = boards.size() * cases.size() * runsPerCase();
        for (Board board : boards) {
            results.addAll(run(board, cases, configFor.apply(board.defaults()), targetC, progress, results.size()
                    * runsPerCase(), total));
        }
        progress.before(total, total, "");
        return results;
    }

    /** Every case on one board; progress counts from {@code done} of {@code total}. */
    static List<ScenarioResult> run(Board board, List<Case> cases, PifanConfig config, double targetC,
            Progress progress, int done, int total) {
        List<String> names = controllers();
        BoardProfile profile = board.plant();
        List<ScenarioResult> results = new ArrayList<>();
        for (Case c : cases) {
            List<Run> runs = new ArrayList<>();
            for (String name : names) {
                progress.before(done++, total, profile.name() + " " + c.scenario().name() + " " + name);
                Controller controller = ControlFactory.controller(name, config,
                        Simulation.timeOfDay(Simulation.DEFAULT_START));
                // the baselines are specified at a 1 s period, pifan runs at its configured interval
                Duration interval = name.equals("pifan") ? config.interval() : Duration.ofSeconds(1);
                Simulation.Result result = Simulation.run(profile, c.scenario(), controller, interval, targetC,
                        config.safety().readTimeout());
                runs.add(new Run(name, result.figures()));
            }
            results.add(new ScenarioResult(board, c.scenario(), c.source(), loadStepsPerHour(c.scenario()), runs));
        }
        return results;
    }

    // ---------------------------------------------------------------- tables

    /** A column of the table: its spec name, how to read it, how to print it. */
    private record Column(String name, ToDoubleFunction<RunFigures> value, String format) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("peak_c", RunFigures::peakC, "%.2f"),
            new Column("over_target_s", f -> f.overTargetS(), "%.0f"),
            new Column("throttled_s", f -> f.throttledS(), "%.0f"),
            new Column("mean_duty", RunFigures::meanDuty, "%.3f"),
            new Column("leq_dba", RunFigures::leqDba, "%.2f"),
            new Column("changes_per_h", RunFigures::changesPerH, "%.1f"),
            new Column("reversals_per_h", RunFigures::reversalsPerH, "%.1f"));

    /**
     * The results of one profile as a table: a row per scenario and controller, the figures of the
     * spec, the best value among compliant runs of each scenario marked ({@code *} in text, bold in
     * Markdown; lower is better in every column), and pifan's verdict.
     */
    static String table(List<ScenarioResult> results, boolean markdown) {
        List<String> header = new ArrayList<>(List.of("scenario", "steps/h", "controller"));
        COLUMNS.forEach(c -> header.add(c.name()));
        header.add("criteria");
        List<List<String>> rows = new ArrayList<>();
        for (ScenarioResult result : results) {
            double[] best = bestCompliant(result);
            for (int i = 0; i < result.runs().size(); i++) {
                Run run = result.runs().get(i);
                List<String> row = new ArrayList<>();
                row.add(i == 0 ? result.scenario().name() : "");
                row.add(i == 0 ? String.format(Locale.ROOT, "%.1f", result.loadStepsPerH()) : "");
                row.add(run.controller());
                for (int c = 0; c < COLUMNS.size(); c++) {
                    Column column = COLUMNS.get(c);
                    double value = column.value().applyAsDouble(run.figures());
                    String text = String.format(Locale.ROOT, column.format(), value);
                    boolean isBest = run.compliant() && !Double.isNaN(best[c])
                            && text.equals(String.format(Locale.ROOT, column.format(), best[c]));
                    row.add(isBest ? (markdown ? "**" + text + "**" : text + "*") : text);
                }
                row.add(i == 0 ? verdictText(result.verdict()) : "");
                rows.add(row);
            }
        }
        return markdown ? markdown(header, rows) : text(header, rows);
    }

    /** The best (lowest) value of each column among the compliant runs of a scenario, NaN if none. */
    private static double[] bestCompliant(ScenarioResult result) {
        double[] best = new double[COLUMNS.size()];
        for (int c = 0; c < COLUMNS.size(); c++) {
            ToDoubleFunction<RunFigures> value = COLUMNS.get(c).value();
            best[c] = result.runs().stream().filter(Run::compliant)
                    .mapToDouble(r -> value.applyAsDouble(r.figures())).min().orElse(Double.NaN);
        }
        return best;
    }

    static String verdictText(Verdict verdict) {
        if (verdict.passes()) {
            return "pass";
        }
        List<String> failed = new ArrayList<>();
        if (!verdict.ceiling()) {
            failed.add("ceiling");
        }
        if (!verdict.quiet()) {
            failed.add("quiet");
        }
        if (!verdict.steady()) {
            failed.add("steady");
        }
        return "FAIL " + String.join("+", failed);
    }

    /** The text table's short names for {@link #COLUMNS}, so that a table fits 80 columns. */
    private static final List<String> SHORT_NAMES = List.of("peak", "over", "thr", "duty", "dBA", "chg/h", "rev/h");
    static final String TEXT_KEY = "peak: peak_c  over: over_target_s  thr: throttled_s  duty: mean_duty\n"
            + "dBA: leq_dba  chg/h: changes_per_h  rev/h: reversals_per_h  *: best compliant\n";

    /**
     * For a terminal of 80 columns: a line per scenario (its load steps an hour and pifan's verdict),
     * then a row per controller with the figures under short names (their key first).
     */
    private static String text(List<String> header, List<List<String>> rows) {
        int values = COLUMNS.size();
        List<String> names = new ArrayList<>(List.of("controller"));
        names.addAll(SHORT_NAMES);
        int[] width = new int[values + 1];
        for (int c = 0; c <= values; c++) {
            width[c] = names.get(c).length();
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], row.get(2 + c).length());
            }
        }
        StringBuilder out = new StringBuilder(TEXT_KEY);
        appendTextRow(out, names, width);
        for (List<String> row : rows) {
            if (!row.get(0).isEmpty()) {
                out.append(row.get(0)).append(", ").append(row.get(1)).append(" load steps/h: ")
                        .append(row.get(row.size() - 1)).append('\n');
            }
            appendTextRow(out, row.subList(2, 3 + values), width);
        }
        return out.toString();
    }

    static void appendTextRow(StringBuilder out, List<String> cells, int[] width) {
        appendTextRow(out, cells, width, c -> c == 0);
    }

    /** A row of a text table, indented by two; the columns {@code leftAligned} accepts are text, the others numbers. */
    static void appendTextRow(StringBuilder out, List<String> cells, int[] width,
            java.util.function.IntPredicate leftAligned) {
        StringBuilder line = new StringBuilder("  ");
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String padded = leftAligned.test(c)
                    ? cell + " ".repeat(width[c] - cell.length())
                    : " ".repeat(width[c] - cell.length()) + cell;
            line.append(c == 0 ? "" : "  ").append(padded);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /** A text table with a row of column names; the columns {@code leftAligned} accepts are text. */
    static String text(List<String> header, List<List<String>> rows, java.util.function.IntPredicate leftAligned) {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendTextRow(out, header, width, leftAligned);
        rows.forEach(row -> appendTextRow(out, row, width, leftAligned));
        return out.toString();
    }

    private static String markdown(List<String> header, List<List<String>> rows) {
        return markdown(header, rows, c -> c == 0 || c == 2 || c == header.size() - 1);
    }

    /** A Markdown table; the columns {@code leftAligned} accepts are text, the others numbers. */
    static String markdown(List<String> header, List<List<String>> rows, java.util.function.IntPredicate leftAligned) {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", header)).append(" |\n");
        out.append("|");
        for (int c = 0; c < header.size(); c++) {
            boolean left = leftAligned.test(c);
            out.append(left ? "---|" : "---:|");
        }
        out.append('\n');
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- JSON

    /**
     * Every result as one JSON object: per profile and scenario the load steps per hour, pifan's
     * verdict, and each controller's figures with the {@code pifan simulate} command line that
     * reproduces them (its {@code --csv} replays through thermal-model.md).
     */
    static String json(List<ScenarioResult> results, double targetC, String configSource) {
        Json.Writer json = Json.writer().beginObject()
                .name("target_c").value(targetC)
                .name("config").value(configSource)
                .name("results").beginArray();
        for (ScenarioResult result : results) {
            Verdict verdict = result.verdict();
            json.beginObject()
                    .name("profile").value(result.board().defaults())
                    .name("plant").value(result.profile().name())
                    .name("scenario").value(result.scenario().name())
                    .name("duration_s").value(result.scenario().durationS())
                    .name("load_steps_per_h").value(result.loadStepsPerH())
                    .name("quietest_compliant_baseline_dba").value(result.quietestCompliantBaselineDba());
            criteria(json, verdict).name("runs").beginArray();
            for (Run run : result.runs()) {
                json.beginObject().name("controller").value(run.controller()).name("compliant").value(run.compliant());
                FiguresJson.fields(json, run.figures())
                        .name("replay").value(replay(result, run.controller(), targetC))
                        .endObject();
            }
            json.endArray().endObject();
        }
        return json.endArray().endObject() + "\n";
    }

    /** Writes {@code "criteria": {ceiling, quiet, steady, detail}} into the object {@code json} has open. */
    static Json.Writer criteria(Json.Writer json, Verdict verdict) {
        return json.name("criteria").beginObject()
                .name("ceiling").value(verdict.ceiling())
                .name("quiet").value(verdict.quiet())
                .name("steady").value(verdict.steady())
                .name("detail").value(verdict.detail())
                .endObject();
    }

    /** The command line that reruns one row and writes its per-second CSV. */
    static String replay(ScenarioResult result, String controller, double targetC) {
        StringBuilder command = new StringBuilder("pifan simulate ").append(result.board().args())
                .append(' ').append(result.source());
        result.scenario().noise().ifPresent(n -> command.append(" --noise ")
                .append(FiguresJson.number(n.sigmaC())).append(" --seed ").append(n.seed()));
        command.append(" --controller ").append(controller);
        if (targetC != RunFigures.DEFAULT_TARGET_C) {
            command.append(" --target ").append(FiguresJson.number(targetC));
        }
        return command.append(" --csv run.csv --json").toString();
    }
}
