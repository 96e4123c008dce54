package dev.pifan.cli;

import dev.pifan.hal.sim.BoardProfile;
import dev.pifan.hal.sim.CsvFormatException;
import dev.pifan.hal.sim.LoadTrace;
import dev.pifan.hal.sim.Scenario;
import dev.pifan.hal.sim.Scenarios;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
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

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the sensor noise.")
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
        if ((noiseSigmaC == null) != (seed == null)) {
            throw CliError.usage("--noise and --seed go together: a run must be reproducible");
        }
        List<BoardProfile> boards = boards();
        List<Bench.Case> cases = cases();
        PrintWriter err = spec.commandLine().getErr();
        Bench.Progress progress = quiet ? Bench.Progress.NONE : new ProgressLine(err);
        Map<String, String> sources = new LinkedHashMap<>();
        List<Bench.ScenarioResult> results = Bench.run(boards, cases, profile -> {
            var loaded = config.load(profile.name());
            sources.put(profile.name(), loaded.source());
            return loaded;
        }, targetC, progress);

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(Bench.json(results, targetC, String.join(", ", new java.util.LinkedHashSet<>(sources.values()))));
            return 0;
        }
        boolean first = true;
        for (BoardProfile board : boards) {
            List<Bench.ScenarioResult> ofBoard = results.stream().filter(r -> r.profile().equals(board)).toList();
            if (!first) {
                out.println();
            }
            first = false;
            String title = board.name() + " (pifan: " + sources.get(board.name()) + ", target "
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

    private List<BoardProfile> boards() {
        if (profiles.isEmpty()) {
            return BoardProfile.names().stream().map(BoardProfile::named).toList();
        }
        return profiles.stream().map(Profiles::profile).distinct().toList();
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

    private static Scenario traceScenario(Path file) {
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
