package dev.pifan.hal.diozero;

import com.diozero.api.DigitalOutputDevice;
import com.diozero.api.PinInfo;
import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.io.GpioPin;

/** {@link GpioPin} over a diozero {@link DigitalOutputDevice}, active-high (the fan handles active-low). */
final class DiozeroGpioPin implements GpioPin {

    private final String name;
    private final DigitalOutputDevice device;

    private DiozeroGpioPin(String name, DigitalOutputDevice device) {
        this.name = name;
        this.device = device;
    }

    static DiozeroGpioPin open(int gpio, boolean initialHigh) throws HalException {
        try {
            DigitalOutputDevice device = DigitalOutputDevice.Builder.builder(gpio)
                    .setActiveHigh(true).setInitialValue(initialHigh).build();
            return new DiozeroGpioPin("GPIO" + gpio, device);
        } catch (RuntimeException e) {
            throw new HalException(Kind.IO_ERROR, "diozero could not claim GPIO" + gpio + " as an output: "
                    + e.getMessage() + " (is another program or a dtoverlay using the pin?)", e);
        } catch (LinkageError e) {
            throw new HalException(Kind.UNSUPPORTED, "diozero cannot run here (" + e + ")", e);
        }
    }

    /**
     * Line {@code line} of {@code /dev/gpiochip<chip>}, described to diozero directly: its builder
     * takes a PinInfo as given (no lookup by number), and its character-device factory claims the
     * line on the chip with that id, the N of gpiochipN. The key prefix makes the device key
     * (prefix + number) unique per chip and line.
     */
    static DiozeroGpioPin openLine(int chip, int line, boolean initialHigh) throws HalException {
        String name = "gpiochip" + chip + " line " + line;
        try {
            DigitalOutputDevice device = DigitalOutputDevice.Builder.builder(lineInfo(chip, line))
                    .setActiveHigh(true).setInitialValue(initialHigh).build();
            return new DiozeroGpioPin(name, device);
        } catch (RuntimeException e) {
            throw new HalException(Kind.IO_ERROR, "diozero could not claim " + name + " as an output: "
                    + e.getMessage() + " (is a kernel driver or another program using the line?)", e);
        } catch (LinkageError e) {
            throw new HalException(Kind.UNSUPPORTED, "diozero cannot run here (" + e + ")", e);
        }
    }

    /** See {@link DiozeroProvider#leaveGpio}: opened and closed at {@code high}, released there. */
    static void leave(int pin, int chip, int line, boolean high) throws HalException {
        String name = pin >= 0 ? "GPIO" + pin : "gpiochip" + chip + " line " + line;
        try {
            DigitalOutputDevice.Builder builder = pin >= 0 ? DigitalOutputDevice.Builder.builder(pin)
                    : DigitalOutputDevice.Builder.builder(lineInfo(chip, line));
            // active-high inverted: "off" (the initial value and what close writes) is the level wanted
            builder.setActiveHigh(!high).setInitialValue(false).build().close();
        } catch (RuntimeException e) {
            throw new HalException(Kind.IO_ERROR, "diozero could not set " + name + ": " + e.getMessage(), e);
        } catch (LinkageError e) {
            throw new HalException(Kind.UNSUPPORTED, "diozero cannot run here (" + e + ")", e);
        }
    }

    @Override
    public String id() {
        return name + " (diozero)";
    }

    private static PinInfo lineInfo(int chip, int line) {
        return new PinInfo("gpiochip" + chip + "-line", PinInfo.DEFAULT_HEADER, line, PinInfo.NOT_DEFINED,
                "gpiochip" + chip + " line " + line, PinInfo.DIGITAL_OUT, PinInfo.NOT_DEFINED, chip, line);
    }

    @Override
    public void set(boolean high) throws HalException {
        try {
            device.setOn(high);
        } catch (RuntimeException e) {
            throw new HalException(Kind.IO_ERROR, "diozero could not set " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws HalException {
        try {
            device.close();
        } catch (RuntimeException e) {
            throw new HalException(Kind.IO_ERROR, "diozero could not release " + name + ": " + e.getMessage(), e);
        }
    }
}
