package dev.pifan.control;

import dev.pifan.hal.Duty;
import dev.pifan.hal.ThrottleFlags;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
 * @param fanConflicts ticks so far at which the fan's setting read back was not what pifan wrote
 * @param driven what the fan's driver says it has, where its steps differ from the duty (gpio-fan:
 *     off or full); empty where the fan takes the duty as written
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
        long costNanos,
        long fanConflicts,
        Optional<Duty> driven) {

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

    /** A tick of a fan nobody else drives. */
    public Snapshot(long tick, long nanos, OptionalDouble celsius, ThrottleFlags flags, OptionalInt rpm,
            Decision decision, boolean applied, List<SourceError> errors, long costNanos) {
        this(tick, nanos, celsius, flags, rpm, decision, applied, errors, costNanos, 0, Optional.empty());
    }

    public Duty duty() {
        return decision.duty();
    }

    public Reason reason() {
        return decision.reason();
    }

    /** The temperature read, as {@code 52.3 C}; {@code unread} when it could not be read. */
    public String temperature(String unread) {
        return celsius.isPresent() ? String.format(Locale.ROOT, "%.1f C", celsius.getAsDouble()) : unread;
    }
}
