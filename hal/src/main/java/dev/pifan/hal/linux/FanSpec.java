package dev.pifan.hal.linux;

import dev.pifan.hal.Duty;
import dev.pifan.hal.i2c.ArgonOneFan;
import dev.pifan.hal.i2c.Emc2101Fan;
import dev.pifan.hal.i2c.Emc230xFan;
import dev.pifan.hal.io.Provider;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which fan to drive; the {@code hardware.fan} part of the config. I2C and GPIO fans name a
 * library {@code provider} (default diozero); PWM defaults to sysfs.
 */
public sealed interface FanSpec {

    String toYaml();

    /**
     * {@code driver: auto}: an hwmon fan ({@code pwmfan}: Pi 5 Active Cooler, PoE HAT), else the
     * named pwm chip, else an EMC230x on the given buses, else a free hardware PWM chip.
     *
     * @param pwmChip a chip selector from the config ({@code fe20c000.pwm}), preferred when present
     * @param i2cBuses buses to look for an EMC230x on; empty means the board's usual (i2c-10 on a CM4)
     * @param i2cProbe when present, those buses are probed (read-only) through this library;
     *     otherwise an EMC230x is only inferred from the bus existing, and its ids are checked at start
     */
    record Auto(Optional<String> pwmChip, int pwmChannel, List<Integer> i2cBuses, Optional<Provider> i2cProbe)
            implements FanSpec {
        public Auto {
            i2cBuses = List.copyOf(i2cBuses);
            if (pwmChannel < 0) {
                throw new IllegalArgumentException("pwm channel " + pwmChannel + " is negative");
            }
            if (i2cProbe.isPresent() && i2cProbe.get() == Provider.SYSFS) {
                throw new IllegalArgumentException("I2C cannot be probed through sysfs: use diozero or pi4j");
            }
        }

        public static Auto defaults() {
            return new Auto(Optional.empty(), 0, List.of(), Optional.empty());
        }

        @Override
        public String toYaml() {
            Yaml yaml = Yaml.map().put("driver", "auto");
            pwmChip.ifPresent(c -> yaml.put("pwm-chip", c));
            if (pwmChannel != 0) {
                yaml.put("pwm-channel", pwmChannel);
            }
            if (!i2cBuses.isEmpty()) {
                yaml.put("i2c-buses", i2cBuses);
            }
            i2cProbe.ifPresent(p -> yaml.put("i2c-probe", p.configName()));
            return yaml.toString();
        }
    }

    /** {@code driver: hwmon, name: pwmfan} ({@code device:} narrows when several share a name). */
    record Hwmon(String name, Optional<String> device, int channel) implements FanSpec {
        public Hwmon {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("hwmon fan name is empty");
            }
            if (channel < 1) {
                throw new IllegalArgumentException("hwmon pwm channel " + channel + " must be 1 or more");
            }
        }

        public static Hwmon pwmFan() {
            return new Hwmon(HwmonFan.PWM_FAN_NAME, Optional.empty(), 1);
        }

