package dev.pifan.hal.linux;

import dev.pifan.hal.HalException;
import dev.pifan.hal.i2c.ArgonOneFan;
import dev.pifan.hal.i2c.Emc2101Fan;
import dev.pifan.hal.i2c.Emc230xFan;
import dev.pifan.hal.i2c.I2cBus;
import dev.pifan.hal.io.DeviceProvider;
import dev.pifan.hal.io.Provider;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The takeover records of fans that nobody but pifan drives (a sysfs PWM channel; an EMC230x, an
 * EMC2101 or an Argon ONE on raw I2C; an on/off fan on a GPIO line): kept while pifan runs and
 * forgotten when the board is closed after a clean exit, so that after SIGKILL, the watchdog's SIGABRT or a crash
 * {@code pifan restore} finds them and sets each one to full speed. Without a record such a fan
 * stays at the last duty pifan wrote, with nobody driving it. A key names the fan; the value is checked before anything is written.
 */
public final class DrivenFans {

    private static final Pattern SYSFS_PWM = Pattern.compile("fan-(pwmchip\\d+)-pwm(\\d+)");
    private static final Pattern EMC230X = Pattern.compile("fan-emc230x-i2c(\\d+)-0x([0-9a-f]{2})-fan([1-5])");
    private static final Pattern EMC2101 = Pattern.compile("fan-emc2101-i2c(\\d+)-0x([0-9a-f]{2})");
    private static final Pattern ARGON_ONE = Pattern.compile("fan-argon-one-i2c(\\d+)-0x([0-9a-f]{2})");
    private static final Pattern GPIO = Pattern.compile("fan-gpio(?:-pin(\\d+)|-gpiochip(\\d+)-line(\\d+))");

    private DrivenFans() {
    }

    /** {@code fan-pwmchip0-pwm1}: channel 1 of the chip's class entry. */
    static String sysfsPwmKey(PwmChip chip, int channel) {
        return "fan-" + chip.directory().getFileName() + "-pwm" + channel;
    }

    /** {@code fan-emc230x-i2c10-0x2f-fan1}; the record's value is the provider that drove it. */
    static String emc230xKey(int bus, int address, int fan) {
        return String.format(Locale.ROOT, "fan-emc230x-i2c%d-0x%02x-fan%d", bus, address, fan);
    }

    /** {@code fan-emc2101-i2c1-0x4c}; the record's value is the provider that drove it. */
    static String emc2101Key(int bus, int address) {
        return String.format(Locale.ROOT, "fan-emc2101-i2c%d-0x%02x", bus, address);
    }

    /** {@code fan-argon-one-i2c1-0x1a}; the value is the provider and the protocol found at open. */
    static String argonOneKey(int bus, int address) {
        return String.format(Locale.ROOT, "fan-argon-one-i2c%d-0x%02x", bus, address);
    }

    /**
     * {@code fan-gpio-pin18} or {@code fan-gpio-gpiochip1-line18}; the value is the provider and
     * {@code active-high} or {@code active-low}.
     */
    static String gpioKey(FanSpec.Gpio gpio) {
        return "fan-gpio-" + (gpio.pin() >= 0 ? "pin" + gpio.pin() : "gpiochip" + gpio.chip() + "-line" + gpio.line());
    }

    static String gpioValue(FanSpec.Gpio gpio) {
        return gpio.provider().configName() + " " + (gpio.activeHigh() ? "active-high" : "active-low");
    }

    static boolean isKey(String key) {
        return SYSFS_PWM.matcher(key).matches() || EMC230X.matcher(key).matches() || EMC2101.matcher(key).matches()
                || ARGON_ONE.matcher(key).matches() || GPIO.matcher(key).matches();
    }

