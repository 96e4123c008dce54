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
    private int temperatureFailures;
    private int throttleFailures;
    private int rpmFailures;
    private boolean stallTiming;
    private long stalledSince;

    SafetyRules(SafetyLimits limits, Duty startDuty) {
        this.limits = limits;
        this.startDuty = startDuty;
        this.stuck = new StuckSensorDetector(limits.stuckAfter());
        this.stallNanos = limits.stallAfter().toNanos();
    }

    /** Judges one reading, given the duty the fan was driven at until now. */
    Verdict check(Reading reading, Duty applied) {
        temperatureFailures = reading.temperatureError().isPresent() ? temperatureFailures + 1 : 0;
        throttleFailures = reading.throttleError().isPresent() ? throttleFailures + 1 : 0;
        rpmFailures = reading.rpmError().isPresent() ? rpmFailures + 1 : 0;

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
        if (temperatureFailures >= limit) {
            return failure("temperature", temperatureFailures, reading.temperatureError());
        }
        if (throttleFailures >= limit) {
            return failure("throttle flags", throttleFailures, reading.throttleError());
        }
        if (rpmFailures >= limit) {
            return failure("fan speed", rpmFailures, reading.rpmError());
        }
        if (reading.celsius().isEmpty()) {
            return new Verdict(Reason.HOLD, String.format(Locale.ROOT, "temperature unreadable (%d of %d): %s",
                    temperatureFailures, limit, message(reading.temperatureError())));
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

    private static Verdict failure(String what, int count, Optional<HalException> error) {
        return new Verdict(Reason.SENSOR_FAILURE,
                what + " unreadable " + count + " times in a row: " + message(error));
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
        boolean stillWhileDriven = reading.rpm().getAsInt() == 0 && !applied.isOff() && applied.compareTo(startDuty) >= 0;
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
                    "the fan reads 0 rpm at %s duty for %ds or more", applied, limits.stallAfter().toSeconds()));
        }
        return Verdict.NONE;
    }
}
