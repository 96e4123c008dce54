package dev.pifan.hal.linux;

import dev.pifan.hal.BoardModel;
import dev.pifan.hal.HalException;
import dev.pifan.hal.i2c.Emc2101Fan;
import dev.pifan.hal.i2c.Emc230xFan;
import dev.pifan.hal.i2c.I2cBus;
import dev.pifan.hal.i2c.I2cErrors;
import dev.pifan.hal.io.DeviceProvider;
import dev.pifan.hal.io.Provider;
import dev.pifan.hal.linux.Finding.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Looks at a host and reports which temperature sources, throttle sources and fans exist, which
 * pifan can use, and which it would choose ({@code driver: auto}).
 *
 * <p>Read-only: it reads files and checks access, never writes a file, never exports a PWM
 * channel, never runs vcgencmd. I2C chips are only probed (register reads) when the hints name a
 * library to probe with; otherwise an EMC230x is inferred from its bus existing and its ids are
 * checked when the fan is opened.
 */
public final class Discovery {

    /** Addresses an EMC230x can have (ADDR_SEL strapping), the CM4 IO board's 0x2f first. */
    static final int[] EMC230X_ADDRESSES = {0x2f, 0x2e, 0x2d, 0x2c, 0x4d};

    /** The Pi 4's PWM block: enabled only by dtoverlay=pwm, so its presence means "use me". */
    static final String OVERLAY_ONLY_PWM = "brcm,bcm2835-pwm";

    private final Host host;
    private final Sysfs sysfs;
    private final DiscoveryHints hints;

    private Discovery(Host host, DiscoveryHints hints) {
        this.host = host;
        this.sysfs = host.sysfs();
        this.hints = hints;
    }

    public static DiscoveryReport run(Host host) {
        return run(host, DiscoveryHints.defaults());
    }

    public static DiscoveryReport run(Host host, DiscoveryHints hints) {
        return new Discovery(host, hints).report();
    }

    private DiscoveryReport report() {
        BoardModel model = DeviceTreeModel.read(sysfs);
        return new DiscoveryReport(sysfs.root(), model, temperatures(), throttles(), fans(model));
    }

    // ---- temperature ------------------------------------------------------------------------

    private List<Finding<TemperatureSpec>> temperatures() {
        List<Finding<TemperatureSpec>> preferred = new ArrayList<>();
        List<Finding<TemperatureSpec>> others = new ArrayList<>();
        List<ThermalZoneSensor.Zone> zones = ThermalZoneSensor.list(sysfs);
        boolean typeFound = false;
        for (ThermalZoneSensor.Zone zone : zones) {
            String source = zone.name() + " (" + zone.type() + ")";
            Path temp = zone.directory().resolve("temp");
            if (zone.type().equals(hints.zoneType()) && !typeFound) {
                typeFound = true;
                preferred.add(readTemperature(source, temp, new TemperatureSpec.ThermalZone(zone.type())));
            } else {
                others.add(informational(source, temp, "not the SoC zone; to use it: "
                        + new TemperatureSpec.ThermalZone(zone.type()).toYaml()));
            }
        }
        if (!typeFound) {
            preferred.add(Finding.without("thermal zone of type " + hints.zoneType(), Status.MISSING,
                    zones.isEmpty() ? "no thermal zones under " + sysfs.path(ThermalZoneSensor.CLASS_DIR)
                            + " (is this the host's /sys? set --root)"
                            : "types present: " + zones.stream().map(ThermalZoneSensor.Zone::type).distinct().toList()));
        }
        for (HwmonDevice device : HwmonDevice.list(sysfs)) {
            Path input = device.attribute("temp1_input");
            if (!sysfs.exists(input)) {
                continue;
            }
            String source = device.describe() + " temp1_input";
            if (device.name().equals(HwmonTemperatureSensor.DEFAULT_NAME)) {
                preferred.add(readTemperature(source, input, new TemperatureSpec.Hwmon(device.name(), 1)));
            } else if (!device.name().isEmpty()) {
                others.add(informational(source, input, "not the SoC sensor; to use it: "
                        + new TemperatureSpec.Hwmon(device.name(), 1).toYaml()));
            }
        }
        preferred.add(vcgencmd("vcgencmd measure_temp", TemperatureSpec.Vcgencmd.defaults()));
        preferred.addAll(others);
        return preferred;
    }

