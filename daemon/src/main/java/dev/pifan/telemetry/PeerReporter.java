package dev.pifan.telemetry;

import dev.pifan.control.Snapshot;
import dev.pifan.control.TickListener;
import dev.pifan.tray.PeerReport;
import java.util.Optional;
import java.util.UUID;

/**
 * What this node says on {@code GET /peer}: its last tick's decision as a {@link PeerReport}, under
 * an instance id drawn once per run, so that a tray node tells a restart from a repeated tick.
 * Written by the control thread, read by the HTTP threads: one volatile reference to a record.
 */
public final class PeerReporter implements TickListener {

    private final String instance;
    private volatile PeerReport last;

    PeerReporter(String instance) {
        this.instance = instance;
    }

    /** A reporter for a new run: a random instance id. */
    static PeerReporter newRun() {
        return new PeerReporter(UUID.randomUUID().toString());
    }

    @Override
    public void onTick(Snapshot s) {
        last = new PeerReport(instance, s.tick(), s.duty(), s.reason(), s.celsius(), s.decision().detail());
    }

    /** Empty before the first tick. */
    public Optional<PeerReport> last() {
        return Optional.ofNullable(last);
    }

    public String instance() {
        return instance;
    }
}
