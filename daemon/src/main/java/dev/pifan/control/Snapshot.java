package dev.pifan.control;

import dev.pifan.hal.Duty;
import dev.pifan.hal.ThrottleFlags;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Everything one tick saw and did, handed to listeners (metrics, status, logs, the simulator).
 *
 * @param tick the tick's number, from 1
 * @param nanos monotonic time of the tick
 * @param celsius the temperature read, empty when it could not be read
 * @param flags the throttle flags read (unknown bits outside the known mask)
 * @param rpm the fan speed, empty without a tachometer
 * @param decision what the controller decided
 * @param applied whether the decided duty reached the fan
 * @param errors one line per source that failed this tick ({@code temperature: ...})
 * @param costNanos how long the tick took, reads and write included
 */
public record Snapshot(
        long tick,
        long nanos,
        OptionalDouble celsius,
        ThrottleFlags flags,
        OptionalInt rpm,
        Decision decision,
        boolean applied,
        List<SourceError> errors,
        long costNanos) {

    /** A failed read or write, named by its source. */
    public record SourceError(Source source, String sourceId, String message) {
    }

    /** The sources a tick reads or writes. */
    public enum Source {
        TEMPERATURE, THROTTLE, FAN_SPEED, FAN
    }

    public Snapshot {
        errors = List.copyOf(errors);
    }

    public Duty duty() {
        return decision.duty();
    }

    public Reason reason() {
        return decision.reason();
    }
}
