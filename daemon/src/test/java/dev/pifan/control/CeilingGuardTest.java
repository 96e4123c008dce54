package dev.pifan.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.Duty;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CeilingGuardTest {

    private static final long SECOND = 1_000_000_000L;
    /** 0.6%/s up, 1.2%/s down after 10 s below, released 3 C below a 65 C ceiling. */
    private static final Ceiling CEILING = new Ceiling(65, 0.006, 0.012, Duration.ofSeconds(10), 3);
    private static final Duty FLOOR = Duty.ofPercent(20);
    private static final double ACCELERATION_S = CeilingGuard.ACCELERATION_S;

    private final HysteresisCurve curve = new HysteresisCurve(FanCurve.of(50, 0, 60, 30, 65, 50, 70, 100), 4);
    private final CeilingGuard guard = new CeilingGuard(CEILING, FLOOR);

    private Duty at(long second, double celsius) {
        return at(second, celsius, true);
    }

    /** As PifanController asks: the active guard first, else the curve and then the guard. */
    private Duty at(long second, double celsius, boolean mayFall) {
        long nanos = second * SECOND;
        Duty duty = guard.isActive() ? guard.next(celsius, nanos, mayFall, curve, curve.current(), curve.current()) : null;
        if (duty == null) {
            Duty running = curve.current();
            duty = curve.next(celsius, nanos, mayFall);
            Duty fromGuard = guard.next(celsius, nanos, mayFall, curve, duty, running);
            duty = fromGuard == null ? duty : fromGuard;
        }
        return duty;
    }

    @Test
    void belowTheCeilingTheCurveDecides() {
        assertNull(guard.next(64.5, 0, true, curve, curve.next(64.5), Duty.OFF));
        assertFalse(guard.isActive());
    }

    @Test
    void atTheCeilingTheDutyRisesSlowlyFromTheCurves() {
        assertEquals(0.5, at(0, 65).ratio(), 1e-12, "takes over at the curve's duty");
        assertTrue(guard.isActive());
        double afterOne = 0.5 + 0.006 * (1 + 1 / ACCELERATION_S);
        assertEquals(afterOne, at(1, 65).ratio(), 1e-12);
        double afterTen = afterOne + 0.006 * (1 + 10 / ACCELERATION_S) * 9;
        assertEquals(afterTen, at(10, 65).ratio(), 1e-12);
        assertEquals(afterTen, curve.current().ratio(), 1e-12, "the curve holds the guard's duty");
    }

    @Test
    void theRiseGrowsTheLongerTheReadingStaysAtTheCeilingAndStartsOverAfterADip() {
        at(0, 65);
        double before = at(29, 65).ratio();
        double after = at(30, 65).ratio();
        assertEquals(0.006 * (1 + 30 / ACCELERATION_S), after - before, 1e-12);
        double dipped = at(31, 64.5).ratio(); // below: no fall before settle, and the stretch ends
        assertEquals(after, dipped, 1e-12);
        assertEquals(dipped + 0.006, at(32, 65).ratio(), 1e-12, "a new stretch at the ceiling starts at the base rate");
    }

    @Test
    void aReadingThatCreptUpToTheCeilingStartsTheGuardAtTheRunningDuty() {
        assertEquals(0.48, at(0, 64.5).ratio(), 1e-12);
        long crept = (long) CeilingGuard.FAST_RISE_S + 1; // longer than a load step at the half degree below
        assertEquals(0.48, at(crept, 64.5).ratio(), 1e-12);
        assertEquals(0.48, at(crept + 1, 65).ratio(), 1e-12, "not the curve's 50%: a warming room, no overshoot");
        assertTrue(guard.isActive());
    }

    @Test
    void aReadingThatClimbedFastStartsTheGuardAtTheCurvesDuty() {
        at(0, 64.5);
        long climbed = (long) CeilingGuard.FAST_RISE_S - 1;
        assertEquals(0.5, at(climbed, 65).ratio(), 1e-12, "a load step: the curve's steep last degree");
    }

    @Test
    void halfADegreeOverItJumpsToTheCurveAndRisesTwentyTimesFaster() {
        at(0, 65);
        assertEquals(0.55 + 20 * 0.006, at(1, 65.5).ratio(), 1e-12, "at least the curve's 55%, then 12%/s");
    }

    @Test
    void belowItTheDutyFallsAfterSettlingButNeverBelowTheFloor() {
        at(0, 65);
        at(1, 64.5); // below from here
        assertEquals(0.5, at(10, 64.5).ratio(), 1e-12, "not before settle");
        assertEquals(0.5 - 0.012, at(11, 64.5).ratio(), 1e-12);
        assertEquals(0.5 - 0.012 - 0.012 * 10, at(21, 64.5).ratio(), 1e-12);
        assertEquals(0.2, at(100, 64.5).ratio(), 1e-12, "the floor: min-duty");
    }

    @Test
    void itDoesNotFallWhileTheBoardWarmsBackUpOrWhileItMayNot() {
        at(0, 65);
        at(1, 64);
        double held = at(20, 64.5).ratio(); // above its lowest since it went below: warming up
        assertEquals(0.5, held, 1e-12);
        assertEquals(0.5, at(30, 64, false).ratio(), 1e-12, "under-voltage: no fall");
        assertEquals(0.5, at(31, 64).ratio(), 1e-12, "and settle starts again after it");
        assertEquals(0.5, at(40, 64).ratio(), 1e-12);
        assertEquals(0.5 - 0.012, at(41, 64).ratio(), 1e-12);
    }

    @Test
    void releaseBelowHandsTheDutyBackToTheCurveWithItsHysteresis() {
        at(0, 65);
        assertEquals(0.5 + 0.006 * (1 + 20 / ACCELERATION_S) * 20, at(20, 65).ratio(), 1e-12);
        assertNull(guard.next(61.5, 21 * SECOND, true, curve, curve.current(), curve.current()));
        assertFalse(guard.isActive());
        // the curve comes down from the guard's 62.8% along its falling branch: 61.5 + 4 = 65.5, 55%
        assertEquals(0.55, curve.next(61.5).ratio(), 1e-12);
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Ceiling(65, -0.1, 0.1, Duration.ZERO, 3));
        assertThrows(IllegalArgumentException.class, () -> new Ceiling(65, 0.1, 0.1, Duration.ZERO, 0));
        assertThrows(IllegalArgumentException.class, () -> new Ceiling(Double.NaN, 0.1, 0.1, Duration.ZERO, 3));
        assertThrows(IllegalArgumentException.class, () -> new Ceiling(65, 0.1, 0.1, Duration.ofSeconds(-1), 3));
    }
}
