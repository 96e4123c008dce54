package dev.pifan.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.control.Decision;
import dev.pifan.control.Reason;
import dev.pifan.hal.Duty;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class TrayTest {

    static final long SECOND = 1_000_000_000L;
    private final Tray tray = new Tray(List.of("b1", "b2"), Duration.ofSeconds(6));
    private final Decision own = Decision.curve(Duty.ofPercent(30));

    static PeerReport asks(String instance, long tick, double percent) {
        return new PeerReport(instance, tick, Duty.ofPercent(percent), Reason.CURVE, OptionalDouble.of(55), "");
    }

    @Test
    void membersNeverHeardFromCountAsHot() {
        Decision d = tray.decide(own, 0);
        assertEquals(Reason.PEER_LOST, d.reason());
        assertEquals(Duty.FULL, d.duty());
        assertTrue(d.detail().contains("b1 not heard from yet"), d.detail());
    }

    @Test
    void theFanRunsAtTheNeediestRequest() {
        tray.heard("b1", asks("x", 1, 20), 0);
        tray.heard("b2", asks("y", 1, 55), 0);
        Decision d = tray.decide(own, SECOND);
        assertEquals(Reason.PEER, d.reason());
        assertEquals(Duty.ofPercent(55), d.duty());
        assertTrue(d.detail().contains("b2 asks for 55%"), d.detail());
    }

    @Test
    void theNodesOwnDecisionStandsWhenNoMemberNeedsMore() {
        tray.heard("b1", asks("x", 1, 20), 0);
        tray.heard("b2", asks("y", 1, 30), 0);
        assertEquals(own, tray.decide(own, SECOND));
    }

    @Test
    void aMemberSilentForStaleAfterCountsAsHotAndComesBackWithItsNextReport() {
        tray.heard("b1", asks("x", 1, 20), 0);
        tray.heard("b2", asks("y", 1, 20), 0);
        assertEquals(own, tray.decide(own, 6 * SECOND - 1));
        Decision lost = tray.decide(own, 6 * SECOND);
        assertEquals(Reason.PEER_LOST, lost.reason());
        assertTrue(lost.detail().contains("not heard from for 6.0 s"), lost.detail());
        tray.heard("b1", asks("x", 2, 20), 7 * SECOND);
        tray.heard("b2", asks("y", 2, 20), 7 * SECOND);
        assertEquals(own, tray.decide(own, 7 * SECOND));
    }

    @Test
    void theSameTickAgainIsNoNews() {
        tray.heard("b1", asks("x", 1, 20), 0);
        tray.heard("b2", asks("y", 1, 20), 0);
        for (long s = 1; s <= 6; s++) {
            tray.heard("b2", asks("y", 1, 20), s * SECOND); // answers, but its loop has hung
            tray.heard("b1", asks("x", 1 + s, 20), s * SECOND);
        }
        Decision d = tray.decide(own, 6 * SECOND);
        assertEquals(Reason.PEER_LOST, d.reason());
        assertTrue(d.detail().contains("b2") && d.detail().contains("the same tick 1 again"), d.detail());
    }

    @Test
    void aRestartedMemberIsNewsEvenWithALowerTick() {
        tray.heard("b1", asks("x", 900, 20), 0);
        tray.heard("b1", asks("x2", 1, 20), 7 * SECOND);
        tray.heard("b2", asks("y", 1, 20), 7 * SECOND);
        assertEquals(own, tray.decide(own, 7 * SECOND));
    }

    @Test
    void failedPollsTeachNothingButAreShown() {
        tray.heard("b1", asks("x", 1, 20), 0);
        tray.heard("b2", asks("y", 1, 20), 0);
        tray.failed("b2", "answer is not JSON: <html>");
        assertEquals(own, tray.decide(own, 5 * SECOND), "the last good request holds until stale-after");
        tray.heard("b1", asks("x", 2, 20), 5 * SECOND);
        Decision d = tray.decide(own, 6 * SECOND);
        assertEquals(Reason.PEER_LOST, d.reason());
        assertTrue(d.detail().contains("answer is not JSON"), d.detail());
    }

    @Test
    void aMembersSafetyRuleRunsTheSharedFanFull() {
        tray.heard("b1", new PeerReport("x", 1, Duty.FULL, Reason.SENSOR_FAILURE, OptionalDouble.empty(),
                "temperature unreadable 3 times in a row"), 0);
        tray.heard("b2", asks("y", 1, 20), 0);
        Decision d = tray.decide(own, SECOND);
        assertEquals(Reason.PEER_SAFETY, d.reason());
        assertEquals(Duty.FULL, d.duty());
        assertTrue(d.detail().contains("b1: sensor_failure (temperature unreadable"), d.detail());
    }

    @Test
    void theNodesOwnSafetyReasonOutranksTheTray() {
        Decision critical = new Decision(Duty.FULL, Duty.ofPercent(90), Reason.CRITICAL, "81 C");
        assertEquals(critical, tray.decide(critical, 0));
    }

    @Test
    void aMemberThatJoinsCountsAsLostUntilHeardAndOneThatLeftIsForgotten() {
        tray.heard("b1", asks("x", 1, 20), 0);
        tray.heard("b2", asks("y", 1, 20), 0);
        tray.setMembers(List.of("b1", "b3"));
        Decision joined = tray.decide(own, SECOND);
        assertEquals(Reason.PEER_LOST, joined.reason());
        assertTrue(joined.detail().contains("b3 not heard from yet"), joined.detail());
        tray.heard("b3", asks("z", 1, 20), SECOND);
        assertEquals(own, tray.decide(own, SECOND), "b2 left the tray: its silence no longer counts");
        assertEquals(List.of("b1", "b3"), tray.memberNames());
    }

    @Test
    void aTrayWhoseMembersAllLeftIsThisNodeAlone() {
        tray.heard("b1", asks("x", 1, 90), 0);
        tray.setMembers(List.of());
        assertEquals(own, tray.decide(own, SECOND));
        assertEquals(own, new Tray(List.of(), Duration.ofSeconds(1)).decide(own, 0));
    }

    @Test
    void wrongMembersAndTraysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> tray.heard("b9", asks("z", 1, 20), 0));
        assertThrows(IllegalArgumentException.class, () -> new Tray(List.of("a", "a"), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Tray(List.of("a"), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new PeerReport("x", 1, Duty.ofPercent(50),
                Reason.THROTTLING, OptionalDouble.of(80), ""));
    }
}
