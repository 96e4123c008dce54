package dev.pifan.hal.testing;

import dev.pifan.hal.MonotonicClock;
import dev.pifan.hal.linux.Sleeper;
import java.time.Duration;

/** A clock that moves only when told to, and a sleeper that moves it instead of sleeping. */
public final class FakeClock implements MonotonicClock {

    private long nanos;
    private int sleeps;

    @Override
    public long nanos() {
        return nanos;
    }

    public void advance(Duration duration) {
        nanos += duration.toNanos();
    }

    public Sleeper sleeper() {
        return duration -> {
            sleeps++;
            advance(duration);
        };
    }

    public int sleeps() {
        return sleeps;
    }
}
