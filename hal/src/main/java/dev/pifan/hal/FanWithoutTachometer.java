package dev.pifan.hal;

import java.util.OptionalInt;

/**
 * A fan output with no tachometer to read: a bare PWM or GPIO line, a case MCU that reports no
 * speed, or no fan at all. Without a speed the stall rule has nothing to judge, so it never fires.
 */
public interface FanWithoutTachometer extends Fan {

    @Override
    default boolean hasTachometer() {
        return false;
    }

    @Override
    default OptionalInt readRpm() {
        return OptionalInt.empty();
    }
}
