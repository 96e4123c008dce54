package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.config.PifanConfig;
import dev.pifan.hal.sim.BoardProfile;
import dev.pifan.hal.sim.PlantFile;
import dev.pifan.hal.sim.Sample;
import dev.pifan.hal.sim.Scenario;
import dev.pifan.hal.sim.SimulatedBoard;
import dev.pifan.hal.sim.SlowReads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pifan tune --sim}: what it recovers of plants drawn as bench --perturb draws them, its abort, its refusals. */
class TuneCommandTest {

    /** Draws per profile: a handful, so the test stays within some 30 s. */
    static final int DRAWS = 3;
    static final double WITHIN = 0.10;

    @TempDir
    Path dir;

    @Test
    void tuneRecoversEveryConstantOfDrawnPlantsWithinTenPercentAndProposesDutiesTheFanTurnsAt() throws IOException {
        List<String> verdicts = new ArrayList<>();
        for (String profile : BoardProfile.names()) {
            for (Perturbation.Draw draw : Perturbation.around(BoardProfile.named(profile), DRAWS, 1)) {
                BoardProfile truth = draw.plant();
                Path plant = dir.resolve(truth.name() + ".yaml");
                Files.writeString(plant, PlantFile.write(truth, truth.name()));
                Path fittedFile = dir.resolve(truth.name() + "-fit.yaml");
                Path configFile = dir.resolve(truth.name() + "-pifan.yaml");
                Cli cli = Cli.run("tune", "--sim", "--quiet", "--profile", profile, "--plant", plant.toString(),
                        "--noise", Double.toString(draw.sensorNoiseC()), "--seed", Long.toString(draw.noiseSeed()),
                        "--plant-out", fittedFile.toString(), "--config-out", configFile.toString());
                assertEquals(0, cli.exitCode(), cli.err());
                BoardProfile fitted = PlantFile.parse(Files.readString(fittedFile), "fit", fittedFile.toString());
                for (int i = 0; i < TuneReport.NAMES.length; i++) {
                    double error = TuneReport.constant(fitted, i) / TuneReport.constant(truth, i) - 1;
                    assertTrue(Math.abs(error) <= WITHIN, truth.name() + " " + TuneReport.NAMES[i] + ": fitted "
                            + TuneReport.constant(fitted, i) + " for " + TuneReport.constant(truth, i));
                }
                // the data sheet's values are the profile's, not fitted
                assertEquals(List.of(truth.pIdleW(), truth.pMaxW(), truth.rpmMax()),
                        List.of(fitted.pIdleW(), fitted.pMaxW(), fitted.rpmMax()));
                PifanConfig proposal = ConfigOption.loadFile(configFile, profile);
                assertTrue(proposal.fan().minDuty().ratio() > truth.dStop(), truth.name() + ": min-duty "
                        + proposal.fan().minDuty() + " under the fan's stop duty " + truth.dStop());
                assertTrue(proposal.fan().startDuty().ratio() > truth.dStart(), truth.name() + ": start-duty "
                        + proposal.fan().startDuty() + " under the fan's start duty " + truth.dStart());
                verdicts.add(verdicts(truth, profile, proposal, draw));
            }
        }
        // the three criteria on the true plant: printed, not asserted (see docs/benchmarks.md, what tune leaves)
        verdicts.forEach(System.out::println);
    }

    @Test
    void onEachProfilesOwnPlantTheProposalMeetsTheThreeCriteriaEverywhere() throws IOException {
        for (String profile : BoardProfile.names()) {
            Path configFile = dir.resolve(profile + "-pifan.yaml");
            Cli cli = Cli.run("tune", "--sim", "--quiet", "--profile", profile, "--config-out", configFile.toString(),
                    "--json");
            assertEquals(0, cli.exitCode(), cli.err());
            assertEquals(7, cli.out().split("\"ceiling\":true,\"quiet\":true,\"steady\":true", -1).length - 1,
                    "on the fitted plant: " + cli.out());
            List<Bench.Case> cases = dev.pifan.hal.sim.Scenarios.names().stream()
                    .map(n -> new Bench.Case(dev.pifan.hal.sim.Scenarios.named(n), n)).toList();
            List<Bench.ScenarioResult> results = Bench.run(Bench.Board.of(BoardProfile.named(profile)), cases,
                    ConfigOption.loadFile(configFile, profile), 65, Bench.Progress.NONE, 0, 1);
            for (Bench.ScenarioResult r : results) {
                assertTrue(r.verdict().passes(), profile + " " + r.scenario().name() + ": " + r.verdict().detail());
            }
        }
    }

