package dev.pifan.control;

import dev.pifan.hal.Duty;

/**
 * A fan curve with hysteresis: the duty follows the curve up at once, and comes down only when
 * the temperature has fallen {@code hysteresisC} below the temperature that set the current duty.
 *
 * <p>Between those two, the duty holds: a board hovering around a curve point does not make the
 * fan hunt. Drawn as a chart, the falling branch is the curve shifted left by the hysteresis.
 */
public final class HysteresisCurve {

    private final FanCurve curve;
    private final double hysteresisC;
    private Duty current;
    private double setAtCelsius;

    public HysteresisCurve(FanCurve curve, double hysteresisC) {
        if (!(hysteresisC >= 0) || Double.isInfinite(hysteresisC)) {
            throw new IllegalArgumentException("hysteresis " + hysteresisC + " C must be a finite value >= 0");
        }
        this.curve = curve;
        this.hysteresisC = hysteresisC;
    }

    /** The duty for this temperature, given everything seen before. */
    public Duty next(double celsius) {
        Duty wanted = curve.dutyAt(celsius);
        if (current == null || wanted.compareTo(current) > 0 || celsius <= setAtCelsius - hysteresisC) {
            current = wanted;
            setAtCelsius = celsius;
        }
        return current;
    }

    /**
     * Records that something stronger than the curve (a safety rule) drove the fan at this duty
     * at this temperature, so that the curve comes down from there with the same hysteresis
     * instead of dropping the moment the rule lets go.
     */
    public void holdAt(Duty duty, double celsius) {
        if (current == null || duty.compareTo(current) >= 0) {
            current = duty;
            setAtCelsius = celsius;
        }
    }

    public FanCurve curve() {
        return curve;
    }

    public double hysteresisC() {
        return hysteresisC;
    }
}
