package dev.pifan.hal.io;

import dev.pifan.hal.Duty;
import dev.pifan.hal.HalException;

/**
 * A hardware PWM channel opened through a library (diozero, Pi4J). The sysfs backend in
 * {@code dev.pifan.hal.linux} does not go through this: it drives {@code /sys/class/pwm} itself.
 */
public interface PwmOutput extends AutoCloseable {

    String id();

    void setDuty(Duty duty) throws HalException;

    @Override
    void close() throws HalException;
}
