package dev.pifan.cli;

import dev.pifan.hal.HalException;
import dev.pifan.hal.linux.ProcessLock;
import dev.pifan.hal.linux.TakeoverRecords;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pifan per runtime directory: the lock {@code pifan.lock} beside the takeover records, taken
 * before the board is opened, so that a second {@code pifan run} (or a {@code --once}) neither
 * writes the fan nor reads the first one's records as a crash's. The fan has its own lock too
 * (see HwmonFan); this one also covers fans that have none, and names the daemon.
 */
final class InstanceLock {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceLock.class);
    static final String NAME = "pifan";

    private InstanceLock() {
    }

    /** The lock, held until the process ends; a second pifan fails here (exit 1) saying who holds it. */
    static Optional<ProcessLock> take(TakeoverRecords records, boolean once) {
        try {
            Optional<ProcessLock> lock = records.lock(NAME);
            if (lock.isEmpty() && !once) {
                // said by the daemon only: a --once stays the one line it prints
                LOG.warn("RUNTIME_DIRECTORY is not set: no lock keeps a second pifan off this fan");
            }
            return lock;
        } catch (HalException e) {
            if (e.kind() != HalException.Kind.BUSY) {
                throw CliError.badContent(e.getMessage());
            }
            throw CliError.badContent(once
                    ? "run --once refused: a running pifan drives the fan, " + e.getMessage() + "; one tick here would"
                            + " change the fan it drives and its takeover records. Its /status shows the last tick"
                    : "another pifan runs on this fan: " + e.getMessage() + "; stop it first (systemctl stop pifan)");
        }
    }

    /** Who holds the daemon's lock, for commands that only look ({@code probe}, {@code restore}). */
    static Optional<String> holder(TakeoverRecords records) {
        return records.lockHolder(NAME);
    }
}
