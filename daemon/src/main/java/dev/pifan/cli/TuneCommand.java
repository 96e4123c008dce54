package dev.pifan.cli;

import dev.pifan.config.PifanConfig;
import dev.pifan.config.ProfileDefaults;
import dev.pifan.control.ControlLoop;
import dev.pifan.hal.Board;
import dev.pifan.hal.MonotonicClock;
import dev.pifan.hal.TimeLimitedBoard;
import dev.pifan.hal.linux.ProcessLock;
import dev.pifan.hal.sim.BoardProfile;
import dev.pifan.hal.sim.PlantFile;
import dev.pifan.hal.sim.Scenario;
import dev.pifan.hal.sim.Scenarios;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pifan tune}: identifies the board it runs on (a step test, the thermal model fitted to
 * it), writes the fitted plant and a config that suits it, and benches that config against the
 * baselines on the fitted plant.
 */
@Command(name = "tune", sortOptions = false,
        description = "Identify the board: a step test of the fan (with a safe abort), the thermal model's constants "
                + "fitted to it, a plant file and a proposed pifan.yaml, and pifan simulate of the proposal against "
                + "the baselines on the fitted plant. On a real board run a steady load (stress-ng --cpu 0) throughout.")
final class TuneCommand implements Callable<Integer> {

    /** Exit status of a test stopped for safety: the fan is at full speed. */
    static final int ABORTED = 3;
    /** Exit status after Ctrl-C (128 + SIGINT): the fan is in its exit state. */
    static final int INTERRUPTED = 130;
    /** The firmware slows the clock here, which the model's power does not follow. */
    static final double FIRMWARE_LIMIT_C = 80;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sim", description = "Tune the simulated board, in simulated time (hours of test in seconds).")
    boolean sim;

    @Option(names = "--profile", paramLabel = "P",
            description = "The data sheet (p_idle, p_max, rpm_max, l_max, tach) and config defaults: a board profile "
                    + "(default: with --sim pi4-heatsink, else the profile of the board found).")
    String profile;

    @Option(names = "--plant", paramLabel = "FILE", description = "With --sim: the physics of the simulated board.")
    Path plant;

    @Option(names = "--noise", paramLabel = "SIGMA", description = "With --sim: Gaussian sensor noise, sigma in C (needs --seed).")
    Double noiseSigmaC;

    @Option(names = "--seed", paramLabel = "N", description = "With --sim: the seed of the sensor noise.")
    Long seed;

    @Option(names = "--ceiling", paramLabel = "C", defaultValue = "75", converter = UnitConverters.Celsius.class,
            description = "Stop the test, fan at full speed, at a reading this high (default: ${DEFAULT-VALUE}, 5 C "
                    + "under the critical 80 C; below 80, where the firmware slows the clock).")
    double ceilingC;

    @Option(names = "--room", paramLabel = "C", converter = UnitConverters.Celsius.class,
            description = "On a real board: the room temperature during the test (required; a thermometer's reading).")
    Double roomC;

    @Option(names = "--load", paramLabel = "L", defaultValue = "1",
            description = "On a real board: the steady load run during the test, 0..1 of the CPU (default: ${DEFAULT-VALUE}).")
    double load;

    @Option(names = "--root", paramLabel = "DIR", description = "On a real board: read /sys, /proc and /dev under DIR.")
    Path root;

    @Mixin
    ConfigOption config = new ConfigOption();

    @Option(names = "--plant-out", paramLabel = "FILE", description = "Write the fitted plant (the --plant format).")
    Path plantOut;

    @Option(names = "--config-out", paramLabel = "FILE", description = "Write the proposed pifan.yaml.")
    Path configOut;

    @Option(names = "--json", description = "Print the measurements, the fit and the verdicts as one JSON object.")
    boolean json;

    @Option(names = "--quiet", description = "No progress lines on standard error.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        checkOptions();
        PrintWriter err = spec.commandLine().getErr();
        if (sim) {
            BoardProfile dataSheet = Profiles.profile(profile == null ? ProfileDefaults.AUTO_PROFILE : profile);
            BoardProfile physics = plant == null ? dataSheet : Profiles.plant(plant);
            Optional<Scenario.Noise> noise = noiseSigmaC == null ? Optional.empty()
                    : Optional.of(new Scenario.Noise(noiseSigmaC, seed));
            try {
                Tuning tuning = Tuning.simulated(physics, dataSheet, ceilingC, noise,
                        progress(err, "simulated"), fittedName(physics.name()));
                return report(tuning, Optional.of(physics), noise);
            } catch (TuneAborted e) {
                err.println("pifan: tune aborted " + e.getMessage() + "; the fan is at full speed");
                return ABORTED;
            }
        }
        return onBoard(err);
    }

    private void checkOptions() {
        if (sim && (root != null || roomC != null || config.file != null)) {
            throw CliError.usage("--root, --room and --config are for a real board; with --sim the room is "
                    + celsius(Tuning.SIM_ROOM_C) + " C and the load steps are tune's own");
        }
        if (!sim && (plant != null || noiseSigmaC != null || seed != null)) {
            throw CliError.usage("--plant, --noise and --seed shape the simulated board: give --sim");
        }
        if ((noiseSigmaC == null) != (seed == null)) {
            throw CliError.usage("--noise and --seed go together: a run must be reproducible");
        }
        if (noiseSigmaC != null && !(noiseSigmaC >= 0 && noiseSigmaC <= 5)) {
            throw CliError.usage("--noise " + noiseSigmaC + ": expected a sigma of 0..5 C");
        }
        if (!(ceilingC > 30 && ceilingC < FIRMWARE_LIMIT_C)) {
            throw CliError.usage("--ceiling " + celsius(ceilingC) + " C: expected above 30 and below the firmware's "
                    + celsius(FIRMWARE_LIMIT_C) + " C, where it slows the clock");
        }
        if (!(load > 0 && load <= 1)) {
            throw CliError.usage("--load " + load + ": expected the share of the CPU the steady load takes, above 0 up to 1");
        }
        if (!sim && roomC == null) {
            throw CliError.usage("on a real board tune needs the room temperature: give --room C (or --sim)");
        }
    }