    private static String verdicts(BoardProfile truth, String profile, PifanConfig proposal, Perturbation.Draw draw) {
        List<Bench.Case> cases = dev.pifan.hal.sim.Scenarios.names().stream().map(name -> new Bench.Case(
                dev.pifan.hal.sim.Scenarios.named(name).withNoise(draw.sensorNoiseC(), draw.noiseSeed()), name)).toList();
        List<Bench.ScenarioResult> results = Bench.run(Bench.Board.plant(truth, profile, truth.name()), cases,
                proposal, 65, Bench.Progress.NONE, 0, 1);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-26s", truth.name()));
        results.forEach(r -> line.append(' ').append(r.scenario().name()).append('=')
                .append(Bench.verdictText(r.verdict()).replace(' ', '_')));
        return line.toString();
    }

    @Test
    void theReplayOfTheRecordingIsThePlantsDieTemperature() throws TuneAborted {
        BoardProfile profile = BoardProfile.named("pi5-active-cooler");
        Scenario scenario = Scenario.of("tune", 100_000, StepTest.trace(25));
        Simulated sim = Simulated.of(profile, scenario, 79, samples -> false);
        ManualClock clock = sim.clock();
        List<Sample> samples = sim.samples();
        SimulatedBoard board = sim.board();
        TuneSession session = sim.session();
        // passive, a start, the load steps, a stop and a restart: every branch of the fan and the power
        for (double duty : new double[] {0, 0.3, 1, 0.2, 0.1, 0.26, 0}) {
            session.hold(duty, 300, 0);
        }
        TuneRecording rec = session.recording();
        assertTrue(rec.hasLoadStep());
        double[] die = new ModelReplay(rec, profile, profile.dStart(), profile.dStop())
                .die(ModelReplay.Thermal.of(profile), steadySink(profile));
        for (int k = 1; k < rec.seconds(); k++) {
            assertEquals(samples.get(k - 1).dieC(), die[k], 1e-9, "second " + k);
        }
    }

    /** The sink of the plant's start: steady at idle with the fan stopped. */
    private static double steadySink(BoardProfile p) {
        return 25 + p.pIdleW() / p.gPassiveWPerK();
    }

    /** A simulated board in simulated time, a tune session on it, and the samples it recorded. */
    private record Simulated(ManualClock clock, SimulatedBoard board, List<Sample> samples, TuneSession session) {

        /** @param stop asked before each second, with the samples so far: whether Ctrl-C came */
        static Simulated of(BoardProfile profile, Scenario scenario, double ceilingC,
                Predicate<List<Sample>> stop) {
            ManualClock clock = new ManualClock();
            List<Sample> samples = new ArrayList<>();
            SimulatedBoard board = SimulatedBoard.openEnded(profile, scenario, clock, samples::add, SlowReads.blocking());
            TuneSession session = new TuneSession(board, () -> {
                clock.advance(1_000_000_000L);
                board.catchUp();
            }, inputs(scenario), ceilingC, () -> stop.test(samples));
            return new Simulated(clock, board, samples, session);
        }
    }

    private static TuneSession.Inputs inputs(Scenario scenario) {
        return new TuneSession.Inputs() {
            @Override
            public double load(long k) {
                return scenario.inputsAt(k).load();
            }

            @Override
            public double roomC(long k) {
                return scenario.inputsAt(k).ambientC();
            }
        };
    }

    @Test
    void aBoardThatReachesTheCeilingStopsTheTestWithTheFanAtFullSpeed() throws IOException {
        // a Pi 5 whose fan barely cools: idle is fine, full load at full fan settles near 77 C
        BoardProfile hot = new BoardProfile("hot", 3, 8.5, 3, 1.0, 70, 0.154, 0.01, 8500, 0.25, 0.15, 38, true);
        Scenario scenario = Scenario.of("tune", 100_000, StepTest.trace(25));
        Simulated sim = Simulated.of(hot, scenario, 75, samples -> false);
        ManualClock clock = sim.clock();
        List<Sample> samples = sim.samples();
        SimulatedBoard board = sim.board();
        TuneSession session = sim.session();
        TuneAborted aborted = assertThrows(TuneAborted.class,
                () -> StepTest.run(session, BoardProfile.named("pi5-active-cooler"), true, TuneProgress.NONE));
        assertTrue(aborted.getMessage().contains("at full fan speed, within 3.0 C of the ceiling 75.0 C"),
                aborted.getMessage());
        clock.advance(1_000_000_000L);
        board.catchUp();
        assertEquals(1.0, samples.get(samples.size() - 1).duty(), "the second after the stop runs at full speed");
        assertTrue(samples.stream().anyMatch(s -> s.duty() < 1.0), "the test ran the fan slower before");

        Path plant = dir.resolve("hot.yaml");
        Files.writeString(plant, PlantFile.write(hot, "hot"));
        Cli cli = Cli.run("tune", "--sim", "--quiet", "--profile", "pi5-active-cooler", "--plant", plant.toString());
        assertEquals(TuneCommand.ABORTED, cli.exitCode(), cli.err());
        assertTrue(cli.errIsOneCleanMessage(), cli.err());
        assertTrue(cli.err().endsWith("too hot to test; the fan is at full speed\n"), cli.err());

        // and a reading at the ceiling itself stops it: a board already over it when the test starts
        BoardProfile hotter = new BoardProfile("hotter", 3, 8.5, 3, 1.0, 70, 0.05, 0.246, 8500, 0.25, 0.15, 38, true);
        Path hotterPlant = dir.resolve("hotter.yaml");
        Files.writeString(hotterPlant, PlantFile.write(hotter, "hotter"));
        Cli over = Cli.run("tune", "--sim", "--quiet", "--profile", "pi5-active-cooler", "--plant", hotterPlant.toString());
        assertEquals(TuneCommand.ABORTED, over.exitCode(), over.err());
        assertEquals("pifan: tune aborted at 0 s: 88.0 C, at or over the ceiling 75.0 C; the fan is at full speed\n",
                over.err());
    }

