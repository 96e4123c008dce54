package dev.pifan.control;

import java.time.LocalTime;

/**
 * The local time of day at a reading, for the quiet hours. The daemon reads the wall clock; a
 * simulation counts simulated time from a start time, so its quiet hours fall where it says.
 */
@FunctionalInterface
public interface TimeOfDay {

    /** The time of day at the reading taken at monotonic {@code nanos}. */
    LocalTime at(long nanos);

    /** The system's wall clock in its time zone. */
    static TimeOfDay system() {
        return nanos -> LocalTime.now();
    }

    /** {@code start} at monotonic {@code startNanos}, then as the monotonic clock runs. */
    static TimeOfDay from(LocalTime start, long startNanos) {
        return nanos -> start.plusNanos(nanos - startNanos);
    }
}
