package dev.pifan.telemetry;

import dev.pifan.control.Snapshot;
import dev.pifan.control.TickListener;
import dev.pifan.hal.MonotonicClock;
import java.util.Objects;
import java.util.Optional;

/**
 * The latest snapshot and when it arrived, for {@code /status} and {@code /healthz}. Written by the
 * control thread, read by the HTTP threads: one volatile reference to an immutable pair, so a reader
 * never sees a snapshot with another tick's arrival time.
 */
public final class LastTick implements TickListener {

    /** A snapshot and the monotonic time it reached this listener. */
    public record Seen(Snapshot snapshot, long receivedNanos) {
    }

    private final MonotonicClock clock;
    private final long startedNanos;
    private volatile Seen last;

    public LastTick(MonotonicClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.startedNanos = clock.nanos();
    }

    @Override
    public void onTick(Snapshot snapshot) {
        last = new Seen(snapshot, clock.nanos());
    }

    /** Empty until the first tick. */
    public Optional<Seen> last() {
        return Optional.ofNullable(last);
    }

    public MonotonicClock clock() {
        return clock;
    }

    /** When this listener was made: the daemon's start, for uptime and the first tick's grace. */
    public long startedNanos() {
        return startedNanos;
    }
}