    private Finding<TemperatureSpec> readTemperature(String source, Path file, TemperatureSpec spec) {
        try {
            double celsius = SysfsText.millidegrees(file.toString(), sysfs.read(file));
            return Finding.of(source, Status.USABLE, String.format(Locale.ROOT, "%.1f °C", celsius), spec);
        } catch (HalException e) {
            return Finding.of(source, status(e), e.getMessage(), spec);
        }
    }

    private <S> Finding<S> informational(String source, Path temp, String detail) {
        try {
            double celsius = SysfsText.millidegrees(temp.toString(), sysfs.read(temp));
            return Finding.without(source, Status.USABLE,
                    String.format(Locale.ROOT, "%.1f °C, ", celsius) + detail);
        } catch (HalException e) {
            return Finding.without(source, status(e), e.getMessage());
        }
    }

    private <S> Finding<S> vcgencmd(String source, S spec) {
        Optional<Path> found = host.findExecutable("vcgencmd");
        if (found.isPresent()) {
            // /dev/vcio on every Raspberry Pi kernel; recent ones add /dev/vcio_gencmd, limited to
            // GET_GENCMD_RESULT (raspberrypi/linux drivers/char/broadcom/vcio.c, VCIO_GROUP(gencmd))
            String vcio = sysfs.exists(sysfs.path("/dev/vcio")) || sysfs.exists(sysfs.path("/dev/vcio_gencmd"))
                    ? "" : "; no /dev/vcio under the root, so it will probably fail";
            return Finding.of(source, Status.UNVERIFIED, "found at " + found.get() + " (not run by discovery;"
                    + " needs group video)" + vcio, spec);
        }
        return Finding.without(source, Status.MISSING, "vcgencmd is not on PATH (Talos and most containers"
                + " have none; on Raspberry Pi OS it is in raspi-utils)");
    }

    // ---- throttle ---------------------------------------------------------------------------

    /**
     * Why pifan still prefers the deprecated file: raspberrypi/linux drivers/firmware/raspberrypi.c
     * {@code get_throttled_show} does {@code WARN_ONCE(1, "deprecated, use hwmon sysfs instead")} and
     * returns {@code fw->get_throttled}, the word the firmware gave the last GET_THROTTLED call
     * ({@code rpi_firmware_property} keeps it; the {@code rpi_volt} hwmon driver's poll makes that
     * call). So it is the same data as {@code rpi_volt}, plus the thermal bits the throttle rule
     * needs, which {@code rpi_volt} does not expose; the warning is once per boot and harmless.
     */
    private static final String GET_THROTTLED_DEPRECATED = "; deprecated upstream: the kernel logs one warning"
            + " with a backtrace at the first read after boot (harmless; rpi-volt has no thermal bits)";

    private List<Finding<ThrottleSpec>> throttles() {
        List<Finding<ThrottleSpec>> findings = new ArrayList<>();
        Optional<Path> getThrottled = GetThrottledFileSensor.locate(sysfs);
        if (getThrottled.isPresent()) {
            Path file = getThrottled.get();
            String hostPath = sysfs.root().hostPath(file);
            ThrottleSpec spec = new ThrottleSpec.GetThrottled(hostPath.equals(GetThrottledFileSensor.PI4_PATH)
                    ? Optional.empty() : Optional.of(hostPath));
            try {
                String word = SysfsText.throttleWord(file.toString(), sysfs.read(file)).toString();
                findings.add(Finding.of("get_throttled " + hostPath, Status.USABLE, word + "; knows every bit"
                        + GET_THROTTLED_DEPRECATED, spec));
            } catch (HalException e) {
                findings.add(Finding.of("get_throttled " + hostPath, status(e), e.getMessage(), spec));
            }
        } else {
            findings.add(Finding.without("get_throttled", Status.MISSING, "no get_throttled file: "
                    + SysfsErrors.missingHint("get_throttled")));
        }
        findings.add(vcgencmd("vcgencmd get_throttled", ThrottleSpec.Vcgencmd.defaults()));
        List<HwmonDevice> volt = HwmonDevice.find(sysfs, RpiVoltThrottleSensor.HWMON_NAME, null);
        if (volt.isEmpty()) {
            findings.add(Finding.without("rpi_volt", Status.MISSING, "no hwmon device named rpi_volt"));
        } else {
            Path alarm = volt.get(0).attribute("in0_lcrit_alarm");
            String source = volt.get(0).describe() + " in0_lcrit_alarm";
            try {
                boolean under = SysfsText.flag(alarm.toString(), sysfs.read(alarm));
                findings.add(Finding.of(source, Status.USABLE, "under-voltage now: " + (under ? "yes" : "no")
                        + "; under-voltage only: the other throttle bits are reported unknown",
                        new ThrottleSpec.RpiVolt()));
            } catch (HalException e) {
                findings.add(Finding.of(source, status(e), e.getMessage(), new ThrottleSpec.RpiVolt()));
            }
        }
        findings.add(Finding.of("none", Status.USABLE, "every throttle bit reported unknown (never as fine)",
                new ThrottleSpec.None()));
        return findings;
    }

