package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.config.PifanConfig;
import dev.pifan.hal.sim.BoardProfile;
import dev.pifan.hal.sim.PlantFile;
import dev.pifan.hal.sim.Scenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --plant} on simulate and bench, and {@code bench --perturb}: plants as data, and boards like a profile. */
class PlantsAndPerturbationTest {

    @TempDir
    Path dir;

    private Path plantFile(BoardProfile plant, String name) throws IOException {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, PlantFile.write(plant, name));
        return file;
    }

    @Test
    void aPlantFileOfAProfileRunsAsTheProfileDoesAndAnotherPlantDiffers() throws IOException {
        BoardProfile pi5 = BoardProfile.named("pi5-active-cooler");
        String asProfile = Cli.run("simulate", "--profile", "pi5-active-cooler", "--scenario", "rack-33", "--json").out();
        Cli asFile = Cli.run("simulate", "--profile", "pi5-active-cooler", "--plant", plantFile(pi5, "same").toString(),
                "--scenario", "rack-33", "--json");
        assertEquals(0, asFile.exitCode(), asFile.err());
        assertEquals(asProfile, asFile.out());
        BoardProfile warm = new BoardProfile("warm", 3, 8.5, 3, 1.5, 70, 0.154, 0.246, 8500, 0.25, 0.15, 38, true);
        Cli hotter = Cli.run("simulate", "--profile", "pi5-active-cooler", "--plant", plantFile(warm, "warm").toString(),
                "--scenario", "rack-33");
        assertTrue(hotter.out().startsWith("pifan on warm, scenario rack-33"), hotter.out());
        assertNotEquals(asProfile, Cli.run("simulate", "--profile", "pi5-active-cooler", "--plant",
                plantFile(warm, "warm2").toString(), "--scenario", "rack-33", "--json").out());
    }

    @Test
    void aBadPlantFileIsRefusedNamingTheLineAndAFifoIsNotWaitedOn() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, PlantFile.write(BoardProfile.named("cm4-blade"), "x").replace("r_ds: 1.5", "r_ds: 0"));
        Cli cli = Cli.run("simulate", "--profile", "cm4-blade", "--plant", bad.toString(), "--scenario", "idle-25");
        assertEquals(1, cli.exitCode(), cli.err());
        assertEquals("pifan: " + bad + ":5: r_ds: 0.0 must be > 0\n", cli.err());
        Path fifo = dir.resolve("fifo.yaml");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Cli piped = Cli.run("bench", "--profile", "cm4-blade", "--plant", fifo.toString(), "--scenario", "idle-25");
        assertEquals(1, piped.exitCode(), piped.err());
        assertTrue(piped.err().contains("not a regular file"), piped.err());
    }

    @Test
    void benchOfAPlantTakesTheDefaultsOfOneProfileAndReplaysWithBoth() throws IOException {
        Path file = plantFile(BoardProfile.named("pi4-heatsink").withName("mine"), "mine");
        Cli cli = Cli.run("bench", "--quiet", "--profile", "pi4-heatsink", "--plant", file.toString(), "--scenario",
                "sustained-25", "--json");
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().contains("\"profile\":\"pi4-heatsink\",\"plant\":\"mine\""), cli.out());
        assertTrue(cli.out().contains("pifan simulate --profile pi4-heatsink --plant " + file + " --scenario sustained-25"),
                cli.out());
        Cli none = Cli.run("bench", "--plant", file.toString());
        assertEquals(2, none.exitCode());
        assertEquals("pifan: --plant takes its config defaults from one --profile: give exactly one\n", none.err());
    }

    @Test
    void drawsStayWithinTheirSpreadAndTheSameSeedDrawsTheSamePlants() {
        BoardProfile base = BoardProfile.named("pi5-active-cooler");
        List<Perturbation.Draw> draws = Perturbation.around(base, 200, 1);
        assertEquals(draws, Perturbation.around(base, 200, 1));
        assertNotEquals(draws, Perturbation.around(base, 200, 2));
        double lowest = 2;
        double highest = 0;
        for (Perturbation.Draw d : draws) {
            BoardProfile p = d.plant();
            for (double ratio : new double[] {p.rDsKPerW() / base.rDsKPerW(), p.cDieJPerK() / base.cDieJPerK(),
                    p.cSinkJPerK() / base.cSinkJPerK(), p.gPassiveWPerK() / base.gPassiveWPerK(),
                    p.gFanWPerK() / base.gFanWPerK(), p.dStart() / base.dStart()}) {
                assertTrue(ratio >= 0.75 && ratio <= 1.25, p + " " + ratio);
                lowest = Math.min(lowest, ratio);
                highest = Math.max(highest, ratio);
            }
            assertTrue(p.dStop() <= p.dStart(), p.toString());
            assertTrue(Math.abs(p.lMaxDba() - base.lMaxDba()) <= 3, p.toString());
            assertTrue(d.sensorNoiseC() >= 0 && d.sensorNoiseC() <= 0.3, d.toString());
            assertEquals(List.of(base.pIdleW(), base.pMaxW(), base.rpmMax()), List.of(p.pIdleW(), p.pMaxW(), p.rpmMax()));
        }
        assertTrue(lowest < 0.76 && highest > 1.24, "the whole spread is used: " + lowest + ".." + highest);
        assertEquals("pi5-active-cooler-draw07", draws.get(6).plant().name());
    }

    @Test
    void robustnessCountsTheVerdictsAndKeepsTheWorstMargin() {
        BoardProfile base = BoardProfile.named("cm4-blade");
        List<Bench.Case> cases = List.of(new Bench.Case(Scenarios.named("sustained-25"), "--scenario sustained-25"),
                new Bench.Case(Scenarios.named("rack-33"), "--scenario rack-33"));
        List<Bench.ScenarioResult> results = new java.util.ArrayList<>();
        for (Perturbation.Draw d : Perturbation.around(base, 3, 5)) {
            results.addAll(Bench.run(Bench.Board.plant(d.plant(), "cm4-blade", "x.yaml"), cases,
                    PifanConfig.defaults("cm4-blade"), 65, Bench.Progress.NONE, 0, 1));
        }
        Robustness r = Robustness.of("cm4-blade", 3, results);
        assertEquals(6, r.runs());
        Robustness.Criterion quiet = r.criteria().get(1);
        assertEquals("quiet", quiet.name());
        assertEquals(results.stream().filter(x -> x.verdict().quiet()).count(), quiet.passed());
        double worst = results.stream().mapToDouble(x -> x.pifan().figures().leqDba() - x.quietestCompliantBaselineDba())
                .filter(m -> !Double.isNaN(m)).max().orElseThrow();
        assertEquals(worst, quiet.worstMargin());
        Robustness.Criterion steady = r.criteria().get(2);
        assertEquals(results.stream().filter(x -> x.verdict().steady()).count(), steady.passed());
        assertEquals(r.criteria().stream().allMatch(c -> c.passed() >= 0.95 * 6), r.meets(0.95));
    }

    @Test
    void perturbPrintsRatesPerBoardWritesReplayablePlantsAndIsReproducible() throws IOException {
        Path out = dir.resolve("plants");
        String[] args = {"bench", "--quiet", "--perturb", "2", "--seed", "3", "--profile", "cm4-blade", "--scenario",
            "sustained-25", "--json"};
        Cli first = Cli.run(args);
        assertTrue(first.exitCode() == 0 || first.exitCode() == 1, first.err());
        assertEquals(first.out(), Cli.run(args).out());
        assertTrue(first.out().startsWith("{\"perturb\":2,\"seed\":3,\"target_c\":65,\"pass_rate_goal\":0.95,"
                + "\"boards\":[{\"profile\":\"cm4-blade\",\"plants\":2,\"runs\":2,\"criteria\":{\"ceiling\":{\"passed\":"),
                first.out());
        Cli text = Cli.run("bench", "--quiet", "--perturb", "2", "--seed", "3", "--profile", "cm4-blade", "--scenario",
                "sustained-25", "--plants-out", out.toString());
        assertTrue(text.out().startsWith("cm4-blade: 2 plants x 1 scenarios = 2 runs"), text.out());
        assertTrue(text.out().contains("\nGoal: every criterion on at least 95% of each board's runs: "), text.out());
        assertEquals(text.out().contains(": met\n") ? 0 : 1, text.exitCode());
        Path drawn = out.resolve("cm4-blade-draw02.yaml");
        String written = Files.readString(drawn);
        assertEquals(Perturbation.around(BoardProfile.named("cm4-blade"), 2, 3).get(1).plant(),
                PlantFile.parse(written, "cm4-blade-draw02", drawn.toString()));
        Matcher replay = Pattern.compile("# +(pifan simulate .*)").matcher(written);
        assertTrue(replay.find(), written);
        String[] command = replay.group(1).split(" ");
        Cli rerun = Cli.run(java.util.Arrays.copyOfRange(command, 1, command.length));
        assertEquals(0, rerun.exitCode(), rerun.err());
        assertEquals(2, Cli.run("bench", "--perturb", "2").exitCode(), "--perturb needs --seed");
        assertEquals(2, Cli.run("bench", "--perturb", "0", "--seed", "1").exitCode());
        assertEquals(2, Cli.run("bench", "--seed", "1").exitCode());
    }
}
