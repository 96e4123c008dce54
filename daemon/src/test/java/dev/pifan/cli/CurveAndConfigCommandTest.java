package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.telemetry.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurveAndConfigCommandTest {

    @TempDir
    Path dir;

    @Test
    void curveShowsTheTableAndTheChart() {
        Cli cli = Cli.run("curve", "--profile", "pi4-heatsink"); // not an installed /etc/pifan/pifan.yaml
        assertEquals(0, cli.exitCode(), cli.err());
        String out = cli.out();
        assertTrue(out.contains("Fan curve from defaults"), out);
        assertTrue(out.matches("(?s).*66 C\\s+100%\\s+62 C.*"), "a 100% point at 66 C comes down at 62 C:\n" + out);
        assertTrue(out.contains("hysteresis 4 C; min-duty 21%; kick at 31% for 2s; critical 80 C"), out);
        assertTrue(out.contains("comes down after 30s low; a running fan stops below 45 C"), out);
        assertTrue(out.contains("ceiling 65 C: at or above it the duty rises 0.18%/min, below it (after 2m) falls "
                + "0.6%/min; the curve takes over again below 62 C"), out);
        assertTrue(out.contains("^ ceiling 65 C"), out);
        assertTrue(out.contains("* rising") && out.contains(". falling") && out.contains("! critical 80 C")
                && out.contains("stall zone"), out);
        assertTrue(out.contains("100% |") && out.contains("0% |"), out);
    }

    @Test
    void curveChartPutsTheFallingBranchLeftOfTheRisingOne() {
        String chart = Cli.run("curve", "--width", "80").out();
        String fullRow = chart.lines().filter(l -> l.startsWith(" 100% |")).findFirst().orElseThrow();
        int firstFalling = fullRow.indexOf('.');
        int firstRising = fullRow.indexOf('*');
        assertTrue(firstFalling > 0 && firstFalling < firstRising,
                "at 100% the falling branch starts hysteresis degrees before the rising one:\n" + fullRow);
    }

    @Test
    void curveShowsTheInstalledConfigUnlessToldOtherwise(@TempDir Path dir) throws Exception {
        Path installed = dir.resolve("pifan.yaml");
        ConfigOption none = new ConfigOption();
        assertEquals("defaults pi4-heatsink", described(CurveCommand.choose(none, null, installed)),
                "nothing installed: the default profile");
        Files.writeString(installed, "curve: {points: [[40, 0%], [60, 100%]]}\n");
        assertEquals(installed.toString(), CurveCommand.choose(none, null, installed).source());
        assertEquals("defaults pi5-active-cooler", described(CurveCommand.choose(none, "pi5-active-cooler", installed)),
                "--profile says otherwise");
        ConfigOption other = new ConfigOption();
        other.file = dir.resolve("other.yaml");
        Files.writeString(other.file, "curve: {points: [[45, 0%], [65, 100%]]}\n");
        assertEquals(other.file.toString(), CurveCommand.choose(other, null, installed).source(), "--config says otherwise");
    }

    private static String described(dev.pifan.config.PifanConfig config) {
        return config.source() + " " + config.board();
    }

    @Test
    void curveAndConfigCheckSpeakJson(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("pifan.yaml");
        Files.writeString(config, "curve: {points: [[40, 0%], [60, 100%]], hysteresis: 3}\nceiling: {at: off}\n");
        Cli curve = Cli.run("curve", "--config", config.toString(), "--json");
        assertEquals(0, curve.exitCode(), curve.err());
        Map<?, ?> c = (Map<?, ?>) Json.parse(curve.out());
        assertEquals(config.toString(), c.get("source"));
        assertEquals(List.of(Map.of("celsius", 40.0, "duty", 0.0), Map.of("celsius", 60.0, "duty", 1.0)), c.get("points"));
        assertEquals(3.0, c.get("hysteresis_celsius"));
        assertTrue(c.containsKey("ceiling_celsius") && c.get("ceiling_celsius") == null, curve.out());

        Cli good = Cli.run("config", "check", config.toString(), "--json");
        assertEquals(0, good.exitCode(), good.err());
        Map<?, ?> g = (Map<?, ?>) Json.parse(good.out());
        assertEquals(true, g.get("ok"));
        assertTrue(((String) g.get("summary")).startsWith(config + ": OK"), good.out());

        Files.writeString(config, "curve: {points: [[40, 0%], [60, 100%]]}\nfan: {min-duty: 120%}\n");
        Cli bad = Cli.run("config", "check", config.toString(), "--json");
        assertEquals(1, bad.exitCode(), "the same exit code as without --json");
        Map<?, ?> b = (Map<?, ?>) Json.parse(bad.out());
        assertEquals(false, b.get("ok"));
        Map<?, ?> problem = (Map<?, ?>) ((List<?>) b.get("problems")).get(0);
        assertEquals("fan.min-duty", problem.get("path"));
        assertEquals(2.0, problem.get("line"));
        assertTrue(((String) problem.get("message")).contains("120%"), bad.out());
    }

    @Test
    void aChartWidthOutsideItsRangeIsAUsageError() {
        for (String bad : new String[] {"0", "23", "201"}) {
            Cli cli = Cli.run("curve", "--width", bad);
            assertEquals(2, cli.exitCode(), bad);
            assertEquals("pifan: --width " + bad + " outside 24..200 columns\n", cli.err());
        }
        assertEquals(0, Cli.run("curve", "--width", "24").exitCode());
    }

    @Test
    void curveReadsTheConfigAndWritesSvg() throws Exception {
        Path config = dir.resolve("pifan.yaml");
        Files.writeString(config, "curve:\n  points:\n    - [40, 0%]\n    - [60, 100%]\n  hysteresis: 6\n");
        Path svg = dir.resolve("curve.svg");
        Cli cli = Cli.run("curve", "--config", config.toString(), "--svg", svg.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().contains("60 C") && cli.out().contains("54 C"), cli.out());
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertEquals(2, doc.getElementsByTagName("polyline").getLength(), "rising and falling branches");
    }

    @Test
    void noTwoLabelsOfTheCurveSvgOverlapAndTheLegendHasSwatches() throws Exception {
        Path svg = dir.resolve("curve.svg");
        assertEquals(0, Cli.run("curve", "--profile", "pi4-heatsink", "--svg", svg.toString()).exitCode());
        var texts = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile())
                .getElementsByTagName("text");
        List<double[]> boxes = new java.util.ArrayList<>();
        List<String> labels = new java.util.ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            var t = (org.w3c.dom.Element) texts.item(i);
            double x = Double.parseDouble(t.getAttribute("x"));
            double y = Double.parseDouble(t.getAttribute("y"));
            double width = t.getTextContent().length() * 6.8; // 12 px sans-serif, as the charts' Legend spaces them
            double left = switch (t.getAttribute("text-anchor")) {
                case "middle" -> x - width / 2;
                case "end" -> x - width;
                default -> x;
            };
            for (int j = 0; j < boxes.size(); j++) {
                double[] b = boxes.get(j);
                boolean apart = left + width <= b[0] || b[0] + b[2] <= left || y - 12 >= b[1] || b[1] - 12 >= y;
                assertTrue(apart, "'" + t.getTextContent() + "' overlaps '" + labels.get(j) + "'");
            }
            boxes.add(new double[] {left, y, width});
            labels.add(t.getTextContent());
        }
        assertTrue(labels.contains("ceiling 65 °C") && labels.contains("rising (the curve)"), labels.toString());
        String text = Files.readString(svg);
        assertTrue(text.contains("stroke:#d62728;stroke-width:2.5") && text.split("stroke:#d62728").length == 3,
                "the rising curve's stroke, once on the curve and once as its swatch");
    }

    @Test
    void curveOfAProfileUsesThatProfilesDefaults() {
        Cli cli = Cli.run("curve", "--profile", "pi5-active-cooler");
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().contains("64.5 C       64%"), cli.out());
        assertTrue(cli.out().contains("a running fan stops below 48 C"), cli.out());
    }

    @Test
    void configCheckSaysOkInOneLine() throws Exception {
        Path config = dir.resolve("ok.yaml");
        Files.writeString(config, "board: pi5-active-cooler\ncurve: {points: [[45, 0%], [50, 30%], [70, 100%]], hysteresis: 4}\n");
        Cli cli = Cli.run("config", "check", config.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        assertEquals(1, cli.out().lines().count(), cli.out());
        assertTrue(cli.out().contains("OK") && cli.out().contains("3 curve points"), cli.out());
    }

    @Test
    void configCheckListsEveryProblemAndExits1() throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, String.join("\n",
                "curve:",
                "  points:",
                "    - [45, 0%]",
                "    - [60, 30%]",
                "    - [58, 100%]",
                "safety:",
                "  critcal: 80C",
                ""));
        Cli cli = Cli.run("config", "check", config.toString());
        assertEquals(1, cli.exitCode());
        assertTrue(cli.err().contains("bad.yaml:5: curve.points[2]: 58 must be above the previous point's 60"), cli.err());
        assertTrue(cli.err().contains("bad.yaml:7: safety.critcal: unknown key (did you mean 'critical'?)"), cli.err());
        assertTrue(!cli.err().contains("Exception"), cli.err());
    }

    @Test
    void configCheckOfAMissingFileIsOneLine() {
        Cli cli = Cli.run("config", "check", dir.resolve("missing.yaml").toString());
        assertEquals(1, cli.exitCode());
        assertTrue(cli.errIsOneCleanMessage(), cli.err());
        assertTrue(cli.err().contains("missing.yaml: no such file"), cli.err());
    }

    @Test
    void theShippedExampleConfigChecksOk() throws Exception {
        Path example = dir.resolve("pifan-example.yaml");
        try (var in = getClass().getResourceAsStream("/dev/pifan/config/pifan-example.yaml")) {
            Files.write(example, in.readAllBytes());
        }
        assertEquals(0, Cli.run("config", "check", example.toString()).exitCode());
    }

    @Test
    void noCommandIsAUsageError() {
        Cli cli = Cli.run();
        assertEquals(2, cli.exitCode());
        assertTrue(cli.err().contains("name a command"), cli.err());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Cli cli = Cli.run("curve", "--colour");
        assertEquals(2, cli.exitCode());
        assertTrue(cli.err().contains("--colour"), cli.err());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"run", "status", "probe", "simulate", "bench", "curve", "config"})
    void everyCommandHasHelp(String command) {
        Cli cli = Cli.run(command, "--help");
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().startsWith("Usage: pifan " + command), cli.out());
    }
}
