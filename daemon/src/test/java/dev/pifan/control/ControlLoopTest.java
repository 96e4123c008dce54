package dev.pifan.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.Duty;
import dev.pifan.hal.HalException;
import dev.pifan.hal.ThrottleFlags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlLoopTest {

    private final ScriptedBoard board = new ScriptedBoard();
    private long now;
    private final PifanController controller = new PifanController(FanCurve.of(45, 0, 50, 30, 70, 100), 4,
            new FanLimits(Duty.ofPercent(25), Duty.ofPercent(40), Duration.ofSeconds(2)),
            new SafetyLimits(80, 3, Duration.ofMinutes(10), Duration.ofSeconds(10)));
    private final ControlLoop loop = new ControlLoop(board, controller, () -> now);

    private Snapshot tickAfter(long seconds) {
        now += seconds * 1_000_000_000L;
        return loop.tick();
    }

    @Test
    void readsDecidesWritesAndReportsOneSnapshotPerTick() {
        List<Snapshot> seen = new ArrayList<>();
        loop.addListener(seen::add);
        board.temperature(60).flags(ThrottleFlags.parse("0x50000"));
        Snapshot s = tickAfter(1);
        assertEquals(1, s.tick());
        assertEquals(60.0, s.celsius().getAsDouble());
        assertEquals(0x50000, s.flags().word());
        assertEquals(0.65, s.duty().ratio(), 1e-12);
        assertTrue(s.applied());
        assertEquals(List.of(s.duty()), board.written);
        assertEquals(List.of(s), seen);
        assertTrue(s.errors().isEmpty());
    }

    @Test
    void aFailingSensorIsNamedInTheSnapshotAndEndsAtFullSpeed() {
        board.temperature(60);
        tickAfter(1);
        HalException eio = new HalException(HalException.Kind.IO_ERROR, "temp: Input/output error");
        board.temperatureFails(eio).temperatureFails(eio).temperatureFails(eio);
        Snapshot first = tickAfter(1);
        assertEquals(Reason.HOLD, first.reason());
        assertEquals(Snapshot.Source.TEMPERATURE, first.errors().get(0).source());
        assertEquals("scripted-temp", first.errors().get(0).sourceId());
        assertTrue(first.celsius().isEmpty());
        tickAfter(1);
        Snapshot third = tickAfter(1);
        assertEquals(Reason.SENSOR_FAILURE, third.reason());
        assertEquals(Duty.FULL, board.written.get(board.written.size() - 1));
    }

    @Test
    void unreadableFlagsAreUnknownNotFine() {
        board.temperature(55).flagsFail(new HalException(HalException.Kind.TIMEOUT, "vcgencmd timed out"));
        Snapshot s = tickAfter(1);
        assertTrue(s.flags().isFullyUnknown());
        assertEquals(Snapshot.Source.THROTTLE, s.errors().get(0).source());
    }

    @Test
    void aFailedWriteIsReportedAndAnsweredWithFullSpeedNextTick() {
        board.writeErrors.add(new HalException(HalException.Kind.IO_ERROR, "pwm1: EIO"));
        board.temperature(55).temperature(55);
        Snapshot failed = tickAfter(1);
        assertFalse(failed.applied());
        assertEquals(Snapshot.Source.FAN, failed.errors().get(0).source());
        Snapshot next = tickAfter(1);
        assertEquals(Reason.FAN_FAILURE, next.reason());
        assertEquals(List.of(Duty.FULL), board.written);
    }

    @Test
    void readsTheTachometerOnlyWhenThereIsOne() {
        board.temperature(60);
        assertTrue(tickAfter(1).rpm().isEmpty());
        board.tachometer = true;
        board.rpm = 4321;
        board.temperature(60);
        assertEquals(4321, tickAfter(1).rpm().getAsInt());
    }

    @Test
    void aThrowingListenerDoesNotStopTheLoopOrTheOthers() {
        List<Snapshot> seen = new ArrayList<>();
        loop.addListener(s -> {
            throw new IllegalStateException("broken exporter");
        });
        loop.addListener(seen::add);
        board.temperature(60);
        tickAfter(1);
        assertEquals(1, seen.size());
        assertEquals(1, board.written.size());
    }

    @Test
    void exitHandsBackWhenTheFanHasAnOwner() {
        board.handsBack = true;
        String said = loop.leaveFan(ExitState.AUTO);
        assertTrue(board.handedBack);
        assertTrue(board.written.isEmpty());
        assertTrue(said.contains("handed back"), said);
    }

    @Test
    void exitGoesFullWhenNobodyTakesTheFan() {
        String said = loop.leaveFan(ExitState.AUTO);
        assertEquals(List.of(Duty.FULL), board.written);
        assertTrue(said.contains("full speed"), said);
    }

    @Test
    void exitFullNeverHandsBack() {
        board.handsBack = true;
        loop.leaveFan(ExitState.FULL);
        assertFalse(board.handedBack);
        assertEquals(List.of(Duty.FULL), board.written);
    }

    @Test
    void tickCostIsMeasuredWithTheInjectedClock() {
        board.temperature(60);
        Snapshot s = tickAfter(1);
        assertEquals(0, s.costNanos(), "the fake clock did not move during the tick");
    }

    @Test
    void aZoneDisabledForPifanGoesBackToTheKernelNearItsCriticalTrip() {
        board.kernelCritical = java.util.OptionalDouble.of(110);
        board.temperature(104.5).temperature(105.0).temperature(106.0);
        tickAfter(1);
        assertEquals(0, board.yields, "5.5 C below the trip: pifan still holds the zone");
        tickAfter(1);
        assertEquals(1, board.yields, "at 5 C below: given back");
        tickAfter(1);
        assertEquals(1, board.yields, "once: the zone stays the kernel's");
    }

    @Test
    void withoutADisabledZoneNothingIsYieldedAtAnyTemperature() {
        board.temperature(120.0);
        tickAfter(1);
        assertEquals(0, board.yields);
    }
}
