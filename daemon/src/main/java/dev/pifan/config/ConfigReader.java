package dev.pifan.config;

import dev.pifan.control.ExitState;
import dev.pifan.control.QuietHours;
import dev.pifan.hal.Duty;
import dev.pifan.hal.linux.Takeover;
import dev.pifan.hal.linux.HardwareSpec;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import dev.pifan.hal.sim.Fault;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Walks the YAML node tree of one config file and maps it, by hand, onto {@link PifanConfig}.
 *
 * <p>It does not stop at the first problem: a person fixing a file wants the whole list. Every
 * value is read with its path ({@code fan.kick}) and its node (for the line). A value that is
 * wrong becomes null, so the cross-checks further down skip it instead of piling a second,
 * misleading problem onto the first. Keys the file leaves out take the board profile's defaults.
 */
final class ConfigReader {

    static final List<String> ROOT_KEYS = List.of("board", "interval", "curve", "fan", "ceiling", "quiet", "safety",
            "hardware", "metrics", "simulation", "tray");
    static final List<String> QUIET_KEYS = List.of("from", "to", "max-duty");
    static final List<String> CURVE_KEYS = List.of("points", "hysteresis", "off-hysteresis", "down-delay");
    static final List<String> FAN_KEYS = List.of("min-duty", "start-duty", "kick", "exit", "takeover");
    static final List<String> CEILING_KEYS = List.of("at", "rise", "fall", "settle", "release");
    static final List<String> SAFETY_KEYS = List.of("critical", "sensor-failures", "stuck-after", "stall-after",
            "read-timeout");
    static final List<String> METRICS_KEYS = List.of("listen");
    static final List<String> SIMULATION_KEYS = List.of("faults");
    /** Every section and its keys, in file order: the top level first, so "it belongs ..." hints are stable. */
    private static final Map<String, List<String>> SECTIONS = sections();

    /**
     * The tags plain YAML resolves to. A config has no use for others ({@code !!binary},
     * {@code !custom}); refusing them beats guessing what the writer meant.
     */
    private static final Set<Tag> PLAIN_TAGS = Set.of(
            Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.SEQ, Tag.MAP, Tag.ENV_TAG);

    private static final Function<String, Double> TEMPERATURE =
            within(Units::temperature, CurvePoint.MIN_CELSIUS, CurvePoint.MAX_CELSIUS, "0..125");

    private final String source;
    private final List<ConfigProblem> problems = new ArrayList<>();
    /** Where each value the file set was written, by path: cross-checks report there. */
    private final Map<String, Node> written = new HashMap<>();

    private final String autoProfile;

    ConfigReader(String source) {
        this(source, ProfileDefaults.AUTO_PROFILE);
    }

    /** @param autoProfile the profile whose defaults {@code board: auto} takes (the detected board's) */
    ConfigReader(String source, String autoProfile) {
        this.source = source;
        this.autoProfile = autoProfile;
    }