    // ---- fans -------------------------------------------------------------------------------

    private List<Finding<FanSpec>> fans(BoardModel model) {
        List<Finding<FanSpec>> findings = new ArrayList<>();
        List<PwmChip> chips = PwmChip.list(sysfs);
        String hintedChip = null;
        if (hints.pwmChip().isPresent()) {
            String selector = hints.pwmChip().get();
            List<PwmChip> matching = chips.stream()
                    .filter(c -> c.name().equals(selector) || c.device().matches(selector)).toList();
            if (matching.size() == 1) {
                hintedChip = matching.get(0).name();
                findings.add(pwmFinding(matching.get(0), selector));
            } else {
                findings.add(Finding.without("pwm chip '" + selector + "' (from the config)", Status.MISSING,
                        matching.isEmpty() ? (chips.isEmpty() ? SysfsErrors.missingHint(PwmChip.CLASS_DIR)
                                : "chips present: " + chips.stream().map(PwmChip::describe).toList())
                                : "several chips match: " + matching.stream().map(PwmChip::describe).toList()));
            }
        }
        List<HwmonDevice> hwmon = HwmonDevice.list(sysfs).stream()
                .filter(d -> sysfs.exists(d.attribute("pwm1"))).toList();
        hwmon.stream().filter(d -> d.name().equals(HwmonFan.PWM_FAN_NAME))
                .forEach(d -> findings.add(hwmonFanFinding(d, hwmon)));
        hwmon.stream().filter(d -> !d.name().equals(HwmonFan.PWM_FAN_NAME))
                .forEach(d -> findings.add(hwmonFanFinding(d, hwmon)));
        findings.addAll(i2cFans(model));
        for (PwmChip chip : chips) {
            if (!chip.name().equals(hintedChip)) {
                findings.add(pwmFinding(chip, null));
            }
        }
        if (findings.isEmpty()) {
            findings.add(Finding.without("fan outputs", Status.MISSING, "no hwmon fan (pwmfan: Pi 5 Active Cooler,"
                    + " PoE HAT), no pwm chip (" + SysfsErrors.missingHint(PwmChip.CLASS_DIR) + "), no I2C bus to"
                    + " look on (fan: {driver: auto, i2c-buses: [1]}); an on/off fan needs {driver: gpio, pin: N}"));
        }
        return findings;
    }

    private Finding<FanSpec> hwmonFanFinding(HwmonDevice device, List<HwmonDevice> all) {
        Path pwm = device.attribute("pwm1");
        Path enable = device.attribute("pwm1_enable");
        Path input = device.attribute("fan1_input");
        String source = device.describe() + " pwm1";
        boolean ambiguous = all.stream().filter(d -> d.name().equals(device.name())).count() > 1;
        FanSpec spec = device.name().isEmpty() ? null : new FanSpec.Hwmon(device.name(),
                ambiguous ? Optional.of(device.device().displayName()) : Optional.empty(), 1);
        StringBuilder detail = new StringBuilder();
        try {
            detail.append("pwm1=").append(sysfs.read(pwm));
            Optional<String> mode = sysfs.readIfExists(enable);
            mode.ifPresent(m -> detail.append(", pwm1_enable=").append(m));
            detail.append("; ").append(ZoneTakeover.ownership(sysfs, device));
            Optional<String> rpm = sysfs.readIfExists(input);
            rpm.ifPresent(r -> detail.append(", fan1_input=").append(r).append(" rpm"));
        } catch (HalException e) {
            return Finding.of(source, status(e), e.getMessage(), spec);
        }
        boolean writable = sysfs.files().isWritable(pwm) && (!sysfs.exists(enable) || sysfs.files().isWritable(enable));
        if (!writable) {
            return Finding.of(source, Status.PERMISSION_DENIED, "permission denied on " + pwm + ": "
                    + SysfsErrors.accessHint(pwm.toString()) + " (" + detail + ")", spec);
        }
        if (spec == null) {
            return Finding.without(source, Status.UNSUITABLE, "the hwmon device has no name to select it by");
        }
        return Finding.of(source, Status.USABLE, detail.toString(), spec);
    }

