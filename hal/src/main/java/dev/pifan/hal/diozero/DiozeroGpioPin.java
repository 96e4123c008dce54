package dev.pifan.hal.diozero;

import com.diozero.api.DigitalOutputDevice;
import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.io.GpioPin;

/** {@link GpioPin} over a diozero {@link DigitalOutputDevice}, active-high (the fan handles active-low). */
final class DiozeroGpioPin implements GpioPin {

    private final int gpio;
    private final DigitalOutputDevice device;

    private DiozeroGpioPin(int gpio, DigitalOutputDevice device) {
        this.gpio = gpio;
        this.device = device;
    }

    static DiozeroGpioPin open(int gpio, boolean initialHigh) throws HalException {
        try {
            DigitalOutputDevice device = DigitalOutputDevice.Builder.builder(gpio)
                    .setActiveHigh(true).setInitialValue(initialHigh).build();
            return new DiozeroGpioPin(gpio, device);
        } catch (RuntimeException e) {
            throw new HalException(Kind.IO_ERROR, "diozero could not claim GPIO" + gpio + " as an output: "
                    + e.getMessage() + " (is another program or a dtoverlay using the pin?)", e);
        } catch (LinkageError e) {
            throw new HalException(Kind.UNSUPPORTED, "diozero cannot run here (" + e + ")", e);
        }
    }

    @Override
    public String id() {
        return "GPIO" + gpio + " (diozero)";
    }

    @Override
    public void set(boolean high) throws HalException {
        try {
            device.setOn(high);
        } catch (RuntimeException e) {
            throw new HalException(Kind.IO_ERROR, "diozero could not set GPIO" + gpio + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws HalException {
        try {
            device.close();
        } catch (RuntimeException e) {
            throw new HalException(Kind.IO_ERROR, "diozero could not release GPIO" + gpio + ": " + e.getMessage(), e);
        }
    }
}
