package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.config.PifanConfig;
import dev.pifan.control.ChangeLog;
import dev.pifan.control.ControlLoop;
import dev.pifan.hal.sim.BoardProfile;
import dev.pifan.hal.sim.Fault;
import dev.pifan.hal.sim.LoadTrace;
import dev.pifan.hal.sim.SampleListener;
import dev.pifan.hal.sim.Scenario;
import dev.pifan.hal.sim.SimulatedBoard;
import dev.pifan.hal.sim.SlowReads;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Seven simulated days of the daemon's real loop on the simulated board, with a fault every few
 * hours and a diurnal ambient: every tick happens, and the heap after GC stays flat.
 */
class SoakTest {

    private static final long DAY = 86_400;
    private static final long DAYS = 7;
    private static final long SECOND = 1_000_000_000L;
    private static final String[] FAULTS = {"sensor-error:%d:%d", "sensor-intermittent:%d:%d:0.3",
        "sensor-stuck:%d:%d:45", "sensor-garbage:%d:%d", "sensor-slow:%d:%d:5", "fan-error:%d:%d",
        "fan-stall:%d:%d", "i2c-nack:%d:%d", "clock-jump:%d:%d:-600", "clock-jump:%d:%d:600"};

    @Test
    void sevenDaysWithFaultsEveryTickAndAFlatHeap() {
        Scenario scenario = Scenario.of("soak", DAYS * DAY, weekOfLoad());
        for (long start = 3 * 3600, i = 0; start < DAYS * DAY; start += 5 * 3600, i++) {
            scenario = scenario.withFault(Fault.parse(String.format(FAULTS[(int) (i % FAULTS.length)], start, start + 300)));
        }
        PifanConfig config = PifanConfig.defaults("pi5-active-cooler");
        ManualClock clock = new ManualClock();
        SimulatedBoard board = SimulatedBoard.bounded(BoardProfile.named("pi5-active-cooler"), scenario, clock,
                SampleListener.ignoring(), SlowReads.timingOutAfter(config.safety().readTimeout()));
        ControlLoop loop = new ControlLoop(board, ControlFactory.pifanController(config),
                Simulation.loopClock(clock, scenario, config.interval()));
        AtomicLong ticks = new AtomicLong();
        loop.addListener(snapshot -> ticks.incrementAndGet());
        loop.addListener(new ChangeLog());

        List<Long> heapAfterEachDay = new ArrayList<>();
        long started = System.nanoTime();
        for (long day = 0; day < DAYS; day++) {
            for (long s = 0; s < DAY; s++) {
                loop.tick();
                clock.advance(SECOND);
            }
            heapAfterEachDay.add(usedHeapAfterGc());
        }
        board.catchUp();
        double seconds = (System.nanoTime() - started) / 1e9;

        System.out.printf("soak: %d ticks in %.1f s wall time (%.2f us a tick, board included); heap after GC per day (KiB): %s%n",
                ticks.get(), seconds, seconds * 1e6 / ticks.get(), heapAfterEachDay.stream().map(b -> b / 1024).toList());
        assertEquals(DAYS * DAY, ticks.get(), "every tick happened");
        assertEquals(DAYS * DAY, board.simulatedSeconds(), "every simulated second happened");
        long first = heapAfterEachDay.get(0);
        long worst = heapAfterEachDay.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(worst - first < 2 * 1024 * 1024, "heap grew by " + (worst - first) / 1024 + " KiB over the week");
    }

    /** Idle nights, build bursts by day, an ambient that swings 22..32 C over each day. */
    private static LoadTrace weekOfLoad() {
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder("time_s,load,ambient_c\n");
        for (long t = 0; t < DAYS * DAY; t += 600) {
            long hour = (t % DAY) / 3600;
            boolean working = hour >= 8 && hour < 20;
            double load = working && random.nextDouble() < 0.6 ? 1.0 : 0.05;
            double ambient = 27 + 5 * Math.sin(2 * Math.PI * ((t % DAY) / (double) DAY - 0.375));
            csv.append(t).append(',').append(load).append(',').append(String.format(java.util.Locale.ROOT, "%.2f", ambient))
                    .append('\n');
        }
        try {
            return LoadTrace.parse(new java.io.StringReader(csv.toString()), "soak-week.csv");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