    private Finding<FanSpec> pwmFinding(PwmChip chip, String hintedSelector) {
        String source = chip.describe();
        if (!chip.isFreeForFans()) {
            return Finding.without(source, Status.UNSUITABLE, "the PoE HAT's firmware PWM, driven by the pwm-fan"
                    + " driver: use its hwmon fan (pwmfan)");
        }
        int channel = hints.pwmChannel();
        if (chip.npwm() > 0 && channel >= chip.npwm()) {
            return Finding.without(source + " channel " + channel, Status.MISSING, "the chip has " + chip.npwm()
                    + " channel(s)");
        }
        List<PwmChip.Consumer> consumers = chip.consumers(sysfs);
        if (!consumers.isEmpty() && chip.npwm() == 1) {
            return Finding.without(source + " channel " + channel, Status.UNSUITABLE, PwmChip.heldBy(consumers));
        }
        String held = consumers.isEmpty() ? "" : "; one channel of this chip is " + PwmChip.heldBy(consumers);
        String selector = hintedSelector != null ? hintedSelector : chip.selector();
        FanSpec spec = new FanSpec.SysfsPwm(selector, SysfsPwmFan.Settings.of(channel));
        Path channelDir = chip.directory().resolve("pwm" + channel);
        Path target = sysfs.isDirectory(channelDir) ? channelDir.resolve("duty_cycle") : chip.directory().resolve("export");
        if (!sysfs.files().isWritable(target)) {
            return Finding.of(source + " channel " + channel, Status.PERMISSION_DENIED, "permission denied on "
                    + target + ": " + SysfsErrors.accessHint(target.toString()), spec);
        }
        String detail = (sysfs.isDirectory(channelDir) ? "channel " + channel + " already exported" : "channel "
                + channel + " exportable") + (chip.device().compatible().contains(OVERLAY_ONLY_PWM)
                ? " (channel 0 is GPIO 12 or 18, channel 1 is GPIO 13 or 19; set pwm-channel to match)" : "") + held;
        if (hintedSelector == null && !chip.device().compatible().contains(OVERLAY_ONLY_PWM)) {
            // Only the Pi 4's PWM block is off unless an overlay asks for it; any other chip may carry
            // something else (the Pi 5's RP1 PWM also drives the fan header): never drive it unasked.
            return Finding.without(source + " channel " + channel, Status.USABLE, detail + "; not chosen"
                    + " unless named: fan: {driver: auto, pwm-chip: " + Yaml.scalar(chip.selector()) + "}");
        }
        return Finding.of(source + " channel " + channel, Status.USABLE, detail, spec);
    }

