package dev.pifan.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pifan.hal.Duty;
import org.junit.jupiter.api.Test;

class HysteresisCurveTest {

    private final HysteresisCurve curve = new HysteresisCurve(FanCurve.of(45, 0, 50, 30, 70, 100), 4);

    @Test
    void followsTheCurveUpAtOnce() {
        assertEquals(0.30, curve.next(50).ratio(), 1e-12);
        assertEquals(0.65, curve.next(60).ratio(), 1e-12);
        assertEquals(1.0, curve.next(75).ratio(), 1e-12);
    }

    @Test
    void holdsInsideTheBandBelowTheSettingTemperature() {
        curve.next(60); // 65%
        assertEquals(0.65, curve.next(59).ratio(), 1e-12);
        assertEquals(0.65, curve.next(56.1).ratio(), 1e-12);
    }

    @Test
    void comesDownOnceTheTemperatureFellByTheHysteresis() {
        curve.next(60);
        assertEquals(0.51, curve.next(56).ratio(), 1e-12); // 60 - 4: follows the curve again
        // the new setting point is 56: 53 is inside its band
        assertEquals(0.51, curve.next(53).ratio(), 1e-12);
        assertEquals(0.37, curve.next(52).ratio(), 1e-12);
    }

    @Test
    void risingWithinTheBandRaisesTheSettingPoint() {
        curve.next(60);
        curve.next(58); // hold 65% (set at 60)
        curve.next(62); // up to 72%, set at 62
        assertEquals(0.72, curve.next(58.5).ratio(), 1e-12); // 58.5 > 62 - 4
        assertEquals(0.58, curve.next(58).ratio(), 1e-12);
    }

    @Test
    void holdAtMakesASafetyOverrideComeDownWithHysteresis() {
        curve.next(66); // 86%
        curve.holdAt(Duty.FULL, 66);
        assertEquals(1.0, curve.next(63).ratio(), 1e-12);
        assertEquals(0.65, curve.next(60).ratio(), 1e-12); // 66 - 4 = 62 reached
    }

    @Test
    void zeroHysteresisFollowsTheCurveBothWays() {
        HysteresisCurve plain = new HysteresisCurve(FanCurve.of(45, 0, 50, 30, 70, 100), 0);
        plain.next(60);
        assertEquals(0.615, plain.next(59).ratio(), 1e-12);
    }

    @Test
    void refusesNegativeHysteresis() {
        assertThrows(IllegalArgumentException.class, () -> new HysteresisCurve(FanCurve.of(40, 0, 60, 100), -1));
        assertThrows(IllegalArgumentException.class,
                () -> new HysteresisCurve(FanCurve.of(40, 0, 60, 100), Double.NaN));
    }
}
