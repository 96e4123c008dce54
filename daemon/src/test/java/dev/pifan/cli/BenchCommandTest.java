package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pifan bench}: its outputs, and that a row of its JSON is what its replay command gives. */
class BenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void aTablePerProfileWithTheVerdictAndAProgressLine() {
        Cli cli = Cli.run("bench", "--profile", "pi4-heatsink", "--profile", "cm4-blade", "--scenario", "idle-25",
                "--scenario", "sustained-25");
        assertEquals(0, cli.exitCode(), cli.err());
        String out = cli.out();
        assertTrue(out.startsWith("pi4-heatsink (pifan: defaults, target 65 C)\n"), out);
        assertTrue(out.contains("\ncm4-blade (pifan: defaults, target 65 C)\n"), out);
        assertTrue(out.matches("(?s).*\n  controller +peak +over +thr +duty +dBA +chg/h +rev/h\n.*"), out);
        assertTrue(out.contains("\nsustained-25, 1.0 load steps/h: pass\n  pifan  "), out);
        assertTrue(out.lines().allMatch(line -> line.length() <= 80), "a terminal of 80 columns:\n" + out);
        assertTrue(out.contains("4 of 4 scenario runs meet all three criteria"), out);
        assertTrue(out.contains("fancontrol-linear"), out);
        // the progress line rewrites itself with \r and ends with a newline
        assertTrue(cli.err().contains("\rbench: 1/24 pi4-heatsink idle-25 pifan"), cli.err());
        assertTrue(cli.err().matches("(?s).*\rbench: 24 runs done *\n"), cli.err());
        assertEquals("", Cli.run("bench", "--quiet", "--profile", "cm4-blade", "--scenario", "idle-25").err());
    }

    @Test
    void markdownForTheReadme() {
        Cli cli = Cli.run("bench", "--quiet", "--markdown", "--profile", "pi5-active-cooler", "--scenario", "rack-33");
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().startsWith("#### pi5-active-cooler (pifan: defaults, target 65 C)\n\n| scenario | steps/h |"),
                cli.out());
        assertTrue(cli.out().contains("|---|---:|---|---:|"), cli.out());
        assertTrue(cli.out().contains("| rack-33 | 1.0 | pifan |"), cli.out());
        assertTrue(cli.out().contains("**"), "the best compliant values are bold: " + cli.out());
    }

    @Test
    void eachJsonRowIsWhatItsReplayCommandGives() {
        Cli bench = Cli.run("bench", "--quiet", "--json", "--profile", "pi5-active-cooler", "--scenario", "bursty-ci");
        assertEquals(0, bench.exitCode(), bench.err());
        String json = bench.out();
        assertTrue(json.startsWith("{\"target_c\":65,\"config\":\"defaults\",\"results\":[{\"profile\":\"pi5-active-cooler\","
                + "\"plant\":\"pi5-active-cooler\",\"scenario\":\"bursty-ci\",\"duration_s\":7200,\"load_steps_per_h\":12,"), json);
        assertTrue(json.contains("\"criteria\":{\"ceiling\":true,\"quiet\":true,\"steady\":true,\"detail\":\"\"}"), json);
        for (String controller : new String[] {"pifan", "argon", "fancontrol-linear"}) {
            Matcher row = Pattern.compile("\\{\"controller\":\"" + controller + "\",\"compliant\":(true|false),(.*?),"
                    + "\"replay\":\"pifan simulate ([^\"]*)\"}").matcher(json);
            assertTrue(row.find(), controller + " in " + json);
            String[] replay = row.group(3).replace("run.csv", dir.resolve(controller + ".csv").toString()).split(" ");
            String[] args = new String[replay.length + 1];
            args[0] = "simulate";
            System.arraycopy(replay, 0, args, 1, replay.length);
            Cli simulate = Cli.run(args);
            assertEquals(0, simulate.exitCode(), simulate.err());
            assertEquals("{" + row.group(2) + "}\n", simulate.out(), "the figures of " + controller);
            assertTrue(Files.exists(dir.resolve(controller + ".csv")), "the replay writes its per-second CSV");
        }
    }

    @Test
    void aTraceIsBenchedUntilItsLastRow() throws IOException {
        Path trace = dir.resolve("steps.csv");
        Files.writeString(trace, "time_s,load,ambient_c\n0,0.05,25\n300,1.0,25\n900,0.05,25\n1200,0.05,25\n");
        Cli cli = Cli.run("bench", "--quiet", "--json", "--profile", "pi4-heatsink", "--trace", trace.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        // only the trace: no built-in scenario unless asked for; 2 load steps in 1200 s = 6 per hour
        assertTrue(cli.out().contains("\"scenario\":\"steps.csv\",\"duration_s\":1200,\"load_steps_per_h\":6,"), cli.out());
        assertTrue(cli.out().contains("--trace " + trace), cli.out());
        assertTrue(!cli.out().contains("\"scenario\":\"idle-25\""), cli.out());
    }

    @Test
    void noiseIsAddedToEveryScenarioAndNamedInTheReplay() {
        Cli cli = Cli.run("bench", "--quiet", "--json", "--profile", "cm4-blade", "--scenario", "idle-25",
                "--noise", "0.5", "--seed", "7");
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().contains("pifan simulate --profile cm4-blade --scenario idle-25 --noise 0.5 --seed 7"),
                cli.out());
    }

    @Test
    void wrongCommandLinesAndBadTracesAreOneLineErrors() throws IOException {
        Cli both = Cli.run("bench", "--markdown", "--json");
        assertEquals(2, both.exitCode());
        assertTrue(both.errIsOneCleanMessage() && both.err().contains("--markdown and --json"), both.err());
        Cli noise = Cli.run("bench", "--noise", "0.5");
        assertEquals(2, noise.exitCode());
        assertTrue(noise.err().contains("--noise and --seed go together"), noise.err());
        Cli scenario = Cli.run("bench", "--scenario", "rack-34");
        assertEquals(2, scenario.exitCode());
        assertTrue(scenario.errIsOneCleanMessage() && scenario.err().contains("unknown scenario 'rack-34'"), scenario.err());
        Cli profile = Cli.run("bench", "--profile", "pi3");
        assertEquals(2, profile.exitCode());
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "time_s,load,ambient_c\n0,1.4,25\n60,1,25\n");
        Cli trace = Cli.run("bench", "--trace", bad.toString());
        assertEquals(1, trace.exitCode());
        assertTrue(trace.errIsOneCleanMessage() && trace.err().contains("load 1.4 outside 0..1"), trace.err());
    }
}