    /** @param root the document, null for an empty file */
    PifanConfig read(Node root) throws ConfigException {
        if (root != null && !isNull(root) && !(root instanceof MappingNode)) {
            problem("", root, "expected a map of settings (" + String.join(", ", ROOT_KEYS)
                    + ") at the top level, found " + describe(root));
            throw failure();
        }
        Map<String, NodeTuple> top = section(root, "");

        String board = value(top, "board", "a board profile", ConfigReader::board, ProfileDefaults.AUTO);
        // With a wrong board, go on with the auto defaults: the rest of the file is still worth checking.
        String profile = board == null || ProfileDefaults.AUTO.equals(board) ? autoProfile : board;
        PifanConfig defaults = PifanConfig.defaults(profile);
        Duration interval = value(top, "interval", "a duration",
                within(Units::duration, PifanConfig.MIN_INTERVAL, PifanConfig.MAX_INTERVAL, "100ms..60s"),
                defaults.interval());

        Map<String, NodeTuple> curve = section(valueNode(top, "curve"), "curve");
        List<CurvePoint> points = curve.containsKey("curve.points")
                ? points(curve.get("curve.points").getValueNode())
                : defaults.curve().points();
        Double hysteresis = value(curve, "curve.hysteresis", "a temperature difference",
                within(Units::temperature, 0.0, CurveConfig.MAX_HYSTERESIS_C, "0..20"),
                defaults.curve().hysteresisC());
        Double offHysteresis = value(curve, "curve.off-hysteresis", "a temperature difference",
                within(Units::temperature, 0.0, CurveConfig.MAX_HYSTERESIS_C, "0..20"),
                defaults.curve().offHysteresisC());
        Duration downDelay = value(curve, "curve.down-delay", "a duration",
                offOrWithin(Duration.ZERO, CurveConfig.MAX_DOWN_DELAY, "0s..30m"), defaults.curve().downDelay());

        Map<String, NodeTuple> fan = section(valueNode(top, "fan"), "fan");
        Duty minDuty = value(fan, "fan.min-duty", "a duty", Units::duty, defaults.fan().minDuty());
        Duty startDuty = value(fan, "fan.start-duty", "a duty", Units::duty, defaults.fan().startDuty());
        Duration kick = value(fan, "fan.kick", "a duration",
                offOrWithin(Duration.ZERO, FanConfig.MAX_KICK, "0s..30s"), defaults.fan().kick());
        ExitState exit = value(fan, "fan.exit", "an exit state", ConfigReader::exit, defaults.fan().exit());
        Takeover takeover = value(fan, "fan.takeover", "a takeover", Takeover::parse, defaults.fan().takeover());

        Map<String, NodeTuple> ceilingSection = section(valueNode(top, "ceiling"), "ceiling");
        CeilingConfig ceilingDefaults = defaults.ceiling();
        OptionalDouble ceilingAt = value(ceilingSection, "ceiling.at", "a temperature or off",
                ConfigReader::temperatureOrOff, ceilingDefaults.atC());
        Function<String, Double> rate = within(Units::ratePerSecond, 0.0, CeilingConfig.MAX_RATE_PER_SECOND,
                "0..100%/min");
        Double rise = value(ceilingSection, "ceiling.rise", "a rate", rate, ceilingDefaults.risePerSecond());
        Double fall = value(ceilingSection, "ceiling.fall", "a rate", rate, ceilingDefaults.fallPerSecond());
        Duration settle = value(ceilingSection, "ceiling.settle", "a duration",
                offOrWithin(Duration.ZERO, CeilingConfig.MAX_SETTLE, "0s..1h"), ceilingDefaults.settle());
        Double release = value(ceilingSection, "ceiling.release", "a temperature difference",
                within(Units::temperature, CeilingConfig.MIN_RELEASE_C, CeilingConfig.MAX_RELEASE_C, "0.5..20"),
                ceilingDefaults.releaseC());

        Map<String, NodeTuple> safety = section(valueNode(top, "safety"), "safety");
        Double critical = value(safety, "safety.critical", "a temperature", TEMPERATURE,
                defaults.safety().criticalC());
        Integer sensorFailures = value(safety, "safety.sensor-failures", "a whole number",
                within(Units::integer, SafetyConfig.MIN_SENSOR_FAILURES, SafetyConfig.MAX_SENSOR_FAILURES, "1..100"),
                defaults.safety().sensorFailures());
        Duration stuckAfter = value(safety, "safety.stuck-after", "a duration or off",
                offOrWithin(SafetyConfig.MIN_STUCK_AFTER, SafetyConfig.MAX_STUCK_AFTER, "30s..24h (or off)"),
                defaults.safety().stuckAfter());
        Duration stallAfter = value(safety, "safety.stall-after", "a duration or off",
                offOrWithin(SafetyConfig.MIN_STALL_AFTER, SafetyConfig.MAX_STALL_AFTER, "1s..10m (or off)"),
                defaults.safety().stallAfter());
        Duration readTimeout = value(safety, "safety.read-timeout", "a duration",
                within(Units::duration, SafetyConfig.MIN_READ_TIMEOUT, SafetyConfig.MAX_READ_TIMEOUT, "10ms..10s"),
                defaults.safety().readTimeout());

        Optional<QuietHours> quiet = quiet(valueNode(top, "quiet"), minDuty, byDefaultOf(profile));

        Map<String, NodeTuple> metrics = section(valueNode(top, "metrics"), "metrics");
        Optional<ListenAddress> listen = value(metrics, "metrics.listen", "HOST:PORT, :PORT or off",
                ListenAddress::parseOrOff, defaults.metrics().listen());

        // Rules between values. Each is reported where the file set one of them; the other may
        // be a profile default, which the message then says.
        String byDefault = byDefaultOf(profile);
        if (minDuty != null && startDuty != null && minDuty.compareTo(startDuty) > 0) {
            if (written.containsKey("fan.min-duty")) {
                problem("fan.min-duty", minDuty + " must not be above fan.start-duty " + startDuty
                        + (written.containsKey("fan.start-duty") ? "" : byDefault));
            } else {
                problem("fan.start-duty", startDuty + " must not be below fan.min-duty " + minDuty + byDefault);
            }
        }
        if (critical != null && points != null && !(critical > points.get(0).celsius())) {
            String first = Units.format(points.get(0).celsius()) + "C";
            if (written.containsKey("safety.critical")) {
                problem("safety.critical", Units.format(critical) + "C must be above the first curve point's "
                        + first + (written.containsKey("curve.points[0]") ? "" : byDefault));
            } else {
                problem("curve.points[0]", first + " must be below safety.critical "
                        + Units.format(critical) + "C" + byDefault);
            }
        }

        // The profile's ceiling guards a file's own curve too (a guard nobody turned off), unless it
        // cannot apply to that curve: the curve starts at or above it, or it is not below the critical
        // temperature. Then it is dropped, not reported: the file drew a curve, it never asked for
        // this ceiling. Written (ceiling.at), or with the profile's curve, the same conflicts are
        // problems below. The summary says whether a guard is on.
        if (curve.containsKey("curve.points") && !written.containsKey("ceiling.at") && ceilingAt != null
                && ceilingAt.isPresent() && points != null
                && critical != null && (!(ceilingAt.getAsDouble() > points.get(0).celsius())
                        || !(ceilingAt.getAsDouble() < critical))) {
            ceilingAt = OptionalDouble.empty();
        }
        if (ceilingAt != null && ceilingAt.isPresent() && points != null && critical != null
                && critical > points.get(0).celsius()) {
            double at = ceilingAt.getAsDouble();
            String first = Units.format(points.get(0).celsius()) + "C";
            if (!(at > points.get(0).celsius())) {
                crossProblem("ceiling.at", "curve.points[0]", Units.format(at) + "C must be above the first curve point's "
                        + first, first + " must be below ceiling.at " + Units.format(at) + "C", byDefault);
            } else if (!(at < critical)) {
                crossProblem("ceiling.at", "safety.critical", Units.format(at) + "C must be below safety.critical "
                        + Units.format(critical) + "C", Units.format(critical) + "C must be above ceiling.at "
                        + Units.format(at) + "C", byDefault);
            }
        }
        HardwareSpec hardware = new HardwareReader(this).read(valueNode(top, "hardware"));
        List<Fault> faults = faults(valueNode(section(valueNode(top, "simulation"), "simulation"), "simulation.faults"));
        Optional<TraySpec> tray = new TrayReader(this).read(valueNode(top, "tray"), interval);

        if (!problems.isEmpty()) {
            throw failure();
        }
        try {
            return new PifanConfig(board, interval,
                    new CurveConfig(points, hysteresis, downDelay, offHysteresis),
                    new FanConfig(minDuty, startDuty, kick, exit, takeover),
                    new CeilingConfig(ceilingAt, rise, fall, settle, release, ceilingDefaults.model()), quiet,
                    new SafetyConfig(critical, sensorFailures, stuckAfter, stallAfter, readTimeout),
                    hardware, new MetricsConfig(listen), new SimulationConfig(faults == null ? List.of() : faults),
                    tray, source);
        } catch (IllegalArgumentException e) {
            // The records' own checks caught what the ones above missed: a bug here, but still
            // the file's problem to report, not a crash.
            problems.add(new ConfigProblem(source, 0, "", e.getMessage()));
            throw failure();
        }
    }

