package dev.pifan.hal.linux;

import dev.pifan.hal.linux.fans.AutoDriver;


/**
 * The whole {@code hardware:} section: what to read the temperature and throttle flags from and
 * which fan to drive. The config module maps YAML to this; {@link #toYaml()} maps it back (the
 * snippet {@code pifan probe} prints to pin what discovery chose).
 */
public record HardwareSpec(TemperatureSpec temperature, ThrottleSpec throttle, FanSpec fan) {

    public HardwareSpec {
        if (temperature == null || throttle == null || fan == null) {
            throw new IllegalArgumentException("hardware spec needs temperature, throttle and fan (use auto)");
        }
    }

    /** Everything {@code driver: auto}: what {@code pifan run} does without a hardware section. */
    public static HardwareSpec auto() {
        return new HardwareSpec(TemperatureSpec.Auto.defaults(), new ThrottleSpec.Auto(), AutoDriver.Spec.defaults());
    }

    public String toYaml() {
        return "hardware:\n"
                + "  temperature: " + temperature.toYaml() + "\n"
                + "  throttle: " + throttle.toYaml() + "\n"
                + "  fan: " + fan.toYaml() + "\n";
    }
}
