package dev.pifan.hal;

/**
 * Elapsed time in nanoseconds from an arbitrary origin, never stepping backwards.
 *
 * <p>Everything that measures durations (kick time, stall detection, the simulator's real-time
 * mode) takes one of these instead of reading the wall clock, so that tests and {@code pifan
 * simulate} run an hour in milliseconds, and an NTP step of the wall clock changes nothing.
 */
@FunctionalInterface
public interface MonotonicClock {

    long nanos();

    static MonotonicClock system() {
        return System::nanoTime;
    }
}
