package dev.pifan.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the text, the loader answers with a config or a {@link ConfigException}: never another
 * exception, never a problem without a message or with a line outside the file.
 */
class ConfigLoaderProperties {

    private static final String FLOW = "{board: pi5-active-cooler, interval: 500ms, curve: {points: [[40C, 0%], "
            + "[50, 0.3], [60 C, 153/255], [75°C, 100%]], hysteresis: 2.5}, fan: {min-duty: 20%, start-duty: 50%, "
            + "kick: 1.5s, exit: full}, safety: {critical: 85C, sensor-failures: 5, stuck-after: off, stall-after: 0s}}";

    /** Pieces of YAML and of pifan's vocabulary: random text made of them gets past the scanner. */
    private static final List<String> TOKENS = List.of(
            "board", "interval", "curve", "points", "hysteresis", "fan", "min-duty", "start-duty", "kick", "exit",
            "safety", "critical", "sensor-failures", "stuck-after", "stall-after", "auto", "full", "off",
            "pi4-heatsink", "45C", "65°C", "70", "-5", "40%", "0.4", "102/255", "40", "2s", "500ms", "10m",
            "1e400", "99999999999999999999999", ":", ": ", " ", "  ", "\n", "\n  ", "\n    ", "- ", "[", "]", "{", "}",
            ",", "~", "null", "&a ", "*a", "!!str ", "!!binary ", "!x ", "<<: ", "? ", "#", "'", "\"", "|", ">",
            "\t", "%YAML 1.2\n", "---\n", "...", "\\", "\r\n", "\u0000", "\uFEFF", "\u2028", "°");

    @Property(tries = 1000)
    void anyString(@ForAll String text) {
        assertConfigOrConfigException(text);
    }

    @Property(tries = 3000)
    void yamlLikeText(@ForAll("yamlish") String text) {
        assertConfigOrConfigException(text);
    }

    @Property(tries = 3000)
    void mutationsOfValidFiles(@ForAll("mutated") String text) {
        assertConfigOrConfigException(text);
    }

    /** Any valid curve, written in any accepted spelling, block or flow, is read back exactly. */
    @Property(tries = 500)
    void validCurvesAreReadExactly(@ForAll("curves") List<CurvePoint> points, @ForAll boolean flow,
                                   @ForAll("spellings") List<Integer> spellings) throws ConfigException {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            CurvePoint p = points.get(i);
            int spelling = spellings.get(i % spellings.size());
            String celsius = Units.format(p.celsius()) + List.of("", "C", " C", "°C").get(spelling % 4);
            String percent = Units.format(p.duty().percent());
            String duty = spelling / 4 == 0 ? percent + "%" : Units.format(p.duty().ratio());
            pairs.add("[" + celsius + ", " + duty + "]");
        }
        String yaml = flow
                ? "curve: {points: [" + String.join(", ", pairs) + "]}\nsafety: {critical: 125}\n"
                : "curve:\n  points:\n" + pairs.stream().map(p -> "    - " + p + "\n").reduce("", String::concat)
                  + "safety:\n  critical: 125\n";
        assertEquals(points, ConfigLoader.parse(yaml, "pifan.yaml").curve().points(), yaml);
    }

    @Provide
    Arbitrary<String> yamlish() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(80).map(tokens -> String.join("", tokens));
    }

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<String> base = Arbitraries.of(example(), FLOW, "fan:\n  kick: 2s\n  exit: full\n");
        Arbitrary<Mutation> mutation = Combinators.combine(
                        Arbitraries.integers().between(0, 5),
                        Arbitraries.integers().between(0, 100_000),
                        Arbitraries.integers().between(0, 100_000),
                        Arbitraries.of(TOKENS))
                .as(Mutation::new);
        return Combinators.combine(base, mutation.list().ofMinSize(1).ofMaxSize(6)).as((text, mutations) -> {
            String result = text;
            for (Mutation m : mutations) {
                result = m.applyTo(result);
            }
            return result;
        });
    }

    @Provide
    Arbitrary<List<CurvePoint>> curves() {
        // Half-degree temperatures below 125 (the critical temperature used), strictly rising;
        // whole-percent duties never falling, the last 100%.
        return Arbitraries.integers().between(0, 249).set().ofMinSize(2).ofMaxSize(10).flatMap(halfDegrees -> {
            List<Integer> temps = halfDegrees.stream().sorted().toList();
            return Arbitraries.integers().between(0, 100).list().ofSize(temps.size() - 1).map(duties -> {
                List<Integer> sorted = duties.stream().sorted().toList();
                List<CurvePoint> points = new ArrayList<>();
                for (int i = 0; i < temps.size(); i++) {
                    int percent = i < sorted.size() ? sorted.get(i) : 100;
                    points.add(CurvePoint.of(temps.get(i) / 2.0, percent));
                }
                return points;
            });
        });
    }

    @Provide
    Arbitrary<List<Integer>> spellings() {
        return Arbitraries.integers().between(0, 7).list().ofMinSize(1).ofMaxSize(10);
    }

    private static void assertConfigOrConfigException(String text) {
        PifanConfig config;
        try {
            config = ConfigLoader.parse(text, "fuzz.yaml");
        } catch (ConfigException e) {
            assertFalse(e.problems().isEmpty());
            long lines = 1 + text.chars().filter(c -> c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029).count();
            for (ConfigProblem p : e.problems()) {
                assertEquals("fuzz.yaml", p.source());
                assertTrue(p.line() >= 0 && p.line() <= lines, () -> "line " + p.line() + " of " + lines + ": " + p);
                assertFalse(p.message().isBlank(), p::toString);
                assertFalse(p.toString().contains("\n"), p::toString);
            }
            assertNotNull(e.getMessage());
            return;
        }
        assertNotNull(config.summary());
    }

    private static String example() {
        try {
            return ConfigLoaderTest.exampleFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One edit of a text: delete, insert, replace, duplicate a line, swap lines, re-indent a line. */
    record Mutation(int kind, int a, int b, String token) {
        String applyTo(String text) {
            int n = text.length();
            int from = Math.min(a, b) % (n + 1);
            int to = Math.min(n, from + Math.abs(a - b) % 40);
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            int line = a % lines.size();
            int other = b % lines.size();
            switch (kind) {
                case 0 -> { return text.substring(0, from) + text.substring(to); }
                case 1 -> { return text.substring(0, from) + token + text.substring(from); }
                case 2 -> { return text.substring(0, from) + token + text.substring(to); }
                case 3 -> lines.add(line, lines.get(line));
                case 4 -> {
                    String swap = lines.get(line);
                    lines.set(line, lines.get(other));
                    lines.set(other, swap);
                }
                default -> {
                    String l = lines.get(line);
                    lines.set(line, b % 2 == 0 ? "  " + l : l.replaceFirst("^ {1,2}", ""));
                }
            }
            return String.join("\n", lines);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "Mutation[%d, %d, %d, %s]", kind, a, b, token.replace("\n", "\\n"));
        }
    }
}
