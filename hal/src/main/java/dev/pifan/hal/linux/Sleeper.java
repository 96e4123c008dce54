package dev.pifan.hal.linux;

import java.time.Duration;

/** Waits; injected with a {@link dev.pifan.hal.MonotonicClock} so bounded retries run instantly in tests. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
