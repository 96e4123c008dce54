package dev.pifan.hal.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.plugin.linuxfs.provider.pwm.LinuxFsPwmProvider;
import dev.pifan.hal.Duty;
import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.io.PwmOutput;

/**
 * {@link PwmOutput} over Pi4J's linuxfs PWM provider. That provider is bound to one pwmchip at
 * construction, so this output owns a small context of its own.
 */
final class Pi4jPwmOutput implements PwmOutput {

    private final int chip;
    private final int channel;
    private final Context context;
    private final Pwm pwm;

    private Pi4jPwmOutput(int chip, int channel, Context context, Pwm pwm) {
        this.chip = chip;
        this.channel = channel;
        this.context = context;
        this.pwm = pwm;
    }

    static Pi4jPwmOutput open(int chip, int channel, int frequencyHz, Duty initial) throws HalException {
        Context context = null;
        try {
            context = Pi4J.newContextBuilder().noAutoDetect().add(LinuxFsPwmProvider.newInstance(chip)).build();
            Pwm pwm = context.create(Pwm.newConfigBuilder(context).id("pifan-pwm" + chip + "-" + channel)
                    .address(channel).frequency(frequencyHz).dutyCycle(initial.percent()).build());
            pwm.on(initial.percent(), frequencyHz);
            return new Pi4jPwmOutput(chip, channel, context, pwm);
        } catch (RuntimeException e) {
            if (context != null) {
                context.shutdown();
            }
            throw new HalException(Kind.IO_ERROR, "Pi4J could not open pwmchip" + chip + "/pwm" + channel + ": "
                    + e.getMessage() + " (is dtoverlay=pwm set?)", e);
        } catch (LinkageError e) {
            throw new HalException(Kind.UNSUPPORTED, "Pi4J cannot run here (" + e + ")", e);
        }
    }

    @Override
    public String id() {
        return "pwmchip" + chip + "/pwm" + channel + " (Pi4J)";
    }

    @Override
    public void setDuty(Duty duty) throws HalException {
        try {
            pwm.setDutyCycle(duty.percent());
        } catch (RuntimeException e) {
            throw new HalException(Kind.IO_ERROR, "Pi4J could not set " + id() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws HalException {
        try {
            context.shutdown();
        } catch (RuntimeException e) {
            throw new HalException(Kind.IO_ERROR, "Pi4J could not release " + id() + ": " + e.getMessage(), e);
        }
    }
}
