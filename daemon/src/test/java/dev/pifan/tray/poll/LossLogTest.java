package dev.pifan.tray.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.control.Reason;
import dev.pifan.hal.Duty;
import dev.pifan.tray.PeerReport;
import dev.pifan.tray.Tray;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** A loss is logged once and a return once, not a line a round; a start is not a loss. */
class LossLogTest {

    private static final long SECOND = 1_000_000_000L;
    private static final Duration STALE = Duration.ofSeconds(3);
    private final Tray tray = new Tray(List.of("b2"), STALE);
    private final LossLog log = new LossLog(STALE);
    private long tick;

    private void heard(long nanos) {
        tray.heard("b2", new PeerReport("run-1", ++tick, Duty.ofPercent(30), Reason.CURVE, OptionalDouble.of(50), ""),
                nanos);
    }

    private List<LossLog.Event> at(long second) {
        return log.update(tray.members(second * SECOND), second * SECOND);
    }

    @Test
    void oneLineWhenLostAndOneWhenBackWhateverTheRoundsBetween() {
        heard(0);
        assertEquals(1, at(0).size(), "first heard");
        assertEquals(List.of(), at(1));
        assertEquals(List.of(), at(2));
        List<LossLog.Event> lost = at(3);
        assertEquals(1, lost.size());
        assertTrue(lost.get(0).lost());
        assertTrue(lost.get(0).text().startsWith("tray member b2 lost: not heard from for 3.0 s (stale after 3.0 s)"),
                lost.get(0).text());
        for (int s = 4; s < 20; s++) {
            assertEquals(List.of(), at(s), "again at " + s);
        }
        heard(20 * SECOND);
        List<LossLog.Event> back = at(20);
        assertEquals(1, back.size());
        assertTrue(!back.get(0).lost() && back.get(0).text().startsWith("tray member b2 heard from again"),
                back.get(0).text());
        assertEquals(List.of(), at(21));
    }

    @Test
    void aMemberNeverHeardIsGivenStaleAfterFromItsStartBeforeItIsCalledLost() {
        assertEquals(List.of(), at(10));
        assertEquals(List.of(), at(12));
        List<LossLog.Event> lost = at(13);
        assertEquals(1, lost.size());
        assertTrue(lost.get(0).text().contains("never heard from in 3.0 s"), lost.get(0).text());
    }
}
