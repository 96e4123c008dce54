package dev.pifan.hal.linux.fans;

import dev.pifan.hal.Duty;
import dev.pifan.hal.Fan;
import dev.pifan.hal.HalException;
import dev.pifan.hal.io.DeviceProvider;
import dev.pifan.hal.io.GpioOnOffFan;
import dev.pifan.hal.io.GpioPin;
import dev.pifan.hal.io.Provider;
import dev.pifan.hal.linux.FanSpec;
import dev.pifan.hal.linux.Yaml;
import java.util.List;
import java.util.regex.Pattern;

/** {@code driver: gpio}: an on/off fan switched by a GPIO line, through a library. */
public final class GpioDriver extends FanDriver<GpioDriver.Spec> {

    private static final Pattern NUMBER = Pattern.compile("\\d{1,3}(\\.\\d+)?");

    private static final FanKey<Provider> PROVIDER = new FanKey<>("provider", "a library",
            (config, text) -> FanValues.library(config, text, "driver gpio switches a GPIO line"), Provider.DIOZERO);
    private static final FanKey<Integer> PIN = FanKey.integer("pin", "a GPIO number (BCM)", 0, FanValues.MAX_GPIO,
            null);
    private static final FanKey<Duty> THRESHOLD = new FanKey<>("threshold-percent", "a percentage",
            GpioDriver::threshold, null);
    private static final FanKey<Boolean> ACTIVE_HIGH = FanKey.bool("active-high", true);

    public GpioDriver() {
        super("gpio", Spec.class, List.of(PROVIDER, PIN, THRESHOLD, ACTIVE_HIGH));
    }

    /** {@code driver: gpio, pin: 18, threshold-percent: 50, active-high: true}: on/off fans. */
    public record Spec(Provider provider, int pin, Duty threshold, boolean activeHigh) implements FanSpec {
        public Spec {
            FanValues.requireLibrary(provider);
            if (pin < 0) {
                throw new IllegalArgumentException("GPIO " + pin + " is negative");
            }
            if (threshold.isOff()) {
                throw new IllegalArgumentException("on/off threshold must be above 0%");
            }
        }

        @Override
        public String toYaml() {
            Yaml yaml = Yaml.map().put("driver", "gpio");
            FanValues.providerIfNotDefault(yaml, provider);
            return yaml.put("pin", pin).put("threshold-percent", Math.round(threshold.percent()))
                    .put("active-high", activeHigh).toString();
        }
    }

    @Override
    public Spec parse(FanConfig config) {
        Provider provider = config.value(PROVIDER);
        config.required(PIN, THRESHOLD);
        Integer pin = config.value(PIN);
        Duty threshold = config.value(THRESHOLD);
        Boolean activeHigh = config.value(ACTIVE_HIGH);
        return config.build(() -> new Spec(provider, pin, threshold, activeHigh));
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
        GpioPin pin = library.openGpioOutput(spec.pin(), spec.activeHigh());
        opening.leaveRunning(library);
        return new GpioOnOffFan("gpio" + spec.pin(), pin, spec.threshold(), spec.activeHigh());
    }
}
