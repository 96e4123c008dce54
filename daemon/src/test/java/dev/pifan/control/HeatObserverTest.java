package dev.pifan.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.config.ProfileDefaults;
import dev.pifan.hal.sim.BoardProfile;
import dev.pifan.hal.sim.Plant;
import dev.pifan.hal.sim.SecondInputs;
import org.junit.jupiter.api.Test;

/** The observer against the reference plant: what it estimates is what the plant does. */
class HeatObserverTest {

    private static final BoardProfile PI5 = BoardProfile.PI5_ACTIVE_COOLER;
    private static final ThermalModel MODEL = ProfileDefaults.thermalModel(PI5);

    /**
     * Runs the plant from idle into a full-load step at 60 s, the fan at 30% from then on and at
     * {@code duty} from 900 s, the observer reading its sensor and tachometer. At one fan speed the
     * heat and the room cannot be told apart (more heat and a cooler room read the same); a change
     * of speed, as a controller makes, tells them apart.
     */
    private static HeatObserver observeLoadStep(double duty, double roomC, int seconds) {
        Plant plant = Plant.steadyState(PI5, 0.05, roomC);
        HeatObserver observer = new HeatObserver(MODEL);
        for (int s = 0; s < seconds; s++) {
            double load = s < 60 ? 0.05 : 1.0;
            double driven = s < 60 ? 0 : s < 900 ? 0.3 : duty;
            plant = plant.firmware(false);
            observer.observe(plant.sensorCelsius(0), s * 1_000_000_000L, plant.tachRpm() / PI5.rpmMax());
            plant = plant.advance(driven, new SecondInputs(load, roomC, false, false));
        }
        return observer;
    }

    @Test
    void aLoadStepShowsAsTheHeatTheBoardNowMakes() {
        HeatObserver observer = observeLoadStep(0.7, 25, 1800);
        assertEquals(PI5.pMaxW(), observer.heatW(), 0.05 * PI5.pMaxW(), "full load, full clock: p_max");
    }

    @Test
    void itFindsTheRoomTheBoardShedsItsHeatTo() {
        assertEquals(33, observeLoadStep(0.7, 33, 3600).roomC(), 1.0);
        assertEquals(25, observeLoadStep(0.7, 25, 3600).roomC(), 1.0);
    }

    @Test
    void theSpeedToHoldATemperatureIsTheOneThatHoldsItOnThePlant() {
        HeatObserver observer = observeLoadStep(0.7, 25, 1800);
        double speed = observer.speedToHold(64.5);
        // run the plant at that duty until it settles: the die sits at 64.5 within the sensor's quantum
        Plant plant = Plant.steadyState(PI5, 1.0, 25);
        for (int s = 0; s < 7200; s++) {
            plant = plant.firmware(false).advance(speed, new SecondInputs(1.0, 25, false, false));
        }
        assertEquals(64.5, plant.dieC(), 0.5, "settled at duty " + speed);
    }

    @Test
    void aBoardThatFullSpeedCannotHoldNeedsFullSpeedAndOneThePassiveAirHoldsNeedsNone() {
        HeatObserver observer = observeLoadStep(0.7, 25, 1800);
        assertEquals(1.0, observer.speedToHold(40));
        assertEquals(0.0, observer.speedToHold(90));
        assertTrue(observer.speedToHold(64.5) > 0 && observer.speedToHold(64.5) < 1);
    }
}
