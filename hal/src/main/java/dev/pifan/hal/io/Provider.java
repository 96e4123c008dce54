package dev.pifan.hal.io;

import java.util.Locale;

/**
 * Who talks to the device: the kernel's sysfs files directly, or one of the two Java libraries.
 * The config spells these {@code sysfs}, {@code diozero}, {@code pi4j}.
 */
public enum Provider {
    /** /sys/class/pwm and hwmon files: PWM only (I2C and GPIO need a library). */
    SYSFS,
    /** diozero: I2C through SMBus ioctls, GPIO through the gpiochip character device. The default for both. */
    DIOZERO,
    /** Pi4J 2: I2C and PWM through its linuxfs plugin, GPIO through its gpiod plugin. */
    PI4J;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code sysfs|diozero|pi4j}, case-insensitively. */
    public static Provider parse(String text) {
        for (Provider provider : values()) {
            if (provider.configName().equalsIgnoreCase(text.strip())) {
                return provider;
            }
        }
        throw new IllegalArgumentException("provider '" + text + "' is not one of sysfs, diozero, pi4j");
    }
}
