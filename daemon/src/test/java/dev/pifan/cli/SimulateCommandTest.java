package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimulateCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsTheFiguresForAPerson() {
        Cli cli = Cli.run("simulate", "--profile", "pi4-heatsink", "--scenario", "sustained-25");
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().contains("pifan on pi4-heatsink, scenario sustained-25, 3600 s simulated"), cli.out());
        assertTrue(cli.out().contains("peak temperature"), cli.out());
        assertTrue(cli.out().contains("direction reversals"), cli.out());
    }

    @Test
    void aFanThatRanUnderTheNoiseFloorIsExplainedNotLeftAsZero() {
        Cli quiet = Cli.run("simulate", "--profile", "cm4-blade", "--scenario", "sustained-25");
        assertEquals(0, quiet.exitCode(), quiet.err());
        assertTrue(quiet.out().contains("noise (Leq)               0.0 dB(A)"), quiet.out());
        assertTrue(quiet.out().contains("(cm4-blade's 18 dB(A) fan is under the model's 0 dB(A) floor below 44% duty)"),
                quiet.out());

        Cli audible = Cli.run("simulate", "--profile", "pi5-active-cooler", "--scenario", "rack-33");
        assertEquals(0, audible.exitCode(), audible.err());
        assertTrue(!audible.out().contains("floor below"), audible.out());
        Cli idle = Cli.run("simulate", "--profile", "cm4-blade", "--scenario", "idle-25");
        assertTrue(!idle.out().contains("floor below"), "a fan that never ran needs no excuse: " + idle.out());
    }

    @Test
    void jsonHasExactlyTheSpecKeys() {
        Cli cli = Cli.run("simulate", "--profile", "pi5-active-cooler", "--scenario", "august-30", "--json");
        assertEquals(0, cli.exitCode(), cli.err());
        String json = cli.out().strip();
        Matcher keys = Pattern.compile("\"([a-z_]+)\":").matcher(json);
        StringBuilder found = new StringBuilder();
        while (keys.find()) {
            found.append(keys.group(1)).append(' ');
        }
        assertEquals("peak_c over_target_s throttled_s mean_duty leq_dba changes_per_h reversals_per_h ",
                found.toString());
        assertTrue(json.startsWith("{") && json.endsWith("}") && !json.contains("\n"), json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"seed-step", "pi5-firmware", "argon", "gpio-fan", "fancontrol-linear"})
    void runsEveryBaseline(String baseline) {
        Cli cli = Cli.run("simulate", "--profile", "cm4-blade", "--scenario", "idle-25", "--duration", "600",
                "--controller", baseline, "--json");
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().contains("\"peak_c\":"), cli.out());
    }

    @Test
    void gpioFanOnRack33RunsHotterThanPifan() {
        double pifan = peak(Cli.run("simulate", "--profile", "pi4-heatsink", "--scenario", "rack-33", "--json"));
        double gpio = peak(Cli.run("simulate", "--profile", "pi4-heatsink", "--scenario", "rack-33", "--json",
                "--controller", "gpio-fan"));
        assertTrue(pifan < 80, "pifan peak " + pifan);
        assertTrue(gpio > 0 && pifan != gpio, "the controller choice must reach the loop");
    }

    private static double peak(Cli cli) {
        assertEquals(0, cli.exitCode(), cli.err());
        Matcher m = Pattern.compile("\"peak_c\":([0-9.]+)").matcher(cli.out());
        assertTrue(m.find(), cli.out());
        return Double.parseDouble(m.group(1));
    }

    @Test
    void durationUndervoltStallAndNoiseOptionsReachTheBoard() throws IOException {
        Path csv = dir.resolve("run.csv");
        Cli cli = Cli.run("simulate", "--profile", "pi5-active-cooler", "--scenario", "sustained-25",
                "--duration", "120", "--undervolt", "10:20", "--fan-stall-at", "100", "--noise", "0.3", "--seed", "7",
                "--csv", csv.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        var rows = Files.readAllLines(csv);
        assertEquals(121, rows.size(), "header and 120 seconds");
        assertTrue(rows.get(11).endsWith("0x50005") || rows.get(11).contains(",0x5"), rows.get(11));
        assertTrue(rows.get(120).contains(",0x50000") || rows.get(120).endsWith("0x50000"), rows.get(120));
        Cli again = Cli.run("simulate", "--profile", "pi5-active-cooler", "--scenario", "sustained-25",
                "--duration", "120", "--undervolt", "10:20", "--fan-stall-at", "100", "--noise", "0.3", "--seed", "7",
                "--csv", dir.resolve("again.csv").toString());
        assertEquals(0, again.exitCode());
        assertEquals(rows, Files.readAllLines(dir.resolve("again.csv")), "a seeded run is reproducible");
    }

    @Test
    void writesAPlotThatIsWellFormedSvg() throws Exception {
        Path svg = dir.resolve("run.svg");
        Cli cli = Cli.run("simulate", "--profile", "pi4-heatsink", "--scenario", "bursty-ci", "--svg", svg.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        assertEquals(3, doc.getElementsByTagName("polyline").getLength(), "temperature, duty and rpm");
    }

    @Test
    void readsATraceFile() throws IOException {
        Path trace = dir.resolve("trace.csv");
        Files.writeString(trace, "time_s,load,ambient_c\n0,0.1,25\n100,1.0,30\n299,1.0,30\n");
        Cli cli = Cli.run("simulate", "--profile", "pi4-heatsink", "--trace", trace.toString(), "--json");
        assertEquals(0, cli.exitCode(), cli.err());
        Path csv = dir.resolve("out.csv");
        Cli.run("simulate", "--profile", "pi4-heatsink", "--trace", trace.toString(), "--csv", csv.toString());
        assertEquals(300, Files.readAllLines(csv).size(), "header and 299 s: the last row's time ends the trace");
    }

    @Test
    void durationAndTargetTakeTheConfigsUnits() {
        Cli minutes = Cli.run("simulate", "--profile", "pi4-heatsink", "--scenario", "sustained-25", "--duration", "2m",
                "--target", "65C", "--json");
        assertEquals(0, minutes.exitCode(), minutes.err());
        Cli seconds = Cli.run("simulate", "--profile", "pi4-heatsink", "--scenario", "sustained-25", "--duration", "120",
                "--target", "65", "--json");
        assertEquals(seconds.out(), minutes.out(), "2m is 120 s and 65C is 65");
    }

    @Test
    void aValueOrOptionPicocliRefusesIsOneLine() {
        Cli badDuration = Cli.run("simulate", "--duration", "1h30x");
        assertEquals(2, badDuration.exitCode());
        assertEquals("pifan: Invalid value for option '--duration': \"1h30x\" is not a duration: write e.g. 500ms, 2s,"
                + " 1.5s, 10m or 1h (see pifan simulate --help)\n", badDuration.err());
        Cli badTarget = Cli.run("bench", "--target", "65F");
        assertEquals(2, badTarget.exitCode());
        assertTrue(badTarget.err().startsWith("pifan: Invalid value for option '--target': \"65F\": temperatures are in"
                + " degrees Celsius only"), badTarget.err());
        assertEquals(1, badTarget.err().lines().count(), badTarget.err());
        Cli unknown = Cli.run("curve", "--colour");
        assertEquals(2, unknown.exitCode());
        assertEquals("pifan: Unknown option: '--colour' (see pifan curve --help)\n", unknown.err());
    }

    @Test
    void aOneRowTraceNeedsADuration() throws IOException {
        Path trace = dir.resolve("flat.csv");
        Files.writeString(trace, "time_s,load,ambient_c\n0,0.5,25\n");
        Cli cli = Cli.run("simulate", "--profile", "pi4-heatsink", "--trace", trace.toString());
        assertEquals(2, cli.exitCode());
        assertTrue(cli.errIsOneCleanMessage() && cli.err().contains("--duration"), cli.err());
        assertEquals(0, Cli.run("simulate", "--profile", "pi4-heatsink", "--trace", trace.toString(),
                "--duration", "60").exitCode());
    }

    @Test
    void aMalformedTraceRowIsOneLineNamingTheLine() throws IOException {
        Path trace = dir.resolve("bad.csv");
        Files.writeString(trace, "time_s,load,ambient_c\n0,0.1,25\n10,0.2,25\n20,0.3,25\n30,0.4,25\n40,0.5,25\n50,1.4,25\n");
        Cli cli = Cli.run("simulate", "--profile", "pi4-heatsink", "--trace", trace.toString());
        assertEquals(1, cli.exitCode());
        assertTrue(cli.errIsOneCleanMessage(), cli.err());
        assertTrue(cli.err().contains("line 7: load 1.4 outside 0..1"), cli.err());
    }

    @Test
    void aMissingTraceIsOneLine() {
        Cli cli = Cli.run("simulate", "--profile", "pi4-heatsink", "--trace", dir.resolve("nope.csv").toString());
        assertEquals(1, cli.exitCode());
        assertTrue(cli.errIsOneCleanMessage(), cli.err());
        assertTrue(cli.err().contains("nope.csv") && cli.err().contains("no such file"), cli.err());
    }

    @Test
    void anUnknownProfileIsAUsageError() {
        Cli cli = Cli.run("simulate", "--profile", "pi3", "--scenario", "idle-25");
        assertEquals(2, cli.exitCode());
        assertTrue(cli.errIsOneCleanMessage(), cli.err());
        assertTrue(cli.err().contains("unknown profile 'pi3'") && cli.err().contains("pi5-active-cooler"), cli.err());
    }

    @Test
    void anUnknownScenarioIsAUsageError() {
        Cli cli = Cli.run("simulate", "--profile", "pi4-heatsink", "--scenario", "sahara");
        assertEquals(2, cli.exitCode());
        assertTrue(cli.errIsOneCleanMessage(), cli.err());
        assertTrue(cli.err().contains("sahara") && cli.err().contains("bursty-ci"), cli.err());
    }

    @Test
    void anUnknownControllerIsAUsageError() {
        Cli cli = Cli.run("simulate", "--profile", "pi4-heatsink", "--scenario", "idle-25", "--controller", "magic");
        assertEquals(2, cli.exitCode());
        assertTrue(cli.errIsOneCleanMessage(), cli.err());
        assertTrue(cli.err().contains("unknown controller 'magic'"), cli.err());
    }

    @Test
    void noiseWithoutSeedIsAUsageError() {
        Cli cli = Cli.run("simulate", "--profile", "pi4-heatsink", "--scenario", "idle-25", "--noise", "0.5");
        assertEquals(2, cli.exitCode());
        assertTrue(cli.err().contains("--noise and --seed go together"), cli.err());
    }

    @Test
    void aBadWindowIsAUsageError() {
        Cli cli = Cli.run("simulate", "--profile", "pi4-heatsink", "--scenario", "idle-25", "--undervolt", "900");
        assertEquals(2, cli.exitCode());
        assertTrue(cli.errIsOneCleanMessage(), cli.err());
        assertTrue(cli.err().contains("START:END"), cli.err());
    }

    @Test
    void scenarioAndTraceAreExclusive() {
        Cli cli = Cli.run("simulate", "--profile", "pi4-heatsink");
        assertEquals(2, cli.exitCode());
        assertTrue(cli.err().contains("--scenario") && cli.err().contains("--trace"), cli.err());
    }

    @Test
    void aBrokenConfigIsBadContentWithEveryProblem() throws IOException {
        Path config = dir.resolve("pifan.yaml");
        Files.writeString(config, "curve:\n  hysterisis: 4\nfan:\n  min-duty: 120%\n");
        Cli cli = Cli.run("simulate", "--profile", "pi4-heatsink", "--scenario", "idle-25", "--config", config.toString());
        assertEquals(1, cli.exitCode());
        assertTrue(cli.err().contains("pifan.yaml:2: curve.hysterisis: unknown key (did you mean 'hysteresis'?)"),
                cli.err());
        assertTrue(cli.err().contains("pifan.yaml:4: fan.min-duty: 120% outside 0%..100%"), cli.err());
        assertTrue(!cli.err().contains("Exception"), cli.err());
    }

    @Test
    void faultsFromTheConfigReachTheBoardLikeFaultOptions() throws IOException {
        Path config = dir.resolve("faults.yaml");
        Files.writeString(config, "simulation:\n  faults:\n    - sensor-error:100:200\n");
        Path csv = dir.resolve("faults.csv");
        Cli cli = Cli.run("simulate", "--profile", "pi4-heatsink", "--scenario", "sustained-25", "--duration", "300",
                "--config", config.toString(), "--fault", "fan-error:250:260", "--csv", csv.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        var rows = Files.readAllLines(csv);
        assertTrue(rows.get(103).endsWith(",sensor_failure"), "second 102, the third failed read: " + rows.get(103));
        assertTrue(rows.get(252).endsWith(",fan_failure"), "the --fault option still applies: " + rows.get(252));
    }
}