    private static String celsius(double value) {
        return FiguresJson.number(value);
    }

    private TuneProgress progress(PrintWriter err, String clock) {
        return quiet ? TuneProgress.NONE : TuneProgress.to(err, clock);
    }

    private String fittedName(String physics) {
        return plantOut == null ? physics + "-fitted"
                : plantOut.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    }

    /**
     * The real board of {@code pifan run}, in real time. Ctrl-C (or SIGTERM) ends the test within
     * a second and leaves the fan in the config's exit state; a safety stop leaves it at full speed.
     */
    private int onBoard(PrintWriter err) throws Exception {
        // the config pifan run reads on this node: its hardware section names the fan tune drives
        PifanConfig loaded = config.loadOrInstalled(RunCommand.SYSTEM_CONFIG,
                profile == null ? ProfileDefaults.AUTO_PROFILE : Profiles.require(profile));
        Optional<ProcessLock> instance = InstanceLock.take(BoardFactory.takeovers(System.getenv()), false);
        try (Board board = new TimeLimitedBoard(BoardFactory.linux(root == null ? BoardFactory.SYSTEM_ROOT : root,
                loaded.hardware(), loaded.fan().takeover()), loaded.safety().readTimeout())) {
            String chosen = profile != null ? Profiles.require(profile) : ProfileDefaults.profileFor(board.model());
            BoardProfile dataSheet = Profiles.profile(chosen);
            PifanConfig running = config.loadOrInstalled(RunCommand.SYSTEM_CONFIG, chosen);
            ControlLoop loop = new ControlLoop(board, ControlFactory.pifanController(running), MonotonicClock.system());
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Signals.install(new Signals.Handler() {
                @Override
                public void stop(String signalName) {
                    stop.set(true);
                }

                @Override
                public void reload() {
                }
            });
            long origin = System.nanoTime();
            long[] second = {0};
            TuneSession.Pace pace = () -> {
                second[0]++;
                long wait = origin + second[0] * 1_000_000_000L - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            };
            TuneSession.Inputs inputs = new TuneSession.Inputs() {
                @Override
                public double load(long k) {
                    return load;
                }

                @Override
                public double roomC(long k) {
                    return roomC;
                }
            };
            TuneSession session = new TuneSession(board, pace, inputs, ceilingC, stop::get);
            try {
                StepTest.Result test = StepTest.run(session, dataSheet, false, progress(err, "real time"));
                err.println("pifan: " + loop.leaveFan(running.fan().exit()));
                FinalExit.fanStateSet();
                return report(Tuning.of(dataSheet, test, fittedName(chosen + "-board")), Optional.empty(),
                        Optional.empty());
            } catch (TuneAborted e) {
                if (e.byUser()) {
                    err.println("pifan: tune interrupted; " + loop.leaveFan(running.fan().exit()));
                    FinalExit.fanStateSet();
                    return INTERRUPTED;
                }
                err.println("pifan: tune aborted " + e.getMessage() + "; " + session.fullSpeed());
                FinalExit.fanStateSet();
                return ABORTED;
            }
        } finally {
            instance.ifPresent(ProcessLock::close);
        }
    }

    private int report(Tuning tuning, Optional<BoardProfile> truth, Optional<Scenario.Noise> noise) {
        String profileName = tuning.dataSheet().name();
        String heading = String.format(Locale.ROOT, "%s: fitted by pifan tune%s on the data sheet of %s",
                tuning.plant().name(), sim ? " --sim" : "", profileName);
        TuneProposal proposal = TuneProposal.of(tuning.plant(), tuning.dataSheet(), profileName,
                "pifan.yaml proposed by pifan tune for " + tuning.plant().name() + " (" + profileName + " defaults "
                        + "otherwise); check it with pifan config check");
        String plantFile = plantOut == null ? tuning.plant().name() + ".yaml" : plantOut.toString();
        if (plantOut != null) {
            Output.write(plantOut, PlantFile.write(tuning.plant(), heading));
        }
        if (configOut != null) {
            Output.write(configOut, proposal.yaml());
        }
        List<Bench.Case> cases = Scenarios.names().stream().map(name -> {
            Scenario s = Scenarios.named(name);
            return new Bench.Case(noise.map(n -> s.withNoise(n.sigmaC(), n.seed())).orElse(s), "--scenario " + name);
        }).toList();
        List<Bench.ScenarioResult> verdicts = Bench.run(Bench.Board.plant(tuning.plant(), profileName, plantFile), cases,
                proposal.config().withSource(configOut == null ? "proposal" : configOut.toString()),
                dev.pifan.hal.sim.RunFigures.DEFAULT_TARGET_C, Bench.Progress.NONE, 0, 1);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? TuneReport.json(tuning, proposal, verdicts, truth)
                : TuneReport.text(tuning, proposal, verdicts, truth, plantOut, configOut));
        return 0;
    }
}
