package dev.pifan.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClimbTimerTest {

    private static final long SECOND = 1_000_000_000L;
    private final ClimbTimer timer = new ClimbTimer();

    private void read(long second, double celsius) {
        timer.record(celsius, second * SECOND);
    }

    @Test
    void aHalfDegreeSensorsClimbIsTheTimeOnTheStepBelow() {
        read(0, 64);
        read(10, 64.5);
        read(200, 64.5);
        read(201, 65); // 64.5 from 10 s to 201 s: 191 s for the last half degree
        assertTrue(timer.creptUp(191));
        assertFalse(timer.creptUp(192));
        read(250, 65);
        assertTrue(timer.creptUp(191), "holding the reading changes nothing");
    }

    @Test
    void aFineSensorsClimbReadsTheSame() {
        // 0.5 C in 150 s, read every second in millidegrees
        for (long t = 0; t <= 400; t++) {
            read(t, 60 + Math.round(t * 0.5 / 150 * 1000) / 1000.0);
        }
        assertTrue(timer.creptUp(140));
        assertFalse(timer.creptUp(160));
    }

    @Test
    void aFastClimbAFallAndAJumpAreNoCreep() {
        read(0, 60);
        read(30, 60.5);
        read(60, 61);
        assertFalse(timer.creptUp(31), "half a degree in 30 s");
        read(500, 60.5);
        assertFalse(timer.creptUp(0), "the last change went down");
        read(900, 61.5);
        assertFalse(timer.creptUp(1), "a degree at once took no time");
    }

    @Test
    void aClimbItDidNotSeeBeginCountsAsFast() {
        read(0, 64.5);
        read(1000, 65);
        assertFalse(timer.creptUp(1), "just started: nothing known below 64.5");
        // 64 changes within the half degree push the last reading below it out of memory
        read(2000, 64);
        for (int i = 0; i < 64; i++) {
            read(2001 + i, i % 2 == 0 ? 64.5 : 64.75);
        }
        read(3000, 65);
        assertFalse(timer.creptUp(1));
    }
}
