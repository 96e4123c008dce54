package dev.pifan.control;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * A line every {@code period} of the loop's own time, for a person watching a terminal:
 * {@link ChangeLog} writes only what changes, so a steady daemon would look dead there. Not for
 * journald, where the same line each minute would only fill the journal.
 */
public final class Heartbeat implements TickListener {

    /** Once a minute: often enough to see it is alive, rarely enough not to scroll the changes away. */
    public static final Duration PERIOD = Duration.ofMinutes(1);

    private final long periodNanos;
    private final Consumer<String> out;
    private long nextNanos;
    private boolean started;

    public Heartbeat(Duration period, Consumer<String> out) {
        this.periodNanos = period.toNanos();
        this.out = out;
    }

    @Override
    public void onTick(Snapshot s) {
        if (!started) {
            started = true;
            nextNanos = s.nanos() + periodNanos;
            return;
        }
        if (s.nanos() - nextNanos < 0) {
            return;
        }
        nextNanos = s.nanos() + periodNanos;
        out.accept("running: tick " + s.tick() + ", temperature " + s.temperature("unknown") + ", fan " + s.duty() + " ("
                + s.reason().label() + ")" + (s.applied() ? "" : ", NOT APPLIED: the write failed")
                + (s.rpm().isPresent() ? ", " + s.rpm().getAsInt() + " rpm" : ""));
    }
}
