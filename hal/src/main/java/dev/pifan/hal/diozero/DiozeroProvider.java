package dev.pifan.hal.diozero;

import dev.pifan.hal.Duty;
import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.i2c.I2cBus;
import dev.pifan.hal.i2c.I2cErrors;
import dev.pifan.hal.io.DeviceProvider;
import dev.pifan.hal.io.GpioPin;
import dev.pifan.hal.io.Provider;
import dev.pifan.hal.io.PwmOutput;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * I2C, GPIO and PWM through diozero 1.4: SMBus ioctls on {@code /dev/i2c-N}, the gpiochip
 * character device, sysfs PWM. The only class outside this package that may name it is the
 * provider switch in {@code dev.pifan.hal.linux}, which catches {@link LinkageError} when the jar
 * is missing.
 *
 * <p>Before diozero is touched, the device node is checked, so the common failures (I2C not
 * enabled, no gpiochip) read as a one-line HalException with the config.txt fix instead of
 * diozero's log output. diozero logs through tinylog; unless the user set
 * {@code tinylog.writer.level}, it is set to {@code error} so its warnings (with stack traces)
 * about board detection stay out of pifan's output.
 */
public final class DiozeroProvider implements DeviceProvider {

    private final Path devDirectory;
    private boolean touched;

    public DiozeroProvider() {
        this(Path.of("/dev"));
    }

    /** @param devDirectory where device nodes are checked before diozero opens them (tests) */
    public DiozeroProvider(Path devDirectory) {
        this.devDirectory = devDirectory;
        if (System.getProperty("tinylog.writer.level") == null) {
            System.setProperty("tinylog.writer.level", "error");
        }
    }

    @Override
    public Provider kind() {
        return Provider.DIOZERO;
    }

    @Override
    public I2cBus openI2cBus(int bus) throws HalException {
        if (!Files.exists(devDirectory.resolve("i2c-" + bus))) {
            throw new HalException(Kind.NOT_FOUND, "diozero could not open /dev/i2c-" + bus + ": no such device — "
                    + I2cErrors.enableHint("i2c-" + bus));
        }
        touched = true;
        return new DiozeroI2cBus(bus);
    }

    @Override
    public GpioPin openGpioOutput(int gpio, boolean initialHigh) throws HalException {
        requireGpioChip();
        touched = true;
        return DiozeroGpioPin.open(gpio, initialHigh);
    }

    /**
     * A line by chip and offset, past diozero's board numbering: on a board diozero does not
     * recognise (no boarddefs file for its device-tree compatible) it numbers only the lines that
     * have names, so an unnamed line has no {@code pin} number at all.
     */
    @Override
    public GpioPin openGpioLine(int chip, int line, boolean initialHigh) throws HalException {
        if (!Files.exists(devDirectory.resolve("gpiochip" + chip))) {
            throw new HalException(Kind.NOT_FOUND, "diozero could not open " + devDirectory + "/gpiochip" + chip
                    + ": no such device (the chips there: " + gpioChips() + ")");
        }
        touched = true;
        return DiozeroGpioPin.openLine(chip, line, initialHigh);
    }

    /**
     * diozero's close writes "off" before it releases a line ({@code DigitalOutputDevice.close}
     * calls {@code setOn(false)}), so the device is built with its active level the other way
     * round: "off" is then {@code high}, the level it is opened at and left at.
     */
    @Override
    public void leaveGpio(int pin, int chip, int line, boolean high) throws HalException {
        if (pin >= 0) {
            requireGpioChip();
        } else if (!Files.exists(devDirectory.resolve("gpiochip" + chip))) {
            throw new HalException(Kind.NOT_FOUND, "diozero could not open " + devDirectory + "/gpiochip" + chip
                    + ": no such device (the chips there: " + gpioChips() + ")");
        }
        touched = true;
        DiozeroGpioPin.leave(pin, chip, line, high);
    }

    private String gpioChips() {
        try (var entries = Files.list(devDirectory)) {
            String chips = entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("gpiochip"))
                    .sorted().collect(java.util.stream.Collectors.joining(", "));
            return chips.isEmpty() ? "none" : chips;
        } catch (java.io.IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    @Override
    public PwmOutput openPwm(PwmTarget target, int frequencyHz, Duty initial) throws HalException {
        if (target.gpio() < 0) {
            throw new HalException(Kind.UNSUPPORTED, "diozero addresses PWM by GPIO (12, 13, 18 or 19):"
                    + " set gpio: in the fan config, or use provider: sysfs with a chip");
        }
        touched = true;
        return DiozeroPwmOutput.open(target.gpio(), frequencyHz, initial);
    }

    private void requireGpioChip() throws HalException {
        try (var entries = Files.list(devDirectory)) {
            if (entries.noneMatch(p -> p.getFileName().toString().startsWith("gpiochip"))) {
                throw new HalException(Kind.NOT_FOUND, "diozero found no " + devDirectory + "/gpiochip* device:"
                        + " not a Raspberry Pi, or the container lacks the device (mount /dev/gpiochip0)");
            }
        } catch (java.io.IOException e) {
            throw new HalException(Kind.NOT_FOUND, "diozero could not list " + devDirectory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (touched) {
            try {
                com.diozero.sbc.DeviceFactoryHelper.close();
            } catch (RuntimeException | LinkageError e) {
                // shutting down a factory that never started properly: nothing left to release
            }
        }
    }

    /** A diozero failure as one line: its message and errno, never its stack trace. */
    static HalException translate(String bus, int address, String operation, RuntimeException e) {
        int errno = 0;
        if (e instanceof com.diozero.api.RuntimeIOException rio) {
            errno = Math.abs(rio.getError());
        }
        return I2cErrors.fromErrno(bus, address, operation, errno, "diozero: " + e.getMessage());
    }
}
