package dev.pifan.control;

import dev.pifan.hal.Duty;
import dev.pifan.hal.HalException;
import dev.pifan.hal.ThrottleCondition;
import dev.pifan.hal.ThrottleFlags;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules that override the curve. Each returns a named reason; all safety reasons mean full
 * speed. Doubt means full fan: a reading that cannot be had or believed never lowers the duty.
 */
final class SafetyRules {

    /** What the rules say about one reading: no objection, hold the last duty, or a safety reason. */
    record Verdict(Reason reason, String detail) {
        static final Verdict NONE = new Verdict(null, "");

        boolean objects() {
            return reason != null;
        }
    }

    private final SafetyLimits limits;
    private final Duty startDuty;
    private final StuckSensorDetector stuck;
    private final long stallNanos;
    private final FailureWindow temperatureReads;
    private final FailureWindow throttleReads;
    private final FailureWindow rpmReads;
    private boolean stallTiming;
    private long stalledSince;

    SafetyRules(SafetyLimits limits, Duty startDuty) {
        this.limits = limits;
        this.startDuty = startDuty;
        this.stuck = new StuckSensorDetector(limits.stuckAfter());
        this.stallNanos = limits.stallAfter().toNanos();
        int window = WINDOW_PER_FAILURE * limits.sensorFailures();
        this.temperatureReads = new FailureWindow(window);
        this.throttleReads = new FailureWindow(window);
        this.rpmReads = new FailureWindow(window);
    }

    /**
     * Below this a fan driven at its start duty or more is not turning: no fan runs that slowly
     * when driven, and a blocked fan's tachometer may report a few stray pulses rather than 0.
     */
    static final int STALLED_BELOW_RPM = 100;

    /** The window of reads judged for "failing often" is this many times sensor-failures long. */
    static final int WINDOW_PER_FAILURE = 4;

    /** Judges one reading, given the duty the fan was driven at until now (null before the first decision). */
    Verdict check(Reading reading, Duty applied) {
        temperatureReads.record(reading.temperatureError().isPresent());
        throttleReads.record(reading.throttleError().isPresent());
        rpmReads.record(reading.rpmError().isPresent());

        Verdict sensor = sensorVerdict(reading, applied);
        if (sensor.objects() && sensor.reason().isSafety()) {
            return sensor;
        }
        double celsius = reading.celsius().orElse(Double.NaN);
        if (celsius >= limits.criticalC()) {
            return new Verdict(Reason.CRITICAL, String.format(Locale.ROOT,
                    "%.1f C is at or above the critical %.1f C", celsius, limits.criticalC()));
        }
        if (isThermallyThrottled(reading.flags())) {
            return new Verdict(Reason.THROTTLING, "the firmware throttles the CPU for heat (" + reading.flags() + ")");
        }
        Verdict stall = stallVerdict(reading, applied);
        if (stall.objects()) {
            return stall;
        }
        if (reading.fanWriteFailed()) {
            return new Verdict(Reason.FAN_FAILURE, "the last write to the fan failed");
        }
        return sensor; // NONE, or HOLD while a failing sensor has not yet reached its limit
    }

    private Verdict sensorVerdict(Reading reading, Duty applied) {
        int limit = limits.sensorFailures();
        Verdict failing = failing("temperature", temperatureReads, reading.temperatureError());
        if (failing == null) {
            failing = failing("throttle flags", throttleReads, reading.throttleError());
        }
        if (failing == null) {
            failing = failing("fan speed", rpmReads, reading.rpmError());
        }
        if (failing != null) {
            return failing;
        }
        if (reading.celsius().isEmpty()) {
            return new Verdict(Reason.HOLD, String.format(Locale.ROOT, "temperature unreadable (%d of %d): %s",
                    temperatureReads.inARow(), limit, message(reading.temperatureError())));
        }
        double celsius = reading.celsius().getAsDouble();
        if (!SafetyLimits.isPlausible(celsius)) {
            return new Verdict(Reason.SENSOR_FAILURE, String.format(Locale.ROOT,
                    "temperature %s C is outside the plausible %.0f..%.0f C", celsius,
                    SafetyLimits.PLAUSIBLE_MIN_C, SafetyLimits.PLAUSIBLE_MAX_C));
        }
        if (stuck.isStuck(celsius, applied, reading.nanos())) {
            return new Verdict(Reason.SENSOR_FAILURE, String.format(Locale.ROOT,
                    "temperature stuck at %.1f C for %ds while the fan duty swung by %.0f points or more",
                    celsius, limits.stuckAfter().toSeconds(), SafetyLimits.STUCK_DUTY_SPAN * 100));
        }
        return Verdict.NONE;
    }

    /** A sensor-failure verdict when the source failed too often, else null. */
    private Verdict failing(String what, FailureWindow reads, Optional<HalException> error) {
        if (reads.inARow() >= limits.sensorFailures()) {
            return new Verdict(Reason.SENSOR_FAILURE,
                    what + " unreadable " + reads.inARow() + " times in a row: " + message(error));
        }
        if (reads.mostlyFailing()) {
            return new Verdict(Reason.SENSOR_FAILURE, what + " unreadable in " + reads.failures() + " of the last "
                    + reads.size() + " reads" + (error.isPresent() ? ": " + message(error) : ""));
        }
        return null;
    }

    private static String message(Optional<HalException> error) {
        return error.map(Throwable::getMessage).orElse("no error given");
    }

    /**
     * Thermal throttling: the ARM clock capped, throttled, or the soft temperature limit, while
     * there is no under-voltage. Under-voltage also throttles, but more fan current does not help
     * a browned-out board, so it is reported, not answered.
     */
    static boolean isThermallyThrottled(ThrottleFlags flags) {
        boolean throttled = flags.isActive(ThrottleCondition.ARM_FREQUENCY_CAPPED)
                || flags.isActive(ThrottleCondition.THROTTLED)
                || flags.isActive(ThrottleCondition.SOFT_TEMPERATURE_LIMIT);
        return throttled && !flags.isActive(ThrottleCondition.UNDER_VOLTAGE);
    }

    private Verdict stallVerdict(Reading reading, Duty applied) {
        if (stallNanos == 0 || reading.rpm().isEmpty()) {
            stallTiming = false;
            return Verdict.NONE;
        }
        boolean stillWhileDriven = reading.rpm().getAsInt() < STALLED_BELOW_RPM && applied != null && !applied.isOff()
                && applied.compareTo(startDuty) >= 0;
        if (!stillWhileDriven) {
            stallTiming = false;
            return Verdict.NONE;
        }
        if (!stallTiming) {
            stallTiming = true;
            stalledSince = reading.nanos();
        }
        if (reading.nanos() - stalledSince >= stallNanos) {
            return new Verdict(Reason.FAN_STALL, String.format(Locale.ROOT,
                    "the fan turns below %d rpm at %s duty for %ds or more", STALLED_BELOW_RPM, applied,
                    limits.stallAfter().toSeconds()));
        }
        return Verdict.NONE;
    }
}
