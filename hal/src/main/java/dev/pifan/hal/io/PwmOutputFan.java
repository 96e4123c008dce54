package dev.pifan.hal.io;

import dev.pifan.hal.Duty;
import dev.pifan.hal.Fan;
import dev.pifan.hal.HalException;
import java.util.OptionalInt;

/** A fan on a hardware PWM channel opened through a library ({@link PwmOutput}); no tachometer. */
public final class PwmOutputFan implements Fan, AutoCloseable {

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
    public boolean hasTachometer() {
        return false;
    }

    @Override
    public OptionalInt readRpm() {
        return OptionalInt.empty();
    }

    @Override
    public void close() throws HalException {
        output.close();
    }
}
