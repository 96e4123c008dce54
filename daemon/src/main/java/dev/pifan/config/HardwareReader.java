package dev.pifan.config;

import dev.pifan.hal.linux.FanSpec;
import dev.pifan.hal.linux.HardwareSpec;
import dev.pifan.hal.linux.TemperatureSpec;
import dev.pifan.hal.linux.ThermalZoneSensor;
import dev.pifan.hal.linux.ThrottleSpec;
import dev.pifan.hal.linux.VcgencmdTemperatureSensor;
import dev.pifan.hal.linux.VcgencmdThrottleSensor;
import dev.pifan.hal.linux.fans.FanConfig;
import dev.pifan.hal.linux.fans.FanDrivers;
import dev.pifan.hal.linux.fans.FanKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The {@code hardware:} section, mapped by hand onto the hal's {@link HardwareSpec} records as
 * {@code docs/hardware-config.md} describes: three parts ({@code temperature}, {@code throttle},
 * {@code fan}), each a map with a {@code driver} (default {@code auto}) and that driver's keys.
 *
 * <p>Which keys are valid depends on the driver (and, for {@code driver: pwm}, on the provider), so
 * an unknown key is told where it belongs ({@code bus} under {@code driver: hwmon} is a key of the
 * I2C drivers). Problems go to the {@link ConfigReader} with their path and line; a part with a
 * problem gives null, and the reader then refuses the file.
 *
 * <p>A {@code fan} part is read by its driver ({@link FanDrivers}), which declares its keys and
 * parses them through {@link FanPart}; temperature and throttle parts are read here.
 */
final class HardwareReader {

    static final List<String> KEYS = List.of("temperature", "throttle", "fan");

    static final String AUTO = "auto";

    private static final Drivers TEMPERATURE = new Drivers()
            .add(AUTO, "type")
            .add("thermal-zone", "type")
            .add("hwmon", "name", "input")
            .add("vcgencmd", "command", "timeout-ms");

    private static final Drivers THROTTLE = new Drivers()
            .add(AUTO)
            .add("get-throttled", "path")
            .add("vcgencmd", "command", "timeout-ms")
            .add("rpi-volt")
            .add("none");

    /** The fan drivers' keys, from the drivers themselves. */
    private static final Drivers FAN = fanDrivers();

    static final int MIN_TIMEOUT_MS = 10;
    static final int MAX_TIMEOUT_MS = 60_000;

    private final ConfigReader config;

    HardwareReader(ConfigReader config) {
        this.config = config;
    }

    /** Whether {@code key} is a key of some {@code hardware.fan} driver: for "it belongs under" hints. */
    static boolean isFanKey(String key) {
        return key.equals("driver") || !FAN.driversWith(key).isEmpty();
    }

    /**
     * The section, or {@link HardwareSpec#auto()} when the file has none (or an empty one); null
     * when something in it is wrong (reported).
     */
    HardwareSpec read(Node node) {
        if (node == null || ConfigReader.isNull(node)) {
            return HardwareSpec.auto();
        }
        int before = config.problemCount();
        Map<String, NodeTuple> section = config.section(node, "hardware");
        TemperatureSpec temperature = temperature(part(section.get("hardware.temperature"), "hardware.temperature",
                TEMPERATURE));
        ThrottleSpec throttle = throttle(part(section.get("hardware.throttle"), "hardware.throttle", THROTTLE));
        FanSpec fan = fan(part(section.get("hardware.fan"), "hardware.fan", FAN));
        if (temperature == null || throttle == null || fan == null || config.problemCount() > before) {
            return null;
        }
        return new HardwareSpec(temperature, throttle, fan);
    }

    /** The driver name of a part, e.g. {@code hwmon} for {@code {driver: hwmon, name: pwmfan}}: for summaries. */
    static String driverOf(String flowYaml) {
        String prefix = "{driver: ";
        if (!flowYaml.startsWith(prefix)) {
            return flowYaml;
        }
        int end = flowYaml.indexOf(',');
        return flowYaml.substring(prefix.length(), end < 0 ? flowYaml.length() - 1 : end);
    }

    // ---- the three parts ------------------------------------------------------------------

