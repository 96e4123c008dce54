package dev.pifan.hal.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
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
import java.util.Locale;

/**
 * I2C and PWM through Pi4J 2's linuxfs plugin, GPIO through its gpiod plugin. The context is
 * built with exactly those providers (no auto-detection: a stray {@code pi4j-plugin-mock} on the
 * class path must not replace them) the first time something is opened.
 *
 * <p>As with diozero, device nodes are checked first so the common failures read as one line.
 */
public final class Pi4jProvider implements DeviceProvider {

    private final Path devDirectory;
    private Context context;

    public Pi4jProvider() {
        this(Path.of("/dev"));
    }

    public Pi4jProvider(Path devDirectory) {
        this.devDirectory = devDirectory;
    }

    @Override
    public Provider kind() {
        return Provider.PI4J;
    }

    private Context context() throws HalException {
        if (context == null) {
            try {
                context = Pi4J.newContextBuilder().noAutoDetect()
                        .add(LinuxFsI2CProvider.newInstance(), GpioDDigitalOutputProvider.newInstance())
                        .build();
            } catch (RuntimeException e) {
                throw new HalException(Kind.UNSUPPORTED, "Pi4J could not start: " + e.getMessage(), e);
            } catch (LinkageError e) {
                throw new HalException(Kind.UNSUPPORTED, "Pi4J cannot run here (" + e + "): its jars are missing", e);
            }
        }
        return context;
    }

    @Override
    public I2cBus openI2cBus(int bus) throws HalException {
        if (!Files.exists(devDirectory.resolve("i2c-" + bus))) {
            throw new HalException(Kind.NOT_FOUND, "Pi4J could not open /dev/i2c-" + bus + ": no such device — "
                    + I2cErrors.enableHint("i2c-" + bus));
        }
        return new Pi4jI2cBus(context(), bus);
    }

    @Override
    public GpioPin openGpioOutput(int gpio, boolean initialHigh) throws HalException {
        try (var entries = Files.list(devDirectory)) {
            if (entries.noneMatch(p -> p.getFileName().toString().startsWith("gpiochip"))) {
                throw new HalException(Kind.NOT_FOUND, "Pi4J found no " + devDirectory + "/gpiochip* device:"
                        + " not a Raspberry Pi, or the container lacks the device (mount /dev/gpiochip0)");
            }
        } catch (java.io.IOException e) {
            throw new HalException(Kind.NOT_FOUND, "Pi4J could not list " + devDirectory + ": " + e.getMessage(), e);
        }
        return Pi4jGpioPin.open(context(), gpio, initialHigh);
    }

    @Override
    public PwmOutput openPwm(PwmTarget target, int frequencyHz, Duty initial) throws HalException {
        if (target.chip() < 0 || target.channel() < 0) {
            throw new HalException(Kind.UNSUPPORTED, "Pi4J addresses PWM by pwmchip number and channel:"
                    + " set chip: and channel: in the fan config");
        }
        return Pi4jPwmOutput.open(target.chip(), target.channel(), frequencyHz, initial);
    }

    @Override
    public void close() throws HalException {
        if (context != null) {
            try {
                context.shutdown();
            } catch (RuntimeException e) {
                throw new HalException(Kind.IO_ERROR, "Pi4J did not shut down cleanly: " + e.getMessage(), e);
            } finally {
                context = null;
            }
        }
    }

    /** Pi4J reports errors as text; recover the errno the kernel meant, for {@link I2cErrors}. */
    static int errnoFromMessage(String message) {
        String lower = String.valueOf(message).toLowerCase(Locale.ROOT);
        if (lower.contains("remote i/o")) {
            return I2cErrors.EREMOTEIO;
        }
        if (lower.contains("no such device or address")) {
            return I2cErrors.ENXIO;
        }
        if (lower.contains("timed out")) {
            return I2cErrors.ETIMEDOUT;
        }
        if (lower.contains("permission denied")) {
            return I2cErrors.EACCES;
        }
        if (lower.contains("busy")) {
            return I2cErrors.EBUSY;
        }
        if (lower.contains("input/output")) {
            return I2cErrors.EIO;
        }
        return 0;
    }
}
