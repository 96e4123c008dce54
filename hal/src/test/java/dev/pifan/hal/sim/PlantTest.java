package dev.pifan.hal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The plant against hand computations and values computed outside Java. */
class PlantTest {

    private static final BoardProfile PI4 = BoardProfile.PI4_HEATSINK;
    private static final BoardProfile PI5 = BoardProfile.PI5_ACTIVE_COOLER;
    private static final BoardProfile CM4 = BoardProfile.CM4_BLADE;

    private static final SecondInputs IDLE_25 = new SecondInputs(0.05, 25, false, false);
    private static final SecondInputs FULL_25 = new SecondInputs(1.0, 25, false, false);

    @Test
    void initialStateIsTheFanlessSteadyStateOfSecondZero() {
        // pi4 idle-25: P0 = 2.7 + 3.7 * 0.05 = 2.885 W
        Plant pi4 = Plant.steadyState(PI4, 0.05, 25);
        assertEquals(25 + 2.885 / 0.154, pi4.sinkC(), 1e-12);
        assertEquals(25 + 2.885 / 0.154 + 2.885 * 1.5, pi4.dieC(), 1e-12);
        assertEquals(48.06126623376623, pi4.dieC(), 1e-12);
        // pi5: P0 = 3.0 + 5.5 * 0.05 = 3.275 W
        Plant pi5 = Plant.steadyState(PI5, 0.05, 25);
        assertEquals(25 + 3.275 / 0.154, pi5.sinkC(), 1e-12);
        assertEquals(25 + 3.275 / 0.154 + 3.275 * 1.0, pi5.dieC(), 1e-12);
        // cm4: P0 = 2.0 + 3.5 * 0.05 = 2.175 W
        Plant cm4 = Plant.steadyState(CM4, 0.05, 25);
        assertEquals(25 + 2.175 / 0.0952, cm4.sinkC(), 1e-12);
        assertEquals(51.10913865546219, cm4.dieC(), 1e-12);

        for (Plant plant : new Plant[] {pi4, pi5, cm4}) {
            assertEquals(0, plant.level());
            assertFalse(plant.fanRunning());
            assertEquals(0.0, plant.rpm());
            assertEquals(0, plant.reportedFlags());
        }
    }

    @Test
    void steadyStateDoesNotMoveWithTheFanOff() {
        Plant start = Plant.steadyState(PI4, 0.05, 25);
        Plant after = start.firmware(false).advance(0.0, IDLE_25);
        assertEquals(start.dieC(), after.dieC(), 1e-9);
        assertEquals(start.sinkC(), after.sinkC(), 1e-9);
    }

    @Test
    void oneSecondOfFullLoadWithTheFanOffMatchesAnIndependentComputation() {
        // expected values from a separate Python transcription of the spec
        Plant after = Plant.steadyState(PI4, 0.05, 25).firmware(false).advance(0.0, FULL_25);
        assertEquals(49.12276694199832, after.dieC(), 1e-9);
        assertEquals(43.739270682966065, after.sinkC(), 1e-9);
        assertEquals(0.0, after.rpm());
        // and by hand: the first 0.1 s alone warms the die by 0.1 * (6.4 - 2.885) / 3 = 0.117 °C,
        // ten such steps a little less each, so just under 1.17 °C
        double rise = after.dieC() - Plant.steadyState(PI4, 0.05, 25).dieC();
        assertTrue(rise > 1.0 && rise < 10 * 0.1 * (6.4 - 2.885) / 3, "rise " + rise);
    }

    @Test
    void oneSecondOfFullFanMatchesAnIndependentComputation() {
        Plant after = Plant.steadyState(PI5, 0.05, 25).firmware(false).advance(1.0, FULL_25);
        assertEquals(51.04204167423444, after.dieC(), 1e-9);
        assertEquals(46.25339552700499, after.sinkC(), 1e-9);
        assertEquals(3410.7360164737793, after.rpm(), 1e-6);
        assertTrue(after.fanRunning());
    }

    @Test
    void aStoppedFanNeedsTheStartDuty() {
        Plant stopped = Plant.steadyState(PI4, 0.05, 25);
        Plant at25 = stopped.advance(0.25, IDLE_25);
        assertFalse(at25.fanRunning());
        assertEquals(0.0, at25.rpm());

        Plant at30 = stopped.advance(0.30, IDLE_25);
        assertTrue(at30.fanRunning());
        // rpm_k = target * (1 - 0.95^10) after one second from standstill
        assertEquals(2700 * (1 - Math.pow(0.95, 10)), at30.rpm(), 1e-9);
    }

