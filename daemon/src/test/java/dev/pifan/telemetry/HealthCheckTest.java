package dev.pifan.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.MonotonicClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HealthCheckTest {

    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final MonotonicClock clock = now::get;
    private final LastTick lastTick = new LastTick(clock);
    private final Snapshots snapshots = new Snapshots();

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void healthyWhileTicksArriveOnTime() {
        HealthCheck health = new HealthCheck(lastTick, Duration.ofSeconds(1));
        for (int i = 0; i < 5; i++) {
            lastTick.onTick(snapshots.next());
            advance(Duration.ofMillis(1000));
        }
        HealthCheck.Health h = health.check();
        assertTrue(h.ok(), h::text);
        assertEquals(200, h.httpStatus());
        assertEquals("ok: tick 5 1.0s ago, expected every 1s", h.text());
    }

    @Test
    void stalledAfterThreeMissedIntervalsWithTheReason() {
        HealthCheck health = new HealthCheck(lastTick, Duration.ofSeconds(2));
        lastTick.onTick(snapshots.next());
        advance(Duration.ofSeconds(6));
        assertTrue(health.check().ok(), "exactly three intervals is still on time");
        advance(Duration.ofMillis(1));
        HealthCheck.Health h = health.check();
        assertFalse(h.ok());
        assertEquals(503, h.httpStatus());
        assertEquals("the control loop has stalled: last tick (1) 6.0s ago, expected every 2s", h.text());
        lastTick.onTick(snapshots.next());
        assertTrue(health.check().ok(), "a tick heals it");
    }

    @Test
    void aShortIntervalGetsAtLeastThreeSeconds() {
        HealthCheck health = new HealthCheck(lastTick, Duration.ofMillis(100));
        lastTick.onTick(snapshots.next());
        advance(Duration.ofMillis(2900));
        assertTrue(health.check().ok(), health.check()::text);
        advance(Duration.ofMillis(200));
        assertEquals("the control loop has stalled: last tick (1) 3.1s ago, expected every 100ms", health.check().text());
    }

    @Test
    void beforeTheFirstTickTheSameAllowanceRunsFromTheStart() {
        HealthCheck health = new HealthCheck(lastTick, Duration.ofSeconds(1));
        assertEquals("starting: no tick yet, 0.0s since start", health.check().text());
        assertTrue(health.check().ok());
        advance(Duration.ofSeconds(4));
        HealthCheck.Health h = health.check();
        assertFalse(h.ok());
        assertEquals("the control loop has not ticked in the 4.0s since start, expected every 1s", h.text());
    }

    @Test
    void aNewIntervalMovesTheLimit() {
        HealthCheck health = new HealthCheck(lastTick, Duration.ofSeconds(1));
        lastTick.onTick(snapshots.next());
        advance(Duration.ofSeconds(10));
        assertFalse(health.check().ok());
        health.interval(Duration.ofSeconds(5));
        assertEquals("ok: tick 1 10s ago, expected every 5s", health.check().text());
    }

    @Test
    void longAgesAreWholeSeconds() {
        HealthCheck health = new HealthCheck(lastTick, Duration.ofSeconds(5));
        lastTick.onTick(snapshots.next());
        advance(Duration.ofSeconds(125));
        assertEquals("the control loop has stalled: last tick (1) 125s ago, expected every 5s", health.check().text());
    }

    @Test
    void aFanWriteThatFailedIsUnhealthyWithTheFansErrorAndAWriteThatWorksHealsIt() {
        HealthCheck health = new HealthCheck(lastTick, Duration.ofSeconds(1));
        dev.pifan.control.Snapshot.SourceError denied = new dev.pifan.control.Snapshot.SourceError(
                dev.pifan.control.Snapshot.Source.FAN, "pwmfan/pwm1", "permission denied; handed to the kernel");
        lastTick.onTick(snapshots.applied(false).errors(denied).next());
        HealthCheck.Health h = health.check();
        assertFalse(h.ok());
        assertEquals(503, h.httpStatus());
        assertEquals("the fan is not driven by pifan: pwmfan/pwm1: permission denied; handed to the kernel", h.text());
        lastTick.onTick(snapshots.applied(true).errors().next());
        assertTrue(health.check().ok(), health.check()::text);
    }
}
