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
    void aReadingThatCreptUpIsGuardedFromHalfADegreeBelowAtTheRunningDuty() {
        // a guard that rises 0.2%/s half a degree over, so the curve's duty there would show
        CeilingGuard slow = new CeilingGuard(new Ceiling(65, 0.0001, 0.012, Duration.ofSeconds(10), 3), FLOOR);
        long crept = (long) CeilingGuard.FAST_RISE_S + 1; // longer than a load step takes for half a degree
        assertNull(next(slow, 0, 63.5));
        assertNull(next(slow, 1, 64));
        assertEquals(0.46, curve.current().ratio(), 1e-12, "the curve's duty at 64 C");
        assertEquals(0.46, next(slow, 1 + crept, 64.5).ratio(), 1e-12,
                "not the curve's 48%: a warming room, held half a degree lower");
        assertTrue(slow.isActive());
        assertEquals(0.46 + 0.0001 * (1 + 1 / ACCELERATION_S), next(slow, 2 + crept, 64.5).ratio(), 1e-12);
        double held = 0;
        for (long t = 3 + crept; t <= 2 + 2 * crept; t++) {
            held = next(slow, t, 64.5).ratio();
        }
        assertTrue(held < 0.49, "still under the curve's 50% at 65 C: " + held);
        assertEquals(held + 0.002, next(slow, 3 + 2 * crept, 65).ratio(), 1e-12,
                "crept on to 65 C, half a degree over this ceiling: 20 times faster, no jump to the curve's 50%");
    }

    @Test
    void aLoadStepWhileGuardingACreepStillGetsTheCurvesDuty() {
        CeilingGuard slow = new CeilingGuard(new Ceiling(65, 0.0005, 0.012, Duration.ofSeconds(10), 3), FLOOR);
        long crept = (long) CeilingGuard.FAST_RISE_S + 1;
        next(slow, 0, 63.5);
        next(slow, 1, 64);
        assertEquals(0.46, next(slow, 1 + crept, 64.5).ratio(), 1e-12, "guarding a creep");
        assertEquals(0.6, next(slow, 2 + crept, 66).ratio(), 0.01 + 1e-12,
                "two degrees in a second: the curve's 60% at 66 C (and 1%/s on top)");
    }

    @Test
    void aReadingThatClimbedFastIsGuardedAtTheCeilingFromTheCurvesDuty() {
        at(0, 64);
        long climbed = (long) CeilingGuard.FAST_RISE_S - 1;
        assertEquals(0.48, at(1, 64.5).ratio(), 1e-12, "below the ceiling: the curve");
        assertFalse(guard.isActive());
        assertEquals(0.5, at(1 + climbed, 65).ratio(), 1e-12, "a load step: the curve's steep last degree");
    }

    /** One reading through the guard given, as {@link #at} does for {@link #guard}. */
    private Duty next(CeilingGuard given, long second, double celsius) {
        long nanos = second * SECOND;
        if (given.isActive()) {
            return given.next(celsius, nanos, true, curve, curve.current(), curve.current());
        }
        Duty running = curve.current();
        return given.next(celsius, nanos, true, curve, curve.next(celsius, nanos, true), running);
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
    void itHoldsOnBelowTheReleaseWhileTheCurveWouldRunTheFanFaster() {
        at(0, 65);
        at(1, 64.5);
        assertEquals(0.2, at(100, 64.5).ratio(), 1e-12, "trimmed to the floor: a room that cooled");
        // 61.5 C is 3.5 below the ceiling, but the curve there asks 36%: letting go would speed the fan up
        assertEquals(0.2, at(101, 61.5).ratio(), 1e-12);
        assertTrue(guard.isActive());
        assertNull(guard.next(52, 102 * SECOND, true, curve, curve.current(), curve.current()),
                "at 52 C the curve asks 6%: the guard lets go");
        assertFalse(guard.isActive());
    }

    @Test
    void belowTheReleaseAReadingThatRisesAgainGoesBackToTheCurve() {
        at(0, 65);
        at(1, 64.5);
        at(100, 64.5); // trimmed to the floor
        at(101, 61.5);
        at(102, 61);
        assertTrue(guard.isActive(), "falling: the curve would still run the fan faster");
        assertEquals(0.36, at(103, 61.5).ratio(), 1e-12, "rising again (the room warms): the curve's 36%");
        assertFalse(guard.isActive());
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Ceiling(65, -0.1, 0.1, Duration.ZERO, 3));
        assertThrows(IllegalArgumentException.class, () -> new Ceiling(65, 0.1, 0.1, Duration.ZERO, 0));
        assertThrows(IllegalArgumentException.class, () -> new Ceiling(Double.NaN, 0.1, 0.1, Duration.ZERO, 3));
        assertThrows(IllegalArgumentException.class, () -> new Ceiling(65, 0.1, 0.1, Duration.ofSeconds(-1), 3));
    }
}
