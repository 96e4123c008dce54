package dev.pifan.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a config can be wrong: each names the file, the line, the path and what is wrong. */
class ConfigErrorsTest {

    static List<ConfigProblem> problems(String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "pifan.yaml"),
                () -> "accepted:\n" + yaml);
        return e.problems();
    }

    /** The file has exactly this one problem. */
    static void expect(String yaml, int line, String path, String message) {
        List<ConfigProblem> problems = problems(yaml);
        assertEquals(1, problems.size(), () -> "problems: " + problems);
        ConfigProblem p = problems.get(0);
        assertEquals("pifan.yaml", p.source());
        assertEquals(line, p.line(), () -> "line of " + p);
        assertEquals(path, p.path(), () -> "path of " + p);
        assertEquals(message, p.message());
        assertEquals(0, p.column(), "only syntax errors carry a column");
    }

    /** The file is accepted. */
    static void ok(String yaml) {
        try {
            ConfigLoader.parse(yaml, "pifan.yaml");
        } catch (ConfigException e) {
            throw new AssertionError("refused: " + e.getMessage());
        }
    }

    /** A YAML syntax error: no path, a column, SnakeYAML's text on one line. */
    static void expectSyntax(String yaml, int line, int column, String message) {
        List<ConfigProblem> problems = problems(yaml);
        assertEquals(1, problems.size(), () -> "problems: " + problems);
        ConfigProblem p = problems.get(0);
        assertEquals(new ConfigProblem("pifan.yaml", line, column, "", message), p);
        assertFalse(p.toString().contains("\n"));
    }

    @Nested
    class UnknownAndDuplicateKeys {

        @Test
        void aMisspeltKeyGetsADidYouMean() {
            expect("""
                    interval: 1s
                    curve:
                      points: [[45, 0%], [70, 100%]]
                      hysterisis: 4C
                    """, 4, "curve.hysterisis", "unknown key (did you mean 'hysteresis'?)");
            ConfigProblem p = problems("curve:\n  hysterisis: 4C\n").get(0);
            assertEquals("pifan.yaml:2: curve.hysterisis: unknown key (did you mean 'hysteresis'?)", p.toString());
        }

        @Test
        void misspeltLikeThisToo() {
            expect("fan:\n  min_duty: 30%\n", 2, "fan.min_duty", "unknown key (did you mean 'min-duty'?)");
            expect("Board: auto\n", 1, "Board", "unknown key (did you mean 'board'?)");
            expect("safety: {sensor-failure: 3}", 1, "safety.sensor-failure", "unknown key (did you mean 'sensor-failures'?)");
        }

        @Test
        void withNoCloseMatchTheValidKeysAreListed() {
            expect("fan:\n  speed: 50%\n", 2, "fan.speed", "unknown key (valid keys: min-duty, start-duty, kick, exit, takeover)");
            expect("driver: auto\n", 1, "driver", "unknown key (valid keys: board, interval, curve, fan, ceiling, quiet, safety, hardware, metrics, simulation, tray)");
            expect("fan: {}\nfans: {}\n", 2, "fans", "unknown key (did you mean 'fan'?)");
        }

        @Test
        void aKeyInTheWrongSectionIsToldWhereItBelongs() {
            expect("critical: 90\n", 1, "critical", "unknown key here (it belongs under safety:)");
            expect("curve:\n  kick: 2s\n", 2, "curve.kick", "unknown key here (it belongs under fan:)");
            expect("fan:\n  interval: 2s\n", 2, "fan.interval", "unknown key here (it belongs at the top level)");
        }

        @Test
        void aDuplicateKeyNamesBothLines() {
            expect("""
                    fan:
                      kick: 1s
                      exit: full
                      kick: 2s
                    """, 4, "fan.kick", "duplicate key, first set at line 2");
            expect("fan: {}\nsafety: {}\nfan: {kick: 1s}\n", 3, "fan", "duplicate key, first set at line 1");
        }

        @Test
        void aKeyMustBeAName() {
            expect("? [a, b]\n: 1\n", 1, "", "expected a key name, found a list");
            expect("fan: {~: 1}\n", 1, "fan", "expected a key name, found no value");
        }
    }

    @Nested
    class WrongShapes {

        @Test
        void theRefinementKeysHaveTheirUnitsAndRanges() {
            expect("curve:\n  down-delay: 31m\n", 2, "curve.down-delay", "31m outside 0s..30m");
            expect("curve:\n  down-delay: soon\n", 2, "curve.down-delay",
                    "\"soon\" is not a duration: write e.g. 500ms, 2s, 1.5s, 10m or 1h");
            expect("curve:\n  off-hysteresis: 21C\n", 2, "curve.off-hysteresis", "21C outside 0..20");
            expect("ceiling:\n  at: 130\n", 2, "ceiling.at", "130 outside 0..125 (or off)");
            expect("ceiling:\n  at: hot\n", 2, "ceiling.at", "\"hot\" is not a temperature: write e.g. 65, 65C or 65°C");
            expect("ceiling:\n  rise: 0.2%\n", 2, "ceiling.rise",
                    "\"0.2%\" is not a rate: write a duty per time, e.g. 0.2%/min, 12%/h or 0.5%/s");
            expect("ceiling:\n  fall: 2%/s\n", 2, "ceiling.fall", "2%/s outside 0..100%/min");
            expect("ceiling:\n  fall: -1%/min\n", 2, "ceiling.fall", "-1%/min must not be negative");
            expect("ceiling:\n  settle: 2h\n", 2, "ceiling.settle", "2h outside 0s..1h");
            expect("ceiling:\n  release: 0.2C\n", 2, "ceiling.release", "0.2C outside 0.5..20");
            expect("ceiling:\n  raise: 1%/min\n", 2, "ceiling.raise", "unknown key (did you mean 'rise'?)");
            expect("curve:\n  down-dealy: 1m\n", 2, "curve.down-dealy", "unknown key (did you mean 'down-delay'?)");
            expect("fan:\n  settle: 1m\n", 2, "fan.settle", "unknown key here (it belongs under ceiling:)");
        }

        @Test
        void theTopLevelMustBeAMap() {
            expect("- 1\n- 2\n", 1, "",
                    "expected a map of settings (board, interval, curve, fan, ceiling, quiet, safety, hardware, metrics, simulation, tray) at the top level, found a list");
            expect("\n\nhello\n", 3, "",
                    "expected a map of settings (board, interval, curve, fan, ceiling, quiet, safety, hardware, metrics, simulation, tray) at the top level, found \"hello\"");
        }

        @Test
        void aSectionMustBeAMap() {
            expect("fan: [1, 2]\n", 1, "fan", "expected a map of settings (min-duty, start-duty, kick, exit, takeover), found a list");
            expect("interval: 1s\ncurve: 45\n", 2, "curve", "expected a map of settings (points, hysteresis, off-hysteresis, down-delay), found \"45\"");
        }

        @Test
        void pointsMustBeAList() {
            expect("curve:\n  points: 45\n", 2, "curve.points", "expected a list of [temperature, duty] pairs, found \"45\"");
            expect("curve:\n  points: {45: 0%}\n", 2, "curve.points", "expected a list of [temperature, duty] pairs, found a map");
            expect("curve:\n  points:\n", 2, "curve.points", "expected a list of [temperature, duty] pairs, found no value");
        }

        @Test
        void eachPointMustBeAPair() {
            String head = "curve:\n  points:\n    - [45, 0%]\n";
            expect(head + "    - [70, 100%, 3]\n", 4, "curve.points[1]", "expected a [temperature, duty] pair, found 3 items");
            expect(head + "    - [70]\n", 4, "curve.points[1]", "expected a [temperature, duty] pair, found 1 item");
            expect(head + "    - {t: 70, d: 100%}\n", 4, "curve.points[1]", "expected a [temperature, duty] pair, found a map");
            expect(head + "    - 70\n", 4, "curve.points[1]", "expected a [temperature, duty] pair, found \"70\"");
            expect(head + "    - [[70], 100%]\n", 4, "curve.points[1]", "expected a temperature, found a list");
            expect(head + "    - [70, {d: 1}]\n", 4, "curve.points[1]", "expected a duty, found a map");
        }

        @Test
        void aMapOrListWhereAValueBelongs() {
            expect("interval: {a: 1}\n", 1, "interval", "expected a duration, found a map");
            expect("fan:\n  kick: [1s]\n", 2, "fan.kick", "expected a duration, found a list");
            expect("board: [pi4-heatsink]\n", 1, "board", "expected a board profile, found a list");
            expect("safety:\n  sensor-failures: {n: 3}\n", 2, "safety.sensor-failures", "expected a whole number, found a map");
        }

        @Test
        void aKeyWithoutAValue() {
            expect("interval:\n", 1, "interval", "expected a duration, found no value");
            expect("fan:\n  exit: ~\n", 2, "fan.exit", "expected an exit state, found no value");
        }

        @Test
        void yamlTagsAreRefused() {
            expect("interval: !!binary aGk=\n", 1, "interval", "YAML tag !!binary is not supported here");
            expect("fan: !custom {kick: 1s}\n", 1, "fan", "YAML tag !custom is not supported here");
            expect("curve: {points: !!set {a, b}}\n", 1, "curve.points", "YAML tag !!set is not supported here");
        }
    }

    @Nested
    class OutOfRange {

        static Stream<Arguments> cases() {
            return Stream.of(
                    Arguments.of("interval: 10ms", "interval", "10ms outside 100ms..60s"),
                    Arguments.of("interval: 61s", "interval", "61s outside 100ms..60s"),
                    Arguments.of("interval: 0", "interval", "0 outside 100ms..60s"),
                    Arguments.of("interval: 99999999999999999999h", "interval", "99999999999999999999h outside 100ms..60s"),
                    Arguments.of("curve: {hysteresis: 25C}", "curve.hysteresis", "25C outside 0..20"),
                    Arguments.of("curve: {hysteresis: -1}", "curve.hysteresis", "-1 outside 0..20"),
                    Arguments.of("curve: {points: [[-5, 0%], [70, 100%]]}", "curve.points[0]", "-5 outside 0..125"),
                    Arguments.of("curve: {points: [[45, 0%], [130C, 100%]]}", "curve.points[1]", "130C outside 0..125"),
                    Arguments.of("curve: {points: [[45, 0%], [70, 120%]]}", "curve.points[1]", "120% outside 0%..100%"),
                    Arguments.of("fan: {min-duty: 120%}", "fan.min-duty", "120% outside 0%..100%"),
                    Arguments.of("fan: {start-duty: 256/255}", "fan.start-duty", "256/255 outside 0%..100%"),
                    Arguments.of("fan: {kick: 31s}", "fan.kick", "31s outside 0s..30s"),
                    Arguments.of("safety: {critical: 130C}", "safety.critical", "130C outside 0..125"),
                    Arguments.of("safety: {sensor-failures: 0}", "safety.sensor-failures", "0 outside 1..100"),
                    Arguments.of("safety: {sensor-failures: 101}", "safety.sensor-failures", "101 outside 1..100"),
                    Arguments.of("safety: {stuck-after: 5s}", "safety.stuck-after", "5s outside 30s..24h (or off)"),
                    Arguments.of("safety: {stuck-after: 25h}", "safety.stuck-after", "25h outside 30s..24h (or off)"),
                    Arguments.of("safety: {stall-after: 500ms}", "safety.stall-after", "500ms outside 1s..10m (or off)"),
                    Arguments.of("safety: {stall-after: 11m}", "safety.stall-after", "11m outside 1s..10m (or off)"),
                    Arguments.of("safety: {read-timeout: 5ms}", "safety.read-timeout", "5ms outside 10ms..10s"),
                    Arguments.of("safety: {read-timeout: 11s}", "safety.read-timeout", "11s outside 10ms..10s"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("cases")
        void isRefusedWithTheRange(String yaml, String path, String message) {
            expect(yaml, 1, path, message);
        }
    }

    @Nested
    class BadUnits {

        static Stream<Arguments> cases() {
            String temperature = "write e.g. 65, 65C or 65°C";
            String duty = "write a percentage (40%), a ratio (0.4) or a PWM value (102/255)";
            String duration = "write e.g. 500ms, 2s, 1.5s, 10m or 1h";
            return Stream.of(
                    Arguments.of("safety: {critical: 176F}", "safety.critical",
                            "\"176F\": temperatures are in degrees Celsius only: " + temperature),
                    Arguments.of("safety: {critical: 353K}", "safety.critical",
                            "\"353K\": temperatures are in degrees Celsius only: " + temperature),
                    Arguments.of("curve: {points: [[113F, 0%], [70, 100%]]}", "curve.points[0]",
                            "\"113F\": temperatures are in degrees Celsius only: " + temperature),
                    Arguments.of("curve: {hysteresis: a lot}", "curve.hysteresis", "\"a lot\" is not a temperature: " + temperature),
                    Arguments.of("fan: {start-duty: 40}", "fan.start-duty", "\"40\" is ambiguous: write 40% or 0.4"),
                    Arguments.of("curve: {points: [[45, 0%], [70, 100]]}", "curve.points[1]",
                            "\"100\" is ambiguous: write 100% or 1"),
                    Arguments.of("fan: {min-duty: low}", "fan.min-duty", "\"low\" is not a duty: " + duty),
                    Arguments.of("fan: {kick: soon}", "fan.kick", "\"soon\" is not a duration: " + duration),
                    Arguments.of("interval: off", "interval", "\"off\" is not a duration: " + duration),
                    Arguments.of("safety: {sensor-failures: 3.5}", "safety.sensor-failures", "\"3.5\" is not a whole number"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("cases")
        void isRefusedNamingTheAcceptedForms(String yaml, String path, String message) {
            expect(yaml, 1, path, message);
        }
    }

    @Nested
    class CurveRules {

        @Test
        void temperaturesMustRiseStrictly() {
            expect("""
                    curve:
                      points:
                        - [45, 0%]
                        - [60, 30%]
                        - [58, 100%]
                    """, 5, "curve.points[2]", "58 must be above the previous point's 60");
            expect("curve: {points: [[50, 0%], [50, 100%]]}", 1, "curve.points[1]", "50 must be above the previous point's 50");
        }

        @Test
        void dutiesMustNeverFall() {
            expect("curve:\n  points:\n    - [45, 50%]\n    - [50, 40%]\n    - [70, 100%]\n",
                    4, "curve.points[1]", "duty 40% must not be below the previous point's 50%");
        }

        @Test
        void aCurveNeedsTwoPoints() {
            expect("curve:\n  points: [[70, 100%]]\n", 2, "curve.points", "a curve needs at least 2 points, found 1");
            expect("curve:\n  points: []\n", 2, "curve.points", "a curve needs at least 2 points, found 0");
        }

        @Test
        void aCurveThatNeverReachesFullSpeedIsRefused() {
            expect("curve:\n  points:\n    - [45, 0%]\n    - [70, 90%]\n", 4, "curve.points[1]",
                    "the curve never reaches full speed: the last point's duty is 90%, it must be 100%");
        }

        @Test
        void aBrokenPointIsNotComparedWithItsNeighbours() {
            // [1] is wrong; comparing [2] with [0] across it would only add noise.
            expect("curve:\n  points:\n    - [45, 0%]\n    - [hot, 30%]\n    - [40, 100%]\n",
                    4, "curve.points[1]", "\"hot\" is not a temperature: write e.g. 65, 65C or 65°C");
        }

        @Test
        void aPointCanBreakTwoRulesAtOnce() {
            List<ConfigProblem> problems = problems("curve: {points: [[50, 50%], [40, 30%], [70, 100%]]}");
            assertEquals(List.of(
                    "pifan.yaml:1: curve.points[1]: 40 must be above the previous point's 50",
                    "pifan.yaml:1: curve.points[1]: duty 30% must not be below the previous point's 50%"),
                    problems.stream().map(ConfigProblem::toString).toList());
        }
    }

    @Nested
    class RulesBetweenValues {

        @Test
        void minDutyAboveStartDutyBothInTheFile() {
            expect("fan:\n  min-duty: 50%\n  start-duty: 40%\n", 2, "fan.min-duty", "50% must not be above fan.start-duty 40%");
        }

        @Test
        void minDutyAboveTheDefaultStartDuty() {
            expect("fan:\n  min-duty: 50%\n", 2, "fan.min-duty",
                    "50% must not be above fan.start-duty 31% (the pi4-heatsink default)");
        }

        @Test
        void startDutyBelowTheDefaultMinDutyOfTheChosenBoard() {
            expect("fan:\n  start-duty: 20%\n", 2, "fan.start-duty",
                    "20% must not be below fan.min-duty 21% (the pi4-heatsink default)");
            expect("board: pi5-active-cooler\nfan: {start-duty: 10%}\n", 2, "fan.start-duty",
                    "10% must not be below fan.min-duty 16% (the pi5-active-cooler default)");
        }

        @Test
        void criticalMustBeAboveTheFirstCurvePoint() {
            expect("safety: {critical: 45}", 1, "safety.critical",
                    "45C must be above the first curve point's 55C (the pi4-heatsink default)");
            expect("curve:\n  points: [[50, 0%], [90, 100%]]\nsafety:\n  critical: 50C\n", 4, "safety.critical",
                    "50C must be above the first curve point's 50C");
            expect("curve:\n  points: [[85, 0%], [90, 100%]]\n", 2, "curve.points[0]",
                    "85C must be below safety.critical 80C (the pi4-heatsink default)");
        }

        @Test
        void theCeilingMustLieBetweenTheFirstCurvePointAndCritical() {
            expect("ceiling:\n  at: 50C\n", 2, "ceiling.at",
                    "50C must be above the first curve point's 55C (the pi4-heatsink default)");
            expect("ceiling:\n  at: 85\n", 2, "ceiling.at",
                    "85C must be below safety.critical 80C (the pi4-heatsink default)");
            expect("safety:\n  critical: 62\n", 2, "safety.critical",
                    "62C must be above ceiling.at 65C (the pi4-heatsink default)");
            expect("curve:\n  points: [[70, 0%], [75, 100%]]\nceiling: {at: 65}\n", 3, "ceiling.at",
                    "65C must be above the first curve point's 70C");
            // the profile's ceiling goes with the profile's curve: a curve of one's own has none unless asked
            ok("curve:\n  points: [[70, 0%], [75, 100%]]\n");
        }

        @Test
        void aWrongValueIsNotCrossCheckedAgain() {
            // min-duty is wrong on its own; "120% above start-duty" would say nothing new.
            expect("fan:\n  min-duty: 120%\n  start-duty: 40%\n", 2, "fan.min-duty", "120% outside 0%..100%");
        }
    }

    @Nested
    class Names {

        @Test
        void unknownBoardListsTheProfiles() {
            expect("board: pi3\n", 1, "board",
                    "unknown profile \"pi3\" (valid profiles: auto, pi4-heatsink, pi5-active-cooler, cm4-blade)");
            expect("board: pi5-active-cooller\n", 1, "board", "unknown profile \"pi5-active-cooller\" (did you mean "
                    + "'pi5-active-cooler'? valid profiles: auto, pi4-heatsink, pi5-active-cooler, cm4-blade)");
        }

        @Test
        void theRestOfTheFileIsCheckedDespiteAnUnknownBoard() {
            List<ConfigProblem> problems = problems("board: pi3\ninterval: 5ms\n");
            assertEquals(2, problems.size());
            assertEquals("interval", problems.get(1).path());
            assertEquals(2, problems.get(1).line());
        }

        @Test
        void unknownExitState() {
            expect("fan:\n  exit: off\n", 2, "fan.exit", "unknown exit state \"off\" (valid: auto, full)");
        }
    }

    @Nested
    class YamlSyntax {

        @Test
        void badIndentation() {
            expectSyntax("interval: 1s\n  kick: 2s\n", 2, 7, "mapping values are not allowed here");
            expectSyntax("fan:\n  kick: 2s\n exit: full\n", 3, 2,
                    "expected <block end>, but found '<block mapping start>' (while parsing a block mapping at line 1)");
        }

        @Test
        void unclosedFlowCollection() {
            expectSyntax("curve: {points: [[45, 0%]", 1, 26,
                    "expected ',' or ']', but got <stream end> (while parsing a flow sequence at line 1)");
        }

        @Test
        void tabIndentation() {
            expectSyntax("fan:\n\tkick: 2s", 2, 1, "found character '\\t(TAB)' that cannot start any token. "
                    + "(Do not use \\t(TAB) for indentation) (while scanning for the next token)");
        }

        @Test
        void badEscape() {
            expectSyntax("board: \"pi\\q\"", 1, 12,
                    "found unknown escape character q(113) (while scanning a double-quoted scalar at line 1)");
        }

        @Test
        void undefinedAlias() {
            expectSyntax("interval: *x", 1, 11, "found undefined alias x");
        }

        @Test
        void moreThanOneDocument() {
            expectSyntax("interval: 1s\n---\ninterval: 2s\n", 2, 1,
                    "expected a single document in the stream, but found another document");
        }

        @Test
        void controlCharacters() {
            expectSyntax("interval: 1s\u0007\n", 1, 13, "special characters are not allowed (U+0007)");
        }

        @Test
        void deepNestingIsRefusedBeforeItOverflowsTheStack() {
            expectSyntax("[".repeat(100_000), 1, 17, "nested more than 16 levels deep");
            // top-level map, curve map, then the 15th '[' is level 17
            expectSyntax("curve:\n  points: " + "[".repeat(20) + "]".repeat(20), 2, 25, "nested more than 16 levels deep");
        }

        @Test
        void aliasesCannotMultiplyCollections() {
            StringBuilder laughs = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
            for (char c = 'b'; c <= 'k'; c++) {
                String prev = String.valueOf((char) (c - 1));
                laughs.append(c).append(": &").append(c).append(" [")
                        .append(String.join(", ", java.util.Collections.nCopies(9, "*" + prev))).append("]\n");
            }
            expect(laughs.toString(), 0, "", "Number of aliases for non-scalar nodes exceeds the specified max=10");
        }

        @Test
        void unsupportedYamlVersion() {
            expect("%YAML 2.0\n---\ninterval: 1s\n", 0, "", "YAML version 2.0 is not supported (write YAML 1.2)");
        }
    }

    @Nested
    class Files_ {

        @Test
        void aMissingFileIsOneProblem(@TempDir Path dir) {
            Path file = dir.resolve("pifan.yaml");
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
            assertEquals(List.of(new ConfigProblem(file.toString(), 0, "", "no such file")), e.problems());
            assertEquals(file + ": no such file", e.getMessage());
        }

        @Test
        void aDirectory(@TempDir Path dir) {
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir));
            assertEquals(dir + ": is a directory, not a regular file: a config must be a file", e.getMessage());
        }

        @Test
        void aFifoIsRefusedWithoutOpeningIt(@TempDir Path dir) throws Exception {
            Path fifo = dir.resolve("pifan.yaml");
            // opening a FIFO nobody writes blocks until someone does: the test would hang, not fail
            assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(fifo));
            assertEquals(fifo + ": is a FIFO (named pipe), not a regular file: a config must be a file", e.getMessage());
        }

        @Test
        void aLinkToDevZeroIsRefusedAsADevice(@TempDir Path dir) throws Exception {
            Path link = Files.createSymbolicLink(dir.resolve("pifan.yaml"), Path.of("/dev/zero"));
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(link));
            assertEquals(link + ": is a character device, not a regular file: a config must be a file", e.getMessage());
        }

        @Test
        void aSymlinkLoopSaysSo(@TempDir Path dir) throws Exception {
            Path link = Files.createSymbolicLink(dir.resolve("pifan.yaml"), Path.of("pifan.yaml"));
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(link));
            assertTrue(e.getMessage().startsWith(link + ": a loop of symbolic links ("), e.getMessage());
        }

        @Test
        void notUtf8(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("pifan.yaml");
            Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
            assertEquals(file + ": not UTF-8 text", e.getMessage());
        }

        @Test
        void tooLarge(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("pifan.yaml");
            Files.writeString(file, "#".repeat(ConfigLoader.MAX_SIZE) + "\n");
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
            assertEquals(file + ": too large for a config file (more than 1048576 bytes)", e.getMessage());
        }

        @Test
        void problemsInAFileNameItsPath(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("pifan.yaml");
            Files.writeString(file, "interval: 1s\nfan:\n  kick: forever\n");
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
            assertEquals(file + ":3: fan.kick: \"forever\" is not a duration: write e.g. 500ms, 2s, 1.5s, 10m or 1h",
                    e.getMessage());
        }
    }

    @Nested
    class ManyProblems {

        @Test
        void everyProblemOfAFileIsReportedInLineOrder() {
            String yaml = """
                    board: auto
                    interval: 10ms
                    curve:
                      hysterisis: 4C
                      points:
                        - [45C, 0%]
                        - [60, 30%]
                        - [58, 100%]
                        - [75, 40, 3]
                    fan:
                      min-duty: 120%
                      start-duty: 40
                      kick: {a: 1}
                      exit: off
                    safety:
                      critical: 176F
                      sensor-failures: 0
                      stuck-after: 5s
                      stall-after: soon
                      critical: 90
                    colour: blue
                    critical: 3
                    """;
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "pifan.yaml"));
            List<String> expected = List.of(
                    "pifan.yaml:2: interval: 10ms outside 100ms..60s",
                    "pifan.yaml:4: curve.hysterisis: unknown key (did you mean 'hysteresis'?)",
                    "pifan.yaml:8: curve.points[2]: 58 must be above the previous point's 60",
                    "pifan.yaml:9: curve.points[3]: expected a [temperature, duty] pair, found 3 items",
                    "pifan.yaml:11: fan.min-duty: 120% outside 0%..100%",
                    "pifan.yaml:12: fan.start-duty: \"40\" is ambiguous: write 40% or 0.4",
                    "pifan.yaml:13: fan.kick: expected a duration, found a map",
                    "pifan.yaml:14: fan.exit: unknown exit state \"off\" (valid: auto, full)",
                    "pifan.yaml:16: safety.critical: \"176F\": temperatures are in degrees Celsius only: "
                            + "write e.g. 65, 65C or 65°C",
                    "pifan.yaml:17: safety.sensor-failures: 0 outside 1..100",
                    "pifan.yaml:18: safety.stuck-after: 5s outside 30s..24h (or off)",
                    "pifan.yaml:19: safety.stall-after: \"soon\" is not a duration: write e.g. 500ms, 2s, 1.5s, 10m or 1h",
                    "pifan.yaml:20: safety.critical: duplicate key, first set at line 16",
                    "pifan.yaml:21: colour: unknown key (valid keys: board, interval, curve, fan, ceiling, quiet, safety, hardware, metrics, simulation, tray)",
                    "pifan.yaml:22: critical: unknown key here (it belongs under safety:)");
            assertEquals(expected, e.problems().stream().map(ConfigProblem::toString).toList());
            assertEquals(String.join("\n", expected), e.getMessage());
        }

        @Test
        void crossChecksAreSortedIntoLineOrderToo() {
            List<ConfigProblem> problems = problems("""
                    fan:
                      min-duty: 50%
                    unknown: 1
                    safety:
                      critical: 40
                    """);
            assertEquals(List.of(2, 3, 5), problems.stream().map(ConfigProblem::line).toList());
            assertEquals(List.of("fan.min-duty", "unknown", "safety.critical"),
                    problems.stream().map(ConfigProblem::path).toList());
        }

        @Test
        void flowStyleProblemsAllNameTheirLine() {
            List<ConfigProblem> problems = problems("""
                    interval: 1s
                    curve: {points: [[45, 0%], [40, 100%]], hysteresis: 30}
                    fan: {kick: -1s, exit: never}
                    """);
            assertEquals(List.of(
                    "pifan.yaml:2: curve.points[1]: 40 must be above the previous point's 45",
                    "pifan.yaml:2: curve.hysteresis: 30 outside 0..20",
                    "pifan.yaml:3: fan.kick: \"-1s\" is not a duration: write e.g. 500ms, 2s, 1.5s, 10m or 1h",
                    "pifan.yaml:3: fan.exit: unknown exit state \"never\" (valid: auto, full)"),
                    problems.stream().map(ConfigProblem::toString).toList());
            assertTrue(problems.stream().allMatch(p -> p.column() == 0));
        }
    }
}
