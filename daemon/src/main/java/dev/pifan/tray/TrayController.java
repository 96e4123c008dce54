package dev.pifan.tray;

import dev.pifan.control.Controller;
import dev.pifan.control.Decision;
import dev.pifan.control.Reading;
import dev.pifan.hal.Duty;

/**
 * The tray node's controller: its own board's controller, then the tray's rule on top. The inner
 * controller is told when the tray ran the fan faster than it asked, so that its stall rule and
 * kick-start judge the duty the fan really runs at.
 */
public final class TrayController implements Controller {

    private final Controller own;
    private final Tray tray;

    public TrayController(Controller own, Tray tray) {
        this.own = own;
        this.tray = tray;
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
        if (shared.duty().compareTo(mine.duty()) > 0) {
            own.drivenAt(shared.duty());
        }
        return shared;
    }

    @Override
    public void drivenAt(Duty duty) {
        own.drivenAt(duty);
    }
}
