package dev.pifan.hal.linux.fans;

import dev.pifan.hal.BoardModel;
import dev.pifan.hal.Fan;
import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.i2c.Emc230xFan;
import dev.pifan.hal.i2c.I2cBus;
import dev.pifan.hal.i2c.I2cErrors;
import dev.pifan.hal.io.DeviceProvider;
import dev.pifan.hal.io.Provider;
import dev.pifan.hal.linux.DiscoveryHints;
import dev.pifan.hal.linux.FanSpec;
import dev.pifan.hal.linux.Finding;
import dev.pifan.hal.linux.Finding.Status;
import dev.pifan.hal.linux.Host;
import dev.pifan.hal.linux.PwmChip;
import dev.pifan.hal.linux.Sysfs;
import dev.pifan.hal.linux.SysfsErrors;
import dev.pifan.hal.linux.Yaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code driver: auto}: not a fan of its own but the order discovery offers the others in, which
 * the board tries until one opens: the pwm chip the config names, hwmon fans ({@code pwmfan}
 * first), fan controllers on the I2C buses, then the PWM chips found by listing. Its keys are
 * hints for that search.
 */
public final class AutoDriver extends FanDriver<AutoDriver.Spec> {

    private static final FanKey<String> PWM_CHIP = new FanKey<>("pwm-chip", "a pwm chip", FanValues::chipSelector,
            null);
    private static final FanKey<Integer> PWM_CHANNEL = FanKey.integer("pwm-channel", "a channel number", 0,
            FanValues.MAX_CHANNEL, 0);
    /** A list: each element is a bus number. */
    private static final FanKey<Integer> I2C_BUSES = FanKey.integer("i2c-buses", "an I2C bus number", 0,
            FanValues.MAX_BUS, null);
    private static final FanKey<Provider> I2C_PROBE = new FanKey<>("i2c-probe", "a library",
            (config, text) -> FanValues.library(config, text, "I2C is probed through a library"), null);
    private static final FanKey<Boolean> OR_NONE = FanKey.bool("or-none", false);

    public AutoDriver() {
        super("auto", Spec.class, List.of(PWM_CHIP, PWM_CHANNEL, I2C_BUSES, I2C_PROBE, OR_NONE));
    }

    /**
     * {@code driver: auto}: an hwmon fan ({@code pwmfan}: Pi 5 Active Cooler, PoE HAT), else the
     * named pwm chip, else an EMC230x on the given buses, else a free hardware PWM chip.
     *
     * @param pwmChip a chip selector from the config ({@code fe20c000.pwm}), preferred when present
     * @param i2cBuses buses to look for an EMC230x on; empty means the board's usual (i2c-10 on a CM4)
     * @param i2cProbe when present, those buses are probed (read-only) through this library;
     *     otherwise an EMC230x is only inferred from the bus existing, and its ids are checked at start
     * @param orNone when discovery finds no fan output at all, the board has no fan of its own
     *     ({@code driver: none}: a tray member) instead of failing; a fan found that fails to open
     *     still fails, loudly
     */
    public record Spec(Optional<String> pwmChip, int pwmChannel, List<Integer> i2cBuses, Optional<Provider> i2cProbe,
                       boolean orNone) implements FanSpec {

        public Spec(Optional<String> pwmChip, int pwmChannel, List<Integer> i2cBuses, Optional<Provider> i2cProbe) {
            this(pwmChip, pwmChannel, i2cBuses, i2cProbe, false);
        }

        public Spec {
            i2cBuses = List.copyOf(i2cBuses);
            if (pwmChannel < 0) {
                throw new IllegalArgumentException("pwm channel " + pwmChannel + " is negative");
            }
            if (i2cProbe.isPresent() && i2cProbe.get() == Provider.SYSFS) {
                throw new IllegalArgumentException("I2C cannot be probed through sysfs: use diozero or pi4j");
            }
        }

        public static Spec defaults() {
            return new Spec(Optional.empty(), 0, List.of(), Optional.empty());
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
            if (orNone) {
                yaml.put("or-none", true);
            }
            return yaml.toString();
        }

        /** The same search, with no fan at all meaning a fanless tray member. */
        public Spec withOrNone() {
            return new Spec(pwmChip, pwmChannel, i2cBuses, i2cProbe, true);
        }
    }

    @Override
    public Spec parse(FanConfig config) {
        String chip = config.value(PWM_CHIP);
        Integer channel = config.value(PWM_CHANNEL);
        List<Integer> buses = config.list(I2C_BUSES, "a list of I2C bus numbers ([1, 10])");
        Provider probe = config.value(I2C_PROBE);
        Boolean orNone = config.value(OR_NONE);
        return config.build(() -> new Spec(Optional.ofNullable(chip), channel, buses, Optional.ofNullable(probe),
                orNone));
    }

    /** The board opens what {@link #find} offers instead. */
    @Override
    public Fan open(Spec spec, FanOpening opening) throws HalException {
        throw new HalException(Kind.UNSUPPORTED, "fan " + spec + " cannot be opened directly");
    }

    // ---- discovery ----------------------------------------------------------------------------

