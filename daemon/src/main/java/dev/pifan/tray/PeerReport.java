package dev.pifan.tray;

import dev.pifan.control.Reason;
import dev.pifan.hal.Duty;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a tray member says of itself: the duty its own rules ask of the shared fan, and why.
 *
 * <p>Members send their request, not their readings, so that each board is judged by its own
 * profile, curve, ceiling and safety rules, where its sensor and flags are: a Pi 4 and a Pi 5 in
 * one tray keep their own curves, and a member's safety rule needs nothing of the tray node.
 *
 * @param instance names one run of the member's pifan (a restart starts a new one)
 * @param tick the member's tick count in that run: a report is news only when this moves, so a
 *     member whose control loop hangs while its HTTP server answers is not taken as alive
 * @param requested the duty the member's own rules ask for
 * @param reason why (a safety reason means {@code requested} is full)
 * @param celsius the member's temperature, empty when it could not read it
 * @param detail the member's sentence for that reason, empty when the reason says it all
 */
public record PeerReport(String instance, long tick, Duty requested, Reason reason, OptionalDouble celsius,
                         String detail) {

    public PeerReport {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(celsius, "celsius");
        Objects.requireNonNull(detail, "detail");
        if (reason.isSafety() && !requested.isFull()) {
            throw new IllegalArgumentException("safety reason " + reason.label() + " with duty " + requested);
        }
    }

    /** Whether this report says something the last one did not (a new tick, or a new run). */
    boolean isNewerThan(PeerReport last) {
        return last == null || !instance.equals(last.instance) || tick != last.tick;
    }
}
