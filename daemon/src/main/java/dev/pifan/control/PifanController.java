package dev.pifan.control;

import dev.pifan.hal.Duty;
import dev.pifan.hal.ThrottleCondition;

/**
 * pifan's controller: the safety rules first, then the curve with hysteresis (and its down-delay,
 * its rises held to what the board's thermal model says it needs) or the ceiling guard, then the
 * fan's own limits (minimum duty, kick-start, stop-below).
 *
 * <p>Two more rules keep the fan from hunting:
 * <ul>
 *   <li>A kick is a duty like any other: after it the fan holds the start duty until the
 *       temperature has fallen the hysteresis below where it started, rather than dropping to
 *       the minimum duty the moment the kick ends (and rising again a minute later).</li>
 *   <li>While the firmware reports under-voltage, and for as long again afterwards, the duty does
 *       not come down: the clock cap that cools the die is temporary, and when the power is back
 *       so is the heat. (Under-voltage is not answered with more fan either: see the safety rules.)</li>
 * </ul>
 */
public final class PifanController implements Controller {

    private final HysteresisCurve curve;
    private final FanShaper shaper;
    private final SafetyRules safety;
    private final FanLimits limits;
    private final CeilingGuard guard; // null without a ceiling
    private final NeedLimit need; // null without a ceiling and a thermal model
    private final QuietHours quiet; // null without quiet hours
    private final TimeOfDay timeOfDay;
    private Duty applied; // null until the first decision: nothing is known about the fan yet
    private Duty lastCurveDuty = Duty.OFF;
    private boolean underVoltage;
    private long underVoltageSince;
    private long holdDownUntil;
    private boolean holdingDown;

    public PifanController(FanCurve curve, double hysteresisC, FanLimits limits, SafetyLimits safety) {
        this(curve, hysteresisC, limits, safety, ControlTuning.NONE);
    }

    public PifanController(FanCurve curve, double hysteresisC, FanLimits limits, SafetyLimits safety,
                           ControlTuning tuning) {
        this.curve = new HysteresisCurve(curve, hysteresisC, tuning.downDelay());
        this.shaper = new FanShaper(limits);
        this.safety = new SafetyRules(safety, limits.startDuty());
        this.limits = limits;
        this.guard = tuning.ceiling().map(c -> new CeilingGuard(c, limits.minDuty())).orElse(null);
        this.need = tuning.ceiling().isPresent() && tuning.model().isPresent()
                ? new NeedLimit(tuning.model().get(), tuning.ceiling().get().atC()) : null;
        this.quiet = tuning.quiet().orElse(null);
        this.timeOfDay = tuning.timeOfDay();
    }

    @Override
    public String name() {
        return "pifan";
    }

    @Override
    public Decision decide(Reading reading) {
        String lesson = shaper.observe(reading.rpm());
        SafetyRules.Verdict verdict = safety.check(reading, applied);
        double celsius = reading.celsius().orElse(Double.NaN);
        boolean believable = reading.celsius().isPresent() && verdict.reason() != Reason.SENSOR_FAILURE;
        boolean mayComeDown = mayComeDown(reading);
        boolean quietWindow = quiet != null && quiet.covers(timeOfDay.at(reading.nanos()));

        boolean guarded = false;
        if (believable && need != null) {
            need.observe(celsius, reading.nanos(), reading.rpm());
        }
        if (believable) {
            Duty fromGuard = guard != null && guard.isActive()
                    ? guard.next(celsius, reading.nanos(), mayComeDown, curve, curve.current(), curve.current()) : null;
            if (fromGuard == null) {
                Duty running = curve.current();
                lastCurveDuty = curve.next(celsius, reading.nanos(), mayComeDown);
                if (need != null) {
                    Duty limited = need.limit(lastCurveDuty, running, limits.minDuty());
                    if (limited.compareTo(lastCurveDuty) < 0) {
                        curve.set(limited, celsius);
                        lastCurveDuty = limited;
                    }
                }
                fromGuard = guard == null ? null
                        : guard.next(celsius, reading.nanos(), mayComeDown, curve, lastCurveDuty, running);
            }
            if (fromGuard != null) {
                lastCurveDuty = fromGuard;
                guarded = true;
            }
        }
        Decision decision;
        if (verdict.objects() && verdict.reason().isSafety()) {
            if (believable) {
                curve.holdAt(Duty.FULL, celsius); // come down from full with the curve's own hysteresis
            }
            if (guard != null) {
                guard.reset();
            }
            shaper.overridden(Duty.FULL);
            decision = new Decision(Duty.FULL, lastCurveDuty, verdict.reason(), verdict.detail(),
                    quietWindow ? QuietState.OVERRIDDEN : QuietState.OUTSIDE);
        } else if (verdict.reason() == Reason.HOLD) {
            // before the first good reading there is nothing to hold: doubt means full fan
            Duty held = applied == null ? Duty.FULL : applied;
            decision = new Decision(held, lastCurveDuty, Reason.HOLD, verdict.detail(),
                    quietWindow ? QuietState.UNDER_CAP : QuietState.OUTSIDE);
        } else {
            Duty requested = lastCurveDuty;
            QuietState quietState = QuietState.OUTSIDE;
            if (quietWindow) {
                // the ceiling outranks the cap: it acts only where the board would pass its ceiling
                boolean overCap = requested.compareTo(quiet.maxDuty()) > 0;
                quietState = !overCap ? QuietState.UNDER_CAP : guarded ? QuietState.OVERRIDDEN : QuietState.CAPPED;
                if (quietState == QuietState.CAPPED) {
                    requested = quiet.maxDuty();
                }
            }
            if (shaper.wouldKick() && !requested.isOff() && requested.compareTo(shaper.startDuty()) < 0) {
                // the kick's duty is held like one the curve set, so the fan does not drop right after it
                curve.holdAt(shaper.startDuty(), celsius);
                requested = shaper.startDuty();
            }
            Duty shaped = shaper.shape(requested, reading.nanos(), celsius);
            Reason reason = guarded ? Reason.CEILING : quietState == QuietState.CAPPED ? Reason.QUIET : Reason.CURVE;
            // "kick" only where the kick raised the duty: a fan started at 65% is simply on the curve
            boolean raisedByKick = shaper.isKicking() && shaped.compareTo(lastCurveDuty) > 0;
            String detail = !lesson.isEmpty() || quietState != QuietState.CAPPED ? lesson
                    : "quiet hours " + quiet.window() + ": the curve's " + lastCurveDuty + " held at " + quiet.maxDuty();
            decision = new Decision(shaped, lastCurveDuty, raisedByKick ? Reason.KICK : reason, detail, quietState);
            lastCurveDuty = curve.current();
        }
        applied = decision.duty();
        return decision;
    }

    @Override
    public void drivenAt(Duty duty) {
        if (applied == null || duty.compareTo(applied) > 0) {
            applied = duty;
            shaper.overridden(duty);
        }
    }

    /**
     * False while the firmware reports under-voltage now, and afterwards for as long as it lasted.
     */
    private boolean mayComeDown(Reading reading) {
        long now = reading.nanos();
        boolean nowUnder = reading.flags().isActive(ThrottleCondition.UNDER_VOLTAGE);
        if (nowUnder) {
            if (!underVoltage) {
                underVoltage = true;
                underVoltageSince = now;
            }
            holdingDown = true;
            holdDownUntil = now + (now - underVoltageSince);
        } else {
            underVoltage = false;
            if (holdingDown && now - holdDownUntil >= 0) {
                holdingDown = false;
            }
        }
        return !nowUnder && !holdingDown;
    }
}
