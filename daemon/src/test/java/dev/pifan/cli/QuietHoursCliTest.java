package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quiet hours from the command line: simulated where the clock says, benched against their cost. */
class QuietHoursCliTest {

    @TempDir
    Path dir;

    @Test
    void aSimulationsQuietHoursFallWhereItsStartTimeSays() throws IOException {
        Path config = dir.resolve("quiet.yaml");
        Files.writeString(config, "board: pi5-active-cooler\nquiet: {from: \"01:00\", to: \"02:00\", max-duty: 30%}\n");
        Path csv = dir.resolve("run.csv");
        String[] args = {"simulate", "--profile", "pi5-active-cooler", "--config", config.toString(), "--scenario",
            "sustained-25", "--json", "--csv", csv.toString()};
        Cli inside = Cli.run(concat(args, "--start-time", "01:00"));
        assertEquals(0, inside.exitCode(), inside.err());
        List<String> rows = Files.readAllLines(csv);
        assertTrue(rows.stream().anyMatch(r -> r.endsWith(",quiet")), "the cap holds some seconds: " + rows.get(900));
        Cli outside = Cli.run(concat(args, "--start-time", "12:00"));
        assertTrue(Files.readAllLines(csv).stream().noneMatch(r -> r.endsWith(",quiet")));
        assertEquals(Cli.run("simulate", "--profile", "pi5-active-cooler", "--scenario", "sustained-25", "--json").out(),
                outside.out(), "outside the window the run is the plain config's");
        assertNotEquals(outside.out(), inside.out());
        Cli bad = Cli.run(concat(args, "--start-time", "24:00"));
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().startsWith("pifan: Invalid value for option '--start-time': 24:00 is not a time of day"),
                bad.err());
    }

    @Test
    void theQuietBenchSetsTheNoiseSavedAgainstTheTemperatureItCosts() {
        Cli cli = Cli.run("bench", "--quiet", "--quiet-cap", "30%", "--profile", "pi4-heatsink", "--scenario",
                "sustained-25", "--scenario", "idle-25");
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().startsWith("pi4-heatsink: pifan free and with quiet hours capped at 30% over the whole run\n"
                + "  scenario        dBA free  capped    peak free  capped  over_s  capped_s  overrides\n"), cli.out());
        String sustained = cli.out().lines().filter(l -> l.startsWith("  sustained-25")).findFirst().orElseThrow();
        String[] f = sustained.trim().split(" +");
        assertTrue(Double.parseDouble(f[2]) < Double.parseDouble(f[1]), "capped is quieter: " + sustained);
        assertTrue(Double.parseDouble(f[4]) > Double.parseDouble(f[3]), "and warmer: " + sustained);
        assertTrue(Long.parseLong(f[6]) > 0, "the cap held some seconds: " + sustained);
        Cli low = Cli.run("bench", "--quiet-cap", "10%", "--profile", "pi4-heatsink");
        assertEquals(2, low.exitCode());
        assertEquals("pifan: --quiet-cap 10% is below pi4-heatsink's fan.min-duty 21%: a running fan cannot go that slow\n",
                low.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
