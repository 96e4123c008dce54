package dev.pifan.cli;

import dev.pifan.cli.chart.RunChart;
import dev.pifan.config.PifanConfig;
import dev.pifan.control.Controller;
import dev.pifan.hal.ThrottleCondition;
import dev.pifan.hal.ThrottleFlags;
import dev.pifan.hal.sim.BoardProfile;
import dev.pifan.hal.sim.LoadTrace;
import dev.pifan.hal.sim.RunFigures;
import dev.pifan.hal.sim.Sample;
import dev.pifan.hal.sim.SampleCsv;
import dev.pifan.hal.sim.Scenario;
import dev.pifan.hal.sim.Scenarios;
import dev.pifan.hal.sim.CsvFormatException;
import dev.pifan.hal.sim.Fault;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pifan simulate}: a controller on the reference thermal model, in simulated time. */
@Command(name = "simulate", sortOptions = false,
        description = "Run a controller on the simulated board (thermal-model.md) in simulated time "
                + "and print the run's figures.")
final class SimulateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--profile", paramLabel = "P",
            description = "Board profile: pi4-heatsink, pi5-active-cooler or cm4-blade (required, except with --tray).")
    String profile;

    @Option(names = "--plant", paramLabel = "FILE",
            description = "A plant file (the thermal model's constants as YAML, docs/thermal-model.md) that replaces "
                    + "the profile's physics; the config defaults still come from --profile.")
    Path plant;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--scenario", paramLabel = "NAME",
                description = "A built-in scenario: idle-25, sustained-25, august-30, rack-33, bursty-ci, brownout, fan-stall.")
        String scenario;

        @Option(names = "--trace", paramLabel = "FILE",
                description = "A load trace CSV (time_s,load,ambient_c); it runs until its last row's time.")
        Path trace;

        @Option(names = "--tray", paramLabel = "FILE",
                description = "A tray file (docs/tray.md): its boards, each with its profile and load, under one "
                        + "shared fan; --csv and --svg then write one file per board (run.csv: run-NAME.csv).")
        Path tray;
    }

    @Mixin
    ConfigOption config = new ConfigOption();

    @Option(names = "--controller", paramLabel = "NAME", defaultValue = "pifan",
            description = "pifan (the configured curve, default) or a baseline: seed-step, pi5-firmware, argon, "
                    + "gpio-fan, fancontrol-linear.")
    String controller;

    @Option(names = "--duration", paramLabel = "TIME", converter = UnitConverters.Seconds.class,
            description = "Simulated time: 600, 600s, 15m or 1h (default: the scenario's).")
    Long durationS;

    @Option(names = "--target", paramLabel = "C", defaultValue = "65", converter = UnitConverters.Celsius.class,
            description = "Target temperature for over_target_s: 65 or 65C (default: ${DEFAULT-VALUE}).")
    double targetC;

    @Option(names = "--start-time", paramLabel = "HH:MM", defaultValue = "00:00",
            converter = UnitConverters.TimeOfDayConverter.class,
            description = "The simulated time of day at second 0, for the config's quiet hours (default: ${DEFAULT-VALUE}).")
    LocalTime startTime;

    @Option(names = "--undervolt", paramLabel = "A:B", description = "An under-voltage window, seconds A to B (repeatable).")
    List<String> underVoltage = new ArrayList<>();

    @Option(names = "--fan-stall-at", paramLabel = "S", description = "The fan stalls from second S on.")
    Long fanStallAtS;

    @Option(names = "--fault", paramLabel = "KIND:START:END[:ARG]",
            description = "Inject a fault for seconds START to END (repeatable). KIND: sensor-error, "
                    + "sensor-intermittent (ARG rate 0..1), sensor-stuck (ARG C), sensor-garbage, sensor-slow (ARG s), "
                    + "fan-error, fan-stall, i2c-nack, clock-jump (ARG s, signed). With --tray: "
                    + "KIND:MEMBER:START:END[:ARG], KIND peer-lost, peer-slow (ARG lag s), peer-garbage, "
                    + "or partition:MEMBER,MEMBER...:START:END.")
    List<String> faults = new ArrayList<>();

    @Option(names = "--noise", paramLabel = "SIGMA", description = "Gaussian sensor noise, sigma in C (needs --seed).")
    Double noiseSigmaC;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the sensor noise.")
    Long seed;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the per-second CSV of the run.")
    Path csv;

    @Option(names = "--svg", paramLabel = "FILE", description = "Write a plot of temperature, duty and rpm.")
    Path svg;

    @Option(names = "--json", description = "Print the figures as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        if (source.tray != null) {
            return SimulateTray.run(this);
        }
        if (profile == null) {
            throw CliError.usage("Missing required option: '--profile=P' (or simulate a tray with --tray FILE)");
        }
        String defaults = Profiles.require(profile);
        BoardProfile board = Profiles.physics(profile, plant);
        PifanConfig loaded = config.load(defaults);
        Scenario scenario = scenario().withFaults(loaded.simulation().faults());
        Controller chosen = ControlFactory.controller(controller, loaded, Simulation.timeOfDay(startTime));
        java.time.Duration interval = chosen.name().equals("pifan") ? loaded.interval() : java.time.Duration.ofSeconds(1);

        Simulation.Result result = Simulation.run(board, scenario, chosen, interval, targetC,
                loaded.safety().readTimeout());

        if (csv != null) {
            writeCsv(result);
        }
        if (svg != null) {
            Output.write(svg, RunChart.renderSvg(title(result), series(result), targetC, board.rpmMax()));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? FiguresJson.of(result.figures()) + "\n" : summary(result));
        return 0;
    }

    private Scenario scenario() {
        Scenario scenario;
        if (source.scenario != null) {
            try {
                scenario = Scenarios.named(source.scenario);
            } catch (IllegalArgumentException e) {
                throw CliError.usage(e.getMessage());
            }
        } else {
            LoadTrace trace = readTrace(source.trace);
            // the last row's time ends the trace ("3600,1.0,25" = until 3600 s) unless --duration says otherwise
            long lastRowS = trace.rows().get(trace.rows().size() - 1).timeS();
            long duration = durationS != null ? durationS : lastRowS;
            if (duration <= 0) {
                throw CliError.usage("trace " + source.trace + " has only a row at 0 s: give --duration");
            }
            scenario = Scenario.of(source.trace.getFileName().toString(), duration, trace);
        }
        try {
            if (durationS != null) {
                scenario = scenario.withDuration(durationS);
            }
            for (String window : underVoltage) {
                scenario = scenario.withUnderVoltage(Scenario.Window.parse(window));
            }
            for (String fault : faults) {
                scenario = scenario.withFault(Fault.parse(fault));
            }
            if (fanStallAtS != null) {
                scenario = scenario.withFanStallAt(fanStallAtS);
            }
            if ((noiseSigmaC == null) != (seed == null)) {
                throw CliError.usage("--noise and --seed go together: a run must be reproducible");
            }
            if (noiseSigmaC != null) {
                scenario = scenario.withNoise(noiseSigmaC, seed);
            }
        } catch (IllegalArgumentException e) {
            throw CliError.usage(e.getMessage());
        }
        return scenario;
    }

    private static LoadTrace readTrace(Path file) {
        try {
            return LoadTrace.parse(file);
        } catch (CsvFormatException e) {
            throw CliError.badContent(e.getMessage());
        } catch (IOException e) {
            throw CliError.badContent("cannot read trace " + file + ": " + Output.describe(e));
        }
    }

    /** The spec's CSV with one more column: the control reason in force during each second. */
    private void writeCsv(Simulation.Result result) {
        Output.write(csv, csv(result, "", i -> ""));
    }

    /** The CSV of a run: the spec's columns, the reason in force, then {@code extraHeader}'s, {@code extra(i)} for row i. */
    static String csv(Simulation.Result result, String extraHeader, java.util.function.IntFunction<String> extra) {
        StringBuilder text = new StringBuilder(SampleCsv.HEADER).append(",reason").append(extraHeader).append('\n');
        for (int i = 0; i < result.samples().size(); i++) {
            text.append(SampleCsv.row(result.samples().get(i))).append(',')
                    .append(result.reasons().get(i).label()).append(extra.apply(i)).append('\n');
        }
        return text.toString();
    }

    static String title(Simulation.Result result) {
        return result.controller() + " on " + result.profile().name() + ", scenario " + result.scenario().name();
    }

    static RunChart.Series series(Simulation.Result result) {
        List<Sample> samples = result.samples();
        int n = samples.size();
        double[] t = new double[n];
        double[] die = new double[n];
        double[] duty = new double[n];
        double[] rpm = new double[n];
        boolean[] underVoltage = new boolean[n];
        boolean[] throttling = new boolean[n];
        boolean[] safety = new boolean[n];
        for (int i = 0; i < n; i++) {
            Sample s = samples.get(i);
            t[i] = s.timeS();
            die[i] = s.dieC();
            duty[i] = s.duty();
            rpm[i] = s.rpm();
            underVoltage[i] = s.underVoltage();
            ThrottleFlags flags = ThrottleFlags.of(s.throttled());
            // under-voltage throttles too: for heat only without it (as the throttle rule reads the word)
            throttling[i] = !underVoltage[i] && (flags.isActive(ThrottleCondition.THROTTLED)
                    || flags.isActive(ThrottleCondition.SOFT_TEMPERATURE_LIMIT));
            safety[i] = i < result.reasons().size() && result.reasons().get(i).isSafety();
        }
        return new RunChart.Series(t, die, duty, rpm, underVoltage, throttling, safety);
    }

    private static String summary(Simulation.Result result) {
        RunFigures f = result.figures();
        return String.format(Locale.ROOT, """
                %s on %s, scenario %s, %d s simulated
                  peak temperature     %8.2f C
                  over %4.1f C          %8d s
                  throttled            %8d s
                  mean duty            %8.1f %%
                  noise (Leq)          %8.1f dB(A)
                  duty changes         %8.1f /h
                  direction reversals  %8.1f /h
                """, result.controller(), result.profile().name(), result.scenario().name(), result.samples().size(),
                f.peakC(), result.targetC(), f.overTargetS(), f.throttledS(), f.meanDuty() * 100, f.leqDba(),
                f.changesPerH(), f.reversalsPerH()) + silentFanNote(result);
    }

    /** A fan that ran yet scored the floor: say why, or "0.0 dB(A)" at 22% duty reads as a bug. */
    private static String silentFanNote(Simulation.Result result) {
        RunFigures f = result.figures();
        if (f.meanDuty() == 0 || f.leqDba() > RunFigures.L_FLOOR_DBA) {
            return "";
        }
        return String.format(Locale.ROOT, "  (%s's %.0f dB(A) fan is under the model's %.0f dB(A) floor below %.0f%% duty)%n",
                result.profile().name(), result.profile().lMaxDba(), RunFigures.L_FLOOR_DBA,
                100 * RunFigures.silentBelowDuty(result.profile()));
    }
}
