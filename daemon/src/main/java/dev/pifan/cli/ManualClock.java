package dev.pifan.cli;

import dev.pifan.hal.MonotonicClock;

/** A clock that moves only when told: simulated time, as fast as the CPU allows. */
final class ManualClock implements MonotonicClock {

    private long nanos;

    @Override
    public long nanos() {
        return nanos;
    }

    void advance(long byNanos) {
        nanos += byNanos;
    }
}
