package dev.pifan.control;

import dev.pifan.hal.Duty;
import java.util.OptionalInt;

/**
 * Keeps the curve from rising past what the board needs: the fan speed at which, by the board's
 * {@link HeatObserver}, the die would settle half a degree under the ceiling at the heat it makes
 * now, plus a cushion for what the model gets wrong.
 *
 * <p>A curve maps a temperature to a duty as if the board had settled there; on the way up after
 * a load step it has not, and a steep curve climbs to far more fan than the board will need once it
 * settles (a Pi 5 at full load climbs to 64% at 63.7 °C, then settles at 61 °C where 45% would have
 * held 64.5 °C). The curve may still rise as far as this limit, never fall because of it (a
 * limit that moved with every estimate would make the fan hunt). Where the model says the board
 * needs no fan at all, the curve does not start a stopped fan (a board idling a little above the
 * curve's first point would otherwise start and stop it all day), unless the board is too warm to
 * take a step to full load without it. Nor is the curve held below the speed at which the fan
 * becomes audible, where holding it would cost safety margin and save no noise. The ceiling guard
 * still takes over at the ceiling, whatever the model said.
 *
 * <p>Not thread-safe: one control thread calls it.
 */
final class NeedLimit {

    /** The die is held this far under the ceiling: the sensor's quantum. */
    static final double MARGIN_C = 0.5;
    /**
     * A stopped fan the board does not need stays stopped only while a step to full load would
     * leave the die this far under the ceiling: the heatsink warms while the fan spins up, and
     * the model's heat is an estimate.
     */
    static final double READY_MARGIN_C = 3.0;
    /** The limit sits this far (in duty) above the model's need: what a board's spread costs. */
    static final double CUSHION = 0.05;

    private final ThermalModel model;
    private final HeatObserver observer;
    private final double holdC;
    private final double readyC;
    private boolean fanStill;

    NeedLimit(ThermalModel model, double ceilingC) {
        this.model = model;
        this.observer = new HeatObserver(model);
        this.holdC = ceilingC - MARGIN_C;
        this.readyC = ceilingC - READY_MARGIN_C;
    }

    /**
     * One reading, with the fan's speed from its tachometer. Without one there is no limit: the
     * model must know how fast the fan really turns, and a fan without a tachometer may have
     * stopped below a duty pifan believes it turns at (only its start duty would bring it back).
     */
    void observe(double celsius, long nanos, OptionalInt rpm) {
        if (rpm.isPresent()) {
            observer.observe(celsius, nanos, Math.min(1, rpm.getAsInt() / model.rpmMax()));
            fanStill = rpm.getAsInt() < SafetyRules.STALLED_BELOW_RPM;
        }
    }

    /**
     * The curve's duty, held to the limit where it rose past it.
     *
     * @param rising the curve's duty for this reading
     * @param running the duty the curve ran before it
     * @param floor the fan's minimum duty
     */
    Duty limit(Duty rising, Duty running, Duty floor) {
        if (rising.compareTo(running) <= 0 || !observer.started()) {
            return rising;
        }
        double need = observer.speedToHold(holdC);
        if (need == 0) {
            // no fan needed: a fan the tachometer shows still stays still, unless a load step would
            // make the die jump to within READY_MARGIN_C of the ceiling. A fan that turns at the
            // start is left to the curve: something that may know the load set it going, and the
            // observer's first estimate assumed an idle board
            return running.isOff() && fanStill && observer.readyForFullLoad(readyC) ? Duty.OFF : rising;
        }
        // below the speed at which the fan becomes audible a limit would save no noise
        double most = Math.min(1, Math.max(need + CUSHION, model.inaudibleBelow()));
        Duty limit = Duty.ofRatio(most).max(floor).max(running);
        return rising.compareTo(limit) > 0 ? limit : rising;
    }
}
