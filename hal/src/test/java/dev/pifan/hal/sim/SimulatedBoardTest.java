package dev.pifan.hal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.BoardModel;
import dev.pifan.hal.Duty;
import dev.pifan.hal.HalException;
import dev.pifan.hal.ThrottleFlags;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimulatedBoardTest {

    private static final BoardProfile PI4 = BoardProfile.PI4_HEATSINK;
    private static final BoardProfile PI5 = BoardProfile.PI5_ACTIVE_COOLER;

    private final ManualClock clock = new ManualClock();
    private final List<Sample> samples = new ArrayList<>();

    private SimulatedBoard bounded(BoardProfile profile, Scenario scenario) {
        return SimulatedBoard.bounded(profile, scenario, clock, samples::add);
    }

    @Test
    void aDriverLoopOfNSecondsRecordsNSamplesWithTheDutiesItApplied() throws HalException {
        SimulatedBoard board = bounded(PI5, Scenarios.named("sustained-25").withDuration(100));
        for (int k = 0; k < 100; k++) {
            board.temperature().readCelsius();
            board.fan().apply(Duty.ofPercent(k % 7 * 10));
            clock.advanceSeconds(1);
        }
        assertEquals(99, samples.size(), "the last second is recorded on the next catch-up");
        assertEquals(100, board.catchUp());
        assertEquals(100, samples.size());
        for (int i = 0; i < samples.size(); i++) {
            assertEquals(i + 1, samples.get(i).timeS());
            assertEquals(i % 7 * 0.1, samples.get(i).duty(), 1e-15);
        }
        assertTrue(board.isComplete());
    }

    @Test
    void samplesAreThePlantsSeconds() throws HalException {
        Scenario scenario = Scenarios.named("sustained-25");
        SimulatedBoard board = bounded(PI5, scenario);
        Plant plant = Plant.steadyState(PI5, 0.05, 25).firmware(false);
        assertEquals(Plant.quantise(plant.dieC()), board.temperature().readCelsius());
        for (int k = 0; k < 120; k++) {
            double duty = k < 90 ? 0.0 : 0.6;
            assertEquals(plant.sensorCelsius(0), board.temperature().readCelsius());
            assertEquals(ThrottleFlags.of(plant.reportedFlags()), board.throttle().read());
            assertEquals(OptionalInt.of(plant.tachRpm()), board.fan().readRpm());
            board.fan().apply(Duty.ofRatio(duty));
            clock.advanceSeconds(1);
            SecondInputs inputs = scenario.inputsAt(k);
            Plant next = plant.advance(duty, inputs);
            Sample sample = board.lastSample().orElseThrow();
            assertEquals(new Sample(k + 1, inputs.load(), 25, next.dieC(), plant.sensorCelsius(0), duty, next.rpm(),
                    plant.freqRatio(false), plant.reportedFlags(), false), sample);
            plant = next.firmware(false);
        }
    }

    @Test
    void theDutyBeforeAnyApplyIsZero() {
        SimulatedBoard board = bounded(PI5, Scenarios.named("idle-25"));
        clock.advanceSeconds(5);
        board.catchUp();
        assertEquals(5, samples.size());
        assertTrue(samples.stream().allMatch(sample -> sample.duty() == 0.0 && sample.rpm() == 0.0));
    }

    @Test
    void nothingIsRecordedBeforeAWholeSecondHasPassed() throws HalException {
        SimulatedBoard board = bounded(PI4, Scenarios.named("idle-25"));
        assertEquals(0, board.simulatedSeconds());
        assertTrue(board.lastSample().isEmpty());
        clock.advanceNanos(999_999_999);
        board.temperature().readCelsius();
        assertEquals(0, samples.size());
        clock.advanceNanos(1);
        board.temperature().readCelsius();
        assertEquals(1, samples.size());
        assertEquals(1, board.simulatedSeconds());
    }

    @Test
    void howOftenADriverReadsDoesNotChangeTheRun() throws HalException {
        Scenario scenario = Scenarios.named("brownout").withDuration(900).withNoise(0.4, 11);
        List<Sample> once = Driver.run(PI5, scenario, Driver.seedStepWithKick());

        // the same duties, but read at random sub-second times many times per second
        SimulatedBoard board = bounded(PI5, scenario);
        Random random = new Random(3);
        for (Sample expected : once) {
            board.fan().apply(Duty.ofRatio(expected.duty()));
            long rest = 1_000_000_000L;
            for (int reads = random.nextInt(4); reads > 0; reads--) {
                long step = random.nextInt((int) rest);
                clock.advanceNanos(step);
                rest -= step;
                board.temperature().readCelsius();
                board.throttle().read();
                board.fan().readRpm();
            }
            clock.advanceNanos(rest);
        }
        board.catchUp();
        assertEquals(once, samples);
    }

    @Test
    void aLongPauseIsCaughtUpWithTheHeldDuty() throws HalException {
        SimulatedBoard board = bounded(PI5, Scenarios.named("sustained-25"));
        board.fan().apply(Duty.ofPercent(50));
        clock.advanceSeconds(100);
        board.fan().readRpm();
        assertEquals(100, samples.size());
        assertTrue(samples.stream().allMatch(sample -> sample.duty() == 0.5));
        assertEquals(4250, board.fan().readRpm().getAsInt(), 5);
    }

    @Test
    void aBoundedBoardHoldsAfterTheScenario() throws HalException {
        SimulatedBoard board = bounded(PI5, Scenarios.named("sustained-25").withDuration(30));
        clock.advanceSeconds(10);
        assertFalse(board.isComplete());
        clock.advanceSeconds(1000);
        assertEquals(30, board.catchUp());
        assertTrue(board.isComplete());
        double sensor = board.temperature().readCelsius();
        board.fan().apply(Duty.FULL);
        clock.advanceSeconds(1000);
        assertEquals(30, samples.size());
        assertEquals(30, board.simulatedSeconds());
        assertEquals(sensor, board.temperature().readCelsius());
        assertEquals(0, board.fan().readRpm().getAsInt(), "held: the late apply is never simulated");
        assertEquals(30, board.lastSample().orElseThrow().timeS());
    }

    @Test
    void anOpenEndedBoardRunsPastTheDurationHoldingTheLastRow() {
        Scenario scenario = Scenarios.named("sustained-25").withDuration(10).withFanStallAt(200);
        SimulatedBoard board = SimulatedBoard.openEnded(PI5, scenario, clock, samples::add);
        assertEquals(SimulatedBoard.Horizon.OPEN_ENDED, board.horizon());
        clock.advanceSeconds(500);
        assertEquals(500, board.catchUp());
        assertFalse(board.isComplete());
        assertEquals(500, samples.size());
        assertEquals(1.0, samples.get(499).load());
    }

    @Test
    void viewsLookLikeHardware() throws HalException {
        SimulatedBoard pi5 = bounded(PI5, Scenarios.named("idle-25"));
        assertEquals(BoardModel.simulated("pi5-active-cooler"), pi5.model());
        assertEquals(BoardModel.Family.SIMULATED, pi5.model().family());
        assertTrue(pi5.fan().hasTachometer());
        assertEquals(OptionalInt.of(0), pi5.fan().readRpm());
        assertEquals(ThrottleFlags.NONE, pi5.throttle().read());
        assertFalse(pi5.fan().handBack());
        assertNotEquals(pi5.fan().id(), pi5.temperature().id());

        SimulatedBoard pi4 = bounded(PI4, Scenarios.named("idle-25"));
        pi4.fan().apply(Duty.FULL);
        clock.advanceSeconds(10);
        assertFalse(pi4.fan().hasTachometer());
        assertEquals(OptionalInt.empty(), pi4.fan().readRpm());
        assertTrue(samples.get(9).rpm() > 8000, "the fan turns, it just cannot tell");
        assertThrows(IllegalArgumentException.class, () -> pi4.fan().apply(null));
    }

    @Test
    void underVoltageShowsInTheFlags() throws HalException {
        SimulatedBoard board = bounded(PI5, Scenarios.named("brownout"));
        clock.advanceSeconds(600);
        assertEquals(ThrottleFlags.of(0x50005), board.throttle().read());
        clock.advanceSeconds(300);
        ThrottleFlags after = board.throttle().read();
        assertEquals(0x50000, after.word() & 0x50005, "sticky, no longer now");
        assertTrue(samples.get(600).underVoltage());
        assertFalse(samples.get(599).underVoltage());
        assertEquals(1000.0 / 1500.0, samples.get(600).freqRatio(), 1e-15);
    }

    @Test
    void noiseIsOneGaussianDrawPerSecondFromTheSeed() throws HalException {
        Scenario noisy = Scenarios.named("sustained-25").withDuration(300).withNoise(0.8, 1234);
        List<Double> readings = readSensorEverySecond(noisy);
        List<Double> again = readSensorEverySecond(noisy);
        assertEquals(readings, again, "reproducible");

        Random random = new Random(1234);
        double die = Plant.steadyState(PI5, 0.05, 25).dieC();
        assertEquals(Plant.quantise(die + random.nextGaussian() * 0.8), readings.get(0));
        for (int k = 1; k < 300; k++) {
            die = samples.get(k - 1).dieC();
            assertEquals(Plant.quantise(die + random.nextGaussian() * 0.8), readings.get(k), "second " + k);
        }
        assertNotEquals(readings, readSensorEverySecond(noisy.withNoise(0.8, 1235)));
        List<Double> quiet = readSensorEverySecond(Scenarios.named("sustained-25").withDuration(300));
        for (int k = 1; k < 300; k++) {
            assertEquals(Plant.quantise(samples.get(k - 1).dieC()), quiet.get(k));
        }
    }

    private List<Double> readSensorEverySecond(Scenario scenario) throws HalException {
        samples.clear();
        SimulatedBoard board = bounded(PI5, scenario);
        List<Double> readings = new ArrayList<>();
        for (int k = 0; k < scenario.durationS(); k++) {
            readings.add(board.temperature().readCelsius());
            board.fan().apply(Duty.ofPercent(30));
            clock.advanceSeconds(1);
        }
        board.catchUp();
        return readings;
    }

    @Test
    void aListenerMayReadTheBoard() {
        List<Double> seenByListener = new ArrayList<>();
        SimulatedBoard[] board = new SimulatedBoard[1];
        board[0] = SimulatedBoard.bounded(PI5, Scenarios.named("sustained-25").withDuration(50), clock, sample -> {
            samples.add(sample);
            try {
                seenByListener.add(board[0].temperature().readCelsius());
            } catch (HalException impossible) {
                throw new AssertionError(impossible);
            }
        });
        clock.advanceSeconds(50);
        board[0].catchUp();
        assertEquals(50, samples.size());
        for (int i = 0; i < 50; i++) {
            assertEquals(i + 1, samples.get(i).timeS());
            // the reading of the second that starts after the sample's
            assertEquals(Plant.quantise(samples.get(i).dieC()), seenByListener.get(i));
        }
    }
}
