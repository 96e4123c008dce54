package dev.pifan.telemetry;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the control loop ticks on time: {@code /healthz} and {@code pifan_healthy}.
 *
 * <p>Healthy while the last tick is at most {@link #MISSED_INTERVALS} intervals old (and never
 * less than {@link #MIN_STALL}, so a short interval and a garbage collection on a busy Pi do not
 * make a liveness probe restart the daemon). Before the first tick the same allowance runs from
 * the start. A tick that throws never reaches the listeners, so a loop that fails every tick goes
 * unhealthy too. A tick whose fan write failed is unhealthy as well: pifan does not drive the fan
 * then (it gave it to the kernel where a thermal zone can drive it, see docs/fan-ownership.md), and
 * a liveness probe or an alert on {@code pifan_healthy} must hear of it. Other decisions (a sensor
 * failure, a stalled fan) are not this check's business: the loop is alive and drives the fan to
 * full for them, and {@code pifan_control_reason} tells the rest.
 */
public final class HealthCheck {

    public static final int MISSED_INTERVALS = 3;
    public static final Duration MIN_STALL = Duration.ofSeconds(3);

    /** The verdict and a sentence saying why. */
    public record Health(boolean ok, String text) {
        public Health {
            Objects.requireNonNull(text, "text");
        }

        /** 200 or 503. */
        public int httpStatus() {
            return ok ? 200 : 503;
        }
    }

    /** The interval and the age at which a tick is overdue, swapped together on a reload. */
    private record Limits(Duration interval, long stallNanos) {
        static Limits of(Duration interval) {
            Duration stall = interval.multipliedBy(MISSED_INTERVALS);
            return new Limits(interval, (stall.compareTo(MIN_STALL) < 0 ? MIN_STALL : stall).toNanos());
        }
    }

    private final LastTick lastTick;
    private volatile Limits limits;

    public HealthCheck(LastTick lastTick, Duration interval) {
        this.lastTick = Objects.requireNonNull(lastTick, "lastTick");
        this.limits = Limits.of(Objects.requireNonNull(interval, "interval"));
    }

    /** The loop runs at another interval now (a reloaded config). */
    public void interval(Duration interval) {
        this.limits = Limits.of(Objects.requireNonNull(interval, "interval"));
    }

    public Health check() {
        Limits current = limits;
        Duration interval = current.interval();
        long stallNanos = current.stallNanos();
        long now = lastTick.clock().nanos();
        Optional<LastTick.Seen> last = lastTick.last();
        String every = "expected every " + format(interval);
        if (last.isEmpty()) {
            long since = now - lastTick.startedNanos();
            if (since <= stallNanos) {
                return new Health(true, "starting: no tick yet, " + seconds(since) + " since start");
            }
            return new Health(false, "the control loop has not ticked in the " + seconds(since)
                    + " since start, " + every);
        }
        long age = now - last.get().receivedNanos();
        long tick = last.get().snapshot().tick();
        if (age <= stallNanos && !last.get().snapshot().applied()) {
            return new Health(false, "the fan is not driven by pifan: " + fanError(last.get().snapshot()));
        }
        if (age <= stallNanos) {
            return new Health(true, "ok: tick " + tick + " " + seconds(age) + " ago, " + every);
        }
        return new Health(false, "the control loop has stalled: last tick (" + tick + ") " + seconds(age)
                + " ago, " + every);
    }

    private static String fanError(dev.pifan.control.Snapshot snapshot) {
        return snapshot.errors().stream()
                .filter(e -> e.source() == dev.pifan.control.Snapshot.Source.FAN)
                .map(e -> e.sourceId() + ": " + e.message())
                .findFirst().orElse("the last write to the fan failed");
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /**
     * "0.4s" below 10 s, "12s" from there, rounded half up. Integer arithmetic, not String.format:
     * /healthz is answered by an interpreted JVM (the unit's -Xint), also under a flood, and a
     * Formatter costs it more than the rest of the answer.
     */
    static String seconds(long nanos) {
        if (nanos < 0) {
            return String.format(Locale.ROOT, "%.1fs", nanos / 1e9); // a clock gone backwards: rare, shown as is
        }
        long tenths = (nanos + 50_000_000) / 100_000_000;
        if (tenths < 100) {
            return tenths / 10 + "." + tenths % 10 + "s";
        }
        return (nanos + 500_000_000) / 1_000_000_000 + "s";
    }
}