    private TemperatureSpec temperature(Part p) {
        if (p == null) {
            return null;
        }
        switch (p.driver) {
            case AUTO: {
                String type = value(p, "type", "a thermal zone type", HardwareReader::text,
                        ThermalZoneSensor.DEFAULT_TYPE);
                return build(p, () -> new TemperatureSpec.Auto(type));
            }
            case "thermal-zone": {
                required(p, "type");
                String type = value(p, "type", "a thermal zone type", HardwareReader::text, null);
                return build(p, () -> new TemperatureSpec.ThermalZone(type));
            }
            case "hwmon": {
                required(p, "name");
                String name = value(p, "name", "an hwmon device name", HardwareReader::text, null);
                Integer input = value(p, "input", "an input number", integer(1, 99), 1);
                return build(p, () -> new TemperatureSpec.Hwmon(name, input));
            }
            default: { // vcgencmd
                List<String> command = command(p, VcgencmdTemperatureSensor.DEFAULT_COMMAND);
                Duration timeout = timeout(p, VcgencmdTemperatureSensor.DEFAULT_TIMEOUT);
                return build(p, () -> new TemperatureSpec.Vcgencmd(command, timeout));
            }
        }
    }

    private ThrottleSpec throttle(Part p) {
        if (p == null) {
            return null;
        }
        switch (p.driver) {
            case AUTO:
                return build(p, ThrottleSpec.Auto::new);
            case "get-throttled": {
                String path = value(p, "path", "a file path", HardwareReader::hostPath, null);
                return build(p, () -> new ThrottleSpec.GetThrottled(Optional.ofNullable(path)));
            }
            case "vcgencmd": {
                List<String> command = command(p, VcgencmdThrottleSensor.DEFAULT_COMMAND);
                Duration timeout = timeout(p, VcgencmdThrottleSensor.DEFAULT_TIMEOUT);
                return build(p, () -> new ThrottleSpec.Vcgencmd(command, timeout));
            }
            case "rpi-volt":
                return build(p, ThrottleSpec.RpiVolt::new);
            default: // none
                return build(p, ThrottleSpec.None::new);
        }
    }

    /** The part's driver reads its own keys, through {@link FanPart}. */
    private FanSpec fan(Part p) {
        if (p == null) {
            return null;
        }
        return FanDrivers.named(p.driver).orElseThrow().parse(new FanPart(p));
    }

    private List<String> command(Part p, List<String> fallback) {
        if (!p.has("command")) {
            return fallback;
        }
        List<String> words = list(p, "command", "a command as a list of words ([vcgencmd, measure_temp])", "a word",
                HardwareReader::text);
        if (words != null && words.isEmpty()) {
            config.problem(p.path("command"), p.valueNode("command"),
                    "the command is empty: name the program and its arguments");
            return null;
        }
        return words;
    }

    private Duration timeout(Part p, Duration fallback) {
        Integer ms = value(p, "timeout-ms", "a time-out in milliseconds", integer(MIN_TIMEOUT_MS, MAX_TIMEOUT_MS),
                null);
        if (ms == null) {
            return p.has("timeout-ms") ? null : fallback;
        }
        return Duration.ofMillis(ms);
    }

