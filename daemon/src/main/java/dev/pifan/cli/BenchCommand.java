package dev.pifan.cli;

import dev.pifan.config.PifanConfig;
import dev.pifan.hal.Duty;
import dev.pifan.hal.sim.BoardProfile;
import dev.pifan.hal.sim.CsvFormatException;
import dev.pifan.hal.sim.LoadTrace;
import dev.pifan.hal.sim.PlantFile;
import dev.pifan.hal.sim.Scenario;
import dev.pifan.hal.sim.Scenarios;
import dev.pifan.telemetry.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pifan bench}: every scenario on every profile with pifan and every baseline of
 * thermal-model.md, one table per profile, and whether pifan meets its criteria.
 */
@Command(name = "bench", sortOptions = false,
        description = "Run every built-in scenario (and any --trace) on every board profile with pifan and "
                + "every baseline controller, and print one table per profile: the figures of thermal-model.md, "
                + "the best value among compliant runs marked, and pifan's criteria (ceiling, quiet, steady).")
final class BenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--profile", paramLabel = "P",
            description = "A board profile (repeatable; default: all of pi4-heatsink, pi5-active-cooler, cm4-blade).")
    List<String> profiles = new ArrayList<>();

    @Option(names = "--plant", paramLabel = "FILE",
            description = "Bench this plant file (the thermal model's constants as YAML) instead of the profiles' own "
                    + "physics, with the config defaults of the one --profile (repeatable).")
    List<Path> plants = new ArrayList<>();

    @Option(names = "--perturb", paramLabel = "N",
            description = "Run every scenario on N plants drawn around each board (see docs/benchmarks.md) and print "
                    + "pifan's pass rate and worst margin per criterion (needs --seed).")
    Integer perturb;

    @Option(names = "--plants-out", paramLabel = "DIR",
            description = "With --perturb: write each drawn plant as DIR/NAME.yaml, to rerun any run with simulate --plant.")
    Path plantsOut;

    @Option(names = "--quiet-cap", paramLabel = "DUTY", converter = UnitConverters.DutyConverter.class,
            description = "Run pifan on every scenario as configured and with quiet hours over the whole run capped "
                    + "at DUTY (40%%), and print what the cap saves in noise and costs in temperature.")
    Duty quietCap;

    @Option(names = "--tray",
            description = "Compare one shared tray fan (an assumed 92 mm fan, docs/tray.md) with a fan per board, on "
                    + "trays of 4 and 8 boards of each profile on the same load (default scenarios: sustained-25, "
                    + "rack-33, bursty-ci); exit status 1 when a tray leaves a board above its ceiling.")
    boolean tray;

    @Option(names = "--scenario", paramLabel = "NAME",
            description = "A built-in scenario (repeatable; default: all of them, unless only --trace is given).")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--trace", paramLabel = "FILE",
            description = "Also run a load trace CSV (time_s,load,ambient_c) until its last row's time (repeatable).")
    List<Path> traces = new ArrayList<>();

    @Mixin
    ConfigOption config = new ConfigOption();

    @Option(names = "--target", paramLabel = "C", defaultValue = "65", converter = UnitConverters.Celsius.class,
            description = "Target temperature for over_target_s: 65 or 65C (default: ${DEFAULT-VALUE}).")
    double targetC;

    @Option(names = "--noise", paramLabel = "SIGMA", description = "Gaussian sensor noise on every scenario, sigma in C (needs --seed).")
    Double noiseSigmaC;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the sensor noise, or of the plants --perturb draws.")
    Long seed;

    @Option(names = "--markdown", description = "Print the tables as Markdown (for docs/benchmarks.md).")
    boolean markdown;

    @Option(names = "--json", description = "Print every figure as one JSON object, with the command that replays each run.")
    boolean json;

    @Option(names = "--quiet", description = "No progress line on standard error.")
    boolean quiet;

    @Override
    public Integer call() {
        if (markdown && json) {
            throw CliError.usage("--markdown and --json exclude each other");
        }
        if (perturb != null && seed == null) {
            throw CliError.usage("--perturb needs --seed: a run must be reproducible");
        }
        if (perturb == null && (noiseSigmaC == null) != (seed == null)) {
            throw CliError.usage("--noise and --seed go together: a run must be reproducible");
        }
        if (perturb != null && (perturb < 1 || perturb > MAX_PERTURB)) {
            throw CliError.usage("--perturb " + perturb + ": expected 1.." + MAX_PERTURB + " plants per board");
        }
        if (perturb != null && (markdown || noiseSigmaC != null)) {
            throw CliError.usage("--perturb prints pass rates as text or --json, with its own sensor noise: "
                    + (markdown ? "drop --markdown" : "drop --noise"));
        }
        if (plantsOut != null && perturb == null) {
            throw CliError.usage("--plants-out writes the plants --perturb draws: give --perturb");
        }
        if (tray) {
            return tray();
        }
        List<Bench.Board> boards = boards();
        List<Bench.Case> cases = cases();
        PrintWriter err = spec.commandLine().getErr();
        Bench.Progress progress = quiet ? Bench.Progress.NONE : new ProgressLine(err);
        Map<String, String> sources = new LinkedHashMap<>();
        Function<String, PifanConfig> configFor = profile -> {
            var loaded = config.load(profile);
            sources.put(profile, loaded.source());
            return loaded;
        };
        if (perturb != null && quietCap != null) {
            throw CliError.usage("--perturb and --quiet-cap are separate benches: give one");
        }
        if (perturb != null) {
            return perturbed(boards, cases, configFor, progress);
        }
        if (quietCap != null) {
            return quietHours(boards, cases, configFor, progress);
        }
        List<Bench.ScenarioResult> results = Bench.run(boards, cases, configFor, targetC, progress);

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(Bench.json(results, targetC, String.join(", ", new java.util.LinkedHashSet<>(sources.values()))));
            return 0;
        }
        boolean first = true;
        for (Bench.Board board : boards) {
            List<Bench.ScenarioResult> ofBoard = results.stream().filter(r -> r.board().equals(board)).toList();
            if (!first) {
                out.println();
            }
            first = false;
            String title = board.plant().name() + " (pifan: " + sources.get(board.defaults()) + ", target "
                    + dev.pifan.cli.chart.Numbers.compact(targetC) + " C)";
            out.println(markdown ? "#### " + title : title);
            if (markdown) {
                out.println();
            }
            out.print(Bench.table(ofBoard, markdown));
        }
        long failing = results.stream().filter(r -> !r.verdict().passes()).count();
        out.println();
        out.printf(Locale.ROOT, "%s%d of %d scenario runs meet all three criteria (ceiling, quiet, steady)%s%n",
                markdown ? "" : "", results.size() - failing, results.size(),
                markdown ? "." : ""); // the text tables' key says what * marks
        return 0;
    }

    /**
     * {@code --tray}: a table per profile of one tray fan against a fan per board. Exit status 1
     * when a tray leaves any board above the target or throttled.
     */
    private int tray() {
        var matched = spec.commandLine().getParseResult();
        for (String option : List.of("--plant", "--perturb", "--plants-out", "--quiet-cap", "--trace", "--config",
                "--noise", "--seed", "--json")) {
            if (matched.hasMatchedOption(option)) {
                throw CliError.usage(option + " does not go with --tray: it benches the profiles' defaults on built-in "
                        + "scenarios, as text or --markdown");
            }
        }
        List<BoardProfile> chosen = (profiles.isEmpty() ? BoardProfile.names() : profiles).stream()
                .map(Profiles::profile).distinct().toList();
        List<Bench.Case> cases = new ArrayList<>();
        for (String name : scenarios.isEmpty() ? TrayBench.SCENARIOS : scenarios) {
            try {
                cases.add(new Bench.Case(Scenarios.named(name), "--scenario " + name.strip()));
            } catch (IllegalArgumentException e) {
                throw CliError.usage(e.getMessage());
            }
        }
        Bench.Progress progress = quiet ? Bench.Progress.NONE : new ProgressLine(spec.commandLine().getErr());
        var fan = dev.pifan.hal.sim.TrayFan.ASSUMED_92MM;
        List<TrayBench.Row> rows = TrayBench.run(chosen, cases, fan, targetC, progress);
        PrintWriter out = spec.commandLine().getOut();
        out.print(TrayBench.heading(fan, targetC));
        if (!markdown) {
            out.print(TrayBench.TEXT_KEY);
        }
        for (BoardProfile profile : chosen) {
            out.println();
            out.println(markdown ? "#### " + profile.name() + "\n" : profile.name());
            out.print(TrayBench.table(rows.stream().filter(r -> r.profile().equals(profile)).toList(), markdown));
        }
        long cool = rows.stream().filter(r -> r.comparison().ceilingOnEveryBoard()).count();
        out.println();
        out.printf(Locale.ROOT, "%d of %d trays keep every board under the ceiling (0 s over, 0 s throttled)%s%n",
                cool, rows.size(), markdown ? "." : "");
        return cool == rows.size() ? 0 : 1;
    }

    /** The most plants --perturb draws per board: 1000 is some 40 minutes of runs per profile. */
    static final int MAX_PERTURB = 1000;

    /** The fraction of perturbed runs each criterion must pass for the exit status 0 (docs/benchmarks.md). */
    static final double PERTURBED_PASS_RATE = 0.95;

    private List<Bench.Board> boards() {
        if (!plants.isEmpty()) {
            if (profiles.size() != 1) {
                throw CliError.usage("--plant takes its config defaults from one --profile: give exactly one");
            }
            String defaults = Profiles.require(profiles.get(0));
            return plants.stream().map(f -> Bench.Board.plant(Profiles.plant(f), defaults, f.toString())).toList();
        }
        List<BoardProfile> chosen = profiles.isEmpty()
                ? BoardProfile.names().stream().map(BoardProfile::named).toList()
                : profiles.stream().map(Profiles::profile).distinct().toList();
        return chosen.stream().map(Bench.Board::of).toList();
    }

    /**
     * {@code --perturb}: the cases on {@code perturb} plants drawn around each board, pifan and the
     * baselines on each, summed up per board. Exit status 1 when a criterion passes on fewer than
     * {@link #PERTURBED_PASS_RATE} of a board's runs.
     */
    private int perturbed(List<Bench.Board> boards, List<Bench.Case> cases,
            Function<String, PifanConfig> configFor, Bench.Progress progress) {
        int total = boards.size() * perturb * cases.size() * Bench.runsPerCase();
        int done = 0;
        List<Robustness> summaries = new ArrayList<>();
        for (Bench.Board base : boards) {
            var config = configFor.apply(base.defaults());
            List<Bench.ScenarioResult> results = new ArrayList<>();
            for (Perturbation.Draw draw : Perturbation.around(base.plant(), perturb, seed)) {
                String file = writeDrawn(base, draw, cases);
                List<Bench.Case> noisy = cases.stream().map(c -> new Bench.Case(
                        c.scenario().withNoise(draw.sensorNoiseC(), draw.noiseSeed()), c.source())).toList();
                results.addAll(Bench.run(Bench.Board.plant(draw.plant(), base.defaults(), file), noisy, config, targetC,
                        progress, done, total));
                done += cases.size() * Bench.runsPerCase();
            }
            summaries.add(Robustness.of(base.plant().name(), perturb, results));
        }
        progress.before(total, total, "");
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            var writer = Json.writer().beginObject().name("perturb").value(perturb)
                    .name("seed").value(seed).name("target_c").value(targetC)
                    .name("pass_rate_goal").value(PERTURBED_PASS_RATE).name("boards").beginArray();
            summaries.forEach(r -> r.json(writer));
            out.print(writer.endArray().endObject() + "\n");
        } else {
            for (Robustness r : summaries) {
                out.print(r.text(cases.size()));
            }
            out.printf(Locale.ROOT, "%nGoal: every criterion on at least %.0f%% of each board's runs: %s%n",
                    100 * PERTURBED_PASS_RATE, summaries.stream().allMatch(r -> r.meets(PERTURBED_PASS_RATE))
                            ? "met" : "NOT met");
        }
        return summaries.stream().allMatch(r -> r.meets(PERTURBED_PASS_RATE)) ? 0 : 1;
    }

    /** {@code --quiet-cap}: pifan with and without quiet hours over every run, a table per board. */
    private int quietHours(List<Bench.Board> boards, List<Bench.Case> cases, Function<String, PifanConfig> configFor,
            Bench.Progress progress) {
        if (markdown || json) {
            throw CliError.usage("--quiet-cap prints a text table: drop --markdown and --json");
        }
        int total = boards.size() * cases.size() * 2;
        int done = 0;
        PrintWriter out = spec.commandLine().getOut();
        for (Bench.Board board : boards) {
            PifanConfig config = configFor.apply(board.defaults());
            if (quietCap.compareTo(config.fan().minDuty()) < 0) {
                throw CliError.usage("--quiet-cap " + quietCap + " is below " + board.defaults() + "'s fan.min-duty "
                        + config.fan().minDuty() + ": a running fan cannot go that slow");
            }
            List<QuietBench.Row> rows = QuietBench.run(board, cases, config, quietCap, targetC, progress, done, total);
            done += cases.size() * 2;
            out.printf(Locale.ROOT, "%s: pifan free and with quiet hours capped at %s over the whole run%n",
                    board.plant().name(), quietCap);
            out.print(QuietBench.table(rows));
        }
        progress.before(total, total, "");
        return 0;
    }

    /** Writes a drawn plant under --plants-out and returns how a replay names it. */
    private String writeDrawn(Bench.Board base, Perturbation.Draw draw, List<Bench.Case> cases) {
        String name = draw.plant().name() + ".yaml";
        if (plantsOut == null) {
            return name;
        }
        Path file = plantsOut.resolve(name);
        String heading = String.format(Locale.ROOT, """
                %s: drawn around %s by pifan bench --perturb %d --seed %d (draw %d).
                Its sensor noise: sigma %s C, seed %d. Rerun a scenario of it with
                  pifan simulate --profile %s --plant %s --noise %s --seed %d %s""",
                draw.plant().name(), base.plant().name(), perturb, seed, draw.index(),
                FiguresJson.number(draw.sensorNoiseC()), draw.noiseSeed(), base.defaults(), file,
                FiguresJson.number(draw.sensorNoiseC()), draw.noiseSeed(), cases.get(0).source());
        try {
            Files.createDirectories(plantsOut);
        } catch (IOException e) {
            throw CliError.badContent("cannot create --plants-out " + plantsOut + ": " + Output.describe(e));
        }
        Output.write(file, PlantFile.write(draw.plant(), heading));
        return file.toString();
    }

    private List<Bench.Case> cases() {
        List<Bench.Case> cases = new ArrayList<>();
        List<String> names = !scenarios.isEmpty() ? scenarios : traces.isEmpty() ? Scenarios.names() : List.of();
        for (String name : names) {
            try {
                cases.add(new Bench.Case(Scenarios.named(name), "--scenario " + name.strip()));
            } catch (IllegalArgumentException e) {
                throw CliError.usage(e.getMessage());
            }
        }
        for (Path trace : traces) {
            cases.add(new Bench.Case(traceScenario(trace), "--trace " + trace));
        }
        if (noiseSigmaC != null) {
            try {
                cases = cases.stream()
                        .map(c -> new Bench.Case(c.scenario().withNoise(noiseSigmaC, seed), c.source()))
                        .toList();
            } catch (IllegalArgumentException e) {
                throw CliError.usage(e.getMessage());
            }
        }
        return cases;
    }

    static Scenario traceScenario(Path file) {
        LoadTrace trace;
        try {
            trace = LoadTrace.parse(file);
        } catch (CsvFormatException e) {
            throw CliError.badContent(e.getMessage());
        } catch (IOException e) {
            throw CliError.badContent("cannot read trace " + file + ": " + Output.describe(e));
        }
        long lastRowS = trace.rows().get(trace.rows().size() - 1).timeS();
        if (lastRowS <= 0) {
            throw CliError.usage("trace " + file + " has only a row at 0 s: it needs a last row that ends it");
        }
        return Scenario.of(file.getFileName().toString(), lastRowS, trace);
    }

    /** One line on standard error, rewritten in place: {@code bench: 37/126 pi5-active-cooler august-30 argon}. */
    private static final class ProgressLine implements Bench.Progress {
        private final PrintWriter err;
        private int lastLength;

        ProgressLine(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void before(int done, int total, String what) {
            String line = what.isEmpty()
                    ? String.format(Locale.ROOT, "bench: %d runs done", total)
                    : String.format(Locale.ROOT, "bench: %d/%d %s", done + 1, total, what);
            err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
            if (what.isEmpty()) {
                err.println();
            }
            err.flush();
        }
    }
}
