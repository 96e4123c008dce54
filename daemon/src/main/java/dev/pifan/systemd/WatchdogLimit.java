package dev.pifan.systemd;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What systemd's watchdog ({@code WatchdogSec=}, passed as {@code WATCHDOG_USEC}) asks of the
 * control loop. Pings go out at half the time-out, and only while the loop has ticked within its
 * interval and a margin of half an interval; for a healthy loop to be pinged at all, the interval
 * may be at most half the time-out.
 *
 * @param timeout the time-out, empty without a watchdog
 */
public record WatchdogLimit(Optional<Duration> timeout) {

    public static final WatchdogLimit NONE = new WatchdogLimit(Optional.empty());

    public static WatchdogLimit of(OptionalLong watchdogMicros) {
        return watchdogMicros.isPresent() ? new WatchdogLimit(Optional.of(Duration.ofNanos(watchdogMicros.getAsLong() * 1000)))
                : NONE;
    }

    /** How often to ping: half the time-out. */
    public Optional<Duration> pingEvery() {
        return timeout.map(t -> t.dividedBy(2));
    }

    /** The oldest a last tick may be for the loop to count as healthy: the interval and half of it again. */
    public static Duration tickedWithin(Duration interval) {
        return interval.plus(interval.dividedBy(2));
    }

    /** Why {@code interval} (from {@code source}) cannot be watched, or empty when it can. */
    public Optional<String> problemWith(Duration interval, String source) {
        if (timeout.isEmpty() || interval.compareTo(timeout.get().dividedBy(2)) <= 0) {
            return Optional.empty();
        }
        return Optional.of("interval " + seconds(interval) + " (" + source + ") cannot be watched by systemd's watchdog"
                + " (WatchdogSec=" + seconds(timeout.get()) + ", WATCHDOG_USEC=" + timeout.get().toNanos() / 1000
                + "): the loop must tick at least twice per watchdog period; set interval to at most "
                + seconds(timeout.get().dividedBy(2)) + " or raise WatchdogSec= to at least " + seconds(interval.multipliedBy(2)));
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
