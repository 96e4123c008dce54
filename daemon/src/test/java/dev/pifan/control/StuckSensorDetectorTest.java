package dev.pifan.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.Duty;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StuckSensorDetectorTest {

    private static final long SECOND = 1_000_000_000L;

    private final StuckSensorDetector detector = new StuckSensorDetector(Duration.ofMinutes(2));

    @Test
    void aFlatValueIsStuckOnceTheDutySwungAfterItAndItStayedPut() {
        detector.isStuck(56.5, Duty.ofPercent(30), 0);
        long t = 1;
        for (; t < 30; t++) {
            assertFalse(detector.isStuck(40, Duty.ofPercent(30), t * SECOND)); // stuck low; the curve holds
        }
        for (; t < 119; t++) {
            assertFalse(detector.isStuck(40, Duty.OFF, t * SECOND), "second " + t); // after the down-delay: off
        }
        assertFalse(detector.isStuck(40, Duty.OFF, 120 * SECOND), "flat for 119 s only");
        assertTrue(detector.isStuck(40, Duty.OFF, 121 * SECOND), "flat for 2 min, 30 points swung 91 s ago");
    }

    @Test
    void notBeforeTheValueStayedPutForHalfAMinuteAfterTheSwing() {
        detector.isStuck(50, Duty.ofPercent(30), 0);
        for (long t = 1; t <= 110; t++) {
            detector.isStuck(40, Duty.ofPercent(30), t * SECOND);
        }
        for (long t = 111; t < 140; t++) {
            assertFalse(detector.isStuck(40, Duty.ofPercent(60), t * SECOND), "second " + t);
        }
        assertTrue(detector.isStuck(40, Duty.ofPercent(60), 141 * SECOND));
    }

    @Test
    void theDutySetInAnswerToANewValueIsNoSwing() {
        // an idle board cools past a point, the curve stops the fan, the die creeps for minutes
        detector.isStuck(45, Duty.ofPercent(21), 0);
        detector.isStuck(44.5, Duty.ofPercent(21), SECOND);
        for (long t = 2; t < 900; t++) {
            assertFalse(detector.isStuck(44.5, Duty.OFF, t * SECOND), "second " + t);
        }
    }

    @Test
    void aDutyDriftingWithTheRoomIsNoSwing() {
        // the ceiling guard trims 25 points off over 40 minutes while the room cools: the value stays put
        detector.isStuck(63.5, Duty.ofPercent(70), 0);
        for (long t = 1; t < 2400; t++) {
            Duty trimmed = Duty.ofRatio(0.70 - 0.25 * t / 2400.0);
            assertFalse(detector.isStuck(63.5, trimmed, t * SECOND), "second " + t);
        }
    }

    @Test
    void aMovingValueStartsOver() {
        detector.isStuck(50, Duty.ofPercent(30), 0);
        for (long t = 10; t < 100; t++) {
            detector.isStuck(50, Duty.FULL, t * SECOND);
        }
        for (long t = 100; t < 200; t++) {
            assertFalse(detector.isStuck(50.5, Duty.FULL, t * SECOND), "second " + t);
        }
    }

    @Test
    void offWhenTheWindowIsZero() {
        StuckSensorDetector off = new StuckSensorDetector(Duration.ZERO);
        for (long t = 0; t < 600; t++) {
            assertFalse(off.isStuck(50, t % 60 < 30 ? Duty.OFF : Duty.FULL, t * SECOND));
        }
    }
}
