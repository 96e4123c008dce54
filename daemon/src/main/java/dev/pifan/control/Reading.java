package dev.pifan.control;

import dev.pifan.hal.HalException;
import dev.pifan.hal.ThrottleFlags;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What one tick read from the board. A source that could not be read leaves its value empty and
 * its error set; the controller decides what that means.
 *
 * @param nanos monotonic time of the reading
 * @param celsius the SoC temperature, empty when the read failed
 * @param temperatureError why the temperature could not be read
 * @param flags the throttle flags ({@link ThrottleFlags#UNKNOWN} when the read failed)
 * @param throttleError why the flags could not be read
 * @param rpm the fan speed, empty without a tachometer or when the read failed
 * @param rpmError why the speed could not be read
 * @param fanWriteFailed whether the previous tick's write to the fan failed
 */
public record Reading(
        long nanos,
        OptionalDouble celsius,
        Optional<HalException> temperatureError,
        ThrottleFlags flags,
        Optional<HalException> throttleError,
        OptionalInt rpm,
        Optional<HalException> rpmError,
        boolean fanWriteFailed) {

    /** A healthy reading of a temperature and clear flags, for tests and simulations. */
    public static Reading of(long nanos, double celsius) {
        return new Reading(nanos, OptionalDouble.of(celsius), Optional.empty(), ThrottleFlags.NONE,
                Optional.empty(), OptionalInt.empty(), Optional.empty(), false);
    }

    public Reading withFlags(ThrottleFlags newFlags) {
        return new Reading(nanos, celsius, temperatureError, newFlags, throttleError, rpm, rpmError, fanWriteFailed);
    }

    public Reading withRpm(int newRpm) {
        return new Reading(nanos, celsius, temperatureError, flags, throttleError, OptionalInt.of(newRpm), rpmError,
                fanWriteFailed);
    }

    public static Reading failed(long nanos, HalException error) {
        return new Reading(nanos, OptionalDouble.empty(), Optional.of(error), ThrottleFlags.NONE,
                Optional.empty(), OptionalInt.empty(), Optional.empty(), false);
    }
}
