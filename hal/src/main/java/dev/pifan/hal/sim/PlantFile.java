package dev.pifan.hal.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * A simulated board's physics as data: a flat YAML mapping of the thermal model's constants, named
 * as its profile table writes them ({@code p_idle: 3.0}, ... {@code tach: true}), every one
 * required. The built-in profiles are such files ({@code plants/NAME.yaml} beside this class);
 * {@code pifan simulate --plant FILE} and {@code pifan bench --plant FILE} read others, and
 * {@link #write} writes one (a fitted or drawn plant).
 *
 * <p>Read from the parser's events, not composed into a tree: a plant is one flat mapping, so
 * anything else (a nested value, a list, an alias) is refused where it starts, and no nesting
 * can make a composer recurse.
 */
public final class PlantFile {

    /** A plant file is a dozen lines; far more means the wrong file. */
    static final int MAX_SIZE = 64 * 1024;

    /** One constant of the model: its name in the file, what it is, how a profile gives it. */
    private record Constant(String key, String meaning, Function<BoardProfile, Object> value) {
    }

    /** The constants in the order of the model's table, which is the order a written file keeps. */
    private static final List<Constant> CONSTANTS = List.of(
            new Constant("p_idle", "power at load 0 [W]", BoardProfile::pIdleW),
            new Constant("p_max", "power at load 1, full clock [W]", BoardProfile::pMaxW),
            new Constant("c_die", "die heat capacity [J/K]", BoardProfile::cDieJPerK),
            new Constant("r_ds", "die to heatsink resistance [K/W]", BoardProfile::rDsKPerW),
            new Constant("c_sink", "heatsink and board heat capacity [J/K]", BoardProfile::cSinkJPerK),
            new Constant("g_passive", "heatsink to air, fan stopped [W/K]", BoardProfile::gPassiveWPerK),
            new Constant("g_fan", "extra conductance at full fan speed [W/K]", BoardProfile::gFanWPerK),
            new Constant("rpm_max", "fan speed at duty 1 [rpm]", BoardProfile::rpmMax),
            new Constant("d_start", "duty that starts a stopped fan (0..1)", BoardProfile::dStart),
            new Constant("d_stop", "below this duty a running fan stops (0..1)", BoardProfile::dStop),
            new Constant("l_max", "fan noise at rpm_max [dB(A)]", BoardProfile::lMaxDba),
            new Constant("tach", "the fan reports its speed (true or false)", BoardProfile::tach));

    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private PlantFile() {
    }

    /** The constants' names, in the model's order. */
    public static List<String> keys() {
        return CONSTANTS.stream().map(Constant::key).toList();
    }

    /**
     * The plant in {@code text}.
     *
     * @param name the plant's name (a file's name without {@code .yaml})
     * @param source names the text in messages: the file
     * @throws PlantFormatException listing every problem, each with its line
     */
    public static BoardProfile parse(String text, String name, String source) {
        Map<String, Value> byKey = new Reader(source).read(text);
        try {
            return new BoardProfile(name, number(byKey, "p_idle"), number(byKey, "p_max"), number(byKey, "c_die"),
                    number(byKey, "r_ds"), number(byKey, "c_sink"), number(byKey, "g_passive"),
                    number(byKey, "g_fan"), number(byKey, "rpm_max"), number(byKey, "d_start"),
                    number(byKey, "d_stop"), number(byKey, "l_max"), byKey.get("tach").flag());
        } catch (InvalidConstantException e) {
            throw new PlantFormatException(List.of(
                    new PlantFormatException.Problem(source, byKey.get(e.constant()).line(), e.constant(), e.problem())));
        }
    }

    /** The built-in plant of that name, from this package's resources. */
    static BoardProfile builtIn(String name) {
        String resource = "plants/" + name + ".yaml";
        try (InputStream in = PlantFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the built-in plant " + resource + " is missing from the build");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plant as a file that {@link #parse} reads back to the same constants, each with its meaning. */
    public static String write(BoardProfile plant, String heading) {
        StringBuilder text = new StringBuilder();
        heading.lines().forEach(line -> text.append("# ").append(line).append('\n'));
        List<String> entries = CONSTANTS.stream().map(c -> c.key() + ": " + format(c.value().apply(plant))).toList();
        int commentAt = entries.stream().mapToInt(String::length).max().orElse(0) + 2;
        for (int i = 0; i < CONSTANTS.size(); i++) {
            String entry = entries.get(i);
            text.append(entry).append(" ".repeat(commentAt - entry.length())).append("# ")
                    .append(CONSTANTS.get(i).meaning()).append('\n');
        }
        return text.toString();
    }

    /** The shortest text that reads back as the same double ({@code 0.154}, {@code 9000}). */
    private static String format(Object value) {
        if (value instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : Double.toString(d);
        }
        return value.toString();
    }

    private static double number(Map<String, Value> values, String key) {
        return values.get(key).number();
    }

    /** A constant's value as read, with the line it is on; numbers and flags are checked as they are read. */
    private record Value(int line, double number, boolean flag) {
    }

    /** Reads the events of one flat mapping, collecting every problem before it gives up. */
    private static final class Reader {
        private final String source;
        private final List<PlantFormatException.Problem> problems = new ArrayList<>();
        private final Map<String, Value> values = new LinkedHashMap<>();
        private final Map<String, Integer> lines = new HashMap<>();

        Reader(String source) {
            this.source = source;
        }

        Map<String, Value> read(String text) {
            if (text.length() > MAX_SIZE) {
                throw fail(0, "", "is " + text.length() + " characters: a plant file is a dozen lines (at most "
                        + MAX_SIZE + ")");
            }
            LoadSettings settings = LoadSettings.builder().setLabel(source).setUseMarks(true)
                    .setCodePointLimit(MAX_SIZE).setBufferSize(text.length() + 1).build();
            try {
                Parser parser = new ParserImpl(settings, new StreamReader(settings, text));
                expect(parser, Event.ID.StreamStart);
                if (parser.checkEvent(Event.ID.StreamEnd)) {
                    throw fail(0, "", "is empty: a plant file names all " + CONSTANTS.size() + " constants ("
                            + String.join(", ", keys()) + ")");
                }
                expect(parser, Event.ID.DocumentStart);
                Event start = parser.next();
                if (start.getEventId() != Event.ID.MappingStart) {
                    throw fail(line(start), "", "a plant file is one mapping of constants (p_idle: 3.0, ...)");
                }
                while (!parser.checkEvent(Event.ID.MappingEnd)) {
                    entry(parser);
                }
                parser.next();
                expect(parser, Event.ID.DocumentEnd);
                if (!parser.checkEvent(Event.ID.StreamEnd)) {
                    throw fail(line(parser.next()), "", "holds a second document: a plant file is one mapping");
                }
            } catch (MarkedYamlEngineException e) {
                Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
                throw fail(mark.map(m -> m.getLine() + 1).orElse(0), "", oneLine(e.getProblem() == null
                        ? e.getMessage() : e.getProblem()));
            } catch (YamlEngineException e) {
                throw fail(0, "", oneLine(e.getMessage()));
            }
            List<String> missing = keys().stream().filter(k -> !values.containsKey(k)).toList();
            if (!missing.isEmpty()) {
                problems.add(new PlantFormatException.Problem(source, 0, "",
                        "missing " + String.join(", ", missing) + " (a plant file names all " + CONSTANTS.size()
                                + " constants)"));
            }
            if (!problems.isEmpty()) {
                throw new PlantFormatException(problems);
            }
            return values;
        }

        private void entry(Parser parser) {
            Event keyEvent = parser.next();
            if (!(keyEvent instanceof ScalarEvent keyScalar)) {
                throw fail(line(keyEvent), "", "a plant file's keys are constant names, not "
                        + describe(keyEvent));
            }
            String key = keyScalar.getValue();
            int line = line(keyEvent);
            Event valueEvent = parser.next();
            if (!(valueEvent instanceof ScalarEvent value)) {
                throw fail(line(valueEvent), key, "takes one value, not " + describe(valueEvent));
            }
            Optional<Constant> constant = CONSTANTS.stream().filter(c -> c.key().equals(key)).findFirst();
            if (constant.isEmpty()) {
                problems.add(problem(line, key, "is not a constant of the model: expected one of "
                        + String.join(", ", keys())));
                return;
            }
            Integer first = lines.putIfAbsent(key, line);
            if (first != null) {
                problems.add(problem(line, key, "is given twice (first at line " + first + ")"));
                return;
            }
            String text = value.getValue().strip();
            if (key.equals("tach")) {
                String word = text.toLowerCase(Locale.ROOT);
                if (!word.equals("true") && !word.equals("false")) {
                    problems.add(problem(line, key, "'" + text + "' is not true or false"));
                    return;
                }
                values.put(key, new Value(line, 0, word.equals("true")));
            } else if (!value.isPlain() || !NUMBER.matcher(text).matches()) {
                problems.add(problem(line, key, "'" + text + "' is not a number"));
            } else {
                values.put(key, new Value(line, Double.parseDouble(text), false));
            }
        }

        private static void expect(Parser parser, Event.ID id) {
            if (!parser.checkEvent(id)) {
                throw new YamlEngineException("expected " + id + ", found " + parser.peekEvent().getEventId());
            }
            parser.next();
        }

        private static String describe(Event event) {
            return switch (event.getEventId()) {
                case MappingStart -> "a nested mapping";
                case SequenceStart -> "a list";
                case Alias -> "an alias";
                default -> event.getEventId().toString();
            };
        }

        private static int line(Event event) {
            return event.getStartMark().map(m -> m.getLine() + 1).orElse(0);
        }

        private PlantFormatException.Problem problem(int line, String key, String message) {
            return new PlantFormatException.Problem(source, line, key, message);
        }

        /** The problems so far and this one, which ends the reading. */
        private PlantFormatException fail(int line, String key, String message) {
            problems.add(problem(line, key, message));
            return new PlantFormatException(problems);
        }

        private static String oneLine(String text) {
            return text == null ? "invalid YAML" : text.strip().replaceAll("\\s*\\R\\s*", " ");
        }
    }
}
