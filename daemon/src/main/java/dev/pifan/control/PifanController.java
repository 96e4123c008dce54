package dev.pifan.control;

import dev.pifan.hal.Duty;

/**
 * pifan's controller: the safety rules first, then the curve with hysteresis, then the fan's own
 * limits (minimum duty, kick-start).
 */
public final class PifanController implements Controller {

    private final HysteresisCurve curve;
    private final FanShaper shaper;
    private final SafetyRules safety;
    private Duty applied; // null until the first decision: nothing is known about the fan yet
    private Duty lastCurveDuty = Duty.OFF;

    public PifanController(FanCurve curve, double hysteresisC, FanLimits limits, SafetyLimits safety) {
        this.curve = new HysteresisCurve(curve, hysteresisC);
        this.shaper = new FanShaper(limits);
        this.safety = new SafetyRules(safety, limits.startDuty());
    }

    @Override
    public String name() {
        return "pifan";
    }

    @Override
    public Decision decide(Reading reading) {
        SafetyRules.Verdict verdict = safety.check(reading, applied);
        double celsius = reading.celsius().orElse(Double.NaN);
        boolean believable = reading.celsius().isPresent() && verdict.reason() != Reason.SENSOR_FAILURE;
        if (believable) {
            lastCurveDuty = curve.next(celsius);
        }
        Decision decision;
        if (verdict.objects() && verdict.reason().isSafety()) {
            if (believable) {
                curve.holdAt(Duty.FULL, celsius); // come down from full with the curve's own hysteresis
            }
            shaper.overridden(Duty.FULL);
            decision = new Decision(Duty.FULL, lastCurveDuty, verdict.reason(), verdict.detail());
        } else if (verdict.reason() == Reason.HOLD) {
            // before the first good reading there is nothing to hold: doubt means full fan
            Duty held = applied == null ? Duty.FULL : applied;
            decision = new Decision(held, lastCurveDuty, Reason.HOLD, verdict.detail());
        } else {
            Duty shaped = shaper.shape(lastCurveDuty, reading.nanos());
            // "kick" only where the kick raised the duty: a fan started at 65% is simply on the curve
            boolean raisedByKick = shaper.isKicking() && shaped.compareTo(lastCurveDuty) > 0;
            decision = new Decision(shaped, lastCurveDuty, raisedByKick ? Reason.KICK : Reason.CURVE, "");
        }
        applied = decision.duty();
        return decision;
    }
}
