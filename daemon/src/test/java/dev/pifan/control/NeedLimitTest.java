package dev.pifan.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pifan.config.ProfileDefaults;
import dev.pifan.hal.Duty;
import dev.pifan.hal.sim.BoardProfile;
import dev.pifan.hal.sim.Plant;
import dev.pifan.hal.sim.SecondInputs;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class NeedLimitTest {

    private static final BoardProfile PI5 = BoardProfile.PI5_ACTIVE_COOLER;
    private static final ThermalModel MODEL = ProfileDefaults.thermalModel(PI5);
    private static final Duty FLOOR = Duty.ofPercent(16);

    /**
     * A limit that has watched the plant in a 25 °C room go from idle to {@code load} at 60 s, the
     * fan at 30% and from 900 s at 70% (at one speed alone the heat and the room cannot be told
     * apart: HeatObserverTest).
     */
    private static NeedLimit watched(double load) {
        return watched(load, 25, MODEL);
    }

    private static NeedLimit watched(double load, double roomC, ThermalModel model) {
        NeedLimit limit = new NeedLimit(model, 65);
        Plant plant = Plant.steadyState(PI5, 0.05, roomC);
        for (int s = 0; s < 3600; s++) {
            plant = plant.firmware(false);
            limit.observe(plant.sensorCelsius(0), s * 1_000_000_000L, OptionalInt.of(plant.tachRpm()));
            double duty = s < 60 ? 0 : s < 900 ? 0.3 : 0.7;
            plant = plant.advance(duty, new SecondInputs(s < 60 ? 0.05 : load, roomC, false, false));
        }
        return limit;
    }

    /** A limit that has watched the plant idle, its fan stopped, in a room at {@code roomC}. */
    private static NeedLimit watchedIdle(double roomC) {
        NeedLimit limit = new NeedLimit(MODEL, 65);
        Plant plant = Plant.steadyState(PI5, 0.05, roomC);
        for (int s = 0; s < 600; s++) {
            plant = plant.firmware(false);
            limit.observe(plant.sensorCelsius(0), s * 1_000_000_000L, OptionalInt.of(plant.tachRpm()));
            plant = plant.advance(0, new SecondInputs(0.05, roomC, false, false));
        }
        return limit;
    }

    /** The duty at which the plant settles with its die at {@code dieC}, found by bisection on the plant. */
    private static double dutyHolding(double load, double dieC) {
        double low = 0;
        double high = 1;
        for (int i = 0; i < 20; i++) {
            double mid = (low + high) / 2;
            Plant plant = Plant.steadyState(PI5, load, 25);
            for (int s = 0; s < 7200; s++) {
                plant = plant.firmware(false).advance(mid, new SecondInputs(load, 25, false, false));
            }
            if (plant.dieC() > dieC) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return high;
    }

    @Test
    void aRisingCurveIsHeldJustAboveWhatHoldsTheDieHalfADegreeUnderTheCeiling() {
        Duty held = watched(1.0).limit(Duty.FULL, Duty.ofPercent(30), FLOOR);
        double needed = dutyHolding(1.0, 64.5);
        assertEquals(needed + NeedLimit.CUSHION, held.ratio(), 0.02, "the plant holds 64.5 C at " + needed);
    }

    @Test
    void aCurveIsNotHeldWhereTheFanIsStillInaudible() {
        // a fan of 10 dB(A) at full speed is under the model's 0 dB(A) floor up to 10^(-10/50) = 63%
        ThermalModel quietFan = new ThermalModel(PI5.pIdleW(), PI5.pMaxW(), PI5.rDsKPerW(), PI5.cSinkJPerK(), PI5.gPassiveWPerK(),
                PI5.gFanWPerK(), PI5.rpmMax(), 10);
        assertEquals(0.631, watched(1.0, 25, quietFan).limit(Duty.FULL, Duty.ofPercent(30), FLOOR).ratio(), 0.001);
    }

    @Test
    void aCurveBelowTheLimitRisesAsItWill() {
        Duty rising = Duty.ofPercent(35);
        assertEquals(rising, watched(1.0).limit(rising, Duty.ofPercent(30), FLOOR));
    }

    @Test
    void theLimitNeverBringsACurveDown() {
        NeedLimit limit = watched(1.0);
        assertEquals(Duty.ofPercent(90), limit.limit(Duty.ofPercent(90), Duty.ofPercent(90), FLOOR), "held");
        assertEquals(Duty.ofPercent(95), limit.limit(Duty.FULL, Duty.ofPercent(95), FLOOR), "rising from above");
    }

    @Test
    void withoutATachometerTheCurveDecidesAlone() {
        NeedLimit limit = new NeedLimit(MODEL, 65);
        Plant plant = Plant.steadyState(PI5, 1.0, 25);
        for (int s = 0; s < 600; s++) {
            plant = plant.firmware(false);
            limit.observe(plant.sensorCelsius(0), s * 1_000_000_000L, OptionalInt.empty());
            plant = plant.advance(0.6, new SecondInputs(1.0, 25, false, false));
        }
        assertEquals(Duty.FULL, limit.limit(Duty.FULL, Duty.ofPercent(30), FLOOR));
    }

    @Test
    void aBoardThatNeedsNoFanKeepsItsFanStoppedWhileItCouldTakeAFullLoadStep() {
        // idle in a 25 C room: the heatsink near 46 C, a step to 8.5 W lands the die near 55 C
        assertEquals(Duty.OFF, watchedIdle(25).limit(Duty.ofPercent(26), Duty.OFF, FLOOR));
    }

    @Test
    void aBoardTooWarmToTakeALoadStepWithoutItsFanHasTheCurveStartIt() {
        // idle in a 36 C room: settled near 61 C without a fan, but the heatsink near 57 C, and a
        // step to full load would land the die near 66 C
        Duty start = Duty.ofPercent(26);
        assertEquals(start, watchedIdle(36).limit(start, Duty.OFF, FLOOR));
    }

    @Test
    void aRunningFanTheBoardNoLongerNeedsIsLeftToTheCurve() {
        assertEquals(Duty.ofPercent(30), watchedIdle(25).limit(Duty.ofPercent(30), Duty.ofPercent(20), FLOOR));
    }
}
