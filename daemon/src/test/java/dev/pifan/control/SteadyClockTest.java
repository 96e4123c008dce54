package dev.pifan.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SteadyClockTest {

    private static final long SECOND = 1_000_000_000L;
    private long source = 5 * SECOND;
    private final SteadyClock clock = new SteadyClock(() -> source, Duration.ofSeconds(3));

    @Test
    void followsTheSourceWhileItBehaves() {
        long start = clock.nanos();
        source += SECOND;
        assertEquals(start + SECOND, clock.nanos());
        source += 2 * SECOND;
        assertEquals(start + 3 * SECOND, clock.nanos());
    }

    @Test
    void aStepBackwardsStandsStillThenGoesOn() {
        long start = clock.nanos();
        source -= 3600 * SECOND;
        assertEquals(start, clock.nanos());
        source += SECOND;
        assertEquals(start + SECOND, clock.nanos());
    }

    @Test
    void aStepForwardsCountsAtMostTheMaxStep() {
        long start = clock.nanos();
        source += 3600 * SECOND;
        assertEquals(start + 3 * SECOND, clock.nanos());
        source += SECOND;
        assertEquals(start + 4 * SECOND, clock.nanos());
    }

    @Test
    void refusesANonPositiveMaxStep() {
        assertThrows(IllegalArgumentException.class, () -> new SteadyClock(() -> 0, Duration.ZERO));
    }
}
