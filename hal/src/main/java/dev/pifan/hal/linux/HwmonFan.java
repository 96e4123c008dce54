package dev.pifan.hal.linux;

import dev.pifan.hal.Duty;
import dev.pifan.hal.Fan;
import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.StallDetector;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A fan behind an hwmon device: {@code pwmN} (0..255) to drive it, {@code fanN_input} (rpm) as
 * tachometer when present. The Pi 5 Active Cooler and the PoE/PoE+ HAT fans are {@code pwm-fan}
 * devices (hwmon name {@code pwmfan}); the kernel's emc2305 driver shows up here too.
 *
 * <p>While the kernel's thermal governor owns the fan it overwrites {@code pwmN}: at open the
 * value of {@code pwmN_enable} is remembered and manual mode ({@code 1}) set; {@link #handBack()}
 * writes the remembered value back (usually {@code 2}, automatic) and reports that the kernel
 * drives the fan again.
 */
public final class HwmonFan implements Fan {

    public static final String PWM_FAN_NAME = "pwmfan";
    static final String MANUAL = "1";

    private final Sysfs sysfs;
    private final HwmonDevice device;
    private final Path pwm;
    private final Path enable;
    private final Path input;
    private final Optional<String> enableAtOpen;
    private final StallDetector stall;
    private final String id;

    private HwmonFan(Sysfs sysfs, HwmonDevice device, int channel, Optional<String> enableAtOpen, StallDetector stall) {
        this.sysfs = sysfs;
        this.device = device;
        this.pwm = device.attribute("pwm" + channel);
        this.enable = device.attribute("pwm" + channel + "_enable");
        this.input = device.attribute("fan" + channel + "_input");
        this.enableAtOpen = enableAtOpen;
        this.stall = sysfs.exists(input) ? stall : StallDetector.disabled();
        this.id = (device.name().isEmpty() ? device.entry() : device.name()) + "/pwm" + channel;
    }

    /**
     * Finds the hwmon device named {@code name} (narrowed by {@code deviceSelector} when several
     * exist) and takes manual control of {@code pwm<channel>}.
     */
    public static HwmonFan open(Sysfs sysfs, String name, String deviceSelector, int channel, StallDetector stall)
            throws HalException {
        List<HwmonDevice> found = HwmonDevice.find(sysfs, name, deviceSelector);
        if (found.isEmpty()) {
            throw new HalException(Kind.NOT_FOUND, "no hwmon device named '" + name + "'"
                    + (deviceSelector == null || deviceSelector.isBlank() ? "" : " on device '" + deviceSelector + "'")
                    + " under " + sysfs.path(HwmonDevice.CLASS_DIR) + "; present: "
                    + HwmonDevice.list(sysfs).stream().map(HwmonDevice::describe).toList());
        }
        if (found.size() > 1) {
            throw new HalException(Kind.WRONG_DEVICE, "several hwmon devices are named '" + name + "': "
                    + found.stream().map(HwmonDevice::describe).toList() + "; pick one with device: in the config");
        }
        return open(sysfs, found.get(0), channel, stall);
    }

    public static HwmonFan open(Sysfs sysfs, HwmonDevice device, int channel, StallDetector stall)
            throws HalException {
        Path pwm = device.attribute("pwm" + channel);
        if (!sysfs.exists(pwm)) {
            throw new HalException(Kind.NOT_FOUND, pwm + " does not exist: " + device.describe()
                    + " has no PWM output " + channel);
        }
        Path enable = device.attribute("pwm" + channel + "_enable");
        Optional<String> before = sysfs.readIfExists(enable);
        if (before.isPresent()) {
            // written even when already manual: a permission problem shows at start, not at the first tick
            sysfs.write(enable, MANUAL);
        } else {
            // no mode file (some drivers): nobody else can own the fan; prove we may write at start
            sysfs.write(pwm, sysfs.read(pwm));
        }
        return new HwmonFan(sysfs, device, channel, before, stall);
    }

    public HwmonDevice device() {
        return device;
    }

    /** The {@code pwmN_enable} value found at open, if the driver has one. */
    public Optional<String> enableAtOpen() {
        return enableAtOpen;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void apply(Duty duty) throws HalException {
        sysfs.write(pwm, duty.toPwm());
        stall.applied(duty);
    }

    @Override
    public boolean hasTachometer() {
        return sysfs.exists(input);
    }

    @Override
    public OptionalInt readRpm() throws HalException {
        if (!sysfs.exists(input)) {
            return OptionalInt.empty();
        }
        int rpm = (int) sysfs.readInteger(input, 0, 100_000);
        stall.check(id, rpm);
        return OptionalInt.of(rpm);
    }

    /**
     * Writes back the {@code pwmN_enable} found at open. True when that was an automatic mode (the
     * kernel drives the fan now); false when it was manual already or there is no mode file.
     */
    @Override
    public boolean handBack() throws HalException {
        if (enableAtOpen.isEmpty()) {
            return false;
        }
        String original = enableAtOpen.get();
        sysfs.write(enable, original);
        return !original.equals(MANUAL);
    }
}
