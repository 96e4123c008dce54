package dev.pifan.tray.poll;

import dev.pifan.control.Snapshot;
import dev.pifan.control.TickListener;
import dev.pifan.tray.Tray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each loss of a tray member once, and its return once, judged at each control tick from the
 * members' states at the tick's own instant: so every loss that ran the fan at full speed is
 * logged, however short. (Judged after each round of polls instead, a member lost between two
 * rounds and heard again by the next was never logged: seen in tray-test, a member killed and
 * restarted within one interval of its loss.)
 */
public final class LossLogger implements TickListener {

    // the lines keep the poller's logger, under which the docs and the tray's operators know them
    private static final Logger LOG = LoggerFactory.getLogger(TrayPoller.class);

    private final Tray tray;
    private final LossLog log;

    public LossLogger(Tray tray) {
        this.tray = tray;
        this.log = new LossLog(tray.staleAfter());
    }

    @Override
    public void onTick(Snapshot snapshot) {
        for (LossLog.Event e : log.update(tray.members(snapshot.nanos()), snapshot.nanos())) {
            if (e.lost()) {
                LOG.warn(e.text());
            } else {
                LOG.info(e.text());
            }
        }
    }
}