    @Test
    void aFailedReadWithTheFanStoppedStopsTheTestWithTheFanAtFullSpeed() {
        BoardProfile profile = BoardProfile.named("pi4-heatsink");
        // the sensor fails during the passive phase, while the test holds the fan at 0
        Scenario scenario = Scenario.of("tune", 100_000, StepTest.trace(25))
                .withFault(dev.pifan.hal.sim.Fault.parse("sensor-error:300:400"));
        Simulated sim = Simulated.of(profile, scenario, 75, samples -> false);
        ManualClock clock = sim.clock();
        List<Sample> samples = sim.samples();
        SimulatedBoard board = sim.board();
        TuneSession session = sim.session();
        TuneAborted aborted = assertThrows(TuneAborted.class,
                () -> StepTest.run(session, profile, true, TuneProgress.NONE));
        assertTrue(aborted.getMessage().startsWith("at 300 s: temperature sim-soc unreadable"), aborted.getMessage());
        assertEquals(0.0, samples.get(samples.size() - 1).duty(), "the fan was stopped when the read failed");
        clock.advance(1_000_000_000L);
        board.catchUp();
        assertEquals(1.0, samples.get(samples.size() - 1).duty(), "and runs at full speed after the stop");
    }

    @Test
    void ctrlCEndsTheTestWithinASecondAndLeavesTheFanToTheExitState() {
        BoardProfile profile = BoardProfile.named("pi5-active-cooler");
        Scenario scenario = Scenario.of("tune", 100_000, StepTest.trace(25));
        Simulated sim = Simulated.of(profile, scenario, 75, samples -> samples.size() >= 42);
        ManualClock clock = sim.clock();
        List<Sample> samples = sim.samples();
        SimulatedBoard board = sim.board();
        TuneSession session = sim.session();
        TuneAborted aborted = assertThrows(TuneAborted.class,
                () -> StepTest.run(session, profile, true, TuneProgress.NONE));
        assertTrue(aborted.byUser(), aborted.getMessage());
        assertEquals(42, session.now(), "no second after the request");
        // not forced to full speed: the caller leaves the fan in the config's exit state (handed back)
        clock.advance(1_000_000_000L);
        board.catchUp();
        assertEquals(0.0, samples.get(samples.size() - 1).duty());
    }

    @Test
    void badOptionsAreOneLineAndExitTwo() {
        String[][] bad = {
            {"tune", "--sim", "--room", "20"},
            {"tune", "--sim", "--ceiling", "85"},
            {"tune", "--sim", "--noise", "0.1"},
            {"tune", "--sim", "--load", "0"},
            {"tune", "--plant", "x.yaml", "--room", "20"},
            {"tune"},
            {"tune", "--sim", "--profile", "pi9"},
        };
        for (String[] args : bad) {
            Cli cli = Cli.run(args);
            assertEquals(2, cli.exitCode(), String.join(" ", args) + ": " + cli.err());
            assertTrue(cli.errIsOneCleanMessage() && cli.err().lines().count() == 1, cli.err());
        }
        assertEquals("pifan: on a real board tune needs the room temperature: give --room C (or --sim)\n",
                Cli.run("tune").err());
        Cli missing = Cli.run("tune", "--sim", "--plant", dir.resolve("none.yaml").toString());
        assertEquals(1, missing.exitCode(), missing.err());
        assertTrue(missing.errIsOneCleanMessage(), missing.err());
    }
}
