package dev.pifan.control;

import dev.pifan.hal.Duty;
import java.time.Duration;

/**
 * A fan curve with hysteresis: the duty follows the curve up at once, and comes down only when
 * the temperature has fallen {@code hysteresisC} below the temperature that set the current duty,
 * and then only as far as the <em>falling branch</em>: the curve shifted left by the hysteresis.
 *
 * <p>Between the two branches the duty holds, so a board hovering around a curve point does not
 * make the fan hunt. Coming down along the falling branch rather than dropping back to the rising
 * one matters on a slow heatsink: a fan that drops to the rising branch runs below what held the
 * temperature, the board warms up again, the fan rises again, and it hunts with a period of
 * minutes. Along the falling branch it comes down in steps and settles.
 *
 * <p>With a {@code downDelay}, the duty comes down only once the temperature has been in the
 * come-down zone (at or below the setting temperature minus the hysteresis, and the falling branch
 * below the duty) for that long without a break: a short dip of load does not make the fan slow
 * down only to speed up again a minute later.
 *
 * <p>Not thread-safe: one control thread calls it.
 */
public final class HysteresisCurve {

    private final FanCurve curve;
    private final double hysteresisC;
    private final long downDelayNanos;
    private Duty current;
    private double setAtCelsius;
    private boolean comingDown;
    private long comingDownSince;

    public HysteresisCurve(FanCurve curve, double hysteresisC) {
        this(curve, hysteresisC, Duration.ZERO);
    }

    public HysteresisCurve(FanCurve curve, double hysteresisC, Duration downDelay) {
        if (!(hysteresisC >= 0) || Double.isInfinite(hysteresisC)) {
            throw new IllegalArgumentException("hysteresis " + hysteresisC + " C must be a finite value >= 0");
        }
        if (downDelay.isNegative()) {
            throw new IllegalArgumentException("down-delay " + downDelay + " must not be negative");
        }
        this.curve = curve;
        this.hysteresisC = hysteresisC;
        this.downDelayNanos = downDelay.toNanos();
    }

    /** The duty for this temperature, given everything seen before, coming down without delay. */
    public Duty next(double celsius) {
        return next(celsius, 0, true, true);
    }

    /**
     * The duty for this temperature at this time, given everything seen before.
     *
     * @param nanos the monotonic time of the reading (for the down-delay)
     * @param mayComeDown false while something says a lower temperature is not to be trusted as a
     *     reason to slow down (under-voltage); the down-delay restarts afterwards
     */
    public Duty next(double celsius, long nanos, boolean mayComeDown) {
        return next(celsius, nanos, mayComeDown, false);
    }

    private Duty next(double celsius, long nanos, boolean mayComeDown, boolean noDelay) {
        Duty rising = curve.dutyAt(celsius);
        if (current == null || rising.compareTo(current) > 0) {
            current = rising;
            setAtCelsius = celsius;
            comingDown = false;
            return current;
        }
        Duty falling = curve.dutyAt(celsius + hysteresisC);
        boolean wantsDown = mayComeDown && celsius <= setAtCelsius - hysteresisC && falling.compareTo(current) < 0;
        if (!wantsDown) {
            comingDown = false;
            return current;
        }
        if (!comingDown) {
            comingDown = true;
            comingDownSince = nanos;
        }
        if (noDelay || nanos - comingDownSince >= downDelayNanos) {
            // on the falling branch now: its duty is the curve's at celsius + hysteresis
            current = falling;
            setAtCelsius = celsius + hysteresisC;
        }
        return current;
    }

    /**
     * Records that something stronger than the curve (a safety rule, a kick) drove the fan at this
     * duty at this temperature, so that the curve comes down from there with the same hysteresis
     * instead of dropping the moment it lets go.
     */
    public void holdAt(Duty duty, double celsius) {
        if (current == null || duty.compareTo(current) >= 0) {
            current = duty;
            setAtCelsius = celsius;
            comingDown = false;
        }
    }

    /**
     * Sets the duty from outside the curve (the ceiling guard), as if set at {@code celsius} or at
     * the present setting temperature, whichever is higher. Unlike {@link #holdAt} it may lower
     * the duty.
     */
    void set(Duty duty, double celsius) {
        setAtCelsius = current == null ? celsius : Math.max(setAtCelsius, celsius);
        current = duty;
        comingDown = false;
    }

    /** The duty last decided, {@link Duty#OFF} before the first reading. */
    Duty current() {
        return current == null ? Duty.OFF : current;
    }

    public FanCurve curve() {
        return curve;
    }

    public double hysteresisC() {
        return hysteresisC;
    }
}
