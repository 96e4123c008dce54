package dev.pifan.tray;

import dev.pifan.control.Controller;
import dev.pifan.control.Decision;
import dev.pifan.control.FanLimits;
import dev.pifan.control.Reading;
import dev.pifan.control.Reason;
import dev.pifan.hal.Duty;

/**
 * The tray node's controller: its own board's controller, then the tray's rule on top. The inner
 * controller is told when the tray ran the fan faster than it asked, so that its stall rule and
 * kick-start judge the duty the fan really runs at.
 *
 * <p>A member's request is a duty of the fan as that member's config describes it; the fan is this
 * node's. So a member's request is held to this node's fan limits: raised to the start duty when
 * it would start a stopped fan (for a tick: a kick as long as the control interval), and to the
 * minimum duty while the fan runs. A member configured for another fan can then ask too little,
 * never for a duty at which this fan cannot turn.
 */
public final class TrayController implements Controller {

    private final Controller own;
    private final Tray tray;
    private final FanLimits limits;
    private Duty last = Duty.OFF;

    /** @param limits this node's fan limits: the tray fan's */
    public TrayController(Controller own, Tray tray, FanLimits limits) {
        this.own = own;
        this.tray = tray;
        this.limits = limits;
    }

    @Override
    public String name() {
        return own.name() + "+tray";
    }

    public Tray tray() {
        return tray;
    }

    @Override
    public Decision decide(Reading reading) {
        Decision mine = own.decide(reading);
        Decision shared = tray.decide(mine, reading.nanos());
        if (shared.reason() == Reason.PEER) {
            Duty least = last.isOff() ? limits.startDuty() : limits.minDuty();
            if (shared.duty().compareTo(least) < 0) {
                shared = new Decision(least, shared.curveDuty(), shared.reason(), shared.detail() + ", raised to "
                        + least + (last.isOff() ? ", the fan's start duty" : ", the fan's minimum duty"),
                        shared.quiet());
            }
        }
        if (shared.duty().compareTo(mine.duty()) > 0) {
            own.drivenAt(shared.duty());
        }
        last = shared.duty();
        return shared;
    }

    @Override
    public void drivenAt(Duty duty) {
        own.drivenAt(duty);
    }
}