    @Test
    void aRunningFanKeepsTurningDownToTheStopDuty() {
        Plant running = run(Plant.steadyState(PI4, 0.05, 25), 0.5, IDLE_25, 30);
        assertTrue(running.fanRunning());

        Plant at21 = run(running, 0.21, IDLE_25, 30);
        assertTrue(at21.fanRunning());
        assertEquals(9000 * 0.21, at21.rpm(), 9000 * 0.21 * 0.01);

        Plant at19 = running.advance(0.19, IDLE_25);
        assertFalse(at19.fanRunning());
        assertTrue(at19.rpm() < running.rpm());
        assertTrue(run(at19, 0.19, IDLE_25, 60).rpm() < 1);
        // and 0.25 does not restart it: stopped fans need d_start
        assertFalse(at19.advance(0.25, IDLE_25).fanRunning());
    }

    @Test
    void rpmFollowsTheDutyWithATwoSecondLag() {
        Plant start = Plant.steadyState(PI5, 0.05, 25);
        // after TAU_FAN = 2 s: 1 - 0.95^20 = 64 % of the way (Euler's version of 1 - 1/e)
        assertEquals(8500 * (1 - Math.pow(0.95, 20)), run(start, 1.0, IDLE_25, 2).rpm(), 1e-6);
        assertEquals(5452.869659527393, run(start, 1.0, IDLE_25, 2).rpm(), 1e-6);
        Plant settled = run(start, 0.6, IDLE_25, 30);
        assertEquals(8500 * 0.6, settled.rpm(), 0.01);
        assertEquals(5100, settled.tachRpm());
    }

    @Test
    void aStalledFanSpinsDownToZeroWhateverTheDuty() {
        Plant spinning = run(Plant.steadyState(PI5, 0.05, 25), 1.0, FULL_25, 30);
        assertTrue(spinning.rpm() > 8400);
        SecondInputs stalled = new SecondInputs(1.0, 25, false, true);
        Plant oneSecond = spinning.advance(1.0, stalled);
        assertEquals(spinning.rpm() * Math.pow(0.95, 10), oneSecond.rpm(), 1e-6);
        assertTrue(oneSecond.fanRunning(), "the fan is still driven, it just does not turn");
        Plant later = run(spinning, 1.0, stalled, 60);
        assertTrue(later.rpm() < 1, "rpm " + later.rpm());
        assertEquals(0, later.tachRpm());
    }

    @Test
    void fullLoadWithoutFanOnPi5ReachesTheSoftLimitAndThrottles() {
        Plant plant = Plant.steadyState(PI5, 0.05, 25).firmware(false);
        long seconds = 0;
        while (plant.dieC() < 80) {
            assertEquals(0, plant.level());
            assertEquals(0, plant.reportedFlags());
            plant = plant.advance(0.0, FULL_25).firmware(false);
            assertTrue(++seconds < 3600, "never reached 80 °C");
        }
        assertEquals(1, plant.level());
        assertEquals(0x2, plant.nowFlags());
        assertEquals(0x20002, plant.reportedFlags());
        assertEquals(1000.0 / 1500.0, plant.freqRatio(false));

        // throttled, the die cools below 78 and the firmware steps back, one level a second
        boolean steppedDown = false;
        int maxLevel = plant.level();
        for (int k = 0; k < 3600 && !steppedDown; k++) {
            Plant next = plant.advance(0.0, FULL_25).firmware(false);
            maxLevel = Math.max(maxLevel, next.level());
            if (next.level() < plant.level()) {
                assertTrue(next.dieC() < 78, "stepped down at " + next.dieC());
                assertEquals(plant.level() - 1, next.level());
                steppedDown = true;
            }
            plant = next;
        }
        assertTrue(steppedDown);
        assertTrue(maxLevel >= 1);
        assertEquals(0x20000, plant.stickyFlags(), "the capped bit stays in the sticky half");
    }

