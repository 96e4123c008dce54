package dev.pifan.hal;

/**
 * Everything the daemon touches on one node: what it is, its temperature, its throttle flags and
 * its fan. A backend (Linux sysfs, an I2C chip, the simulator) is chosen once, at start, and handed
 * over as a Board, so the daemon cannot tell hardware from simulation.
 */
public interface Board extends AutoCloseable {

    BoardModel model();

    TemperatureSensor temperature();

    ThrottleSensor throttle();

    Fan fan();

    /** Releases whatever the backend holds (exported PWM channels, open buses). The fan's exit state is set before. */
    @Override
    default void close() throws HalException {
    }
}
