package dev.pifan.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.control.Decision;
import dev.pifan.control.Reason;
import dev.pifan.control.Snapshot;
import dev.pifan.hal.Duty;
import dev.pifan.hal.ThrottleFlags;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SystemdWatchdogTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<String> sent = new CopyOnWriteArrayList<>();

    private static Snapshot tick(long n) {
        return new Snapshot(n, 0, OptionalDouble.of(50), ThrottleFlags.UNKNOWN, OptionalInt.empty(),
                new Decision(Duty.ofPercent(40), Duty.ofPercent(40), Reason.CURVE, ""), true, List.of(), 0);
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void pingsWhileTheLoopTickedWithinOneAndAHalfIntervalsAndStopsWhenItStalls() {
        SystemdWatchdog watchdog = new SystemdWatchdog(sent::add, WatchdogLimit.of(OptionalLong.of(2_000_000)),
                now::get, Duration.ofSeconds(1));
        watchdog.pingIfHealthy();
        assertEquals(List.of(), sent, "nothing before READY");
        watchdog.onTick(tick(1));
        assertEquals("READY=1\nSTATUS=50.0 C, fan 40% (curve)\nWATCHDOG=1", sent.get(0));

        advance(Duration.ofMillis(1500));
        watchdog.pingIfHealthy();
        assertEquals(2, sent.size(), "1.5 intervals since the tick: still healthy");
        assertTrue(sent.get(1).startsWith("WATCHDOG=1\n"));

        advance(Duration.ofMillis(1));
        watchdog.pingIfHealthy();
        assertEquals(2, sent.size(), "a stalled loop gets no ping: systemd must restart it");

        watchdog.onTick(tick(2));
        watchdog.pingIfHealthy();
        assertEquals(3, sent.size(), "a tick heals it");
    }

    @Test
    void anIntervalOverHalfTheWatchdogCannotBeWatchedAndTheProblemNamesBoth() {
        WatchdogLimit limit = WatchdogLimit.of(OptionalLong.of(10_000_000));
        assertEquals(Optional.empty(), limit.problemWith(Duration.ofSeconds(5), "pifan.yaml"));
        assertEquals(Optional.of("interval 15s (pifan.yaml) cannot be watched by systemd's watchdog (WatchdogSec=10s,"
                + " WATCHDOG_USEC=10000000): the loop must tick at least twice per watchdog period; set interval to at"
                + " most 5s or raise WatchdogSec= to at least 30s"), limit.problemWith(Duration.ofSeconds(15), "pifan.yaml"));
        assertEquals(Optional.empty(), WatchdogLimit.NONE.problemWith(Duration.ofSeconds(60), "pifan.yaml"));
    }

    @Test
    void theWatchdogIsOnlyOursWhenWatchdogPidNamesUs() {
        assertEquals(OptionalLong.of(2_000_000), SystemdWatchdog.watchdogMicros(
                java.util.Map.of("WATCHDOG_USEC", "2000000", "WATCHDOG_PID", "77"), 77));
        assertEquals(OptionalLong.empty(), SystemdWatchdog.watchdogMicros(
                java.util.Map.of("WATCHDOG_USEC", "2000000", "WATCHDOG_PID", "78"), 77));
    }
}
