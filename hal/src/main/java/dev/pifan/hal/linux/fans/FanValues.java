package dev.pifan.hal.linux.fans;

import dev.pifan.hal.io.Provider;
import dev.pifan.hal.linux.Yaml;
import java.util.List;
import java.util.regex.Pattern;

/** The limits and value parsers that more than one fan driver's keys share. */
final class FanValues {

    static final int MAX_GPIO = 57;
    static final int MAX_CHANNEL = 255;
    static final int MAX_BUS = 1023;
    private static final int MIN_I2C_ADDRESS = 0x03;
    private static final int MAX_I2C_ADDRESS = 0x77;

    private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]{1,4}");
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,9}");

    private FanValues() {
    }

    /** diozero or pi4j: {@code why} says what needs a library ("driver emc230x talks I2C"). */
    static Provider library(FanConfig config, String text, String why) {
        if (text.strip().equals("sysfs")) {
            throw new IllegalArgumentException(why + ": provider diozero or pi4j (sysfs drives PWM and hwmon only)");
        }
        return Provider.parse(config.choice(text, List.of("diozero", "pi4j"), "provider"));
    }

    /** A sysfs pwm chip by name or device; a bare number is refused, as probe order may change it. */
    static String chipSelector(FanConfig config, String text) {
        String value = config.text(text);
        if (DECIMAL.matcher(value).matches()) {
            throw new IllegalArgumentException(config.quoted(text) + " is not a chip selector: write pwmchip" + value
                    + ", or better the device (fe20c000.pwm, bcm2835-pwm), which does not depend on probe order");
        }
        return value;
    }

    /** A 7-bit I2C address: {@code 0x2f} or {@code 47}. */
    static int address(FanConfig config, String text) {
        String value = text.strip();
        int address;
        if (HEX.matcher(value).matches()) {
            address = Integer.parseInt(value.substring(2), 16);
        } else if (DECIMAL.matcher(value).matches()) {
            address = Integer.parseInt(value);
        } else {
            throw new IllegalArgumentException(config.quoted(text) + " is not an I2C address: write e.g. 0x2f or 47");
        }
        if (address < MIN_I2C_ADDRESS || address > MAX_I2C_ADDRESS) {
            throw new IllegalArgumentException(config.shown(text) + " outside 0x03..0x77 (the 7-bit addresses a"
                    + " device can have)");
        }
        return address;
    }

    /** I2C and GPIO fans are reached through a library; sysfs has neither. */
    static void requireLibrary(Provider provider) {
        if (provider == null || provider == Provider.SYSFS) {
            throw new IllegalArgumentException("I2C and GPIO fans need provider diozero or pi4j");
        }
    }

    static void providerIfNotDefault(Yaml yaml, Provider provider) {
        if (provider != Provider.DIOZERO) {
            yaml.put("provider", provider.configName());
        }
    }
}
