package dev.pifan.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.Duty;
import java.util.List;
import org.junit.jupiter.api.Test;

class FanCurveTest {

    private final FanCurve curve = FanCurve.of(45, 0, 50, 30, 70, 100);

    @Test
    void interpolatesLinearlyBetweenPoints() {
        assertEquals(0.30, curve.dutyAt(50).ratio(), 1e-12);
        assertEquals(0.15, curve.dutyAt(47.5).ratio(), 1e-12);
        assertEquals(0.65, curve.dutyAt(60).ratio(), 1e-12);
    }

    @Test
    void isFlatOutsideThePoints() {
        assertEquals(Duty.OFF, curve.dutyAt(-10));
        assertEquals(Duty.OFF, curve.dutyAt(45));
        assertEquals(Duty.FULL, curve.dutyAt(70));
        assertEquals(Duty.FULL, curve.dutyAt(110));
    }

    @Test
    void refusesFallingTemperatures() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FanCurve.of(45, 0, 60, 30, 58, 100));
        assertTrue(e.getMessage().contains("58.0 C must be above the previous point's 60.0 C"), e.getMessage());
    }

    @Test
    void refusesEqualTemperatures() {
        assertThrows(IllegalArgumentException.class, () -> FanCurve.of(45, 0, 45, 30));
    }

    @Test
    void refusesFallingDuties() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FanCurve.of(45, 50, 60, 30));
        assertTrue(e.getMessage().contains("must not be below"), e.getMessage());
    }

    @Test
    void refusesASinglePoint() {
        assertThrows(IllegalArgumentException.class,
                () -> new FanCurve(List.of(new FanCurve.Point(50, Duty.FULL))));
    }

    @Test
    void firstNonZeroIsWhereTheCurveLeavesZero() {
        assertEquals(45, curve.firstNonZeroCelsius());
        assertEquals(Double.NEGATIVE_INFINITY, FanCurve.of(40, 20, 60, 100).firstNonZeroCelsius());
        assertEquals(50, FanCurve.of(40, 0, 50, 0, 60, 100).firstNonZeroCelsius());
    }

    @Test
    void atAPointTheDutyIsExactlyThatPointsDuty() {
        // 0.008 + 1.0 * (0.071 - 0.008) is 0.07100000000000001 in doubles
        FanCurve tiny = new FanCurve(java.util.List.of(new FanCurve.Point(24.1, Duty.ofPercent(0.8)),
                new FanCurve.Point(25.3, Duty.ofPercent(7.1))));
        assertEquals(Duty.ofPercent(7.1), tiny.dutyAt(25.3));
    }
}