    @Test
    void firmwareLevels() {
        Plant at84 = withDie(84.99, 0).firmware(false);
        assertEquals(1, at84.level());
        assertEquals(2, withDie(84.99, 1).firmware(false).level());
        assertEquals(3, withDie(80.0, 3).firmware(false).level());

        Plant at85 = withDie(85.0, 0).firmware(false);
        assertEquals(3, at85.level());
        assertEquals(0x2 | 0x4, at85.nowFlags());
        assertEquals(0x60006, at85.reportedFlags());
        assertEquals(600.0 / 1500.0, at85.freqRatio(false));

        assertEquals(2, withDie(77.99, 3).firmware(false).level());
        assertEquals(3, withDie(78.0, 3).firmware(false).level(), "78 is not below 78: hold");
        assertEquals(1, withDie(79.9, 1).firmware(false).level());
        assertEquals(0, withDie(60, 1).firmware(false).level());
        assertEquals(0, withDie(60, 0).firmware(false).level());

        // back at level 0 the now bits clear, the sticky ones stay
        Plant recovered = at85.firmware(false);
        Plant cool = new Plant(PI5, 60, 50, 1, false, 0, recovered.nowFlags(), recovered.stickyFlags())
                .firmware(false);
        assertEquals(0, cool.level());
        assertEquals(0, cool.nowFlags());
        assertEquals(0x60000, cool.reportedFlags());
    }

    @Test
    void underVoltageSetsFlagsAndCapsTheClock() {
        Plant plant = withDie(50, 0).firmware(true);
        assertEquals(0, plant.level(), "under-voltage is not a DVFS level");
        assertEquals(0x1 | 0x4, plant.nowFlags());
        assertEquals(0x50000, plant.stickyFlags());
        assertEquals(0x50005, plant.reportedFlags());
        assertEquals(1000.0 / 1500.0, plant.freqRatio(true));
        assertEquals(1.0, plant.freqRatio(false));
        assertEquals(0.5, withDie(50, 2).freqRatio(true), "a lower level stays lower");

        Plant after = plant.firmware(false);
        assertEquals(0x50000, after.reportedFlags());

        // the capped clock draws less power, P = 3 + 5.5 * (2/3)^1.5 W, so the die cools from
        // the full-clock steady state (at 0 °C ambient, far from the firmware's limits)
        Plant steady = Plant.steadyState(PI5, 1.0, 0);
        assertTrue(steady.dieC() < 78);
        Plant capped = steady.firmware(true).advance(0, new SecondInputs(1.0, 0, true, false));
        Plant full = steady.firmware(false).advance(0, new SecondInputs(1.0, 0, false, false));
        assertEquals(steady.dieC(), full.dieC(), 1e-9);
        assertTrue(capped.dieC() < full.dieC() - 0.5, "capped " + capped.dieC() + ", full " + full.dieC());
    }

    @Test
    void sensorRoundsHalfUpToHalfDegrees() {
        assertEquals(54.5, Plant.quantise(54.25));
        assertEquals(54.0, Plant.quantise(54.24));
        assertEquals(55.0, Plant.quantise(54.75));
        assertEquals(54.5, Plant.quantise(54.74));
        assertEquals(54.0, Plant.quantise(54.0));
        assertEquals(0.0, Plant.quantise(-0.25), "half up, not half away from zero");
        assertEquals(-0.5, Plant.quantise(-0.26));
        assertEquals(48.0, Plant.steadyState(PI4, 0.05, 25).sensorCelsius(0));
        assertEquals(48.5, Plant.steadyState(PI4, 0.05, 25).sensorCelsius(0.2));
    }

    @Test
    void refusesDutiesOutsideZeroToOne() {
        Plant plant = Plant.steadyState(PI4, 0.05, 25);
        assertThrows(IllegalArgumentException.class, () -> plant.advance(1.01, IDLE_25));
        assertThrows(IllegalArgumentException.class, () -> plant.advance(Double.NaN, IDLE_25));
        assertThrows(IllegalArgumentException.class, () -> new Plant(PI4, 50, 40, 4, false, 0, 0, 0));
    }

    private static Plant withDie(double dieC, int level) {
        return new Plant(PI5, dieC, dieC - 5, level, false, 0, 0, 0);
    }

    private static Plant run(Plant plant, double duty, SecondInputs inputs, int seconds) {
        Plant state = plant;
        for (int k = 0; k < seconds; k++) {
            state = state.firmware(inputs.underVoltage()).advance(duty, inputs);
        }
        return state;
    }
}
