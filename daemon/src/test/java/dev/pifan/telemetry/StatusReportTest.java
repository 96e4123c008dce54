package dev.pifan.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.pifan.control.Decision;
import dev.pifan.control.Reason;
import dev.pifan.control.Snapshot;
import dev.pifan.hal.Duty;
import dev.pifan.hal.ThrottleCondition;
import dev.pifan.hal.ThrottleFlags;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StatusReportTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LastTick lastTick = new LastTick(now::get);
    private final HealthCheck health = new HealthCheck(lastTick, Duration.ofSeconds(1));
    private final Snapshots snapshots = new Snapshots();

    private Map<?, ?> status() {
        String json = StatusReport.of(Snapshots.NODE, lastTick, health.check()).toJson();
        return (Map<?, ?>) Json.parse(json);
    }

    @Test
    void theNodeTheTickAndTheHealthInOneObject() {
        lastTick.onTick(snapshots.celsius(61.25).rpm(2950).flags(ThrottleFlags.of(0x50005)).next());
        now.addAndGet(400_000_000L);
        Map<?, ?> s = status();
        assertEquals("1.2.3", s.get("version"));
        assertEquals("Raspberry Pi 5 Model B Rev 1.0", s.get("board"));
        assertEquals(Map.of("temperature", "thermal_zone0", "throttle", "get_throttled", "fan", "hwmon:pwmfan",
                "fan_owner", "pifan", "tachometer", true), s.get("drivers"));
        assertEquals(Map.of("source", "/etc/pifan/pifan.yaml", "interval_seconds", 1.0), s.get("config"));
        assertEquals(Map.of("points", List.of(Map.of("celsius", 45.0, "duty", 0.0), Map.of("celsius", 70.0, "duty", 1.0)),
                "hysteresis_celsius", 4.0, "critical_celsius", 80.0), s.get("curve"));
        assertEquals(0.4, s.get("uptime_seconds"));
        assertEquals(Map.of("ok", true, "detail", "ok: tick 1 0.4s ago, expected every 1s"), s.get("health"));
        assertEquals(1.0, s.get("tick"));
        assertEquals(0.4, s.get("last_tick_seconds_ago"));
        assertEquals(61.25, s.get("temperature_celsius"));
        assertEquals(0.4, s.get("duty"));
        assertEquals(true, s.get("duty_applied"));
        assertEquals(0.4, s.get("duty_driven"), "a fan that takes the duty as written has the duty");
        assertEquals(0.0, s.get("fan_conflicts"));
        assertEquals(0.35, s.get("curve_duty"));
        assertEquals(2950.0, s.get("rpm"));
        assertEquals("curve", s.get("reason"));
        assertEquals("", s.get("detail"));
        assertEquals("outside", s.get("quiet"), "no quiet hours configured");
        assertEquals(List.of(), s.get("errors"));
        Map<?, ?> throttled = (Map<?, ?>) s.get("throttled");
        assertEquals("0x50005", throttled.get("word"));
        assertEquals("0xf000f", throttled.get("known_mask"));
        assertEquals(Map.of(
                "under_voltage", Map.of("now", true, "since_boot", true),
                "arm_frequency_capped", Map.of("now", false, "since_boot", false),
                "throttled", Map.of("now", true, "since_boot", true),
                "soft_temperature_limit", Map.of("now", false, "since_boot", false)), throttled.get("conditions"));
    }

    @Test
    void whatCannotBeToldIsNullAndTheErrorsAreListed() {
        ThrottleFlags talos = new ThrottleFlags(0, ThrottleCondition.UNDER_VOLTAGE.nowBit());
        lastTick.onTick(snapshots.noTemperature().noRpm().flags(talos)
                .decision(new Decision(Duty.FULL, Duty.ofPercent(30), Reason.SENSOR_FAILURE, "3 failed reads in a row"))
                .errors(new Snapshot.SourceError(Snapshot.Source.TEMPERATURE, "thermal_zone0", "read failed: \"EIO\""))
                .next());
        Map<?, ?> s = status();
        assertNull(s.get("temperature_celsius"));
        assertNull(s.get("rpm"));
        assertEquals(1.0, s.get("duty"));
        assertEquals("sensor_failure", s.get("reason"));
        assertEquals("3 failed reads in a row", s.get("detail"));
        assertEquals(List.of(Map.of("source", "temperature", "id", "thermal_zone0", "message", "read failed: \"EIO\"")),
                s.get("errors"));
        Map<?, ?> conditions = (Map<?, ?>) ((Map<?, ?>) s.get("throttled")).get("conditions");
        Map<?, ?> underVoltage = (Map<?, ?>) conditions.get("under_voltage");
        assertEquals(false, underVoltage.get("now"));
        assertNull(underVoltage.get("since_boot"));
        assertNull(((Map<?, ?>) conditions.get("throttled")).get("now"));
        assertEquals(true, ((Map<?, ?>) conditions.get("throttled")).containsKey("now"), "null, not left out");
    }

    @Test
    void aSourceThatKnowsNothingIsNullThrottling() {
        lastTick.onTick(snapshots.flags(ThrottleFlags.UNKNOWN).next());
        assertNull(status().get("throttled"));
        assertEquals(true, status().containsKey("throttled"));
    }

    @Test
    void aDriverWithStepsShowsWhatItRunsAndAFailedWriteNothing() {
        lastTick.onTick(snapshots.driven(Duty.FULL).next());
        assertEquals(0.4, status().get("duty"), "what pifan decided");
        assertEquals(1.0, status().get("duty_driven"), "what gpio-fan's two speeds made of it");
        lastTick.onTick(snapshots.applied(false).next());
        assertNull(status().get("duty_driven"), "a write that failed drove nothing");
    }

    @Test
    void beforeTheFirstTickTheReadingsAreNull() {
        Map<?, ?> s = status();
        assertEquals(0.0, s.get("tick"));
        for (String key : List.of("last_tick_seconds_ago", "temperature_celsius", "throttled", "duty", "duty_applied",
                "duty_driven", "curve_duty", "rpm", "reason")) {
            assertEquals(true, s.containsKey(key), key);
            assertNull(s.get(key), key);
        }
        assertEquals("Raspberry Pi 5 Model B Rev 1.0", s.get("board"));
        assertEquals(Map.of("ok", true, "detail", "starting: no tick yet, 0.0s since start"), s.get("health"));
    }
}