        @Override
        public String toYaml() {
            Yaml yaml = Yaml.map().put("driver", "hwmon").put("name", name);
            device.ifPresent(d -> yaml.put("device", d));
            if (channel != 1) {
                yaml.put("channel", channel);
            }
            return yaml.toString();
        }
    }

    /** {@code driver: pwm} through {@code /sys/class/pwm} (provider sysfs, the default). */
    record SysfsPwm(String chip, SysfsPwmFan.Settings settings) implements FanSpec {
        public SysfsPwm {
            if (chip == null || chip.isBlank()) {
                throw new IllegalArgumentException("pwm chip selector is empty");
            }
        }

        @Override
        public String toYaml() {
            Yaml yaml = Yaml.map().put("driver", "pwm").put("chip", chip).put("channel", settings.channel());
            if (settings.frequencyHz() != SysfsPwmFan.DEFAULT_FREQUENCY_HZ) {
                yaml.put("frequency-hz", settings.frequencyHz());
            }
            if (settings.polarity() != SysfsPwmFan.Polarity.NORMAL) {
                yaml.put("polarity", settings.polarity().sysfsName());
            }
            if (settings.unexportOnClose()) {
                yaml.put("unexport-on-exit", true);
            }
            return yaml.toString();
        }
    }

    /** {@code driver: pwm, provider: diozero} (by {@code gpio}) or {@code provider: pi4j} (by {@code chip} number and {@code channel}). */
    record LibraryPwm(Provider provider, int gpio, int chip, int channel, int frequencyHz) implements FanSpec {
        public LibraryPwm {
            if (provider == Provider.SYSFS) {
                throw new IllegalArgumentException("use SysfsPwm for provider sysfs");
            }
        }

        @Override
        public String toYaml() {
            Yaml yaml = Yaml.map().put("driver", "pwm").put("provider", provider.configName());
            if (gpio >= 0) {
                yaml.put("gpio", gpio);
            }
            if (chip >= 0) {
                yaml.put("chip", chip).put("channel", channel);
            }
            if (frequencyHz != SysfsPwmFan.DEFAULT_FREQUENCY_HZ) {
                yaml.put("frequency-hz", frequencyHz);
            }
            return yaml.toString();
        }
    }

    /** {@code driver: emc230x, bus: 10, address: 0x2f, fan: 1} (optionally {@code model: emc2301}). */
    record Emc230x(Provider provider, int bus, int address, int fan, Optional<Emc230xFan.Model> model)
            implements FanSpec {
        public Emc230x {
            requireLibrary(provider);
        }

        public static Emc230x cm4IoBoard() {
            return new Emc230x(Provider.DIOZERO, 10, Emc230xFan.DEFAULT_ADDRESS, 1, Optional.empty());
        }

        @Override
        public String toYaml() {
            Yaml yaml = Yaml.map().put("driver", "emc230x");
            model.ifPresent(m -> yaml.put("model", m.name().toLowerCase(Locale.ROOT)));
            providerIfNotDefault(yaml, provider);
            return yaml.put("bus", bus).putHex("address", address).put("fan", fan).toString();
        }
    }

    /** {@code driver: emc2101, bus: 1, address: 0x4c, tachometer: false}. */
    record Emc2101(Provider provider, int bus, int address, boolean tachometer) implements FanSpec {
        public Emc2101 {
            requireLibrary(provider);
        }

        public static Emc2101 onBus(int bus) {
            return new Emc2101(Provider.DIOZERO, bus, Emc2101Fan.DEFAULT_ADDRESS, false);
        }

        @Override
        public String toYaml() {
            Yaml yaml = Yaml.map().put("driver", "emc2101");
            providerIfNotDefault(yaml, provider);
            return yaml.put("bus", bus).putHex("address", address).put("tachometer", tachometer).toString();
        }
    }

    /** {@code driver: argon-one, protocol: auto|legacy|register} (bus 1, address 0x1a by default). */
    record ArgonOne(Provider provider, int bus, int address, ArgonOneFan.Protocol protocol) implements FanSpec {
        public ArgonOne {
            requireLibrary(provider);
        }

        public static ArgonOne defaults() {
            return new ArgonOne(Provider.DIOZERO, ArgonOneFan.DEFAULT_BUS, ArgonOneFan.DEFAULT_ADDRESS,
                    ArgonOneFan.Protocol.AUTO);
        }

        @Override
        public String toYaml() {
            Yaml yaml = Yaml.map().put("driver", "argon-one");
            providerIfNotDefault(yaml, provider);
            return yaml.put("bus", bus).putHex("address", address).put("protocol", protocol.configName()).toString();
        }
    }

    /**
     * {@code driver: gpio, pin: 18, threshold-percent: 50, active-high: true}: on/off fans. The line
     * is a BCM number ({@code pin}, as the library numbers the board's header), or a line of one
     * gpiochip character device ({@code chip: 0, line: 18}: {@code /dev/gpiochip0}, offset 18), for
     * a board whose numbering the library does not know (-1 = not given).
     */
    record Gpio(Provider provider, int pin, int chip, int line, Duty threshold, boolean activeHigh) implements FanSpec {
        public Gpio {
            requireLibrary(provider);
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
        public Gpio(Provider provider, int pin, Duty threshold, boolean activeHigh) {
            this(provider, pin, -1, -1, threshold, activeHigh);
        }

        /** By gpiochip and line offset. */
        public static Gpio line(Provider provider, int chip, int line, Duty threshold, boolean activeHigh) {
            return new Gpio(provider, -1, chip, line, threshold, activeHigh);
        }

        /** {@code gpio18}, or {@code gpiochip1-line18}: the fan's id in logs and /status. */
        public String lineName() {
            return pin >= 0 ? "gpio" + pin : "gpiochip" + chip + "-line" + line;
        }

        @Override
        public String toYaml() {
            Yaml yaml = Yaml.map().put("driver", "gpio");
            providerIfNotDefault(yaml, provider);
            if (pin >= 0) {
                yaml.put("pin", pin);
            } else {
                yaml.put("chip", chip).put("line", line);
            }
            return yaml.put("threshold-percent", Math.round(threshold.percent()))
                    .put("active-high", activeHigh).toString();
        }
    }

    private static void requireLibrary(Provider provider) {
        if (provider == null || provider == Provider.SYSFS) {
            throw new IllegalArgumentException("I2C and GPIO fans need provider diozero or pi4j");
        }
    }

    private static void providerIfNotDefault(Yaml yaml, Provider provider) {
        if (provider != Provider.DIOZERO) {
            yaml.put("provider", provider.configName());
        }
    }
}
