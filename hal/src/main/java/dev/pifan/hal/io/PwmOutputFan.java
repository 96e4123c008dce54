package dev.pifan.hal.io;

import dev.pifan.hal.Duty;
import dev.pifan.hal.FanWithoutTachometer;
import dev.pifan.hal.HalException;

/** A fan on a hardware PWM channel opened through a library ({@link PwmOutput}); no tachometer. */
public final class PwmOutputFan implements FanWithoutTachometer, AutoCloseable {

    private final String id;
    private final PwmOutput output;

    public PwmOutputFan(String id, PwmOutput output) {
        this.id = id;
        this.output = output;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void apply(Duty duty) throws HalException {
        output.setDuty(duty);
    }


    @Override
    public void close() throws HalException {
        output.close();
    }
}
