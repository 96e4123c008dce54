package dev.pifan.control;

import dev.pifan.hal.Duty;

/**
 * What a controller decided for one tick.
 *
 * @param duty the duty to apply to the fan
 * @param curveDuty what the curve alone asked for (before fan limits and safety rules)
 * @param reason why {@code duty} is what it is
 * @param detail a human sentence for logs and {@code /status}, empty when the reason says it all
 * @param quiet where the tick stood with the quiet hours
 */
public record Decision(Duty duty, Duty curveDuty, Reason reason, String detail, QuietState quiet) {

    public Decision {
        if (reason.isSafety() && !duty.isFull()) {
            throw new IllegalArgumentException("safety reason " + reason.label() + " with duty " + duty);
        }
        java.util.Objects.requireNonNull(quiet, "quiet");
    }

    /** A decision of a controller without quiet hours. */
    public Decision(Duty duty, Duty curveDuty, Reason reason, String detail) {
        this(duty, curveDuty, reason, detail, QuietState.OUTSIDE);
    }

    public static Decision curve(Duty duty) {
        return new Decision(duty, duty, Reason.CURVE, "");
    }
}
