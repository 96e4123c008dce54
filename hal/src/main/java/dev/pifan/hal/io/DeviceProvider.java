package dev.pifan.hal.io;

import dev.pifan.hal.Duty;
import dev.pifan.hal.HalException;
import dev.pifan.hal.i2c.I2cBus;

/**
 * Opens buses and pins through one library. Implementations live in {@code dev.pifan.hal.diozero}
 * and {@code dev.pifan.hal.pi4j}; tests supply fakes. Opening never loads the other library.
 *
 * <p>Every method fails with a {@link HalException} whose message says what is missing and how to
 * fix it ({@code /dev/i2c-1 does not exist: enable I2C with dtparam=i2c_arm=on}), never with a
 * library's own exception.
 */
public interface DeviceProvider extends AutoCloseable {

    Provider kind();

    /** Opens {@code /dev/i2c-<bus>}. */
    I2cBus openI2cBus(int bus) throws HalException;

    /**
     * Claims a GPIO line (BCM numbering) as an output, set to {@code initialHigh} at once so a fan
     * is never left floating between open and the first tick.
     */
    GpioPin openGpioOutput(int gpio, boolean initialHigh) throws HalException;

    /**
     * Claims line {@code line} of {@code /dev/gpiochip<chip>} as an output, set to
     * {@code initialHigh} at once: for a line the library's board numbering does not reach (a
     * board it does not know, an expander). A library that addresses GPIO by BCM number only
     * refuses.
     */
    default GpioPin openGpioLine(int chip, int line, boolean initialHigh) throws HalException {
        throw new HalException(HalException.Kind.UNSUPPORTED, kind().configName()
                + " addresses GPIO by BCM number (pin:); chip: and line: need provider diozero");
    }

    /**
     * Sets a line (BCM {@code pin}, or {@code line} of {@code /dev/gpiochip<chip>}; -1 = not given)
     * to {@code high} and lets go of it with nothing written after: {@code pifan restore} after a
     * kill. What the line does once released is the chip's business (the pull, or the level kept).
     */
    default void leaveGpio(int pin, int chip, int line, boolean high) throws HalException {
        try (GpioPin held = pin >= 0 ? openGpioOutput(pin, high) : openGpioLine(chip, line, high)) {
            held.set(high);
        }
    }

    /**
     * Opens a hardware PWM channel at {@code frequencyHz}, starting at {@code initial}. The two
     * libraries address PWM differently: diozero by the GPIO the channel is routed to (it maps
     * GPIO 12/13/18/19 to the right chip itself), Pi4J by chip and channel number. Each provider
     * uses what it needs and says so when that is missing ({@code -1}).
     */
    PwmOutput openPwm(PwmTarget target, int frequencyHz, Duty initial) throws HalException;

    /** Where a library PWM output is: a GPIO (diozero) or a pwmchip number and channel (Pi4J); -1 = not given. */
    record PwmTarget(int gpio, int chip, int channel) {

        public static PwmTarget gpio(int gpio) {
            return new PwmTarget(gpio, -1, -1);
        }

        public static PwmTarget chip(int chip, int channel) {
            return new PwmTarget(-1, chip, channel);
        }

        @Override
        public String toString() {
            return gpio >= 0 ? "GPIO" + gpio : "pwmchip" + chip + "/pwm" + channel;
        }
    }

    /** Releases the library's context (not the buses and pins it opened: those close themselves). */
    @Override
    void close() throws HalException;
}
