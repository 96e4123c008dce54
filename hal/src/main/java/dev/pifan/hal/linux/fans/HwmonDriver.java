package dev.pifan.hal.linux.fans;

import dev.pifan.hal.Fan;
import dev.pifan.hal.HalException;
import dev.pifan.hal.linux.FanSpec;
import dev.pifan.hal.linux.Finding;
import dev.pifan.hal.linux.Finding.Status;
import dev.pifan.hal.linux.Host;
import dev.pifan.hal.linux.HwmonDevice;
import dev.pifan.hal.linux.HwmonFan;
import dev.pifan.hal.linux.Sysfs;
import dev.pifan.hal.linux.SysfsErrors;
import dev.pifan.hal.linux.Yaml;
import dev.pifan.hal.linux.ZoneTakeover;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code driver: hwmon}: a fan the kernel has a driver for (pwm-fan: the Pi 5 Active Cooler, the
 * PoE HAT; emc2305), driven through its hwmon {@code pwm1}. Its restore is the takeover's
 * ({@link ZoneTakeover#restore}), as the kernel's thermal zones may drive it too.
 */
public final class HwmonDriver extends FanDriver<HwmonDriver.Spec> {

    private static final FanKey<String> NAME = FanKey.text("name", "an hwmon device name");
    private static final FanKey<String> DEVICE = FanKey.text("device", "a device name");
    private static final FanKey<Integer> CHANNEL = FanKey.integer("channel", "a channel number", 1, 99, 1);

    public HwmonDriver() {
        super("hwmon", Spec.class, List.of(NAME, DEVICE, CHANNEL));
    }

    /** {@code driver: hwmon, name: pwmfan} ({@code device:} narrows when several share a name). */
    public record Spec(String name, Optional<String> device, int channel) implements FanSpec {
        public Spec {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("hwmon fan name is empty");
            }
            if (channel < 1) {
                throw new IllegalArgumentException("hwmon pwm channel " + channel + " must be 1 or more");
            }
        }

        public static Spec pwmFan() {
            return new Spec(HwmonFan.PWM_FAN_NAME, Optional.empty(), 1);
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

    @Override
    public Spec parse(FanConfig config) {
        config.required(NAME);
        String name = config.value(NAME);
        String device = config.value(DEVICE);
        Integer channel = config.value(CHANNEL);
        return config.build(() -> new Spec(name, Optional.ofNullable(device), channel));
    }

    @Override
    public Fan open(Spec spec, FanOpening opening) throws HalException {
        Host host = opening.host();
        return HwmonFan.open(host.sysfs(), spec.name(), spec.device().orElse(null), spec.channel(),
                host.newStallDetector(), host.takeover(), host.takeovers());
    }

    /** Every hwmon device with a {@code pwm1}, the pwm-fan driver's ({@code pwmfan}) first. */
    static List<Finding<FanSpec>> find(Sysfs sysfs) {
        List<HwmonDevice> hwmon = HwmonDevice.list(sysfs).stream()
                .filter(d -> sysfs.exists(d.attribute("pwm1"))).toList();
        List<Finding<FanSpec>> findings = new ArrayList<>();
        hwmon.stream().filter(d -> d.name().equals(HwmonFan.PWM_FAN_NAME))
                .forEach(d -> findings.add(finding(sysfs, d, hwmon)));
        hwmon.stream().filter(d -> !d.name().equals(HwmonFan.PWM_FAN_NAME))
                .forEach(d -> findings.add(finding(sysfs, d, hwmon)));
        return findings;
    }

    private static Finding<FanSpec> finding(Sysfs sysfs, HwmonDevice device, List<HwmonDevice> all) {
        Path pwm = device.attribute("pwm1");
        Path enable = device.attribute("pwm1_enable");
        Path input = device.attribute("fan1_input");
        String source = device.describe() + " pwm1";
        boolean ambiguous = all.stream().filter(d -> d.name().equals(device.name())).count() > 1;
        FanSpec spec = device.name().isEmpty() ? null : new Spec(device.name(),
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
            return Finding.of(source, Status.of(e), e.getMessage(), spec);
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
}
