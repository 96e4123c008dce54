package dev.pifan.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pifan.hal.Duty;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HysteresisCurveTest {

    private static final long SECOND = 1_000_000_000L;

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
    void comesDownAlongTheFallingBranchOnceTheTemperatureFellByTheHysteresis() {
        curve.next(60);
        // 60 - 4 reached, but the falling branch (the curve 4 C to the left) is still at 65% there
        assertEquals(0.65, curve.next(56).ratio(), 1e-12);
        assertEquals(0.6325, curve.next(55.5).ratio(), 1e-12); // the curve's duty at 59.5
        assertEquals(0.6325, curve.next(55.5).ratio(), 1e-12); // and it stays there
        assertEquals(0.51, curve.next(52).ratio(), 1e-12); // the curve's duty at 56, not at 52
        assertEquals(0.51, curve.next(55).ratio(), 1e-12); // warming a little: holds, no hunting
        assertEquals(0.545, curve.next(57).ratio(), 1e-12); // above the falling branch's 56: back up to the rising one
    }

    @Test
    void risingWithinTheBandRaisesTheSettingPoint() {
        curve.next(60);
        curve.next(58); // hold 65% (set at 60)
        curve.next(62); // up to 72%, set at 62
        assertEquals(0.72, curve.next(58.5).ratio(), 1e-12); // 58.5 > 62 - 4
        assertEquals(0.72, curve.next(58).ratio(), 1e-12); // 62 - 4, the falling branch is at 72% there
        assertEquals(0.7025, curve.next(57.5).ratio(), 1e-12);
    }

    @Test
    void holdAtMakesASafetyOverrideComeDownWithHysteresis() {
        curve.next(66); // 86%
        curve.holdAt(Duty.FULL, 66);
        assertEquals(1.0, curve.next(63).ratio(), 1e-12);
        assertEquals(0.79, curve.next(60).ratio(), 1e-12); // 66 - 4 = 62 reached: the falling branch at 60
    }

    @Test
    void downDelayHoldsTheDutyUntilTheTemperatureStayedLowThatLong() {
        HysteresisCurve delayed = new HysteresisCurve(FanCurve.of(45, 0, 50, 30, 70, 100), 4, Duration.ofSeconds(60));
        assertEquals(0.65, delayed.next(60, 0, true).ratio(), 1e-12);
        assertEquals(0.65, delayed.next(50, SECOND, true).ratio(), 1e-12);
        assertEquals(0.65, delayed.next(50, 30 * SECOND, true).ratio(), 1e-12);
        assertEquals(0.65, delayed.next(57, 31 * SECOND, true).ratio(), 1e-12, "back in the band: the wait restarts");
        assertEquals(0.65, delayed.next(50, 32 * SECOND, true).ratio(), 1e-12);
        assertEquals(0.65, delayed.next(50, 91 * SECOND, true).ratio(), 1e-12);
        assertEquals(0.44, delayed.next(50, 92 * SECOND, true).ratio(), 1e-12, "60 s low: down to the curve at 54");
    }

    @Test
    void aDutyThatMayNotComeDownHoldsAndItsWaitStartsAfterwards() {
        HysteresisCurve delayed = new HysteresisCurve(FanCurve.of(45, 0, 50, 30, 70, 100), 4, Duration.ofSeconds(10));
        delayed.next(60, 0, true);
        for (int s = 1; s <= 100; s++) {
            assertEquals(0.65, delayed.next(50, s * SECOND, false).ratio(), 1e-12, "second " + s);
        }
        assertEquals(0.65, delayed.next(50, 101 * SECOND, true).ratio(), 1e-12);
        assertEquals(0.44, delayed.next(50, 111 * SECOND, true).ratio(), 1e-12);
    }

    @Test
    void goingUpIsNeverDelayed() {
        HysteresisCurve delayed = new HysteresisCurve(FanCurve.of(45, 0, 50, 30, 70, 100), 4, Duration.ofMinutes(10));
        delayed.next(50, 0, true);
        assertEquals(0.65, delayed.next(60, SECOND, false).ratio(), 1e-12);
    }

    @Test
    void zeroHysteresisFollowsTheCurveBothWays() {
        HysteresisCurve plain = new HysteresisCurve(FanCurve.of(45, 0, 50, 30, 70, 100), 0);
        plain.next(60);
        assertEquals(0.615, plain.next(59).ratio(), 1e-12);
    }

    @Test
    void refusesNegativeHysteresisAndDelay() {
        assertThrows(IllegalArgumentException.class, () -> new HysteresisCurve(FanCurve.of(40, 0, 60, 100), -1));
        assertThrows(IllegalArgumentException.class,
                () -> new HysteresisCurve(FanCurve.of(40, 0, 60, 100), Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> new HysteresisCurve(FanCurve.of(40, 0, 60, 100), 4, Duration.ofSeconds(-1)));
    }
}
