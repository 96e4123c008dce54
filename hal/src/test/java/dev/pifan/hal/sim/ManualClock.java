package dev.pifan.hal.sim;

import dev.pifan.hal.MonotonicClock;

/** A clock that moves only when the test says so. Starts at an arbitrary non-zero origin on purpose. */
final class ManualClock implements MonotonicClock {

    private long nanos = 123_456_789_000L;

    @Override
    public long nanos() {
        return nanos;
    }

    void advanceSeconds(long seconds) {
        nanos += seconds * 1_000_000_000L;
    }

    void advanceNanos(long delta) {
        nanos += delta;
    }
}
