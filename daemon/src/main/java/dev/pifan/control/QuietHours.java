package dev.pifan.control;

import dev.pifan.hal.Duty;
import java.time.LocalTime;
import java.util.Objects;

/**
 * A duty cap by time of day, for a cluster that shares a room with people: from {@code from} until
 * {@code to} (across midnight when {@code to} is earlier) the curve's duty is held at or below
 * {@code maxDuty}. Every safety rule runs the fan at full speed regardless, and so does the ceiling
 * guard once the board reaches its ceiling: the cap trades temperature for quiet below the
 * ceiling, never the board's safety.
 */
public record QuietHours(LocalTime from, LocalTime to, Duty maxDuty) {

    public QuietHours {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(maxDuty, "maxDuty");
        if (from.equals(to)) {
            throw new IllegalArgumentException("quiet hours from " + from + " to " + to + " are empty");
        }
    }

    /** Whether {@code time} is inside the window: from (inclusive) until to (exclusive). */
    public boolean covers(LocalTime time) {
        return from.isBefore(to)
                ? !time.isBefore(from) && time.isBefore(to)
                : !time.isBefore(from) || time.isBefore(to);
    }

    /** {@code 22:00-07:00}, as /status and the logs show it. */
    public String window() {
        return from + "-" + to;
    }
}
