package dev.pifan.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.Duty;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The quiet hours' cap: it holds the curve down, and every safety rule and the ceiling outrank it. */
class QuietHoursTest {

    private static final long SECOND = 1_000_000_000L;
    private static final QuietHours NIGHT = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), Duty.ofPercent(40));
    private static final FanCurve CURVE = FanCurve.of(45, 0, 50, 30, 70, 100);
    private static final FanLimits LIMITS = new FanLimits(Duty.ofPercent(25), Duty.ofPercent(35), Duration.ZERO);
    private static final SafetyLimits SAFETY = new SafetyLimits(80, 3, Duration.ofMinutes(10), Duration.ofSeconds(10));

    @Test
    void theWindowRunsFromFromUntilToAcrossMidnight() {
        assertTrue(NIGHT.covers(LocalTime.of(22, 0)));
        assertTrue(NIGHT.covers(LocalTime.of(3, 0)));
        assertFalse(NIGHT.covers(LocalTime.of(7, 0)));
        assertFalse(NIGHT.covers(LocalTime.of(12, 0)));
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0), Duty.ofPercent(40));
        assertTrue(lunch.covers(LocalTime.of(12, 30)));
        assertFalse(lunch.covers(LocalTime.of(13, 0)));
        assertFalse(lunch.covers(LocalTime.of(2, 0)));
        assertThrows(IllegalArgumentException.class, () -> new QuietHours(LocalTime.NOON, LocalTime.NOON, Duty.FULL));
    }

    /** A controller whose day starts at {@code start}, with or without a ceiling at 65 C. */
    private static PifanController controller(LocalTime start, boolean ceiling) {
        return new PifanController(CURVE, 4, LIMITS, SAFETY, new ControlTuning(Duration.ZERO,
                ceiling ? Optional.of(new Ceiling(65, 0.001, 0.001, Duration.ofMinutes(2), 3)) : Optional.empty(),
                Optional.of(NIGHT), TimeOfDay.from(start, 0)));
    }

    @Test
    void insideTheWindowTheCurveIsHeldAtTheCapAndOutsideItIsNot() {
        PifanController night = controller(LocalTime.of(23, 0), false);
        Decision capped = night.decide(Reading.of(0, 60)); // the curve asks 65%
        assertEquals(Duty.ofPercent(40), capped.duty());
        assertEquals(Reason.QUIET, capped.reason());
        assertEquals(QuietState.CAPPED, capped.quiet());
        assertEquals(0.65, capped.curveDuty().ratio(), 1e-12);
        assertEquals("quiet hours 22:00-07:00: the curve's 65% held at 40%", capped.detail());
        Decision low = night.decide(Reading.of(SECOND, 49)); // hysteresis holds 65%: still capped
        assertEquals(Duty.ofPercent(40), low.duty());

        Decision day = controller(LocalTime.of(12, 0), false).decide(Reading.of(0, 60));
        assertEquals(0.65, day.duty().ratio(), 1e-12);
        assertEquals(Reason.CURVE, day.reason());
        assertEquals(QuietState.OUTSIDE, day.quiet());

        // the window ends while it runs: 06:59:58 plus 3 s
        PifanController dawn = controller(LocalTime.of(6, 59, 58), false);
        assertEquals(Duty.ofPercent(40), dawn.decide(Reading.of(0, 60)).duty());
        assertEquals(0.65, dawn.decide(Reading.of(3 * SECOND, 60)).duty().ratio(), 1e-12);
    }

    @Test
    void aDutyUnderTheCapIsLeftAlone() {
        Decision d = controller(LocalTime.of(23, 0), false).decide(Reading.of(0, 51)); // curve 33.5%
        assertEquals(QuietState.UNDER_CAP, d.quiet());
        assertEquals(Reason.CURVE, d.reason());
        assertEquals(0.335, d.duty().ratio(), 1e-9);
    }

    @Test
    void everySafetyRuleAndTheCeilingOutrankTheCap() {
        Decision critical = controller(LocalTime.of(23, 0), false).decide(Reading.of(0, 85));
        assertEquals(Duty.FULL, critical.duty());
        assertEquals(Reason.CRITICAL, critical.reason());
        assertEquals(QuietState.OVERRIDDEN, critical.quiet());

        PifanController guarded = controller(LocalTime.of(23, 0), true);
        Decision atCeiling = guarded.decide(Reading.of(0, 66)); // a load step straight over the ceiling
        assertEquals(Reason.CEILING, atCeiling.reason());
        assertTrue(atCeiling.duty().compareTo(Duty.ofPercent(40)) > 0, atCeiling.toString());
        assertEquals(QuietState.OVERRIDDEN, atCeiling.quiet());
    }
}
