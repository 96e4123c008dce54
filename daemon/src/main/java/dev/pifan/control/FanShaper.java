package dev.pifan.control;

import dev.pifan.hal.Duty;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Applies {@link FanLimits} over time: remembers whether the fan is stopped and when a kick ends,
 * and, where the fan has a tachometer, learns the duties this fan really needs.
 *
 * <p>The configured {@code min-duty} and {@code start-duty} are a point above what the profile's
 * fan needs, but two fans of one model differ (wear, dust, a cold bearing). A fan that the
 * tachometer shows stopped while driven at a duty it had been turning at is below its real stop
 * duty: the minimum rises to {@value #MIN_STEP_PERCENT} points above that duty, and the fan is
 * kicked again. A kick after which the fan still does not turn was below its real start duty: the
 * start duty rises by {@value #START_STEP_PERCENT} points and it kicks again. The learnt limits
 * only ever rise (up to full speed) and hold for the controller's life: a fan does not get easier
 * to start. None of this replaces the stall rule, which still runs a fan that stays still for its
 * time at full speed; this only keeps a healthy fan from being driven where it cannot turn.
 */
final class FanShaper {

    /** How far above a duty it stopped at the learnt minimum goes. */
    static final int MIN_STEP_PERCENT = 2;
    /** How far a kick that did not start the fan raises the start duty. */
    static final int START_STEP_PERCENT = 5;

    private final long kickNanos;
    private final double stopBelowC;
    private Duty minDuty;
    private Duty startDuty;
    private Duty lastOutput = Duty.OFF;
    private long kickEndsAt;
    private boolean kicking;
    private boolean restart; // the tachometer shows the driven fan stopped: start it again
    private boolean seenTurning; // since the fan was last started
    private boolean kickJudged = true; // whether the last kick's outcome has been read
    private String lesson = "";

    FanShaper(FanLimits limits) {
        this.kickNanos = limits.kick().toNanos();
        this.stopBelowC = limits.stopBelowC();
        this.minDuty = limits.minDuty();
        this.startDuty = limits.startDuty();
    }

    /** Whether the fan was stopped by the last shaped duty, so that a duty now would kick it. */
    boolean isStopped() {
        return lastOutput.isOff() || restart;
    }

    /** Whether a non-zero duty now starts the fan with a kick. */
    boolean wouldKick() {
        return isStopped() && kickNanos > 0;
    }

    /** The start duty in force: the configured one, or what this fan was found to need. */
    Duty startDuty() {
        return startDuty;
    }

    /** The minimum duty in force: the configured one, or what this fan was found to need. */
    Duty minDuty() {
        return minDuty;
    }

    /**
     * What the tachometer says of the last shaped duty (nothing without one). Returns what it
     * taught, a sentence for the log, or empty.
     */
    String observe(OptionalInt rpm) {
        lesson = "";
        if (rpm.isEmpty() || lastOutput.isOff() || restart) {
            return lesson;
        }
        if (rpm.getAsInt() >= SafetyRules.STALLED_BELOW_RPM) {
            seenTurning = true;
            kickJudged = true;
            return lesson;
        }
        if (kicking) {
            return lesson; // the kick's outcome is read when it ends
        }
        if (seenTurning && lastOutput.compareTo(Duty.FULL) < 0) {
            Duty raised = Duty.ofRatio(Math.min(1.0, lastOutput.ratio() + MIN_STEP_PERCENT / 100.0));
            lesson = String.format(Locale.ROOT, "the fan stopped at %s: min-duty %s -> %s", lastOutput, minDuty,
                    minDuty.max(raised));
            minDuty = minDuty.max(raised);
            startDuty = startDuty.max(minDuty);
            restart = true;
        } else if (!kickJudged && startDuty.compareTo(Duty.FULL) < 0) {
            Duty raised = Duty.ofRatio(Math.min(1.0, startDuty.ratio() + START_STEP_PERCENT / 100.0));
            lesson = String.format(Locale.ROOT, "the fan did not start at %s: start-duty -> %s", startDuty, raised);
            startDuty = raised;
            restart = true;
        }
        kickJudged = true;
        return lesson;
    }

    /** The duty to send to the fan for this requested duty at this time and temperature. */
    Duty shape(Duty requested, long nowNanos, double celsius) {
        Duty output;
        boolean keepRunning = !isStopped() && stopBelowC > Double.NEGATIVE_INFINITY && celsius >= stopBelowC;
        if (requested.isOff() && !keepRunning) {
            output = Duty.OFF;
            kicking = false;
        } else {
            if (isStopped() && kickNanos > 0) {
                kicking = true;
                kickEndsAt = nowNanos + kickNanos;
                seenTurning = false;
                kickJudged = false;
            } else if (kicking && nowNanos - kickEndsAt >= 0) {
                kicking = false;
            }
            // a running fan above stop-below keeps at least min-duty although the curve says 0
            output = requested.max(kicking ? startDuty : minDuty);
            if (output.isOff()) {
                kicking = false;
            }
        }
        restart = false;
        lastOutput = output;
        return output;
    }

    /** The duty to send to the fan for this requested duty at this time. */
    Duty shape(Duty requested, long nowNanos) {
        return shape(requested, nowNanos, Double.NEGATIVE_INFINITY);
    }

    /** Whether the last shaped duty was raised to kick-start the fan. */
    boolean isKicking() {
        return kicking;
    }

    /** Tells the shaper what actually reached the fan (a safety override bypasses the curve). */
    void overridden(Duty applied) {
        lastOutput = applied;
        kicking = false;
        restart = false;
    }
}
