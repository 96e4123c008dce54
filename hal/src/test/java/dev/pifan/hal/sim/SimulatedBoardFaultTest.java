package dev.pifan.hal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.Duty;
import dev.pifan.hal.HalException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each injected fault does to the board's views what it does on a real board, and only in its window. */
class SimulatedBoardFaultTest {

    private static final long SECOND = 1_000_000_000L;
    private final ManualClock clock = new ManualClock();
    private final long origin = clock.nanos();

    private SimulatedBoard board(String profile, String... faults) {
        Scenario scenario = Scenarios.named("sustained-25");
        for (String fault : faults) {
            scenario = scenario.withFault(Fault.parse(fault));
        }
        return SimulatedBoard.bounded(BoardProfile.named(profile), scenario, clock, SampleListener.ignoring());
    }

    private void at(long second) {
        clock.advanceNanos(origin + second * SECOND - clock.nanos());
    }

    @Test
    void sensorErrorFailsReadsInItsWindowOnly() throws HalException {
        SimulatedBoard board = board("pi4-heatsink", "sensor-error:10:20");
        at(9);
        double before = board.temperature().readCelsius();
        at(10);
        HalException e = assertThrows(HalException.class, () -> board.temperature().readCelsius());
        assertEquals(HalException.Kind.IO_ERROR, e.kind());
        assertTrue(e.getMessage().contains("injected sensor-error"), e.getMessage());
        at(20);
        assertEquals(before, board.temperature().readCelsius(), 1.0);
    }

    @Test
    void intermittentFailsAboutItsRateAndTheSameReadsEveryRun() {
        List<Boolean> first = failures(board("pi4-heatsink", "sensor-intermittent:0:3600:0.3"));
        List<Boolean> second = failures(board("pi4-heatsink", "sensor-intermittent:0:3600:0.3"));
        assertEquals(first, second, "seeded: the same reads fail every run");
        long failed = first.stream().filter(f -> f).count();
        assertTrue(failed > 240 && failed < 360, failed + " of 1000 failed at rate 0.3");
    }

    private List<Boolean> failures(SimulatedBoard board) {
        List<Boolean> failed = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            try {
                board.temperature().readCelsius();
                failed.add(false);
            } catch (HalException e) {
                failed.add(true);
            }
        }
        return failed;
    }

    @Test
    void stuckReturnsItsValueWhateverTheDie() throws HalException {
        SimulatedBoard board = board("pi4-heatsink", "sensor-stuck:0:3600:42.5");
        at(100);
        assertEquals(42.5, board.temperature().readCelsius());
        at(3000);
        assertEquals(42.5, board.temperature().readCelsius());
        assertTrue(board.lastSample().orElseThrow().dieC() > 50, "the die itself heats under load");
    }

    @Test
    void garbageCyclesThroughTheThreeKindsOfNonsense() throws HalException {
        SimulatedBoard board = board("pi4-heatsink", "sensor-garbage:0:3600");
        assertEquals(-273.15, board.temperature().readCelsius());
        assertEquals(1000.0, board.temperature().readCelsius());
        HalException e = assertThrows(HalException.class, () -> board.temperature().readCelsius());
        assertEquals(HalException.Kind.IMPLAUSIBLE, e.kind());
    }

    @Test
    void aSlowReadTimesOutInSimulatedTimeWhenSlowerThanTheTimeout() throws HalException {
        SimulatedBoard slow = board("pi4-heatsink", "sensor-slow:0:3600:5");
        HalException e = assertThrows(HalException.class, () -> slow.temperature().readCelsius());
        assertEquals(HalException.Kind.TIMEOUT, e.kind());
        assertTrue(e.getMessage().contains("no answer within 2000 ms"), e.getMessage());
        SimulatedBoard quickEnough = board("pi4-heatsink", "sensor-slow:0:3600:0.5");
        assertTrue(quickEnough.temperature().readCelsius() > 20);
    }

    @Test
    void fanErrorFailsWritesAndKeepsTheOldDuty() throws HalException {
        SimulatedBoard board = board("pi4-heatsink", "fan-error:5:10");
        board.fan().apply(Duty.ofPercent(60));
        at(5);
        assertThrows(HalException.class, () -> board.fan().apply(Duty.OFF));
        at(6);
        assertEquals(0.6, board.lastSample().orElseThrow().duty(), 1e-12, "the failed write changed nothing");
    }

    @Test
    void fanStallFaultStopsTheFanOnlyInItsWindow() throws HalException {
        SimulatedBoard board = board("pi5-active-cooler", "fan-stall:30:60");
        board.fan().apply(Duty.FULL);
        at(30);
        assertTrue(board.fan().readRpm().getAsInt() > 7000);
        at(60);
        assertTrue(board.fan().readRpm().getAsInt() < 100, "stalled: the speed decays to 0");
        at(90);
        assertTrue(board.fan().readRpm().getAsInt() > 7000, "free again");
    }

    @Test
    void i2cNackFailsWritesAndTachometerReads() {
        SimulatedBoard board = board("pi5-active-cooler", "i2c-nack:0:10");
        HalException write = assertThrows(HalException.class, () -> board.fan().apply(Duty.FULL));
        assertTrue(write.getMessage().contains("no ACK"), write.getMessage());
        assertThrows(HalException.class, () -> board.fan().readRpm());
    }

    @Test
    void aRealTimeSlowReadReallyBlocksButNotTheRestOfTheBoard() throws Exception {
        Scenario scenario = Scenarios.named("idle-25").withFault(Fault.parse("sensor-slow:0:3600:0.2"));
        SimulatedBoard board = SimulatedBoard.openEnded(BoardProfile.named("pi4-heatsink"), scenario, clock,
                SampleListener.ignoring(), SlowReads.blocking());
        long start = System.nanoTime();
        board.temperature().readCelsius();
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(200).toNanos(), "the read took its delay");
    }
}
