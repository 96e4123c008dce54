package dev.pifan.hal.linux;

import dev.pifan.hal.BoardModel;
import dev.pifan.hal.HalException;
import dev.pifan.hal.linux.Finding.Status;
import dev.pifan.hal.linux.fans.AutoDriver;
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
 * checked when the fan is opened. The fans are searched for in {@link AutoDriver#find}.
 */
public final class Discovery {

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
        return new DiscoveryReport(sysfs.root(), model, temperatures(), throttles(), AutoDriver.find(host, hints, model));
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
            return Finding.of(source, Status.of(e), e.getMessage(), spec);
        }
    }

    private <S> Finding<S> informational(String source, Path temp, String detail) {
        try {
            double celsius = SysfsText.millidegrees(temp.toString(), sysfs.read(temp));
            return Finding.without(source, Status.USABLE,
                    String.format(Locale.ROOT, "%.1f °C, ", celsius) + detail);
        } catch (HalException e) {
            return Finding.without(source, Status.of(e), e.getMessage());
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
                findings.add(Finding.of("get_throttled " + hostPath, Status.of(e), e.getMessage(), spec));
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
                findings.add(Finding.of(source, Status.of(e), e.getMessage(), new ThrottleSpec.RpiVolt()));
            }
        }
        findings.add(Finding.of("none", Status.USABLE, "every throttle bit reported unknown (never as fine)",
                new ThrottleSpec.None()));
        return findings;
    }
}
