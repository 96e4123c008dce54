package dev.pifan.hal.linux;

import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code /sys/class/pwm/pwmchipN} and the device behind it. Chips are chosen by what their
 * device is ({@code fe20c000.pwm}, {@code bcm2835-pwm}, {@code brcm,bcm2835-pwm}, RP1's
 * {@code raspberrypi,rp1-pwm}), not by the number, which depends on probe order.
 *
 * <p>The driver names are the kernel's platform driver names ({@code .driver.name}), which is what
 * {@code device/uevent} {@code DRIVER=} shows: {@code bcm2835-pwm} (torvalds/linux
 * drivers/pwm/pwm-bcm2835.c), {@code rpi-pwm} for RP1 (raspberrypi/linux drivers/pwm/pwm-rp1.c),
 * {@code raspberrypi-poe-pwm} for the PoE HAT (drivers/pwm/pwm-raspberrypi-poe.c).
 */
public record PwmChip(Path directory, String name, int npwm, DeviceInfo device) {

    public static final String CLASS_DIR = "/sys/class/pwm";
    /** The PoE HAT's firmware PWM: owned by the pwm-fan driver, driven through hwmon instead. */
    public static final String FIRMWARE_POE_PWM = "raspberrypi,firmware-poe-pwm";
    /**
     * The same HAT PWM reached over I2C instead of the firmware ({@code dtparam=poe_fan_i2c}):
     * raspberrypi/linux drivers/pwm/pwm-raspberrypi-poe.c matches both compatibles.
     */
    public static final String I2C_POE_PWM = "raspberrypi,poe-pwm";
    /** The platform driver name of both ({@code .driver.name} in pwm-raspberrypi-poe.c). */
    public static final String POE_PWM_DRIVER = "raspberrypi-poe-pwm";
    /** The fan driver that requests a PWM channel ({@code .name} in drivers/hwmon/pwm-fan.c). */
    static final String PWM_FAN_DRIVER = "pwm-fan";

    public static List<PwmChip> list(Sysfs sysfs) {
        List<PwmChip> chips = new ArrayList<>();
        for (Path dir : sysfs.list(sysfs.path(CLASS_DIR))) {
            String name = dir.getFileName().toString();
            if (!name.startsWith("pwmchip")) {
                continue;
            }
            int npwm;
            try {
                npwm = (int) sysfs.readIfExists(dir.resolve("npwm"))
                        .map(text -> text.isEmpty() ? "0" : text).map(Long::parseLong).orElse(0L).longValue();
            } catch (HalException | NumberFormatException e) {
                npwm = 0;
            }
            chips.add(new PwmChip(dir, name, npwm, DeviceInfo.of(sysfs, dir)));
        }
        return chips;
    }

    /**
     * The one chip the selector names: {@code pwmchipN} itself, or the device's link name, driver,
     * node name, full node path or compatible string.
     */
    public static PwmChip find(Sysfs sysfs, String selector) throws HalException {
        List<PwmChip> chips = list(sysfs);
        List<PwmChip> matches = chips.stream()
                .filter(c -> c.name().equals(selector) || c.device().matches(selector))
                .toList();
        if (matches.isEmpty()) {
            throw new HalException(Kind.NOT_FOUND, "no pwm chip matches '" + selector + "' under "
                    + sysfs.path(CLASS_DIR) + (chips.isEmpty() ? ": " + SysfsErrors.missingHint(CLASS_DIR)
                    : "; chips present: " + chips.stream().map(PwmChip::describe).toList()));
        }
        if (matches.size() > 1) {
            throw new HalException(Kind.WRONG_DEVICE, "several pwm chips match '" + selector + "': "
                    + matches.stream().map(PwmChip::describe).toList() + "; name the device (e.g. fe20c000.pwm)");
        }
        return matches.get(0);
    }

    /** A kernel device that uses a channel of a chip, and the driver bound to it. */
    public record Consumer(String device, String driver) {

        /** {@code pwm-fan (cooling_fan)}: the driver, and the device tree node it drives. */
        public String describe() {
            return driver.isEmpty() ? device : driver + " (" + device + ")";
        }
    }

    /**
     * The kernel devices that use a channel of this chip: the chip device's {@code consumer:BUS:NAME}
     * device links, each a directory of /sys/class/devlink whose {@code consumer} link is the using
     * device (Documentation/ABI/testing/sysfs-class-devlink). On the kernel tier (6.12) a pwm-fan
     * node {@code cooling_fan} shows as {@code consumer:platform:cooling_fan}, driver {@code pwm-fan}.
     * Such a channel is the driver's, and exporting it fails with EBUSY; which channel it is sysfs
     * does not say.
     */
    public List<Consumer> consumers(Sysfs sysfs) {
        List<Consumer> consumers = new ArrayList<>();
        for (Path link : sysfs.list(directory.resolve("device"))) {
            String name = link.getFileName().toString();
            if (name.startsWith("consumer:")) {
                DeviceInfo device = DeviceInfo.ofDevice(sysfs, link.resolve("consumer"));
                consumers.add(new Consumer(device.linkName().isEmpty() ? name.substring(name.lastIndexOf(':') + 1)
                        : device.linkName(), device.driver()));
            }
        }
        return consumers;
    }

    /**
     * What to say of a channel these consumers hold: who holds it, and for pwm-fan the hwmon fan
     * that drives it instead.
     */
    public static String heldBy(List<Consumer> consumers) {
        return "held by the kernel driver " + String.join(", ", consumers.stream().map(Consumer::describe).toList())
                + " (export fails with EBUSY)"
                + (consumers.stream().anyMatch(c -> c.driver().equals(PWM_FAN_DRIVER))
                ? "; drive it through its hwmon fan: fan: {driver: hwmon, name: " + HwmonFan.PWM_FAN_NAME + "}" : "");
    }

    /** Whether this chip drives a header pin we may claim (not the PoE HAT's PWM, firmware or I2C). */
    public boolean isFreeForFans() {
        return !device.compatible().contains(FIRMWARE_POE_PWM) && !device.compatible().contains(I2C_POE_PWM)
                && !device.driver().equals(POE_PWM_DRIVER);
    }

    /** The selector to pin in a config: the device's link name when known, else its compatible, else the chip name. */
    public String selector() {
        if (!device.linkName().isEmpty()) {
            return device.linkName();
        }
        if (!device.compatible().isEmpty()) {
            return device.compatible().get(0);
        }
        return name;
    }

    public String describe() {
        String dev = device.displayName();
        String compat = device.compatible().isEmpty() ? "" : ", " + device.compatible().get(0);
        return name + " (" + (dev.isEmpty() ? "unknown device" : dev) + compat + ", npwm " + npwm + ")";
    }
}
