package dev.pifan.hal.io;

import dev.pifan.hal.Duty;
import dev.pifan.hal.Fan;
import dev.pifan.hal.FanWithoutTachometer;
import dev.pifan.hal.HalException;

/**
 * A fan that can only be switched (Pimoroni Fan SHIM, a transistor on a GPIO, the {@code gpio-fan}
 * overlay's pin): on when the requested duty reaches {@code threshold}, off below it.
 *
 * <p>The pin is switched on when it is opened (fail safe) and only written when the state changes,
 * so a steady curve costs no syscalls.
 */
public final class GpioOnOffFan implements FanWithoutTachometer, AutoCloseable {

    private final String id;
    private final GpioPin pin;
    private final Duty threshold;
    private final boolean activeHigh;
    private Boolean on; // null until the first write: the first apply always writes

    /**
     * @param threshold the smallest duty that switches the fan on; above 0% (a fan asked for 0% is off)
     * @param activeHigh false when the pin pulls the fan's switch low to run it
     */
    public GpioOnOffFan(String id, GpioPin pin, Duty threshold, boolean activeHigh) {
        if (threshold.isOff()) {
            throw new IllegalArgumentException("on/off fan " + id + ": threshold must be above 0%");
        }
        this.id = id;
        this.pin = pin;
        this.threshold = threshold;
        this.activeHigh = activeHigh;
    }

    @Override
    public String id() {
        return id;
    }

    public Duty threshold() {
        return threshold;
    }

    @Override
    public void apply(Duty duty) throws HalException {
        boolean wantOn = duty.compareTo(threshold) >= 0;
        if (on != null && on == wantOn) {
            return;
        }
        pin.set(wantOn == activeHigh);
        on = wantOn;
    }

    /** Whether the last write switched the fan on; empty before the first write. */
    public java.util.Optional<Boolean> isOn() {
        return java.util.Optional.ofNullable(on);
    }

    @Override
    public java.util.Optional<Duty> driven() {
        return isOn().map(running -> running ? Duty.FULL : Duty.OFF);
    }


    @Override
    public void close() throws HalException {
        pin.close();
    }
}
