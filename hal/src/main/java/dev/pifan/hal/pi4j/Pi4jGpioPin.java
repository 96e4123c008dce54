package dev.pifan.hal.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.io.GpioPin;

/** {@link GpioPin} over a Pi4J gpiod {@link DigitalOutput}. */
final class Pi4jGpioPin implements GpioPin {

    private final Context context;
    private final int gpio;
    private final DigitalOutput output;

    private Pi4jGpioPin(Context context, int gpio, DigitalOutput output) {
        this.context = context;
        this.gpio = gpio;
        this.output = output;
    }

    static Pi4jGpioPin open(Context context, int gpio, boolean initialHigh) throws HalException {
        try {
            DigitalOutput output = context.create(DigitalOutput.newConfigBuilder(context)
                    .id("pifan-gpio" + gpio).address(gpio)
                    .initial(initialHigh ? DigitalState.HIGH : DigitalState.LOW).build());
            return new Pi4jGpioPin(context, gpio, output);
        } catch (RuntimeException e) {
            throw new HalException(Kind.IO_ERROR, "Pi4J could not claim GPIO" + gpio + " as an output: "
                    + e.getMessage() + " (is another program or a dtoverlay using the pin?)", e);
        }
    }

    @Override
    public String id() {
        return "GPIO" + gpio + " (Pi4J)";
    }

    @Override
    public void set(boolean high) throws HalException {
        try {
            output.state(high ? DigitalState.HIGH : DigitalState.LOW);
        } catch (RuntimeException e) {
            throw new HalException(Kind.IO_ERROR, "Pi4J could not set GPIO" + gpio + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws HalException {
        try {
            context.shutdown(output.id());
        } catch (RuntimeException e) {
            throw new HalException(Kind.IO_ERROR, "Pi4J could not release GPIO" + gpio + ": " + e.getMessage(), e);
        }
    }
}