    /**
     * Sets the recorded fan to full speed; empty when {@code key} is not one of these records.
     *
     * @return what was done, for the log
     * @throws HalException when the fan could not be set (the record is then kept)
     */
    static Optional<String> restore(Sysfs sysfs, DeviceProviders providers, String key, String value)
            throws HalException {
        Matcher pwm = SYSFS_PWM.matcher(key);
        if (pwm.matches()) {
            Path channel = sysfs.path(PwmChip.CLASS_DIR + "/" + pwm.group(1) + "/pwm" + pwm.group(2));
            long period = sysfs.readInteger(channel.resolve("period"), 1, Long.MAX_VALUE);
            sysfs.write(channel.resolve("duty_cycle"), period);
            sysfs.write(channel.resolve("enable"), 1);
            return Optional.of(channel + ": full speed (duty_cycle = period " + period + " ns, enabled)");
        }
        Matcher emc = EMC230X.matcher(key);
        if (emc.matches()) {
            int fan = Integer.parseInt(emc.group(3));
            return Optional.of(onBus(providers, provider(value), emc,
                    i2c -> Emc230xFan.driveFull(i2c, address(emc), fan)) + " fan " + fan + ": full speed");
        }
        Matcher emc2101 = EMC2101.matcher(key);
        if (emc2101.matches()) {
            return Optional.of(onBus(providers, provider(value), emc2101,
                    i2c -> Emc2101Fan.driveFull(i2c, address(emc2101))) + " EMC2101: full speed");
        }
        Matcher argon = ARGON_ONE.matcher(key);
        if (argon.matches()) {
            String[] words = value.split("\\s+");
            // the protocol found at open, so that restore sends what that firmware takes; open
            // itself writes 100% first (never 0xff)
            ArgonOneFan.Protocol protocol = words.length > 1 && words[1].equals("legacy")
                    ? ArgonOneFan.Protocol.LEGACY : ArgonOneFan.Protocol.REGISTER;
            return Optional.of(onBus(providers, provider(words[0]), argon,
                    i2c -> ArgonOneFan.open(i2c, address(argon), protocol, () -> { }))
                    + " Argon ONE: full speed (" + protocol.configName() + " protocol)");
        }
        Matcher gpio = GPIO.matcher(key);
        if (gpio.matches()) {
            return Optional.of(leaveGpioOn(providers, gpio, value));
        }
        return Optional.empty();
    }

    /**
     * A GPIO fan can only be driven while someone holds its line: restore drives it on and lets go.
     * Released, a line is what its chip makes of it: mainline pinctrl-bcm2835 (Pi 4) and gpio-sim
     * turn it back into an input, so the pull decides and this changes nothing that lasts; Raspberry
     * Pi's pinctrl-rp1 (Pi 5) keeps a released output's level by default, where a fan killed while
     * switched off stays off until this runs (docs/fan-ownership.md).
     */
    private static String leaveGpioOn(DeviceProviders providers, Matcher key, String value) throws HalException {
        String[] words = value.split("\\s+");
        boolean activeHigh = words.length < 2 || !words[1].equals("active-low");
        int pin = key.group(1) != null ? Integer.parseInt(key.group(1)) : -1;
        int chip = key.group(2) != null ? Integer.parseInt(key.group(2)) : -1;
        int line = key.group(3) != null ? Integer.parseInt(key.group(3)) : -1;
        try (DeviceProvider library = providers.open(provider(words[0]))) {
            library.leaveGpio(pin, chip, line, activeHigh);
        }
        return (pin >= 0 ? "GPIO" + pin : "gpiochip" + chip + " line " + line) + ": switched on ("
                + (activeHigh ? "high" : "low") + ") and released: the line's pull, or the level the chip keeps,"
                + " decides from here";
    }

    @FunctionalInterface
    private interface OnBus {
        void run(I2cBus i2c) throws HalException;
    }

    /**
     * Runs {@code action} on the bus of an I2C record (group 1 of {@code key}, its address group
     * 2), through the recorded library; returns {@code i2c-N 0xAA} for the log.
     */
    private static String onBus(DeviceProviders providers, Provider provider, Matcher key, OnBus action)
            throws HalException {
        int bus = Integer.parseInt(key.group(1));
        try (DeviceProvider library = providers.open(provider); I2cBus i2c = library.openI2cBus(bus)) {
            action.run(i2c);
        }
        return "i2c-" + bus + " " + I2cBus.hex(address(key));
    }

    private static int address(Matcher key) {
        return Integer.parseInt(key.group(2), 16);
    }

    /** The recorded provider; diozero (the default) for a value that is not one. */
    private static Provider provider(String value) {
        try {
            return Provider.parse(value);
        } catch (IllegalArgumentException e) {
            return Provider.DIOZERO;
        }
    }
}
