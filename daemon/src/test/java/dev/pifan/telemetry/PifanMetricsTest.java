package dev.pifan.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.control.Decision;
import dev.pifan.control.QuietState;
import dev.pifan.control.Reason;
import dev.pifan.control.Snapshot;
import dev.pifan.hal.Duty;
import dev.pifan.hal.FanOwner;
import dev.pifan.hal.ThrottleCondition;
import dev.pifan.hal.ThrottleFlags;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PifanMetricsTest {

    private final PrometheusRegistry registry = Telemetry.newRegistry();
    private final PifanMetrics metrics = new PifanMetrics(registry, Snapshots.NODE);
    private final Snapshots snapshots = new Snapshots();

    private Scraped scrape() {
        return Scraped.of(Telemetry.text(registry));
    }

    private Scraped tick(Snapshot s) {
        metrics.onTick(s);
        return scrape();
    }

    @Test
    void aHealthyTickIsReadAsSentences() {
        Scraped m = tick(snapshots.celsius(61.25).rpm(2950).next());
        assertEquals(61.25, m.value("pifan_soc_temperature_celsius"));
        assertEquals(0.4, m.value("pifan_fan_duty_ratio"));
        assertEquals(0.35, m.value("pifan_fan_curve_duty_ratio"));
        assertEquals(2950.0, m.value("pifan_fan_speed_rpm"));
        assertEquals(0.0, m.value("pifan_throttled_flags"));
        assertEquals(1.0, m.value("pifan_control_tick_seconds_count"));
        assertEquals(2.0e-5, m.value("pifan_control_tick_seconds_sum"), 1e-12);
        assertEquals(1.0, m.value("pifan_control_tick_seconds_bucket{le=\"2.5E-5\"}"));
        assertEquals(0.0, m.value("pifan_control_tick_seconds_bucket{le=\"1.0E-5\"}"));
    }

    @Test
    void eachTimeTheCeilingOrASafetyRuleOverridesTheQuietHoursIsCountedOnce() {
        Decision capped = new Decision(Duty.ofPercent(40), Duty.ofPercent(70), Reason.QUIET, "",
                QuietState.CAPPED);
        Decision ceiling = new Decision(Duty.ofPercent(75), Duty.ofPercent(70), Reason.CEILING, "",
                QuietState.OVERRIDDEN);
        Decision critical = new Decision(Duty.FULL, Duty.ofPercent(70), Reason.CRITICAL, "",
                QuietState.OVERRIDDEN);
        tick(snapshots.decision(capped).next());
        tick(snapshots.decision(ceiling).next());
        Scraped m = tick(snapshots.decision(ceiling).next());
        assertEquals(1.0, m.value("pifan_quiet_overrides_total{reason=\"ceiling\"}"), "one override, two ticks");
        tick(snapshots.decision(capped).next());
        tick(snapshots.decision(ceiling).next());
        m = tick(snapshots.decision(critical).next());
        assertEquals(2.0, m.value("pifan_quiet_overrides_total{reason=\"ceiling\"}"));
        assertEquals(null, m.named("pifan_quiet_overrides_total").get("pifan_quiet_overrides_total{reason=\"critical\"}"),
                "the critical rule took over an override already running: still one");
    }

    @Test
    void buildInfoCarriesTheBuildOnlyAndNodeInfoTheHardware() {
        Scraped m = scrape();
        assertEquals(Map.of("pifan_build_info{java_version=\"" + System.getProperty("java.version")
                + "\",revision=\"unknown\",runtime=\"jvm\",version=\"1.2.3\"}", 1.0), m.named("pifan_build_info"));
        assertEquals(Map.of("pifan_node_info{board=\"Raspberry Pi 5 Model B Rev 1.0\",fan_driver=\"hwmon:pwmfan\","
                + "sensor=\"thermal_zone0\",throttle_source=\"" + Snapshots.NODE.throttleSource() + "\"}", 1.0),
                m.named("pifan_node_info"));
    }

    @Test
    void theRevisionIsTheBuildsOwn() {
        PrometheusRegistry other = Telemetry.newRegistry();
        NodeInfo n = Snapshots.NODE;
        new PifanMetrics(other, new NodeInfo(n.version(), n.board(), n.temperatureSensor(), n.throttleSource(),
                n.fan(), n.tachometer(), n.configSource(), n.interval(), n.curve(), n.fanOwner(), "0123abc"));
        assertTrue(Scraped.of(Telemetry.text(other)).named("pifan_build_info").keySet().iterator().next()
                .contains("revision=\"0123abc\""));
    }

    @Test
    void theOwnerSaysWhetherPifanTookTheFanFromTheKernelOrOnlyWatches() {
        assertEquals(Map.of("pifan_fan_owner{owner=\"pifan\"}", 1.0), scrape().named("pifan_fan_owner"));
        for (var owner : Map.of(FanOwner.takenFromKernel("cpu-thermal mode disabled"), "taken_from_kernel",
                FanOwner.KERNEL, "kernel").entrySet()) {
            PrometheusRegistry other = Telemetry.newRegistry();
            NodeInfo node = new NodeInfo("1.2.3", "b", "t", "f", "hwmon:pwmfan", true, "c", Duration.ofSeconds(1),
                    Snapshots.NODE.curve(), owner.getKey());
            new PifanMetrics(other, node);
            assertEquals(Map.of("pifan_fan_owner{owner=\"" + owner.getValue() + "\"}", 1.0),
                    Scraped.of(Telemetry.text(other)).named("pifan_fan_owner"), owner.getKey().describe());
        }
    }

    @Test
    void conflictsCountTheTicksAtWhichSomethingElseHadSetTheFan() {
        assertEquals(0.0, scrape().value("pifan_fan_conflicts_total"));
        assertEquals(3.0, tick(snapshots.fanConflicts(3).next()).value("pifan_fan_conflicts_total"));
    }

    @Test
    void beforeTheFirstTickNothingIsClaimedButTheErrorCountersStartAtZero() {
        Scraped m = scrape();
        for (String name : List.of("pifan_soc_temperature_celsius", "pifan_fan_duty_ratio", "pifan_fan_curve_duty_ratio",
                "pifan_fan_speed_rpm", "pifan_throttled_flags", "pifan_throttle_active", "pifan_throttle_occurred",
                "pifan_throttle_events_total", "pifan_control_reason")) {
            assertEquals(Map.of(), m.named(name), name);
        }
        assertEquals(Map.of("pifan_sensor_errors_total{sensor=\"thermal_zone0\"}", 0.0,
                "pifan_sensor_errors_total{sensor=\"get_throttled\"}", 0.0), m.named("pifan_sensor_errors_total"));
        assertEquals(Map.of("pifan_fan_errors_total{fan=\"hwmon:pwmfan\"}", 0.0), m.named("pifan_fan_errors_total"));
    }

    @Test
    void exactlyOneReasonIsOneAndEveryReasonHasASeries() {
        for (Reason reason : Reason.values()) {
            Duty duty = reason.isSafety() ? Duty.FULL : Duty.ofPercent(50);
            Scraped m = tick(snapshots.decision(new Decision(duty, Duty.ofPercent(50), reason, "")).next());
            Map<String, Double> reasons = m.named("pifan_control_reason");
            assertEquals(Reason.values().length, reasons.size(), reasons::toString);
            assertEquals(1.0, reasons.values().stream().mapToDouble(Double::doubleValue).sum(), reasons::toString);
            assertEquals(1.0, m.value("pifan_control_reason{reason=\"" + reason.label() + "\"}"));
        }
    }

    @Test
    void aTemperatureThatCannotBeReadIsAbsentNotZeroAndComesBack() {
        tick(snapshots.next());
        Snapshot.SourceError error = new Snapshot.SourceError(Snapshot.Source.TEMPERATURE, "thermal_zone0", "EIO");
        Scraped failed = tick(snapshots.noTemperature().errors(error)
                .decision(new Decision(Duty.FULL, Duty.ofPercent(35), Reason.SENSOR_FAILURE, "3 failed reads")).next());
        assertFalse(failed.has("pifan_soc_temperature_celsius"), failed::text);
        assertEquals(1.0, failed.value("pifan_sensor_errors_total{sensor=\"thermal_zone0\"}"));
        assertEquals(1.0, failed.value("pifan_fan_duty_ratio"));
        assertEquals(1.0, failed.value("pifan_control_reason{reason=\"sensor_failure\"}"));

        Scraped again = tick(snapshots.celsius(55).errors().decision(Decision.curve(Duty.ofPercent(45))).next());
        assertEquals(55.0, again.value("pifan_soc_temperature_celsius"));
        assertEquals(1.0, again.value("pifan_sensor_errors_total{sensor=\"thermal_zone0\"}"), "a counter keeps its count");
    }

    @Test
    void withoutATachometerThereIsNoRpmSeries() {
        Scraped m = tick(snapshots.noRpm().next());
        assertEquals(Map.of(), m.named("pifan_fan_speed_rpm"));
    }

    @Test
    void aDutyThatDidNotReachTheFanIsAbsentAndTheFanErrorCounted() {
        Snapshot.SourceError error = new Snapshot.SourceError(Snapshot.Source.FAN, "hwmon:pwmfan", "EACCES");
        Snapshot.SourceError tacho = new Snapshot.SourceError(Snapshot.Source.FAN_SPEED, "hwmon:pwmfan", "EIO");
        Scraped m = tick(snapshots.applied(false).noRpm().errors(error, tacho).next());
        assertFalse(m.has("pifan_fan_duty_ratio"));
        assertEquals(0.35, m.value("pifan_fan_curve_duty_ratio"), "what the curve asked is still known");
        assertEquals(2.0, m.value("pifan_fan_errors_total{fan=\"hwmon:pwmfan\"}"));
    }

    @Test
    void everyConditionIsShownWhenTheSourceKnowsEveryBit() {
        Scraped m = tick(snapshots.flags(ThrottleFlags.of(0x50005)).next());
        assertEquals((double) 0x50005, m.value("pifan_throttled_flags"));
        assertEquals(Map.of(
                "pifan_throttle_active{condition=\"under_voltage\"}", 1.0,
                "pifan_throttle_active{condition=\"arm_frequency_capped\"}", 0.0,
                "pifan_throttle_active{condition=\"throttled\"}", 1.0,
                "pifan_throttle_active{condition=\"soft_temperature_limit\"}", 0.0), m.named("pifan_throttle_active"));
        assertEquals(Map.of(
                "pifan_throttle_occurred{condition=\"under_voltage\"}", 1.0,
                "pifan_throttle_occurred{condition=\"arm_frequency_capped\"}", 0.0,
                "pifan_throttle_occurred{condition=\"throttled\"}", 1.0,
                "pifan_throttle_occurred{condition=\"soft_temperature_limit\"}", 0.0), m.named("pifan_throttle_occurred"));
    }

    /** Talos: the rpi_volt alarm tells under-voltage now, and nothing else. */
    @Test
    void conditionsTheSourceCannotTellAreAbsentNotZero() {
        ThrottleFlags talos = new ThrottleFlags(0x1, ThrottleCondition.UNDER_VOLTAGE.nowBit());
        Scraped m = tick(snapshots.flags(talos).next());
        assertEquals(Map.of("pifan_throttle_active{condition=\"under_voltage\"}", 1.0), m.named("pifan_throttle_active"));
        assertEquals(Map.of(), m.named("pifan_throttle_occurred"));
        assertEquals(Map.of("pifan_throttle_events_total{condition=\"under_voltage\"}", 1.0),
                m.named("pifan_throttle_events_total"));
        assertEquals(1.0, m.value("pifan_throttled_flags"));
    }

    @Test
    void aSourceThatKnowsNothingLeavesNoThrottleSeries() {
        tick(snapshots.flags(ThrottleFlags.of(0x4)).next());
        Scraped m = tick(snapshots.flags(ThrottleFlags.UNKNOWN).next());
        for (String name : List.of("pifan_throttled_flags", "pifan_throttle_active", "pifan_throttle_occurred")) {
            assertEquals(Map.of(), m.named(name), name);
        }
        // the counters of what was once known stay: a counter does not vanish
        assertEquals(1.0, m.value("pifan_throttle_events_total{condition=\"throttled\"}"));
    }

    @Test
    void eventsCountRisingEdgesOnlyAndAnUnreadableWordIsNoEdge() {
        int[] words = {0x0, 0x1, 0x1, 0x10001, 0x10000, 0x10001};
        for (int w : words) {
            tick(snapshots.flags(ThrottleFlags.of(w)).next());
        }
        assertEquals(2.0, scrape().value("pifan_throttle_events_total{condition=\"under_voltage\"}"));
        tick(snapshots.flags(ThrottleFlags.UNKNOWN).next()); // still on, as far as anyone knows
        Scraped m = tick(snapshots.flags(ThrottleFlags.of(0x10001)).next());
        assertEquals(2.0, m.value("pifan_throttle_events_total{condition=\"under_voltage\"}"));
        assertEquals(0.0, m.value("pifan_throttle_events_total{condition=\"throttled\"}"));
    }

    @Test
    void theWordIsUnsignedEvenWithTheHighBitsKnown() {
        Scraped m = tick(snapshots.flags(ThrottleFlags.of(0x000F000F)).next());
        assertEquals((double) 0xF000F, m.value("pifan_throttled_flags"));
    }

    @Test
    void everyFamilyHasHelpAndTypeAndCountersEndInTotal() {
        tick(snapshots.flags(ThrottleFlags.of(0x50005)).next());
        String text = Telemetry.text(registry);
        Map<String, String> types = text.lines().filter(l -> l.startsWith("# TYPE "))
                .map(l -> l.substring(7).split(" "))
                .collect(Collectors.toMap(p -> p[0], p -> p[1]));
        List<String> helps = text.lines().filter(l -> l.startsWith("# HELP ")).map(l -> l.split(" ")[2]).toList();
        assertEquals(types.keySet(), new HashSet<>(helps));
        types.forEach((name, type) -> {
            if (type.equals("counter")) {
                assertTrue(name.endsWith("_total"), name);
            } else {
                assertFalse(name.endsWith("_total"), name);
            }
        });
        for (String family : types.keySet()) {
            if (family.startsWith("pifan_")) {
                assertTrue(family.matches("pifan_[a-z_]+"), family);
            }
        }
        assertEquals("histogram", types.get("pifan_control_tick_seconds"));
        assertFalse(text.contains("_ns_total"), "no abbreviated units");
    }

    /** The names and types client_java's ProcessMetrics writes, which dashboards for any exporter read. */
    @Test
    void theProcessMetricsAreThePrometheusStandardOnesAndNoOthers() {
        Map<String, String> types = Telemetry.text(registry).lines().filter(l -> l.startsWith("# TYPE "))
                .map(l -> l.substring(7).split(" "))
                .collect(Collectors.toMap(p -> p[0], p -> p[1]));
        Map<String, String> standard = Map.of("process_cpu_seconds_total", "counter",
                "process_start_time_seconds", "gauge", "process_open_fds", "gauge", "process_max_fds", "gauge",
                "process_virtual_memory_bytes", "gauge", "process_resident_memory_bytes", "gauge");
        standard.forEach((name, type) -> assertEquals(type, types.get(name), name + " in " + types));
        types.keySet().stream().filter(n -> n.startsWith("process_") || n.startsWith("system_"))
                .forEach(n -> assertTrue(standard.containsKey(n), n + " is not a standard process metric"));
        Scraped m = scrape();
        double fds = m.value("process_open_fds");
        assertTrue(fds >= 3 && fds <= m.value("process_max_fds"), fds + " open of " + m.value("process_max_fds"));
        double rss = m.value("process_resident_memory_bytes");
        assertTrue(rss > 1 << 20 && rss < m.value("process_virtual_memory_bytes"), rss + " resident");
        double started = m.value("process_start_time_seconds");
        double now = System.currentTimeMillis() / 1e3;
        assertTrue(started > now - 3600 && started <= now, started + " vs now " + now);
    }

    /** The tick must stay in microseconds: the metrics' share of it is far below that. */
}
