package dev.pifan.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pifan.hal.Duty;
import dev.pifan.hal.sim.BoardProfile;
import dev.pifan.hal.sim.Plant;
import dev.pifan.hal.sim.SecondInputs;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class NeedLimitTest {

    private static final BoardProfile PI5 = BoardProfile.PI5_ACTIVE_COOLER;
    private static final ThermalModel MODEL = new ThermalModel(PI5.pIdleW(), PI5.rDsKPerW(), PI5.cSinkJPerK(),
            PI5.gPassiveWPerK(), PI5.gFanWPerK(), PI5.rpmMax(), PI5.lMaxDba());
    private static final Duty FLOOR = Duty.ofPercent(16);

    /**
     * A limit that has watched the plant in a 25 °C room go from idle to {@code load} at 60 s, the
     * fan at 30% and from 900 s at 70% (at one speed alone the heat and the room cannot be told
     * apart: HeatObserverTest).
     */
    private static NeedLimit watched(double load) {
        return watched(load, MODEL);
    }

    private static NeedLimit watched(double load, ThermalModel model) {
        NeedLimit limit = new NeedLimit(model, 65);
        Plant plant = Plant.steadyState(PI5, 0.05, 25);
        for (int s = 0; s < 3600; s++) {
            plant = plant.firmware(false);
            limit.observe(plant.sensorCelsius(0), s * 1_000_000_000L, OptionalInt.of(plant.tachRpm()));
            double duty = s < 60 ? 0 : s < 900 ? 0.3 : 0.7;
            plant = plant.advance(duty, new SecondInputs(s < 60 ? 0.05 : load, 25, false, false));
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
        ThermalModel quietFan = new ThermalModel(PI5.pIdleW(), PI5.rDsKPerW(), PI5.cSinkJPerK(), PI5.gPassiveWPerK(),
                PI5.gFanWPerK(), PI5.rpmMax(), 10);
        assertEquals(0.631, watched(1.0, quietFan).limit(Duty.FULL, Duty.ofPercent(30), FLOOR).ratio(), 0.001);
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
    void whereThePassiveAirHoldsTheBoardTheCurveDecidesAlone() {
        // idle, the board settles far under the ceiling with the fan stopped: the curve may start it
        Duty start = Duty.ofPercent(26);
        assertEquals(start, watched(0.05).limit(start, Duty.OFF, FLOOR));
    }
}
