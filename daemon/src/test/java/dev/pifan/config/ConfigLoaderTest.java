package dev.pifan.config;

import dev.pifan.control.ExitState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.Duty;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are right: block and flow style, defaults, partial overrides. */
class ConfigLoaderTest {

    private static final String FULL_BLOCK = """
            board: pi5-active-cooler
            interval: 500ms
            curve:
              points:
                - [40C, 0%]
                - [50, 0.3]
                - [60 C, 153/255]
                - [75°C, 100%]
              hysteresis: 2.5
            fan:
              min-duty: 20%
              start-duty: 50%
              kick: 1.5s
              exit: full
            safety:
              critical: 85C
              sensor-failures: 5
              stuck-after: off
              stall-after: 0s
            """;

    static PifanConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, "pifan.yaml");
    }

    @Test
    void everyKeyInBlockStyle() throws ConfigException {
        PifanConfig c = parse(FULL_BLOCK);
        assertEquals("pi5-active-cooler", c.board());
        assertEquals(Duration.ofMillis(500), c.interval());
        assertEquals(List.of(CurvePoint.of(40, 0), new CurvePoint(50, Duty.ofRatio(0.3)),
                new CurvePoint(60, Duty.ofPwm(153)), CurvePoint.of(75, 100)), c.curve().points());
        assertEquals(2.5, c.curve().hysteresisC());
        assertEquals(new FanConfig(Duty.ofPercent(20), Duty.ofPercent(50), Duration.ofMillis(1500), ExitState.FULL), c.fan());
        assertEquals(new SafetyConfig(85, 5, Duration.ZERO, Duration.ZERO), c.safety());
        assertEquals("pifan.yaml", c.source());
    }

    @Test
    void everyKeyInFlowStyleGivesTheSameConfig() throws ConfigException {
        String flow = """
                {board: pi5-active-cooler, interval: 500ms,
                 curve: {points: [[40C, 0%], [50, 0.3], [60 C, 153/255], [75°C, 100%]], hysteresis: 2.5},
                 fan: {min-duty: 20%, start-duty: 50%, kick: 1.5s, exit: full},
                 safety: {critical: 85C, sensor-failures: 5, stuck-after: off, stall-after: 0s}}
                """;
        assertEquals(parse(FULL_BLOCK), parse(flow));
    }

    @Test
    void theBriefsFlowExample() throws ConfigException {
        PifanConfig c = parse("curve: {points: [[45, 0%], [50, 30%], [70, 100%]], hysteresis: 4}");
        assertEquals(List.of(CurvePoint.of(45, 0), CurvePoint.of(50, 30), CurvePoint.of(70, 100)), c.curve().points());
        assertEquals(4.0, c.curve().hysteresisC());
    }

    @Test
    void emptyTextIsAllDefaults() throws ConfigException {
        PifanConfig expected = PifanConfig.defaults("auto").withSource("pifan.yaml");
        assertEquals(expected, parse(""));
        assertEquals(expected, parse("# nothing but comments\n\n"));
        assertEquals(expected, parse("---\n"));
        assertEquals(expected, parse("~"));
    }

    @Test
    void emptySectionsAreDefaults() throws ConfigException {
        // What is left when everything under a section is commented out.
        assertEquals(PifanConfig.defaults("auto").withSource("pifan.yaml"), parse("""
                curve:
                #  hysteresis: 4
                fan:
                safety: {}
                """));
    }

    @Test
    void boardSelectsTheProfileDefaultsForKeysLeftOut() throws ConfigException {
        for (String board : List.of("pi4-heatsink", "pi5-active-cooler", "cm4-blade")) {
            assertEquals(PifanConfig.defaults(board).withSource("pifan.yaml"), parse("board: " + board));
        }
    }

    @Test
    void theRefinementKeysAreRead() throws ConfigException {
        PifanConfig c = parse("""
                board: pi5-active-cooler
                curve:
                  down-delay: 90s
                  off-hysteresis: 2.5C
                ceiling:
                  at: 63C
                  rise: 0.6%/min
                  fall: 12%/h
                  settle: 30s
                  release: 2
                """);
        assertEquals(Duration.ofSeconds(90), c.curve().downDelay());
        assertEquals(2.5, c.curve().offHysteresisC());
        assertEquals(PifanConfig.defaults("pi5-active-cooler").curve().points(), c.curve().points());
        assertEquals(new CeilingConfig(OptionalDouble.of(63), 0.006 / 60, 0.12 / 3600, Duration.ofSeconds(30), 2,
                PifanConfig.defaults("pi5-active-cooler").ceiling().model()), c.ceiling());
        assertEquals(CeilingConfig.OFF.atC(), parse("ceiling: {at: off}").ceiling().atC());
        assertEquals(0.0, parse("ceiling: {rise: 0%/s}").ceiling().risePerSecond());
    }

    @Test
    void aFilesOwnCurveKeepsTheProfilesCeilingWhereItCanApply() throws ConfigException {
        double profileCeiling = PifanConfig.defaults("pi4-heatsink").ceiling().atC().getAsDouble();
        PifanConfig below = parse("curve: {points: [[45, 0%], [70, 100%]]}");
        assertEquals(OptionalDouble.of(profileCeiling), below.ceiling().atC(), "a guard nobody turned off stays");
        assertTrue(below.summary().contains(", ceiling " + Units.format(profileCeiling) + "C"), below.summary());
        PifanConfig above = parse("curve: {points: [[70, 0%], [85, 100%]]}\nsafety: {critical: 90}");
        assertEquals(OptionalDouble.empty(), above.ceiling().atC(), "a curve that starts above it: no guard");
        assertTrue(above.summary().contains(", no ceiling guard"), above.summary());
        assertEquals(OptionalDouble.empty(), parse("curve: {points: [[45, 0%], [70, 100%]]}\nceiling: {at: off}")
                .ceiling().atC(), "turned off");
    }

    @Test
    void aPartialOverrideKeepsTheProfileDefaultsForTheRest() throws ConfigException {
        PifanConfig c = parse("""
                board: cm4-blade
                fan:
                  kick: 0s
                safety:
                  critical: 75
                """);
        PifanConfig cm4 = PifanConfig.defaults("cm4-blade");
        assertEquals(cm4.curve(), c.curve());
        assertEquals(new FanConfig(cm4.fan().minDuty(), cm4.fan().startDuty(), Duration.ZERO, ExitState.AUTO), c.fan());
        assertEquals(75.0, c.safety().criticalC());
        assertEquals(cm4.safety().sensorFailures(), c.safety().sensorFailures());
        assertEquals(cm4.interval(), c.interval());
    }

    @Test
    void pointsWithoutHysteresisKeepTheDefaultHysteresis() throws ConfigException {
        PifanConfig c = parse("""
                board: pi5-active-cooler
                curve:
                  points: [[40, 10%], [80, 100%]]
                """);
        assertEquals(List.of(CurvePoint.of(40, 10), CurvePoint.of(80, 100)), c.curve().points());
        assertEquals(PifanConfig.defaults("pi5-active-cooler").curve().hysteresisC(), c.curve().hysteresisC());
    }

    @Test
    void hysteresisWithoutPointsKeepsTheDefaultPoints() throws ConfigException {
        PifanConfig c = parse("curve:\n  hysteresis: 0\n");
        assertEquals(PifanConfig.defaults("auto").curve().points(), c.curve().points());
        assertEquals(0.0, c.curve().hysteresisC());
    }

    @Test
    void boundaryValuesAreAccepted() throws ConfigException {
        PifanConfig c = parse("""
                interval: 100ms
                curve: {points: [[0, 0], [125, 1]], hysteresis: 20C}
                fan: {min-duty: 40%, start-duty: 40%, kick: 30s}
                safety: {critical: 125, sensor-failures: 100, stuck-after: 24h, stall-after: 10m}
                """);
        assertEquals(Duration.ofMillis(100), c.interval());
        assertEquals(Duration.ofHours(24), c.safety().stuckAfter());
        assertEquals(parse("interval: 60s").interval(), Duration.ofSeconds(60));
        assertEquals(1, parse("safety: {sensor-failures: 1, stuck-after: 30s, stall-after: 1s}").safety().sensorFailures());
        assertEquals(Duration.ofMillis(10), parse("safety: {read-timeout: 10ms}").safety().readTimeout());
        assertEquals(Duration.ofSeconds(10), parse("safety: {read-timeout: 10s}").safety().readTimeout());
        assertEquals(SafetyConfig.DEFAULT_READ_TIMEOUT, parse("").safety().readTimeout());
    }

    @Test
    void quotedValuesAndYamlNumbersReadTheSameAsPlainOnes() throws ConfigException {
        PifanConfig c = parse("""
                interval: "2"
                safety: {critical: '80', sensor-failures: "3"}
                """);
        assertEquals(Duration.ofSeconds(2), c.interval());
        assertEquals(80.0, c.safety().criticalC());
    }

    @Test
    void anchorsAndAliasesOfScalarsWork() throws ConfigException {
        PifanConfig c = parse("""
                fan: {min-duty: &d 35%, start-duty: *d}
                """);
        assertEquals(c.fan().minDuty(), c.fan().startDuty());
    }

    @Test
    void mergeKeysAreResolvedByYamlWithExplicitKeysWinning() throws ConfigException {
        PifanConfig c = parse("""
                fan:
                  <<: {kick: 1s, exit: full}
                  kick: 3s
                """);
        assertEquals(Duration.ofSeconds(3), c.fan().kick());
        assertEquals(ExitState.FULL, c.fan().exit());
    }

    @Test
    void theExampleFileIsThePi4HeatsinkDefaults() throws Exception {
        String example = exampleFile();
        PifanConfig c = ConfigLoader.parse(example, "pifan-example.yaml");
        PifanConfig pi4 = PifanConfig.defaults("pi4-heatsink");
        assertEquals(pi4.interval(), c.interval());
        assertEquals(pi4.curve(), c.curve());
        assertEquals(pi4.fan(), c.fan());
        assertEquals(pi4.ceiling(), c.ceiling());
        assertEquals(pi4.safety(), c.safety());
        assertEquals(pi4.hardware(), c.hardware());
        assertEquals(pi4.metrics(), c.metrics());
        assertEquals("auto", c.board());
        assertEquals("pifan-example.yaml: OK, board auto, 7 curve points 55-66C, hysteresis 4C, ceiling 65C, "
                + "critical 80C, interval 1s", c.summary());
    }

    @Test
    void theExampleFileCommentsEveryKey() throws IOException {
        List<String> lines = exampleFile().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            boolean isKey = line.matches("[a-z-]+:.*");
            if (isKey) {
                assertEquals(true, lines.get(i - 1).strip().startsWith("#"), "no comment above: " + line);
            }
        }
    }

    @Test
    void loadReadsAFileAndNamesItAsTheSource(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pifan.yaml");
        Files.writeString(file, "board: cm4-blade\n");
        PifanConfig c = ConfigLoader.load(file);
        assertEquals(PifanConfig.defaults("cm4-blade").withSource(file.toString()), c);
    }

    static String exampleFile() throws IOException {
        try (InputStream in = ConfigLoaderTest.class.getResourceAsStream("pifan-example.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aSurrogatePairAcrossSnakeYamlsReadBufferLoads() throws ConfigException {
        // an emoji in a comment, its two UTF-16 halves on either side of the 1024th character
        for (int pad = 1015; pad < 1030; pad++) {
            String text = "# " + "x".repeat(pad) + "\uD83D\uDE00 fan at night\nboard: pi5-active-cooler\n";
            assertEquals("pi5-active-cooler", ConfigLoader.parse(text, "emoji.yaml").board(), "padding " + pad);
        }
    }
}