    /**
     * The entries of a settings map, by path ({@code fan.kick}). Unknown and duplicate keys are
     * reported and left out. A missing or empty section ({@code fan:} with everything under it
     * commented out) has no entries: all defaults.
     */
    Map<String, NodeTuple> section(Node node, String path) {
        return section(node, path, SECTIONS.get(path));
    }

    /**
     * As {@link #section(Node, String)}, for a map whose valid keys are {@code keys}: an item of a
     * list, or a file read with this reader's helpers (a tray file). An unknown key is told its
     * closest match.
     */
    Map<String, NodeTuple> section(Node node, String path, List<String> keys) {
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        if (node == null || isNull(node) || !plainTag(path, node)) {
            return entries;
        }
        if (!(node instanceof MappingNode map)) {
            problem(path, node,
                    "expected a map of settings (" + String.join(", ", keys) + "), found " + describe(node));
            return entries;
        }
        for (NodeTuple entry : map.getValue()) {
            Node keyNode = entry.getKeyNode();
            if (!(keyNode instanceof ScalarNode keyScalar) || isNull(keyNode)) {
                problem(path, keyNode, "expected a key name, found " + describe(keyNode));
                continue;
            }
            String key = keyScalar.getValue();
            String keyPath = join(path, Units.shown(key));
            if (!keys.contains(key)) {
                problem(keyPath, keyNode, keys == SECTIONS.get(path) ? unknownKey(key, path, keys)
                        : closestKey(key, keys));
            } else if (entries.containsKey(keyPath)) {
                int firstLine = line(entries.get(keyPath).getKeyNode());
                problem(keyPath, keyNode, "duplicate key, first set at line " + firstLine);
            } else {
                entries.put(keyPath, entry);
            }
        }
        return entries;
    }

