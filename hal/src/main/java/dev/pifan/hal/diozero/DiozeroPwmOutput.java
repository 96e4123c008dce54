package dev.pifan.hal.diozero;

import com.diozero.api.PwmOutputDevice;
import dev.pifan.hal.Duty;
import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.io.PwmOutput;

/** {@link PwmOutput} over a diozero {@link PwmOutputDevice} on a hardware-PWM GPIO. */
final class DiozeroPwmOutput implements PwmOutput {

    private final int gpio;
    private final PwmOutputDevice device;

    private DiozeroPwmOutput(int gpio, PwmOutputDevice device) {
        this.gpio = gpio;
        this.device = device;
    }

    static DiozeroPwmOutput open(int gpio, int frequencyHz, Duty initial) throws HalException {
        try {
            PwmOutputDevice device = PwmOutputDevice.Builder.builder(gpio)
                    .setPwmFrequency(frequencyHz).setInitialValue((float) initial.ratio()).build();
            return new DiozeroPwmOutput(gpio, device);
        } catch (RuntimeException e) {
            throw new HalException(Kind.IO_ERROR, "diozero could not open PWM on GPIO" + gpio + ": " + e.getMessage()
                    + " (is dtoverlay=pwm set for this pin?)", e);
        } catch (LinkageError e) {
            throw new HalException(Kind.UNSUPPORTED, "diozero cannot run here (" + e + ")", e);
        }
    }

    @Override
    public String id() {
        return "GPIO" + gpio + " PWM (diozero)";
    }

    @Override
    public void setDuty(Duty duty) throws HalException {
        try {
            device.setValue((float) duty.ratio());
        } catch (RuntimeException e) {
            throw new HalException(Kind.IO_ERROR, "diozero could not set PWM on GPIO" + gpio + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws HalException {
        try {
            device.close();
        } catch (RuntimeException e) {
            throw new HalException(Kind.IO_ERROR, "diozero could not release PWM on GPIO" + gpio + ": "
                    + e.getMessage(), e);
        }
    }
}
