package dev.pifan.hal;

/** A source of the firmware throttle flags: get_throttled, vcgencmd, rpi_volt, the simulator. */
public interface ThrottleSensor {

    String id();

    /** The flags now; bits the source cannot tell are outside the result's known mask. */
    ThrottleFlags read() throws HalException;

    /** A source for boards that have none: every bit unknown, never "fine". */
    static ThrottleSensor none() {
        return new ThrottleSensor() {
            @Override
            public String id() {
                return "none";
            }

            @Override
            public ThrottleFlags read() {
                return ThrottleFlags.UNKNOWN;
            }
        };
    }
}
