package dev.pifan.config;

import dev.pifan.hal.Duty;
import dev.pifan.hal.i2c.ArgonOneFan;
import dev.pifan.hal.i2c.Emc2101Fan;
import dev.pifan.hal.i2c.Emc230xFan;
import dev.pifan.hal.io.Provider;
import dev.pifan.hal.linux.FanSpec;
import dev.pifan.hal.linux.HardwareSpec;
import dev.pifan.hal.linux.SysfsPwmFan;
import dev.pifan.hal.linux.TemperatureSpec;
import dev.pifan.hal.linux.ThermalZoneSensor;
import dev.pifan.hal.linux.ThrottleSpec;
import dev.pifan.hal.linux.VcgencmdTemperatureSensor;
import dev.pifan.hal.linux.VcgencmdThrottleSensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
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

    /** The keys of {@code driver: pwm} by provider: sysfs names a chip, diozero a GPIO, Pi4J a chip number. */
    private static final Map<Provider, List<String>> PWM_KEYS = pwmKeys();

    private static final Drivers FAN = new Drivers()
            .add(AUTO, "pwm-chip", "pwm-channel", "i2c-buses", "i2c-probe")
            .add("hwmon", "name", "device", "channel")
            .add("pwm", union(PWM_KEYS.values()))
            .add("emc230x", "provider", "bus", "address", "fan", "model")
            .add("emc2101", "provider", "bus", "address", "tachometer")
            .add("argon-one", "provider", "bus", "address", "protocol")
            .add("gpio", "provider", "pin", "chip", "line", "threshold-percent", "active-high");

    /** The GPIOs the Pi's two hardware PWM channels can be routed to. */
    static final List<Integer> PWM_GPIOS = List.of(12, 13, 18, 19);
    static final int MAX_GPIO = 57;
    /** /dev/gpiochipN and a line offset: the kernel numbers chips from 0 and lines within a chip from 0 */
    static final int MAX_GPIO_CHIP = 255;
    static final int MAX_GPIO_LINE = 1023;
    static final int MIN_I2C_ADDRESS = 0x03;
    static final int MAX_I2C_ADDRESS = 0x77;
    static final int MAX_BUS = 1023;
    static final int MAX_CHANNEL = 255;
    static final int MIN_FREQUENCY_HZ = 1;
    static final int MAX_FREQUENCY_HZ = 1_000_000;
    static final int MIN_TIMEOUT_MS = 10;
    static final int MAX_TIMEOUT_MS = 60_000;

    private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]{1,4}");
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,9}");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,3}(\\.\\d+)?");

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

    private FanSpec fan(Part p) {
        if (p == null) {
            return null;
        }
        switch (p.driver) {
            case AUTO: {
                String chip = value(p, "pwm-chip", "a pwm chip", HardwareReader::chipSelector, null);
                Integer channel = value(p, "pwm-channel", "a channel number", integer(0, MAX_CHANNEL), 0);
                List<Integer> buses = buses(p);
                Provider probe = value(p, "i2c-probe", "a library", HardwareReader::i2cProbe, null);
                return build(p, () -> new FanSpec.Auto(Optional.ofNullable(chip), channel, buses,
                        Optional.ofNullable(probe)));
            }
            case "hwmon": {
                required(p, "name");
                String name = value(p, "name", "an hwmon device name", HardwareReader::text, null);
                String device = value(p, "device", "a device name", HardwareReader::text, null);
                Integer channel = value(p, "channel", "a channel number", integer(1, 99), 1);
                return build(p, () -> new FanSpec.Hwmon(name, Optional.ofNullable(device), channel));
            }
            case "pwm":
                return pwm(p);
            case "emc230x": {
                Provider provider = i2cProvider(p);
                required(p, "bus");
                Integer bus = value(p, "bus", "an I2C bus number", integer(0, MAX_BUS), null);
                Integer address = value(p, "address", "an I2C address", HardwareReader::address,
                        Emc230xFan.DEFAULT_ADDRESS);
                Integer fan = value(p, "fan", "a fan output number", integer(1, 5), 1);
                Emc230xFan.Model model = value(p, "model", "a chip model", HardwareReader::model, null);
                if (model != null && fan != null && fan > model.fans()) {
                    config.problem(p.path("fan"), p.valueNode("fan"), model + " has "
                            + model.fans() + " fan output" + (model.fans() == 1 ? "" : "s") + "; fan " + fan
                            + " does not exist");
                }
                return build(p, () -> new FanSpec.Emc230x(provider, bus, address, fan, Optional.ofNullable(model)));
            }
            case "emc2101": {
                Provider provider = i2cProvider(p);
                required(p, "bus");
                Integer bus = value(p, "bus", "an I2C bus number", integer(0, MAX_BUS), null);
                Integer address = value(p, "address", "an I2C address", HardwareReader::address,
                        Emc2101Fan.DEFAULT_ADDRESS);
                Boolean tachometer = value(p, "tachometer", "true or false", HardwareReader::bool, false);
                return build(p, () -> new FanSpec.Emc2101(provider, bus, address, tachometer));
            }
            case "argon-one": {
                Provider provider = i2cProvider(p);
                Integer bus = value(p, "bus", "an I2C bus number", integer(0, MAX_BUS), ArgonOneFan.DEFAULT_BUS);
                Integer address = value(p, "address", "an I2C address", HardwareReader::address,
                        ArgonOneFan.DEFAULT_ADDRESS);
                ArgonOneFan.Protocol protocol = value(p, "protocol", "a protocol", HardwareReader::protocol,
                        ArgonOneFan.Protocol.AUTO);
                return build(p, () -> new FanSpec.ArgonOne(provider, bus, address, protocol));
            }
            default: { // gpio
                Provider provider = value(p, "provider", "a library",
                        text -> library(text, "driver gpio switches a GPIO line"), Provider.DIOZERO);
                Duty threshold = value(p, "threshold-percent", "a percentage", HardwareReader::threshold, null);
                Boolean activeHigh = value(p, "active-high", "true or false", HardwareReader::bool, true);
                if (!p.has("chip") && !p.has("line")) {
                    required(p, "pin", "threshold-percent");
                    Integer pin = value(p, "pin", "a GPIO number (BCM)", integer(0, MAX_GPIO), null);
                    return build(p, () -> new FanSpec.Gpio(provider, pin, threshold, activeHigh));
                }
                // a line by gpiochip and offset, for a board the library's BCM numbering does not reach
                if (p.has("pin")) {
                    config.problem(p.path("pin"), p.valueNode("pin"), "pin and chip/line both name the fan's line:"
                            + " give pin (a BCM number) or chip and line (/dev/gpiochipN and its line offset)");
                }
                if (provider == Provider.PI4J) {
                    config.problem(p.path("provider"), p.valueNode("provider"), "chip and line need provider"
                            + " diozero (Pi4J's GPIO is addressed by BCM number: pin)");
                }
                required(p, "chip", "line", "threshold-percent");
                Integer chip = value(p, "chip", "a gpiochip number (N of /dev/gpiochipN)", integer(0, MAX_GPIO_CHIP),
                        null);
                Integer line = value(p, "line", "a line offset", integer(0, MAX_GPIO_LINE), null);
                return build(p, () -> FanSpec.Gpio.line(provider, chip, line, threshold, activeHigh));
            }
        }
    }

    /** {@code driver: pwm}: the keys depend on the provider, so they are checked once it is known. */
    private FanSpec pwm(Part p) {
        Provider provider = value(p, "provider", "a provider", HardwareReader::provider, Provider.SYSFS);
        if (provider == null) {
            return null;
        }
        List<String> keys = PWM_KEYS.get(provider);
        for (Map.Entry<String, NodeTuple> entry : p.entries.entrySet()) {
            String key = entry.getKey();
            if (!key.equals("driver") && !keys.contains(key)) {
                List<String> others = PWM_KEYS.entrySet().stream().filter(e -> e.getValue().contains(key))
                        .map(e -> e.getKey().configName()).toList();
                config.problem(p.path(key), entry.getValue().getKeyNode(), "not a key of driver pwm with provider "
                        + provider.configName() + " (" + Units.shown(key) + " goes with provider "
                        + String.join(" or ", others) + ")");
            }
        }
        Integer frequency = value(p, "frequency-hz", "a frequency in Hz",
                integer(MIN_FREQUENCY_HZ, MAX_FREQUENCY_HZ), SysfsPwmFan.DEFAULT_FREQUENCY_HZ);
        switch (provider) {
            case SYSFS: {
                required(p, "chip");
                String chip = value(p, "chip", "a pwm chip", HardwareReader::chipSelector, null);
                Integer channel = value(p, "channel", "a channel number", integer(0, MAX_CHANNEL), 0);
                SysfsPwmFan.Polarity polarity = value(p, "polarity", "a polarity", HardwareReader::polarity,
                        SysfsPwmFan.Polarity.NORMAL);
                Boolean unexport = value(p, "unexport-on-exit", "true or false", HardwareReader::bool, false);
                return build(p, () -> new FanSpec.SysfsPwm(chip, new SysfsPwmFan.Settings(channel, frequency,
                        polarity, unexport, SysfsPwmFan.DEFAULT_EXPORT_TIMEOUT)));
            }
            case DIOZERO: {
                required(p, "gpio");
                Integer gpio = value(p, "gpio", "a GPIO number (BCM)", HardwareReader::pwmGpio, null);
                return build(p, () -> new FanSpec.LibraryPwm(Provider.DIOZERO, gpio, -1, -1, frequency));
            }
            default: { // PI4J
                required(p, "chip", "channel");
                Integer chip = value(p, "chip", "a pwm chip number", integer(0, MAX_CHANNEL), null);
                Integer channel = value(p, "channel", "a channel number", integer(0, MAX_CHANNEL), null);
                return build(p, () -> new FanSpec.LibraryPwm(Provider.PI4J, -1, chip, channel, frequency));
            }
        }
    }

    private Provider i2cProvider(Part p) {
        return value(p, "provider", "a library", text -> library(text, "driver " + p.driver + " talks I2C"),
                Provider.DIOZERO);
    }

    private List<String> command(Part p, List<String> fallback) {
        NodeTuple entry = p.entries.get("command");
        if (entry == null) {
            return fallback;
        }
        String path = p.path("command");
        Node node = entry.getValueNode();
        if (!config.plainTag(path, node)) {
            return null;
        }
        if (!(node instanceof SequenceNode list)) {
            config.problem(path, node, "expected a command as a list of words ([vcgencmd, measure_temp]), found "
                    + ConfigReader.describe(node));
            return null;
        }
        if (list.getValue().isEmpty()) {
            config.problem(path, node, "the command is empty: name the program and its arguments");
            return null;
        }
        List<String> words = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            String word = scalar(path + "[" + i + "]", list.getValue().get(i), "a word", HardwareReader::text);
            words.add(word);
        }
        return words.contains(null) ? null : words;
    }

    private Duration timeout(Part p, Duration fallback) {
        Integer ms = value(p, "timeout-ms", "a time-out in milliseconds", integer(MIN_TIMEOUT_MS, MAX_TIMEOUT_MS),
                null);
        if (ms == null) {
            return p.has("timeout-ms") ? null : fallback;
        }
        return Duration.ofMillis(ms);
    }

    private List<Integer> buses(Part p) {
        NodeTuple entry = p.entries.get("i2c-buses");
        if (entry == null) {
            return List.of();
        }
        String path = p.path("i2c-buses");
        Node node = entry.getValueNode();
        if (!config.plainTag(path, node)) {
            return null;
        }
        if (!(node instanceof SequenceNode list)) {
            config.problem(path, node, "expected a list of I2C bus numbers ([1, 10]), found "
                    + ConfigReader.describe(node));
            return null;
        }
        List<Integer> buses = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            buses.add(scalar(path + "[" + i + "]", list.getValue().get(i), "an I2C bus number",
                    integer(0, MAX_BUS)));
        }
        return buses.contains(null) ? null : buses;
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

    private static String chipSelector(String text) {
        String value = text(text);
        if (DECIMAL.matcher(value).matches()) {
            throw new IllegalArgumentException(Units.quoted(text) + " is not a chip selector: write pwmchip" + value
                    + ", or better the device (fe20c000.pwm, bcm2835-pwm), which does not depend on probe order");
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

    /** A 7-bit I2C address: {@code 0x2f} or {@code 47}. */
    static int address(String text) {
        String value = text.strip();
        int address;
        if (HEX.matcher(value).matches()) {
            address = Integer.parseInt(value.substring(2), 16);
        } else if (DECIMAL.matcher(value).matches()) {
            address = Integer.parseInt(value);
        } else {
            throw new IllegalArgumentException(Units.quoted(text) + " is not an I2C address: write e.g. 0x2f or 47");
        }
        if (address < MIN_I2C_ADDRESS || address > MAX_I2C_ADDRESS) {
            throw new IllegalArgumentException(Units.shown(text) + " outside 0x03..0x77 (the 7-bit addresses a"
                    + " device can have)");
        }
        return address;
    }

    private static Boolean bool(String text) {
        return switch (text.strip()) {
            case "true", "True", "TRUE" -> true;
            case "false", "False", "FALSE" -> false;
            default -> throw new IllegalArgumentException("expected true or false, found " + Units.quoted(text));
        };
    }

    private static Provider provider(String text) {
        return Provider.parse(choice(text, List.of("sysfs", "diozero", "pi4j"), "provider", "valid"));
    }

    /** diozero or pi4j: {@code why} says what needs a library ("driver emc230x talks I2C"). */
    private static Provider library(String text, String why) {
        if (text.strip().equals("sysfs")) {
            throw new IllegalArgumentException(why + ": provider diozero or pi4j (sysfs drives PWM and hwmon only)");
        }
        return Provider.parse(choice(text, List.of("diozero", "pi4j"), "provider", "valid"));
    }

    private static Provider i2cProbe(String text) {
        return library(text, "I2C is probed through a library");
    }

    private static Integer pwmGpio(String text) {
        int gpio = integer(0, MAX_GPIO).apply(text);
        if (!PWM_GPIOS.contains(gpio)) {
            throw new IllegalArgumentException("GPIO " + gpio + " has no hardware PWM: use 12, 13, 18 or 19"
                    + " (an on/off fan on any pin: driver: gpio)");
        }
        return gpio;
    }

    private static Duty threshold(String text) {
        String value = text.strip();
        if (value.endsWith("%")) {
            value = value.substring(0, value.length() - 1).strip();
        }
        if (!NUMBER.matcher(value).matches()) {
            throw new IllegalArgumentException(Units.quoted(text) + " is not a percentage: write e.g. 50");
        }
        double percent = Double.parseDouble(value);
        if (!(percent > 0.0 && percent <= 100.0)) {
            throw new IllegalArgumentException(Units.shown(text) + " outside 0..100 (above 0: the duty at and above"
                    + " which the fan is switched on)");
        }
        return Duty.ofPercent(percent);
    }

    private static Emc230xFan.Model model(String text) {
        List<String> names = java.util.Arrays.stream(Emc230xFan.Model.values())
                .map(m -> m.name().toLowerCase(Locale.ROOT)).toList();
        return Emc230xFan.Model.valueOf(choice(text, names, "model", "valid").toUpperCase(Locale.ROOT));
    }

    private static ArgonOneFan.Protocol protocol(String text) {
        List<String> names = java.util.Arrays.stream(ArgonOneFan.Protocol.values())
                .map(ArgonOneFan.Protocol::configName).toList();
        return ArgonOneFan.Protocol.valueOf(choice(text, names, "protocol", "valid").toUpperCase(Locale.ROOT));
    }

    private static SysfsPwmFan.Polarity polarity(String text) {
        List<String> names = java.util.Arrays.stream(SysfsPwmFan.Polarity.values())
                .map(SysfsPwmFan.Polarity::sysfsName).toList();
        return SysfsPwmFan.Polarity.valueOf(choice(text, names, "polarity", "valid").toUpperCase(Locale.ROOT));
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

    private static Map<Provider, List<String>> pwmKeys() {
        Map<Provider, List<String>> keys = new EnumMap<>(Provider.class);
        keys.put(Provider.SYSFS, List.of("provider", "chip", "channel", "frequency-hz", "polarity",
                "unexport-on-exit"));
        keys.put(Provider.DIOZERO, List.of("provider", "gpio", "frequency-hz"));
        keys.put(Provider.PI4J, List.of("provider", "chip", "channel", "frequency-hz"));
        return keys;
    }

    private static List<String> union(Iterable<List<String>> lists) {
        Set<String> all = new LinkedHashSet<>();
        lists.forEach(all::addAll);
        return List.copyOf(all);
    }
}
