package dev.pifan.hal;

import java.time.Duration;

/**
 * Turns "the tachometer reads 0 rpm while the fan is driven hard" into a {@link HalException}.
 *
 * <p>A fan needs a moment to spin up, so a zero reading counts as a stall only once the duty has
 * stayed at or above {@code minDuty} for longer than {@code grace}. Below {@code minDuty} many
 * fans legitimately stop, so nothing is claimed there. Fans with a tachometer (hwmon, EMC230x,
 * EMC2101) feed every applied duty and every reading through one of these; the control loop sees
 * the exception and applies its fail-safe rule.
 *
 * <p>Not thread-safe: one per fan, used from the control loop's thread.
 */
public final class StallDetector {

    /** At 50% and above a healthy fan turns; 5 s is longer than any spin-up we know of. */
    public static final Duty DEFAULT_MIN_DUTY = Duty.ofPercent(50);

    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

    private final MonotonicClock clock;
    private final Duty minDuty;
    private final long graceNanos;
    private final boolean enabled;
    private Duty lastDuty = Duty.OFF;
    private long highSince;

    private StallDetector(MonotonicClock clock, Duty minDuty, Duration grace, boolean enabled) {
        this.clock = clock;
        this.minDuty = minDuty;
        this.graceNanos = grace.toNanos();
        this.enabled = enabled;
    }

    public static StallDetector of(MonotonicClock clock, Duty minDuty, Duration grace) {
        if (minDuty.isOff()) {
            throw new IllegalArgumentException("stall detection needs a minimum duty above 0%");
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("stall grace period is negative: " + grace);
        }
        return new StallDetector(clock, minDuty, grace, true);
    }

    public static StallDetector withDefaults(MonotonicClock clock) {
        return of(clock, DEFAULT_MIN_DUTY, DEFAULT_GRACE);
    }

    /** For fans whose tachometer is known to be absent or unreliable. */
    public static StallDetector disabled() {
        return new StallDetector(() -> 0L, Duty.FULL, Duration.ZERO, false);
    }

    /** Call after every successful {@link Fan#apply}. */
    public void applied(Duty duty) {
        boolean wasHigh = lastDuty.compareTo(minDuty) >= 0;
        boolean isHigh = duty.compareTo(minDuty) >= 0;
        if (isHigh && !wasHigh) {
            highSince = clock.nanos();
        }
        lastDuty = duty;
    }

    /**
     * Checks one reading.
     *
     * @throws HalException IMPLAUSIBLE when the fan reads 0 rpm although it has been driven at or
     *     above the minimum duty for longer than the grace period
     */
    public void check(String fanId, int rpm) throws HalException {
        if (!enabled || rpm != 0 || lastDuty.compareTo(minDuty) < 0) {
            return;
        }
        long elapsed = clock.nanos() - highSince;
        if (elapsed > graceNanos) {
            throw new HalException(HalException.Kind.IMPLAUSIBLE, "fan " + fanId + " reads 0 rpm at " + lastDuty
                    + " duty for " + Duration.ofNanos(elapsed).toSeconds() + " s: stalled, unplugged, or its"
                    + " tachometer wire is not connected (then configure the fan without a tachometer)");
        }
    }
}