    private static String unknownKey(String key, String path, List<String> keys) {
        if (path.equals("fan") && HardwareReader.isFanKey(key)) {
            // fan: is how the fan is driven; which fan it is belongs to the hardware section
            return "unknown key here (which fan to drive belongs under hardware.fan:)";
        }
        for (Map.Entry<String, List<String>> other : SECTIONS.entrySet()) {
            if (!other.getKey().equals(path) && other.getValue().contains(key)) {
                return "unknown key here (it belongs "
                        + (other.getKey().isEmpty() ? "at the top level" : "under " + other.getKey() + ":") + ")";
            }
        }
        return closestKey(key, keys);
    }

    private static String closestKey(String key, List<String> keys) {
        return DidYouMean.closest(key, keys)
                .map(match -> "unknown key (did you mean '" + match + "'?)")
                .orElse("unknown key (valid keys: " + String.join(", ", keys) + ")");
    }

    private static String byDefaultOf(String profile) {
        return " (the " + profile + " default)";
    }

    /**
     * quiet: {from, to, max-duty}, all three or none; empty without the section, null when it is
     * wrong (reported). The cap must leave the fan its minimum: a cap below min-duty could not hold.
     */
    private Optional<QuietHours> quiet(Node node, Duty minDuty, String byDefault) {
        Map<String, NodeTuple> section = section(node, "quiet");
        if (section.isEmpty()) {
            return Optional.empty();
        }
        LocalTime from = value(section, "quiet.from", "a time of day like 22:00", Units::timeOfDay, null);
        LocalTime to = value(section, "quiet.to", "a time of day like 07:00", Units::timeOfDay, null);
        Duty maxDuty = value(section, "quiet.max-duty", "a duty", Units::duty, null);
        for (String key : QUIET_KEYS) {
            if (!section.containsKey("quiet." + key)) {
                problem("quiet", node, "quiet hours need from, to and max-duty: " + key + " is missing");
                return null;
            }
        }
        if (from == null || to == null || maxDuty == null) {
            return null;
        }
        if (from.equals(to)) {
            problem("quiet.to", to + " is the same as quiet.from: the window would be empty");
            return null;
        }
        if (minDuty != null && maxDuty.compareTo(minDuty) < 0) {
            problem("quiet.max-duty", maxDuty + " is below fan.min-duty " + minDuty
                    + (written.containsKey("fan.min-duty") ? "" : byDefault) + ": a running fan cannot go that slow");
            return null;
        }
        return Optional.of(new QuietHours(from, to, maxDuty));
    }

