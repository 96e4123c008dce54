package dev.pifan.tray.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.control.Decision;
import dev.pifan.control.Reason;
import dev.pifan.control.Snapshot;
import dev.pifan.hal.Duty;
import dev.pifan.hal.ThrottleFlags;
import dev.pifan.testing.CapturedLog;
import dev.pifan.tray.PeerReport;
import dev.pifan.tray.Tray;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LossLoggerTest {

    private static final long SECOND = 1_000_000_000L;
    private final CapturedLog captured = CapturedLog.of(TrayPoller.class);
    private final Tray tray = new Tray(List.of("m1"), Duration.ofSeconds(3));
    private final LossLogger lossLogger = new LossLogger(tray);

    @AfterEach
    void release() {
        captured.close();
    }

    private void tickAt(long nanos) {
        Decision d = tray.decide(Decision.curve(Duty.ofPercent(20)), nanos);
        lossLogger.onTick(new Snapshot(1, nanos, OptionalDouble.of(50), ThrottleFlags.NONE, OptionalInt.empty(), d, true,
                List.of(), 0));
    }

    private static PeerReport report(long tick) {
        return new PeerReport("run", tick, Duty.ofPercent(10), Reason.CURVE, OptionalDouble.of(45), "");
    }

    /** Lost at one tick, heard again before the next: the loss ran the fan full, so it is logged. */
    @Test
    void aLossAsShortAsOneTickIsLoggedOnceAndItsReturnOnce() {
        tray.heard("m1", report(1), 0);
        tickAt(SECOND);
        tickAt(3 * SECOND); // silent for stale-after: this tick runs the fan full
        tray.heard("m1", report(2), 3 * SECOND + SECOND / 2);
        tickAt(4 * SECOND);
        tickAt(5 * SECOND);
        List<String> lines = captured.lines();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("tray member m1 heard from: "), lines.get(0)); // first contact
        assertTrue(lines.get(1).startsWith("tray member m1 lost"), lines.get(1));
        assertTrue(lines.get(2).startsWith("tray member m1 heard from again"), lines.get(2));
    }
}
