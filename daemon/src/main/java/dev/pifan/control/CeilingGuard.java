package dev.pifan.control;

import dev.pifan.hal.Duty;
import java.time.Duration;
import java.util.Locale;

/**
 * Holds the temperature at a ceiling with the least fan that does it.
 *
 * <p>A fan curve alone cannot be both quiet and safe at the top: steep, it overshoots in duty (and
 * noise) whenever the board settles a little below a curve point; shallow, it lets a hot room
 * carry the board past the ceiling. So once the reading reaches the ceiling, the guard takes the
 * duty over from the curve and trims it in small steps:
 * <ul>
 *   <li>a reading that climbed its last half degree fast (in less than {@value #FAST_RISE_S} s:
 *       a die warming faster than 15 C an hour is a load step, no room warms that fast) is
 *       guarded from the ceiling on, starting at the curve's duty, which the curve's steep last
 *       degree is there for;</li>
 *   <li>a reading that crept up (a warming room, a settling heatsink) is guarded from
 *       {@value #CREEP_MARGIN_C} C below the ceiling on, starting at the duty that was running: the
 *       heatsink lags minutes behind a change of duty, so in a room warming by 10 C an hour a guard
 *       that started at the ceiling would be too late to keep the die under it, and one that
 *       started at the curve's duty would overshoot and have to come back down (the rules below then
 *       hold the reading at that lower ceiling);</li>
 *   <li>at or above the ceiling, the duty rises by {@code rise} per second, and faster the longer
 *       the reading stays there: by {@code rise} more every {@value #ACCELERATION_S} s, since a
 *       reading that does not come down under a rising duty means the room is warming;</li>
 *   <li>half a degree or more above it, the duty rises {@value #OVER_FACTOR} times faster, and
 *       after a load step (into the guard, or since) first jumps to at least the curve's; not
 *       while the reading keeps creeping, where the curve's duty is far more than a warming room
 *       needs: it would overshoot and hunt;</li>
 *   <li>below the ceiling, once the reading has stayed below it for {@code settle}, the duty
 *       falls by {@code fall} per second (never below the fan's minimum duty), so the board warms
 *       back up to the ceiling as quietly as it can;</li>
 *   <li>not while under-voltage holds the duty ({@code mayFall} false);</li>
 *   <li>when the reading drops {@code release} below the ceiling (the load went away), the guard
 *       lets go and the curve with its hysteresis takes over from the duty the guard left; but
 *       not while the curve would run the fan faster than the guard does and the reading is
 *       falling (a room cooling under load, where the guard trimmed below the curve): a fan that
 *       speeds up because the board got cooler is a reversal for nothing. Once the reading rises
 *       again, the curve takes over.</li>
 * </ul>
 *
 * <p>The steps are small on purpose: the heatsink answers a change of duty over minutes, so a
 * guard that moved faster would overshoot and hunt around the ceiling. And it falls faster than
 * it rises, so the board sits just at the ceiling rather than a degree below it, which is where
 * the noise is saved (half a degree is some 4% of duty at full load).
 * Not thread-safe: one control thread calls it.
 */
final class CeilingGuard {

    /** How many times faster the duty rises once the reading is half a degree over the ceiling. */
    static final double OVER_FACTOR = 20;
    /** Over the ceiling by this much, the duty jumps to at least the curve's. */
    static final double OVER_MARGIN_C = 0.5;
    /**
     * The rise grows by its base rate for every this many seconds at the ceiling. In a steady room
     * a small rise brings the reading back below within minutes; in a room warming by 3 C an hour,
     * the base rate cannot keep up and the board would sit a quarter degree over the ceiling.
     */
    static final double ACCELERATION_S = 300;
    /** A reading that climbed its last half degree in less than this came with a load step. */
    static final double FAST_RISE_S = 120;
    /** A reading that crept up is guarded from this far below the ceiling. */
    static final double CREEP_MARGIN_C = 0.5;

    private final Ceiling settings;
    private final Duty floor;
    private final long settleNanos;
    private boolean active;
    private double duty;
    private long lastNanos;
    private boolean below;
    private long belowSince;
    private double lowestBelowC;
    private boolean atCeiling;
    private long atCeilingSince;
    private boolean creptIn; // this activation began with a creep: its ceiling is half a degree lower
    private final ClimbTimer climb = new ClimbTimer();

    /** @param floor the lowest duty the guard sets: the fan's minimum duty */
    CeilingGuard(Ceiling settings, Duty floor) {
        this.settings = settings;
        this.floor = floor;
        this.settleNanos = settings.settle().toNanos();
    }

    boolean isActive() {
        return active;
    }

    /** Lets go, as after a safety override: the curve, which holds full speed, takes over. */
    void reset() {
        active = false;
    }

    /**
     * One reading. Returns the guard's duty when it holds the duty (and has set it into the
     * curve), or null when the curve decides.
     *
     * @param curveDuty the curve's duty for this reading
     * @param runningDuty the duty the curve ran before this reading
     */
    Duty next(double celsius, long nanos, boolean mayFall, HysteresisCurve curve, Duty curveDuty, Duty runningDuty) {
        climb.record(celsius, nanos);
        boolean crept = climb.creptUp(FAST_RISE_S);
        if (active && celsius < settings.atC() - settings.releaseC()
                && (curve.curve().dutyAt(celsius).ratio() <= duty || climb.rising())) {
            active = false;
            // back to the curve, coming down from here with its hysteresis and down-delay
            curve.set(Duty.ofRatio(duty), celsius + curve.hysteresisC());
            return null;
        }
        if (!active) {
            if (celsius < settings.atC() && !(crept && celsius >= settings.atC() - CREEP_MARGIN_C)) {
                return null;
            }
            active = true;
            creptIn = crept;
            duty = crept ? Math.max(runningDuty.ratio(), floor.ratio()) : curveDuty.ratio();
            below = false;
            atCeiling = false;
            lastNanos = nanos;
        }
        double at = creptIn ? settings.atC() - CREEP_MARGIN_C : settings.atC();
        double seconds = Math.max(0, nanos - lastNanos) / 1e9;
        lastNanos = nanos;
        if (celsius < at || celsius >= at + OVER_MARGIN_C) {
            atCeiling = false;
        }
        if (celsius >= at + OVER_MARGIN_C) {
            // a load step carried it over (into the guard, or now): the curve's steep top is there
            // for that; a room that keeps creeping gets the fast rise alone
            if (!creptIn || !crept) {
                duty = Math.max(duty, curve.curve().dutyAt(celsius).ratio());
            }
            duty += settings.risePerSecond() * OVER_FACTOR * seconds;
            below = false;
        } else if (celsius >= at) {
            if (!atCeiling) {
                atCeiling = true;
                atCeilingSince = nanos;
            }
            below = false;
            double atCeilingS = (nanos - atCeilingSince) / 1e9;
            duty += settings.risePerSecond() * (1 + atCeilingS / ACCELERATION_S) * seconds;
        } else if (mayFall) {
            if (!below) {
                below = true;
                belowSince = nanos;
                lowestBelowC = celsius;
            }
            lowestBelowC = Math.min(lowestBelowC, celsius);
            // not while the board warms back up: that is the need growing, and falling now would
            // only have to be undone (in a warming room it would hunt)
            if (nanos - belowSince >= settleNanos && celsius <= lowestBelowC) {
                duty -= settings.fallPerSecond() * seconds;
            }
        } else {
            below = false;
        }
        duty = Math.max(floor.ratio(), Math.min(1.0, duty));
        Duty result = Duty.ofRatio(duty);
        curve.set(result, celsius);
        return result;
    }
}