    /** The curve's points; null when anything about them is wrong (reported). */
    /** simulation.faults: a list of KIND:START:END[:ARG], as pifan simulate --fault takes them. */
    private List<Fault> faults(Node node) {
        String path = "simulation.faults";
        if (node == null || isNull(node)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode list)) {
            problem(path, node, "expected a list of faults like sensor-error:600:900, found " + describe(node));
            return null;
        }
        List<Fault> faults = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            Node item = list.getValue().get(i);
            String itemPath = path + "[" + i + "]";
            if (!(item instanceof ScalarNode scalar) || isNull(item)) {
                problem(itemPath, item, "expected a fault like sensor-error:600:900, found " + describe(item));
                continue;
            }
            try {
                faults.add(Fault.parse(scalar.getValue()));
            } catch (IllegalArgumentException e) {
                problem(itemPath, item, e.getMessage());
            }
        }
        return faults;
    }

    private List<CurvePoint> points(Node node) {
        String path = "curve.points";
        if (!plainTag(path, node)) {
            return null;
        }
        if (!(node instanceof SequenceNode list)) {
            problem(path, node, "expected a list of [temperature, duty] pairs, found " + describe(node));
            return null;
        }
        int problemsBefore = problems.size();
        List<Node> items = list.getValue();
        List<CurvePoint> points = new ArrayList<>();
        CurvePoint previous = null; // the point just before, if it was valid
        for (int i = 0; i < items.size(); i++) {
            String itemPath = path + "[" + i + "]";
            Node item = items.get(i);
            CurvePoint point = point(itemPath, item);
            if (point != null) {
                written.put(itemPath, item);
                points.add(point);
                if (previous != null && !(point.celsius() > previous.celsius())) {
                    problem(itemPath, Units.format(point.celsius()) + " must be above the previous point's "
                            + Units.format(previous.celsius()));
                }
                if (previous != null && point.duty().compareTo(previous.duty()) < 0) {
                    problem(itemPath, "duty " + point.duty() + " must not be below the previous point's "
                            + previous.duty());
                }
            }
            previous = point;
        }
        if (items.size() < 2) {
            problem(path, node, "a curve needs at least 2 points, found " + items.size());
        } else if (previous != null && !previous.duty().isFull()) {
            problem(path + "[" + (items.size() - 1) + "]",
                    "the curve never reaches full speed: the last point's duty is " + previous.duty() + ", it must be 100%");
        }
        return problems.size() == problemsBefore ? points : null;
    }

    private CurvePoint point(String path, Node item) {
        if (!plainTag(path, item)) {
            return null;
        }
        if (!(item instanceof SequenceNode pair) || pair.getValue().size() != 2) {
            String found = item instanceof SequenceNode list
                    ? list.getValue().size() + (list.getValue().size() == 1 ? " item" : " items")
                    : describe(item);
            problem(path, item, "expected a [temperature, duty] pair, found " + found);
            return null;
        }
        Double celsius = parse(path, pair.getValue().get(0), "a temperature", TEMPERATURE);
        Duty duty = parse(path, pair.getValue().get(1), "a duty", Units::duty);
        return celsius == null || duty == null ? null : new CurvePoint(celsius, duty);
    }

    private static String board(String text) {
        String board = text.strip();
        if (ProfileDefaults.BOARDS.contains(board)) {
            return board;
        }
        String valid = "valid profiles: " + String.join(", ", ProfileDefaults.BOARDS);
        throw new IllegalArgumentException("unknown profile " + Units.quoted(text) + " ("
                + DidYouMean.closest(board, ProfileDefaults.BOARDS).map(m -> "did you mean '" + m + "'? ").orElse("")
                + valid + ")");
    }

    private static OptionalDouble temperatureOrOff(String text) {
        OptionalDouble value = Units.temperatureOrOff(text);
        if (value.isPresent() && !(value.getAsDouble() >= CurvePoint.MIN_CELSIUS
                && value.getAsDouble() <= CurvePoint.MAX_CELSIUS)) {
            throw new IllegalArgumentException(Units.shown(text) + " outside 0..125 (or off)");
        }
        return value;
    }

    /**
     * A rule between two values, reported where the file set the first ({@code path}) or, when
     * the file set only the second, there; the other may be a profile default, which it then says.
     */
    private void crossProblem(String path, String otherPath, String message, String otherMessage, String byDefault) {
        if (written.containsKey(path)) {
            problem(path, message + (written.containsKey(otherPath) ? "" : byDefault));
        } else {
            problem(otherPath, otherMessage + byDefault);
        }
    }

    private static ExitState exit(String text) {
        return switch (text.strip()) {
            case "auto" -> ExitState.AUTO;
            case "full" -> ExitState.FULL;
            default -> throw new IllegalArgumentException(
                    "unknown exit state " + Units.quoted(text) + " (valid: auto, full)");
        };
    }

    /** The value at {@code path}, the fallback when the file does not set it, null when it is wrong. */
    <T> T value(Map<String, NodeTuple> section, String path, String what, Function<String, T> parser,
                        T fallback) {
        NodeTuple entry = section.get(path);
        if (entry == null) {
            return fallback;
        }
        T value = parse(path, entry.getValueNode(), what, parser);
        if (value != null) {
            written.put(path, entry.getValueNode());
        }
        return value;
    }

    <T> T parse(String path, Node node, String what, Function<String, T> parser) {
        if (!plainTag(path, node)) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar) || isNull(node)) {
            problem(path, node, "expected " + what + ", found " + describe(node));
            return null;
        }
        try {
            return parser.apply(scalar.getValue());
        } catch (IllegalArgumentException e) {
            problem(path, node, e.getMessage());
            return null;
        }
    }

    static <T extends Comparable<? super T>> Function<String, T> within(
            Function<String, T> parser, T min, T max, String range) {
        return text -> {
            T value = parser.apply(text);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException(Units.shown(text) + " outside " + range);
            }
            return value;
        };
    }

    /** A duration where {@code off} and 0 mean "disabled", anything else must be in range. */
    private static Function<String, Duration> offOrWithin(Duration min, Duration max, String range) {
        return text -> {
            Duration d = Units.durationOrOff(text);
            if (!SafetyConfig.offOrWithin(d, min, max)) {
                throw new IllegalArgumentException(Units.shown(text) + " outside " + range);
            }
            return d;
        };
    }

    boolean plainTag(String path, Node node) {
        if (PLAIN_TAGS.contains(node.getTag())) {
            return true;
        }
        String tag = node.getTag().getValue().replace(Tag.PREFIX, "!!");
        problem(path, node, "YAML tag " + Units.shown(tag) + " is not supported here");
        return false;
    }

    private static Node valueNode(Map<String, NodeTuple> section, String path) {
        NodeTuple entry = section.get(path);
        return entry == null ? null : entry.getValueNode();
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a map";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return isNull(node) ? "no value" : Units.quoted(((ScalarNode) node).getValue());
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static int line(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }

    void problem(String path, Node node, String message) {
        problems.add(new ConfigProblem(source, line(node), path, message));
    }

    /** A problem at a line known without a node (0 when unknown: an empty file). */
    void problem(String path, int line, String message) {
        problems.add(new ConfigProblem(source, line, path, message));
    }

    /** The file, as problems name it. */
    String source() {
        return source;
    }

    /** How many problems were found so far: a part of the file is usable when reading it added none. */
    int problemCount() {
        return problems.size();
    }

    /** A problem about a value read earlier, at the line where the file set it. */
    private void problem(String path, String message) {
        Node node = written.get(path);
        problems.add(new ConfigProblem(source, node == null ? 0 : line(node), path, message));
    }

    private static Map<String, List<String>> sections() {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        sections.put("", ROOT_KEYS);
        sections.put("curve", CURVE_KEYS);
        sections.put("fan", FAN_KEYS);
        sections.put("ceiling", CEILING_KEYS);
        sections.put("quiet", QUIET_KEYS);
        sections.put("safety", SAFETY_KEYS);
        sections.put("hardware", HardwareReader.KEYS);
        sections.put("metrics", METRICS_KEYS);
        sections.put("simulation", SIMULATION_KEYS);
        sections.put("tray", TrayReader.KEYS);
        return sections;
    }

    ConfigException failure() {
        List<ConfigProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(ConfigProblem::line)); // stable: same line keeps walk order
        return new ConfigException(sorted);
    }
}