    private <T> List<T> list(Part p, String key, String expected, String what, Function<String, T> parser) {
        NodeTuple entry = p.entries.get(key);
        if (entry == null) {
            return List.of();
        }
        String path = p.path(key);
        Node node = entry.getValueNode();
        if (!config.plainTag(path, node)) {
            return null;
        }
        if (!(node instanceof SequenceNode list)) {
            config.problem(path, node, "expected " + expected + ", found " + ConfigReader.describe(node));
            return null;
        }
        List<T> values = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            values.add(scalar(path + "[" + i + "]", list.getValue().get(i), what, parser));
        }
        return values.contains(null) ? null : values;
    }

    // ---- one part: its map, its driver, its keys --------------------------------------------

    /** A part's entries by key, with its driver; {@code driver: auto} and no entries when the file leaves it out. */
    private static final class Part {
        final String path;
        final Node node;
        final String driver;
        final Map<String, NodeTuple> entries;
        final int problemsAtStart;

        Part(String path, Node node, String driver, Map<String, NodeTuple> entries, int problemsAtStart) {
            this.path = path;
            this.node = node;
            this.driver = driver;
            this.entries = entries;
            this.problemsAtStart = problemsAtStart;
        }

        String path(String key) {
            return path + "." + Units.shown(key);
        }

        boolean has(String key) {
            return entries.containsKey(key);
        }

        Node valueNode(String key) {
            NodeTuple entry = entries.get(key);
            return entry == null ? node : entry.getValueNode();
        }
    }

    /** The part at {@code path}, its driver and keys checked; null when it is unusable (reported). */
    private Part part(NodeTuple entry, String path, Drivers drivers) {
        int before = config.problemCount();
        Node node = entry == null ? null : entry.getValueNode();
        if (node == null || ConfigReader.isNull(node)) {
            return new Part(path, node, AUTO, Map.of(), before);
        }
        if (!config.plainTag(path, node)) {
            return null;
        }
        if (!(node instanceof MappingNode map)) {
            String hint = node instanceof ScalarNode scalar && drivers.names().contains(scalar.getValue().strip())
                    ? ": write {driver: " + scalar.getValue().strip() + "}" : " such as {driver: auto}";
            config.problem(path, node, "expected a map" + hint + ", found " + ConfigReader.describe(node));
            return null;
        }
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode keyScalar) || ConfigReader.isNull(keyNode)) {
                config.problem(path, keyNode, "expected a key name, found " + ConfigReader.describe(keyNode));
                continue;
            }
            String key = keyScalar.getValue();
            if (entries.containsKey(key)) {
                config.problem(path + "." + Units.shown(key), keyNode, "duplicate key, first set at line "
                        + ConfigReader.line(entries.get(key).getKeyNode()));
            } else {
                entries.put(key, tuple);
            }
        }
        String driver = AUTO;
        NodeTuple driverEntry = entries.get("driver");
        if (driverEntry != null) {
            driver = scalar(path + ".driver", driverEntry.getValueNode(), "a driver", text -> driver(text, drivers));
            if (driver == null) {
                return null; // its keys cannot be checked without knowing the driver
            }
        }
        List<String> keys = drivers.keys(driver);
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            String key = e.getKey();
            if (!key.equals("driver") && !keys.contains(key)) {
                config.problem(path + "." + Units.shown(key), e.getValue().getKeyNode(),
                        unknownKey(key, driver, keys, drivers, driverEntry == null));
            }
        }
        return new Part(path, node, driver, entries, before);
    }

    private static String unknownKey(String key, String driver, List<String> keys, Drivers drivers,
            boolean driverLeftOut) {
        List<String> others = drivers.driversWith(key);
        if (!others.isEmpty()) {
            return "not a key of driver " + driver + (driverLeftOut ? ", the default" : "")
                    + " (it belongs to driver " + String.join(", ", others) + (driverLeftOut ? ": set one" : "") + ")";
        }
        List<String> candidates = new ArrayList<>(keys);
        candidates.add("driver");
        Optional<String> match = DidYouMean.closest(key, candidates);
        if (match.isPresent()) {
            return "unknown key (did you mean '" + match.get() + "'?)";
        }
        return keys.isEmpty() ? "unknown key (driver " + driver + " takes no other keys)"
                : "unknown key (driver " + driver + " takes: " + String.join(", ", keys) + ")";
    }

    /** Reports what a driver needs and the part leaves out, all in one problem: "driver gpio needs pin and threshold-percent". */
    private void required(Part p, String... keys) {
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            if (!p.has(key)) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            config.problem(p.path, p.node, "driver " + p.driver + " needs " + String.join(" and ", missing));
        }
    }

    /** The spec, unless something about this part was reported; a record's own refusal is reported too. */
    private <T> T build(Part p, Supplier<T> spec) {
        if (config.problemCount() > p.problemsAtStart) {
            return null;
        }
        try {
            return spec.get();
        } catch (IllegalArgumentException e) {
            config.problem(p.path, p.node, e.getMessage());
            return null;
        }
    }

    private <T> T value(Part p, String key, String what, Function<String, T> parser, T fallback) {
        NodeTuple entry = p.entries.get(key);
        if (entry == null) {
            return fallback;
        }
        return scalar(p.path(key), entry.getValueNode(), what, parser);
    }

    private <T> T scalar(String path, Node node, String what, Function<String, T> parser) {
        if (!config.plainTag(path, node)) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar) || ConfigReader.isNull(node)) {
            config.problem(path, node, "expected " + what + ", found " + ConfigReader.describe(node));
            return null;
        }
        try {
            return parser.apply(scalar.getValue());
        } catch (IllegalArgumentException e) {
            config.problem(path, node, e.getMessage());
            return null;
        }
    }

    // ---- value parsers: text as written -> value, or a message for the person who wrote it ----

    private static String driver(String text, Drivers drivers) {
        return choice(text, drivers.names(), "driver", "valid drivers");
    }

    private static String choice(String text, List<String> valid, String noun, String validLabel) {
        String value = text.strip();
        if (valid.contains(value)) {
            return value;
        }
        throw new IllegalArgumentException("unknown " + noun + " " + Units.quoted(text) + " ("
                + DidYouMean.closest(value, valid).map(m -> "did you mean '" + m + "'? ").orElse("")
                + validLabel + ": " + String.join(", ", valid) + ")");
    }

    static String text(String text) {
        String value = text.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return value;
    }

    private static String hostPath(String text) {
        String value = text(text);
        if (!value.startsWith("/")) {
            throw new IllegalArgumentException(Units.quoted(text) + " must be an absolute path as the host sees it"
                    + " (/sys/...): --root is put in front of it");
        }
        return value;
    }

    private static Function<String, Integer> integer(int min, int max) {
        return text -> {
            int value = Units.integer(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException(Units.shown(text) + " outside " + min + ".." + max);
            }
            return value;
        };
    }

    private static boolean bool(String text) {
        return switch (text.strip()) {
            case "true", "True", "TRUE" -> true;
            case "false", "False", "FALSE" -> false;
            default -> throw new IllegalArgumentException("expected true or false, found " + Units.quoted(text));
        };
    }

    // ---- tables -----------------------------------------------------------------------------

    /** The drivers of one part and their keys, in the order the docs list them. */
    private static final class Drivers {
        private final Map<String, List<String>> keys = new LinkedHashMap<>();

        Drivers add(String driver, String... driverKeys) {
            keys.put(driver, List.of(driverKeys));
            return this;
        }

        Drivers add(String driver, List<String> driverKeys) {
            keys.put(driver, List.copyOf(driverKeys));
            return this;
        }

        List<String> names() {
            return List.copyOf(keys.keySet());
        }

        List<String> keys(String driver) {
            return keys.get(driver);
        }

        List<String> driversWith(String key) {
            return keys.entrySet().stream().filter(e -> e.getValue().contains(key)).map(Map.Entry::getKey).toList();
        }
    }

    private static Drivers fanDrivers() {
        Drivers drivers = new Drivers();
        FanDrivers.ALL.forEach(driver -> drivers.add(driver.name(), driver.keys()));
        return drivers;
    }

    // ---- the fan drivers' view of a part ---------------------------------------------------

    /** A {@code hardware.fan} part as its driver reads it, its problems reported to the config. */
    private final class FanPart implements FanConfig {
        private final Part part;

        FanPart(Part part) {
            this.part = part;
        }

        @Override
        public String driver() {
            return part.driver;
        }

        @Override
        public List<String> keys() {
            return part.entries.keySet().stream().filter(key -> !key.equals("driver")).toList();
        }

        @Override
        public <T> T value(FanKey<T> key) {
            return HardwareReader.this.value(part, key.name(), key.what(), parser(key), key.fallback());
        }

        @Override
        public <T> List<T> list(FanKey<T> key, String expected) {
            return HardwareReader.this.list(part, key.name(), expected, key.what(), parser(key));
        }

        private <T> Function<String, T> parser(FanKey<T> key) {
            return text -> key.parser().apply(this, text);
        }

        @Override
        public void required(FanKey<?>... keys) {
            HardwareReader.this.required(part, Arrays.stream(keys).map(FanKey::name).toArray(String[]::new));
        }

        @Override
        public void problem(FanKey<?> key, String message) {
            config.problem(part.path(key.name()), part.valueNode(key.name()), message);
        }

        @Override
        public void misplaced(String key, String message) {
            config.problem(part.path(key), part.entries.get(key).getKeyNode(), message);
        }

        @Override
        public <T> T build(Supplier<T> spec) {
            return HardwareReader.this.build(part, spec);
        }

        @Override
        public String text(String text) {
            return HardwareReader.text(text);
        }

        @Override
        public int integer(String text, int min, int max) {
            return HardwareReader.integer(min, max).apply(text);
        }

        @Override
        public boolean bool(String text) {
            return HardwareReader.bool(text);
        }

        @Override
        public String choice(String text, List<String> valid, String noun) {
            return HardwareReader.choice(text, valid, noun, "valid");
        }

        @Override
        public String shown(String text) {
            return Units.shown(text);
        }

        @Override
        public String quoted(String text) {
            return Units.quoted(text);
        }
    }

}
