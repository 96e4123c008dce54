package dev.pifan.hal.linux.fans;

import dev.pifan.hal.Duty;
import dev.pifan.hal.Fan;
import dev.pifan.hal.HalException;
import dev.pifan.hal.io.DeviceProvider;
import dev.pifan.hal.io.GpioOnOffFan;
import dev.pifan.hal.io.GpioPin;
import dev.pifan.hal.io.Provider;
import dev.pifan.hal.linux.DeviceProviders;
import dev.pifan.hal.linux.FanSpec;
import dev.pifan.hal.linux.Sysfs;
import dev.pifan.hal.linux.Yaml;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code driver: gpio}: an on/off fan switched by a GPIO line, through a library. The line is a BCM
 * number ({@code pin}, as the library numbers the board's header), or a line of one gpiochip
 * character device ({@code chip: 0, line: 18}: {@code /dev/gpiochip0}, offset 18) for a board whose
 * numbering the library does not know (diozero numbers only named lines on an unknown board).
 */
public final class GpioDriver extends RecordedFanDriver<GpioDriver.Spec> {

    /** The takeover record: {@code fan-gpio-pin18} or {@code fan-gpio-gpiochip1-line18}. */
    private static final Pattern RECORD = Pattern.compile("fan-gpio(?:-pin(\\d+)|-gpiochip(\\d+)-line(\\d+))");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,3}(\\.\\d+)?");

    private static final FanKey<Provider> PROVIDER = new FanKey<>("provider", "a library",
            (config, text) -> FanValues.library(config, text, "driver gpio switches a GPIO line"), Provider.DIOZERO);
    private static final FanKey<Integer> PIN = FanKey.integer("pin", "a GPIO number (BCM)", 0, FanValues.MAX_GPIO,
            null);
    /** /dev/gpiochipN and a line offset: the kernel numbers chips from 0 and lines within a chip from 0 */
    private static final FanKey<Integer> CHIP = FanKey.integer("chip", "a gpiochip number (N of /dev/gpiochipN)", 0,
            255, null);
    private static final FanKey<Integer> LINE = FanKey.integer("line", "a line offset", 0, 1023, null);
    private static final FanKey<Duty> THRESHOLD = new FanKey<>("threshold-percent", "a percentage",
            GpioDriver::threshold, null);
    private static final FanKey<Boolean> ACTIVE_HIGH = FanKey.bool("active-high", true);

    public GpioDriver() {
        super("gpio", Spec.class, List.of(PROVIDER, PIN, CHIP, LINE, THRESHOLD, ACTIVE_HIGH), RECORD);
    }

    /**
     * {@code driver: gpio, pin: 18, threshold-percent: 50, active-high: true}: on/off fans; by
     * gpiochip and line offset instead of {@code pin} where the library's numbering does not reach
     * (-1 = not given).
     */
    public record Spec(Provider provider, int pin, int chip, int line, Duty threshold, boolean activeHigh)
            implements FanSpec {
        public Spec {
            FanValues.requireLibrary(provider);
            if (pin >= 0 == chip >= 0) {
                throw new IllegalArgumentException("name the fan's line by pin (a BCM number) or by chip and line, not "
                        + (pin >= 0 ? "both" : "neither"));
            }
            if (chip >= 0 != line >= 0) {
                throw new IllegalArgumentException("a line of a gpiochip needs both chip and line");
            }
            if (pin < -1 || chip < -1 || line < -1) {
                throw new IllegalArgumentException("GPIO numbers are never negative");
            }
            if (threshold.isOff()) {
                throw new IllegalArgumentException("on/off threshold must be above 0%");
            }
        }

        /** By BCM number. */
        public Spec(Provider provider, int pin, Duty threshold, boolean activeHigh) {
            this(provider, pin, -1, -1, threshold, activeHigh);
        }

        /** By gpiochip and line offset. */
        public static Spec line(Provider provider, int chip, int line, Duty threshold, boolean activeHigh) {
            return new Spec(provider, -1, chip, line, threshold, activeHigh);
        }

        /** {@code gpio18}, or {@code gpiochip1-line18}: the fan's id in logs and /status. */
        public String lineName() {
            return pin >= 0 ? "gpio" + pin : "gpiochip" + chip + "-line" + line;
        }

        @Override
        public String toYaml() {
            Yaml yaml = Yaml.map().put("driver", "gpio");
            FanValues.providerIfNotDefault(yaml, provider);
            if (pin >= 0) {
                yaml.put("pin", pin);
            } else {
                yaml.put("chip", chip).put("line", line);
            }
            return yaml.put("threshold-percent", Math.round(threshold.percent()))
                    .put("active-high", activeHigh).toString();
        }
    }

    @Override
    public Spec parse(FanConfig config) {
        Provider provider = config.value(PROVIDER);
        Duty threshold = config.value(THRESHOLD);
        Boolean activeHigh = config.value(ACTIVE_HIGH);
        if (!config.keys().contains(CHIP.name()) && !config.keys().contains(LINE.name())) {
            config.required(PIN, THRESHOLD);
            Integer pin = config.value(PIN);
            return config.build(() -> new Spec(provider, pin, threshold, activeHigh));
        }
        // a line by gpiochip and offset, for a board the library's BCM numbering does not reach
        if (config.keys().contains(PIN.name())) {
            config.problem(PIN, "pin and chip/line both name the fan's line: give pin (a BCM number) or chip and"
                    + " line (/dev/gpiochipN and its line offset)");
        }
        if (provider == Provider.PI4J) {
            config.problem(PROVIDER, "chip and line need provider diozero (Pi4J's GPIO is addressed by BCM number: pin)");
        }
        config.required(CHIP, LINE, THRESHOLD);
        Integer chip = config.value(CHIP);
        Integer line = config.value(LINE);
        return config.build(() -> Spec.line(provider, chip, line, threshold, activeHigh));
    }

    private static Duty threshold(FanConfig config, String text) {
        String value = text.strip();
        if (value.endsWith("%")) {
            value = value.substring(0, value.length() - 1).strip();
        }
        if (!NUMBER.matcher(value).matches()) {
            throw new IllegalArgumentException(config.quoted(text) + " is not a percentage: write e.g. 50");
        }
        double percent = Double.parseDouble(value);
        if (!(percent > 0.0 && percent <= 100.0)) {
            throw new IllegalArgumentException(config.shown(text) + " outside 0..100 (above 0: the duty at and above"
                    + " which the fan is switched on)");
        }
        return Duty.ofPercent(percent);
    }

    @Override
    public Fan open(Spec spec, FanOpening opening) throws HalException {
        // on at open, whatever the wiring: a fan that runs is the safe state until the first tick
        DeviceProvider library = opening.library(spec.provider());
        GpioPin pin = spec.pin() >= 0 ? library.openGpioOutput(spec.pin(), spec.activeHigh())
                : library.openGpioLine(spec.chip(), spec.line(), spec.activeHigh());
        opening.leaveRunning(library);
        opening.recordDriven(recordKey(spec), spec.provider().configName() + " "
                + (spec.activeHigh() ? "active-high" : "active-low"));
        return new GpioOnOffFan(spec.lineName(), pin, spec.threshold(), spec.activeHigh());
    }

    // ---- pifan restore: the record of a GPIO fan ----------------------------------------------


    /** {@code fan-gpio-pin18} or {@code fan-gpio-gpiochip1-line18}; the value is the provider and the wiring. */
    static String recordKey(Spec spec) {
        return "fan-gpio-" + (spec.pin() >= 0 ? "pin" + spec.pin() : "gpiochip" + spec.chip() + "-line" + spec.line());
    }

    /**
     * A GPIO fan can only be driven while someone holds its line: restore drives it on and lets go.
     * Released, a line is what its chip makes of it: mainline pinctrl-bcm2835 (Pi 4) and gpio-sim
     * turn it back into an input, so the pull decides and this changes nothing that lasts; Raspberry
     * Pi's pinctrl-rp1 (Pi 5) keeps a released output's level by default, where a fan killed while
     * switched off stays off until this runs (docs/fan-ownership.md).
     */
    @Override
    String restore(Sysfs sysfs, DeviceProviders providers, Matcher record, String value) throws HalException {
        String[] words = value.split("\\s+");
        boolean activeHigh = words.length < 2 || !words[1].equals("active-low");
        int pin = record.group(1) != null ? Integer.parseInt(record.group(1)) : -1;
        int chip = record.group(2) != null ? Integer.parseInt(record.group(2)) : -1;
        int line = record.group(3) != null ? Integer.parseInt(record.group(3)) : -1;
        try (DeviceProvider library = providers.open(recordedProvider(words[0]))) {
            library.leaveGpio(pin, chip, line, activeHigh);
        }
        return (pin >= 0 ? "GPIO" + pin : "gpiochip" + chip + " line " + line) + ": switched on ("
                + (activeHigh ? "high" : "low") + ") and released: the line's pull, or the level the chip keeps,"
                + " decides from here";
    }
}