    private List<Finding<FanSpec>> i2cFans(BoardModel model) {
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
            Optional<String> kernelDriver = kernelDriver(bus, Emc230xFan.DEFAULT_ADDRESS);
            if (kernelDriver.isPresent()) {
                findings.add(Finding.without(name + " address 0x2f", Status.UNSUITABLE, "claimed by the kernel driver "
                        + kernelDriver.get() + ": drive it through its hwmon device instead"));
                continue;
            }
            FanSpec assumed = new FanSpec.Emc230x(hints.i2cProbe().orElse(Provider.DIOZERO), bus,
                    Emc230xFan.DEFAULT_ADDRESS, 1, Optional.empty());
            if (!sysfs.files().isReadable(dev) || !sysfs.files().isWritable(dev)) {
                findings.add(Finding.of("/dev/" + name, Status.PERMISSION_DENIED, "permission denied on " + dev + ": "
                        + SysfsErrors.accessHint(dev.toString()), assumed));
                continue;
            }
            if (hints.i2cProbe().isPresent()) {
                findings.addAll(probe(hints.i2cProbe().get(), bus));
            } else {
                findings.add(Finding.of(name + " address 0x2f", Status.UNVERIFIED, "EMC230x assumed"
                        + (model.family() == BoardModel.Family.CM4 ? " (CM4 IO board)" : "")
                        + "; its ids are checked when the fan is opened (add i2c-probe: diozero to check now)",
                        assumed));
            }
        }
        return findings;
    }

    private Optional<String> kernelDriver(int bus, int address) {
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

    /** Reads id registers only: safe on any SMBus device that acknowledges. */
    private List<Finding<FanSpec>> probe(Provider provider, int bus) {
        String name = "i2c-" + bus;
        List<Finding<FanSpec>> findings = new ArrayList<>();
        try (DeviceProvider library = host.providers().open(provider); I2cBus i2c = library.openI2cBus(bus)) {
            for (int address : EMC230X_ADDRESSES) {
                Optional<int[]> ids = ids(i2c, address);
                if (ids.isEmpty()) {
                    continue;
                }
                int product = ids.get()[0];
                int vendor = ids.get()[1];
                Optional<Emc230xFan.Model> model = java.util.Arrays.stream(Emc230xFan.Model.values())
                        .filter(m -> m.productId() == product).findFirst();
                String source = name + " address " + I2cBus.hex(address);
                if (vendor == 0x5D && model.isPresent()) {
                    findings.add(Finding.of(source, Status.USABLE, model.get() + " (product id " + I2cBus.hex(product)
                            + ")", new FanSpec.Emc230x(provider, bus, address, 1, model)));
                }
            }
            Optional<int[]> emc2101 = ids(i2c, Emc2101Fan.DEFAULT_ADDRESS);
            if (emc2101.isPresent() && emc2101.get()[1] == 0x5D
                    && (emc2101.get()[0] == 0x16 || emc2101.get()[0] == 0x28)) {
                findings.add(Finding.of(name + " address 0x4c", Status.USABLE, "EMC2101 (product id "
                        + I2cBus.hex(emc2101.get()[0]) + ")",
                        new FanSpec.Emc2101(provider, bus, Emc2101Fan.DEFAULT_ADDRESS, false)));
            }
            if (bus == dev.pifan.hal.i2c.ArgonOneFan.DEFAULT_BUS) {
                try {
                    i2c.readByte(dev.pifan.hal.i2c.ArgonOneFan.DEFAULT_ADDRESS);
                    findings.add(Finding.of(name + " address 0x1a", Status.UNVERIFIED, "a device answers where an"
                            + " Argon ONE's fan MCU sits (it has no id to check)",
                            new FanSpec.ArgonOne(provider, bus, dev.pifan.hal.i2c.ArgonOneFan.DEFAULT_ADDRESS,
                                    dev.pifan.hal.i2c.ArgonOneFan.Protocol.AUTO)));
                } catch (HalException e) {
                    // nothing at 0x1a
                }
            }
            if (findings.isEmpty()) {
                findings.add(Finding.without(name, Status.MISSING, "no fan controller answered (probed 0x2c..0x2f,"
                        + " 0x4d, 0x4c" + (bus == 1 ? ", 0x1a" : "") + " through " + provider.configName() + ")"));
            }
        } catch (HalException e) {
            findings.add(Finding.without(name + " (probe through " + provider.configName() + ")", status(e),
                    e.getMessage()));
        }
        return findings;
    }

    private static Optional<int[]> ids(I2cBus i2c, int address) {
        try {
            int product = i2c.readByteData(address, 0xFD);
            int vendor = i2c.readByteData(address, 0xFE);
            return Optional.of(new int[] {product, vendor});
        } catch (HalException e) {
            return Optional.empty();
        }
    }

    private static Status status(HalException e) {
        return switch (e.kind()) {
            case PERMISSION_DENIED -> Status.PERMISSION_DENIED;
            case NOT_FOUND -> Status.MISSING;
            default -> Status.UNSUITABLE;
        };
    }
}
