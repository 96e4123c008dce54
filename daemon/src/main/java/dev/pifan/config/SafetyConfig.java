package dev.pifan.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The rules that override the curve and drive the fan at full speed.
 *
 * @param criticalC at or above this temperature: full speed
 * @param sensorFailures consecutive failed sensor reads before full speed
 * @param stuckAfter how long a sensor value may stay unchanged while the duty moved by 20 points
 *     before the sensor is called stuck; {@link Duration#ZERO} = off
 * @param stallAfter how long a driven fan may read 0 rpm before it is called stalled;
 *     {@link Duration#ZERO} = off
 * @param readTimeout how long one read or write of the board may take before it counts as failed
 */
public record SafetyConfig(double criticalC, int sensorFailures, Duration stuckAfter, Duration stallAfter,
        Duration readTimeout) {

    public static final int MIN_SENSOR_FAILURES = 1;
    public static final int MAX_SENSOR_FAILURES = 100;
    // Shorter than these and the rules would fire on ordinary behaviour: a heatsink takes tens of
    // seconds to follow a duty change, a fan a second or so to spin up.
    public static final Duration MIN_STUCK_AFTER = Duration.ofSeconds(30);
    public static final Duration MAX_STUCK_AFTER = Duration.ofHours(24);
    public static final Duration MIN_STALL_AFTER = Duration.ofSeconds(1);
    public static final Duration MAX_STALL_AFTER = Duration.ofMinutes(10);
    // vcgencmd answers in milliseconds; a read still hanging after seconds is not coming back soon
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMillis(500);
    public static final Duration MIN_READ_TIMEOUT = Duration.ofMillis(10);
    public static final Duration MAX_READ_TIMEOUT = Duration.ofSeconds(10);

    /** With the default read time-out. */
    public SafetyConfig(double criticalC, int sensorFailures, Duration stuckAfter, Duration stallAfter) {
        this(criticalC, sensorFailures, stuckAfter, stallAfter, DEFAULT_READ_TIMEOUT);
    }

    public SafetyConfig {
        Objects.requireNonNull(stuckAfter, "stuckAfter");
        Objects.requireNonNull(stallAfter, "stallAfter");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (!(criticalC >= CurvePoint.MIN_CELSIUS && criticalC <= CurvePoint.MAX_CELSIUS)) {
            throw new IllegalArgumentException("critical temperature " + criticalC + " outside 0..125");
        }
        if (sensorFailures < MIN_SENSOR_FAILURES || sensorFailures > MAX_SENSOR_FAILURES) {
            throw new IllegalArgumentException("sensor failures " + sensorFailures + " outside 1..100");
        }
        if (!offOrWithin(stuckAfter, MIN_STUCK_AFTER, MAX_STUCK_AFTER)) {
            throw new IllegalArgumentException("stuck-after " + stuckAfter + " outside 30s..24h");
        }
        if (!offOrWithin(stallAfter, MIN_STALL_AFTER, MAX_STALL_AFTER)) {
            throw new IllegalArgumentException("stall-after " + stallAfter + " outside 1s..10m");
        }
        if (readTimeout.compareTo(MIN_READ_TIMEOUT) < 0 || readTimeout.compareTo(MAX_READ_TIMEOUT) > 0) {
            throw new IllegalArgumentException("read-timeout " + readTimeout + " outside 10ms..10s");
        }
    }

    public boolean stuckDetection() {
        return !stuckAfter.isZero();
    }

    public boolean stallDetection() {
        return !stallAfter.isZero();
    }

    static boolean offOrWithin(Duration d, Duration min, Duration max) {
        return d.isZero() || (d.compareTo(min) >= 0 && d.compareTo(max) <= 0);
    }
}
