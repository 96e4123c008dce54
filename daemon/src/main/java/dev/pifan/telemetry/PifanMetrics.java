package dev.pifan.telemetry;

import dev.pifan.control.QuietState;
import dev.pifan.control.Reason;
import dev.pifan.control.Snapshot;
import dev.pifan.control.TickListener;
import dev.pifan.hal.ThrottleCondition;
import dev.pifan.hal.ThrottleFlags;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * pifan's own metrics, updated from each tick's {@link Snapshot}: what the node measured, what the
 * fan was told and why. Written with the Prometheus Java client (client_java 1.x) directly, under
 * the names Prometheus' conventions give them ({@code pifan_soc_temperature_celsius}).
 *
 * <p>A value nobody could read is absent, not 0: the temperature while the sensor fails, the rpm
 * without a tachometer, a throttle condition whose bit the source cannot tell (Talos knows only
 * under-voltage). Such a value is NaN here, and a gauge's callback reports no sample for it, so
 * the series is not in the scrape (and a family without samples not at all).
 *
 * <p>On every tick this sets a handful of volatile fields (two small arrays for the throttle
 * conditions among them) and observes one histogram sample: a few hundred nanoseconds. Scrapes read the fields from the HTTP thread.
 */
public final class PifanMetrics implements TickListener {

    /** Buckets of {@code pifan_control_tick_seconds}: sysfs reads take microseconds, a vcgencmd fork milliseconds. */
    static final double[] TICK_BUCKETS = {
        10e-6, 25e-6, 50e-6, 100e-6, 250e-6, 500e-6, 1e-3, 2.5e-3, 5e-3, 10e-3, 25e-3, 50e-3, 100e-3, 250e-3, 1,
    };

    private static final ThrottleCondition[] CONDITIONS = ThrottleCondition.values();
    private static final Reason[] REASONS = Reason.values();

    private final Histogram tickCost;
    private final Counter events;
    private final Counter sensorErrors;
    private final Counter fanErrors;
    private final boolean[] eventsKnown = new boolean[CONDITIONS.length];
    private final boolean[] wasActive = new boolean[CONDITIONS.length];
    private final Counter quietOverrides;
    private QuietState lastQuiet = QuietState.OUTSIDE; // the control thread's alone
    // NaN: not known, no sample
    private volatile double temperature = Double.NaN;
    private volatile double duty = Double.NaN;
    private volatile double curveDuty = Double.NaN;
    private volatile double rpm = Double.NaN;
    private volatile double throttledWord = Double.NaN;
    // by condition ordinal; a new array each tick, so that a scrape sees one tick's whole
    private volatile double[] active = nan(CONDITIONS.length);
    private volatile double[] occurred = nan(CONDITIONS.length);
    private volatile Reason reason;
    private volatile long fanConflicts;

    public PifanMetrics(PrometheusRegistry registry, NodeInfo node) {
        // The build and the hardware apart, as Prometheus' own *_build_info and node_exporter's
        // *_info: a dashboard joins on whichever it needs, and an upgrade changes one series only.
        Info.builder().name("pifan_build_info")
                .help("The pifan build: version, git revision, Java version and runtime (jvm or native); always 1")
                .labelNames("version", "revision", "java_version", "runtime")
                .register(registry)
                .setLabelValues(node.version(), node.revision(), System.getProperty("java.version", "unknown"),
                        runtime());
        Info.builder().name("pifan_node_info")
                .help("The node's hardware as pifan drives it: board, fan driver, temperature sensor and throttle"
                        + " flags source; always 1")
                .labelNames("board", "fan_driver", "sensor", "throttle_source")
                .register(registry)
                .setLabelValues(node.board(), node.fan(), node.temperatureSensor(), node.throttleSource());
        // a gauge, not an Info: an Info's name ends in _info
        Gauge.builder().name("pifan_fan_owner")
                .help("Who drives the fan: pifan, the kernel (fan.takeover: none) or pifan, taken from the kernel's"
                        + " thermal zone; always 1")
                .labelNames("owner")
                .register(registry)
                .labelValues(node.fanOwner().kind().label()).set(1);
        CounterWithCallback.builder().name("pifan_fan_conflicts")
                .help("Ticks at which the fan's setting read back was not what pifan wrote: something else (the"
                        + " kernel's governor) drives it too")
                .callback(cb -> cb.call(fanConflicts))
                .register(registry);
        tickCost = Histogram.builder().name("pifan_control_tick_seconds")
                .help("Time one control tick takes: the sensor reads, the decision and the fan write")
                .classicOnly().classicUpperBounds(TICK_BUCKETS).withoutExemplars()
                .register(registry);

        present(registry, "pifan_soc_temperature_celsius",
                "SoC temperature read by the last control tick; absent while the sensor cannot be read",
                () -> temperature);
        present(registry, "pifan_fan_duty_ratio", "Fan duty applied by the last control tick, 0 (off) to 1 (full"
                + " speed); absent when the write to the fan failed", () -> duty);
        present(registry, "pifan_fan_curve_duty_ratio", "Fan duty the curve asked for at the last control tick,"
                + " before the fan's limits and the safety rules, 0 to 1", () -> curveDuty);
        present(registry, "pifan_fan_speed_rpm",
                "Fan speed from its tachometer; absent without one, or when it cannot be read", () -> rpm);
        present(registry, "pifan_throttled_flags", "The firmware's get_throttled word as a number (bits the source"
                + " cannot tell are 0); absent when it can tell none", () -> throttledWord);
        byCondition(registry, "pifan_throttle_active",
                "1 while the firmware reports the condition, else 0; absent when the source cannot tell", () -> active);
        byCondition(registry, "pifan_throttle_occurred", "1 if the firmware reports the condition happened since"
                + " boot, else 0; absent when the source cannot tell", () -> occurred);
        events = Counter.builder().name("pifan_throttle_events")
                .help("Times pifan saw the condition start (its bit going from 0 to 1, or 1 when first read)")
                .labelNames("condition").withoutExemplars()
                .register(registry);
        GaugeWithCallback.builder().name("pifan_control_reason")
                .help("1 for the reason the fan runs at its duty (curve, kick, ceiling, quiet, hold, or a safety rule), 0"
                        + " for the others")
                .labelNames("reason")
                .callback(cb -> {
                    Reason now = reason;
                    if (now != null) { // none before the first tick
                        for (Reason r : REASONS) {
                            cb.call(r == now ? 1 : 0, r.label());
                        }
                    }
                })
                .register(registry);
        sensorErrors = Counter.builder().name("pifan_sensor_errors")
                .help("Failed reads of a sensor: the temperature sensor or the throttle flags source")
                .labelNames("sensor").withoutExemplars()
                .register(registry);
        quietOverrides = Counter.builder().name("pifan_quiet_overrides")
                .help("Times the ceiling or a safety rule ran the fan above the quiet hours' cap, by the reason that"
                        + " took over")
                .labelNames("reason").withoutExemplars()
                .register(registry);
        fanErrors = Counter.builder().name("pifan_fan_errors")
                .help("Failed writes to the fan and failed reads of its tachometer")
                .labelNames("fan").withoutExemplars()
                .register(registry);
        // Known from the start, at 0, so rate() and increase() work from the first scrape.
        sensorErrors.labelValues(node.temperatureSensor());
        sensorErrors.labelValues(node.throttleSource());
        fanErrors.labelValues(node.fan());
    }