    /** Every fan output on the host, best first, read-only (see {@link dev.pifan.hal.linux.Discovery}). */
    public static List<Finding<FanSpec>> find(Host host, DiscoveryHints hints, BoardModel model) {
        Sysfs sysfs = host.sysfs();
        List<Finding<FanSpec>> findings = new ArrayList<>();
        List<PwmChip> chips = PwmChip.list(sysfs);
        String hintedChip = null;
        if (hints.pwmChip().isPresent()) {
            String selector = hints.pwmChip().get();
            List<PwmChip> matching = chips.stream()
                    .filter(c -> c.name().equals(selector) || c.device().matches(selector)).toList();
            if (matching.size() == 1) {
                hintedChip = matching.get(0).name();
                findings.add(PwmDriver.find(sysfs, matching.get(0), selector, hints.pwmChannel()));
            } else {
                findings.add(Finding.without("pwm chip '" + selector + "' (from the config)", Status.MISSING,
                        matching.isEmpty() ? (chips.isEmpty() ? SysfsErrors.missingHint(PwmChip.CLASS_DIR)
                                : "chips present: " + chips.stream().map(PwmChip::describe).toList())
                                : "several chips match: " + matching.stream().map(PwmChip::describe).toList()));
            }
        }
        findings.addAll(HwmonDriver.find(sysfs));
        findings.addAll(i2cFans(host, hints, model));
        for (PwmChip chip : chips) {
            if (!chip.name().equals(hintedChip)) {
                findings.add(PwmDriver.find(sysfs, chip, null, hints.pwmChannel()));
            }
        }
        if (findings.isEmpty()) {
            findings.add(Finding.without("fan outputs", Status.MISSING, "no hwmon fan (pwmfan: Pi 5 Active Cooler,"
                    + " PoE HAT), no pwm chip (" + SysfsErrors.missingHint(PwmChip.CLASS_DIR) + "), no I2C bus to"
                    + " look on (fan: {driver: auto, i2c-buses: [1]}); an on/off fan needs {driver: gpio, pin: N}"));
        }
        return findings;
    }

    /**
     * The fan controllers on the hinted buses (the CM4's i2c-10 by default): probed through the
     * hinted library, or else an EMC230x assumed on a bus that exists.
     */
    private static List<Finding<FanSpec>> i2cFans(Host host, DiscoveryHints hints, BoardModel model) {
        Sysfs sysfs = host.sysfs();
        List<Integer> buses = hints.i2cBuses();
        if (buses.isEmpty() && model.family() == BoardModel.Family.CM4) {
            buses = List.of(10); // the CM4 IO board's EMC2301 sits on i2c-10
        }
        List<Finding<FanSpec>> findings = new ArrayList<>();
        for (int bus : buses) {
            String name = "i2c-" + bus;
            Path dev = sysfs.path("/dev/" + name);
            if (!sysfs.exists(dev)) {
                findings.add(Finding.without("/dev/" + name, Status.MISSING, "absent: " + I2cErrors.enableHint(name)));
                continue;
            }
            Optional<String> kernelDriver = kernelDriver(sysfs, bus, Emc230xFan.DEFAULT_ADDRESS);
            if (kernelDriver.isPresent()) {
                findings.add(Finding.without(name + " address 0x2f", Status.UNSUITABLE, "claimed by the kernel driver "
                        + kernelDriver.get() + ": drive it through its hwmon device instead"));
                continue;
            }
            FanSpec assumed = new Emc230xDriver.Spec(hints.i2cProbe().orElse(Provider.DIOZERO), bus,
                    Emc230xFan.DEFAULT_ADDRESS, 1, Optional.empty());
            if (!sysfs.files().isReadable(dev) || !sysfs.files().isWritable(dev)) {
                findings.add(Finding.of("/dev/" + name, Status.PERMISSION_DENIED, "permission denied on " + dev + ": "
                        + SysfsErrors.accessHint(dev.toString()), assumed));
                continue;
            }
            if (hints.i2cProbe().isPresent()) {
                findings.addAll(probe(host, hints.i2cProbe().get(), bus));
            } else {
                findings.add(Finding.of(name + " address 0x2f", Status.UNVERIFIED, "EMC230x assumed"
                        + (model.family() == BoardModel.Family.CM4 ? " (CM4 IO board)" : "")
                        + "; its ids are checked when the fan is opened (add i2c-probe: diozero to check now)",
                        assumed));
            }
        }
        return findings;
    }

    private static Optional<String> kernelDriver(Sysfs sysfs, int bus, int address) {
        Path client = sysfs.path(String.format(Locale.ROOT, "/sys/bus/i2c/devices/%d-%04x", bus, address));
        if (!sysfs.exists(client.resolve("driver"))) {
            return Optional.empty();
        }
        String driver = sysfs.linkName(client.resolve("driver")).orElse("");
        if (driver.isEmpty()) {
            try {
                driver = sysfs.readIfExists(client.resolve("name")).orElse("a kernel driver");
            } catch (HalException e) {
                driver = "a kernel driver";
            }
        }
        return Optional.of(driver);
    }

    /** Every I2C driver identifies its chip on the bus, opened once through {@code provider}. */
    private static List<Finding<FanSpec>> probe(Host host, Provider provider, int bus) {
        String name = "i2c-" + bus;
        List<Finding<FanSpec>> findings = new ArrayList<>();
        try (DeviceProvider library = host.providers().open(provider); I2cBus i2c = library.openI2cBus(bus)) {
            List<String> probed = new ArrayList<>();
            for (I2cFanDriver<?> driver : FanDrivers.i2c()) {
                findings.addAll(driver.probe(i2c, provider, bus));
                driver.probed(bus).ifPresent(probed::add);
            }
            if (findings.isEmpty()) {
                findings.add(Finding.without(name, Status.MISSING, "no fan controller answered (probed "
                        + String.join(", ", probed) + " through " + provider.configName() + ")"));
            }
        } catch (HalException e) {
            findings.add(Finding.without(name + " (probe through " + provider.configName() + ")", Status.of(e),
                    e.getMessage()));
        }
        return findings;
    }
}
