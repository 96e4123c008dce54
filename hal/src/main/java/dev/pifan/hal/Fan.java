package dev.pifan.hal;

import java.util.Optional;
import java.util.OptionalInt;

/** A fan output: hwmon pwm, /sys/class/pwm, an I2C fan chip, a GPIO pin, the simulator. */
public interface Fan {

    String id();

    /** Drives the fan at this duty. A fan that can only switch treats any non-zero duty per its threshold. */
    void apply(Duty duty) throws HalException;

    /** Whether {@link #readRpm()} can ever return a value. */
    boolean hasTachometer();

    /** The measured speed, or empty when the fan has no tachometer. */
    OptionalInt readRpm() throws HalException;

    /**
     * Gives the fan back to whoever drove it before pifan (the kernel's automatic mode on a Pi 5
     * Active Cooler or a PoE HAT), when there was such an owner.
     *
     * @return true if someone else drives the fan now; false if nobody does, and the caller must
     *     leave the fan in a safe state itself
     */
    default boolean handBack() throws HalException {
        return false;
    }

    /** Who drives the fan: pifan alone, unless the fan's backend took it from the kernel or only watches it. */
    default FanOwner owner() {
        return FanOwner.PIFAN;
    }

    /**
     * The critical trip (°C) of a thermal zone pifan disabled to drive this fan
     * ({@code fan.takeover: zone}): while the zone is disabled the kernel does not act on it, so its
     * shutdown at that temperature is pifan's to keep ({@link #yieldAtCritical()}). Empty when no
     * zone of this fan is disabled (nobody drives it, {@code user_space} keeps the critical trip, or
     * it was given back).
     */
    default java.util.OptionalDouble kernelCriticalC() {
        return java.util.OptionalDouble.empty();
    }

    /**
     * Near the kernel's critical trip: full speed, and every zone pifan took given back for the
     * rest of the run, so the kernel shuts the board down where it would have without pifan.
     * From then on the kernel drives the fan and {@link #apply} writes nothing.
     */
    default void yieldAtCritical() throws HalException {
    }

    /**
     * Why pifan gave the fan to the kernel while running, when it did: a write failed that the
     * kernel's thermal zone could still do. Empty while pifan drives the fan (or never took it).
     */
    default Optional<String> handedToKernel() {
        return Optional.empty();
    }

    /**
     * What the fan's driver says it has after pifan's last write, where that differs by design from
     * what was asked: a driver with speed steps keeps only its steps (gpio-fan: off or full; emc2305:
     * eleven states), an on/off fan is off or full. Empty where the fan takes the duty as written,
     * and before the first write.
     */
    default Optional<Duty> driven() {
        return Optional.empty();
    }

    /** Ticks at which the fan's setting read back was not what pifan wrote: someone else drives it too. */
    default long conflicts() {
        return 0;
    }
}