    /** A gauge with one sample while {@code value} is a number, none while it is NaN. */
    static void present(PrometheusRegistry registry, String name, String help, DoubleSupplier value) {
        GaugeWithCallback.builder().name(name).help(help)
                .callback(cb -> {
                    double v = value.getAsDouble();
                    if (!Double.isNaN(v)) {
                        cb.call(v);
                    }
                })
                .register(registry);
    }

    private static void byCondition(PrometheusRegistry registry, String name, String help,
            Supplier<double[]> current) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("condition")
                .callback(cb -> {
                    double[] values = current.get();
                    for (ThrottleCondition c : CONDITIONS) {
                        double v = values[c.ordinal()];
                        if (!Double.isNaN(v)) {
                            cb.call(v, c.label());
                        }
                    }
                })
                .register(registry);
    }

    private static double[] nan(int n) {
        double[] values = new double[n];
        java.util.Arrays.fill(values, Double.NaN);
        return values;
    }

    @Override
    public void onTick(Snapshot s) {
        tickCost.observe(s.costNanos() / 1e9);
        fanConflicts = s.fanConflicts();
        temperature = s.celsius().isPresent() ? s.celsius().getAsDouble() : Double.NaN;
        duty = s.applied() ? s.duty().ratio() : Double.NaN;
        curveDuty = s.decision().curveDuty().ratio();
        rpm = s.rpm().isPresent() ? s.rpm().getAsInt() : Double.NaN;
        throttle(s.flags());
        reason = s.reason();
        QuietState quiet = s.decision().quiet();
        if (quiet == QuietState.OVERRIDDEN && lastQuiet != QuietState.OVERRIDDEN) {
            quietOverrides.labelValues(s.reason().label()).inc();
        }
        lastQuiet = quiet;
        for (Snapshot.SourceError error : s.errors()) {
            switch (error.source()) {
                case TEMPERATURE, THROTTLE -> sensorErrors.labelValues(error.sourceId()).inc();
                case FAN, FAN_SPEED -> fanErrors.labelValues(error.sourceId()).inc();
            }
        }
    }

    private void throttle(ThrottleFlags flags) {
        throttledWord = flags.isFullyUnknown() ? Double.NaN : Integer.toUnsignedLong(flags.word());
        double[] active = new double[CONDITIONS.length];
        double[] occurred = new double[CONDITIONS.length];
        for (ThrottleCondition c : CONDITIONS) {
            int i = c.ordinal();
            Optional<Boolean> now = flags.active(c);
            if (now.isPresent()) {
                boolean on = now.get();
                active[i] = on ? 1 : 0;
                if (!eventsKnown[i]) {
                    events.labelValues(c.label()); // the series starts at 0 once the condition is known
                    eventsKnown[i] = true;
                }
                if (on && !wasActive[i]) {
                    events.labelValues(c.label()).inc();
                }
                wasActive[i] = on; // an unreadable word in between is not an end: only a read 0 is
            } else {
                active[i] = Double.NaN;
            }
            Optional<Boolean> since = flags.occurred(c);
            occurred[i] = since.isPresent() ? (since.get() ? 1 : 0) : Double.NaN;
        }
        this.active = active; // published whole, by the volatile writes
        this.occurred = occurred;
    }

    /** {@code native} in a GraalVM native image (which sets this property at run time), else {@code jvm}. */
    static String runtime() {
        return System.getProperty("org.graalvm.nativeimage.imagecode") != null ? "native" : "jvm";
    }
}
