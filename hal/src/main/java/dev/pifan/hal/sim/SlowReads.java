package dev.pifan.hal.sim;

import dev.pifan.hal.HalException;
import java.time.Duration;

/**
 * What a slow read ({@link Fault.Kind#SENSOR_SLOW}) does to the thread that reads.
 *
 * <p>In real time the read really blocks, and it is the daemon's job to time it out. In simulated
 * time nothing may block (an hour must run in milliseconds), so the read fails the way the
 * daemon's time-out would have failed it, or succeeds when it is quicker than that time-out.
 */
@FunctionalInterface
public interface SlowReads {

    /** Spends {@code delay} of the caller's time on a read, or fails it. */
    void spend(Duration delay, String sensorId) throws HalException;

    /** Really blocks the reading thread: for a board running in real time. */
    static SlowReads blocking() {
        return (delay, sensorId) -> {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HalException(HalException.Kind.TIMEOUT, sensorId + ": read interrupted");
            }
        };
    }

    /** Fails reads at least as slow as {@code timeout}, as the daemon's read time-out would. */
    static SlowReads timingOutAfter(Duration timeout) {
        return (delay, sensorId) -> {
            if (delay.compareTo(timeout) >= 0) {
                throw new HalException(HalException.Kind.TIMEOUT, sensorId + ": no answer within "
                        + timeout.toMillis() + " ms (the read takes " + delay.toMillis() + " ms)");
            }
        };
    }
}
