package dev.pifan.telemetry;

import dev.pifan.control.Reason;
import dev.pifan.control.Snapshot;
import dev.pifan.control.TickListener;
import dev.pifan.hal.ThrottleCondition;
import dev.pifan.hal.ThrottleFlags;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * pifan's own meters, updated from each tick's {@link Snapshot}: what the node measured, what the
 * fan was told and why. Names follow Prometheus' conventions once the registry renders them
 * ({@code pifan.soc.temperature} with base unit celsius is {@code pifan_soc_temperature_celsius}).
 *
 * <p>A value nobody could read is absent, not 0: the temperature while the sensor fails, the rpm
 * without a tachometer, a throttle condition whose bit the source cannot tell (Talos knows only
 * under-voltage). Those gauges are registered when the value becomes known and removed when it is
 * lost again, which happens on the control thread and only on such a change.
 *
 * <p>On every tick this sets a handful of volatile fields and records one timer sample: a few
 * hundred nanoseconds. Scrapes read the fields from the HTTP threads.
 */
public final class PifanMetrics implements TickListener {

    /** Buckets of {@code pifan_control_tick_seconds}: sysfs reads take microseconds, a vcgencmd fork milliseconds. */
    static final Duration[] TICK_BUCKETS = {
        Duration.ofNanos(10_000), Duration.ofNanos(25_000), Duration.ofNanos(50_000), Duration.ofNanos(100_000),
        Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofNanos(2_500_000),
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1),
    };

    private static final ThrottleCondition[] CONDITIONS = ThrottleCondition.values();

    private final MeterRegistry registry;
    private final Timer tickCost;
    private final PresentGauge temperature;
    private final PresentGauge duty;
    private final PresentGauge curveDuty;
    private final PresentGauge rpm;
    private final PresentGauge throttledWord;
    private final PresentGauge[] active = new PresentGauge[CONDITIONS.length];
    private final PresentGauge[] occurred = new PresentGauge[CONDITIONS.length];
    private final Counter[] events = new Counter[CONDITIONS.length];
    private final boolean[] wasActive = new boolean[CONDITIONS.length];
    private final Map<String, Counter> sensorErrors = new HashMap<>();
    private final Map<String, Counter> fanErrors = new HashMap<>();
    private volatile Reason reason;
    private volatile long fanConflicts;
    private boolean reasonsRegistered;

    public PifanMetrics(MeterRegistry registry, NodeInfo node) {
        this.registry = registry;
        // The build and the hardware apart, as Prometheus' own *_build_info and node_exporter's
        // *_info: a dashboard joins on whichever it needs, and an upgrade changes one series only.
        Gauge.builder("pifan.build.info", () -> 1)
                .description("The pifan build: version, git revision, Java version and runtime (jvm or native);"
                        + " always 1")
                .tag("version", node.version())
                .tag("revision", node.revision())
                .tag("java_version", System.getProperty("java.version", "unknown"))
                .tag("runtime", runtime())
                .register(registry);
        Gauge.builder("pifan.node.info", () -> 1)
                .description("The node's hardware as pifan drives it: board, fan driver, temperature sensor and"
                        + " throttle flags source; always 1")
                .tag("board", node.board())
                .tag("fan_driver", node.fan())
                .tag("sensor", node.temperatureSensor())
                .tag("throttle_source", node.throttleSource())
                .register(registry);
        Gauge.builder("pifan.fan.owner", () -> 1)
                .description("Who drives the fan: pifan, the kernel (fan.takeover: none) or pifan, taken from the"
                        + " kernel's thermal zone; always 1")
                .tag("owner", node.fanOwner().kind().label())
                .register(registry);
        FunctionCounter.builder("pifan.fan.conflicts", this, m -> m.fanConflicts)
                .description("Ticks at which the fan's setting read back was not what pifan wrote: something"
                        + " else (the kernel's governor) drives it too")
                .register(registry);
        tickCost = Timer.builder("pifan.control.tick")
                .description("Time one control tick takes: the sensor reads, the decision and the fan write")
                .serviceLevelObjectives(TICK_BUCKETS)
                .register(registry);

        temperature = new PresentGauge(Gauge.builder("pifan.soc.temperature", this, m -> m.temperature.value)
                .description("SoC temperature read by the last control tick; absent while the sensor cannot be read")
                .baseUnit("celsius"));
        duty = new PresentGauge(Gauge.builder("pifan.fan.duty", this, m -> m.duty.value)
                .description("Fan duty applied by the last control tick, 0 (off) to 1 (full speed); "
                        + "absent when the write to the fan failed")
                .baseUnit("ratio"));
        curveDuty = new PresentGauge(Gauge.builder("pifan.fan.curve.duty", this, m -> m.curveDuty.value)
                .description("Fan duty the curve asked for at the last control tick, before the fan's limits "
                        + "and the safety rules, 0 to 1")
                .baseUnit("ratio"));
        rpm = new PresentGauge(Gauge.builder("pifan.fan.speed", this, m -> m.rpm.value)
                .description("Fan speed from its tachometer; absent without one, or when it cannot be read")
                .baseUnit("rpm"));
        throttledWord = new PresentGauge(Gauge.builder("pifan.throttled.flags", this, m -> m.throttledWord.value)
                .description("The firmware's get_throttled word as a number (bits the source cannot tell are 0); "
                        + "absent when it can tell none"));
        for (ThrottleCondition c : CONDITIONS) {
            int i = c.ordinal();
            active[i] = new PresentGauge(Gauge.builder("pifan.throttle.active", this, m -> m.active[i].value)
                    .description("1 while the firmware reports the condition, else 0; absent when the source "
                            + "cannot tell")
                    .tag("condition", c.label()));
            occurred[i] = new PresentGauge(Gauge.builder("pifan.throttle.occurred", this, m -> m.occurred[i].value)
                    .description("1 if the firmware reports the condition happened since boot, else 0; absent "
                            + "when the source cannot tell")
                    .tag("condition", c.label()));
        }
        // Known from the start, so rate() and increase() work from the first scrape.
        sensorErrorCounter(node.temperatureSensor());
        sensorErrorCounter(node.throttleSource());
        fanErrorCounter(node.fan());
    }

    @Override
    public void onTick(Snapshot s) {
        tickCost.record(s.costNanos(), TimeUnit.NANOSECONDS);
        fanConflicts = s.fanConflicts();

        if (s.celsius().isPresent()) {
            temperature.set(s.celsius().getAsDouble());
        } else {
            temperature.clear();
        }
        if (s.applied()) {
            duty.set(s.duty().ratio());
        } else {
            duty.clear();
        }
        curveDuty.set(s.decision().curveDuty().ratio());
        if (s.rpm().isPresent()) {
            rpm.set(s.rpm().getAsInt());
        } else {
            rpm.clear();
        }
        throttle(s.flags());

        reason = s.reason();
        if (!reasonsRegistered) {
            registerReasons();
        }
        for (Snapshot.SourceError error : s.errors()) {
            switch (error.source()) {
                case TEMPERATURE, THROTTLE -> sensorErrorCounter(error.sourceId()).increment();
                case FAN, FAN_SPEED -> fanErrorCounter(error.sourceId()).increment();
            }
        }
    }

    private void throttle(ThrottleFlags flags) {
        if (flags.isFullyUnknown()) {
            throttledWord.clear();
        } else {
            throttledWord.set(Integer.toUnsignedLong(flags.word()));
        }
        for (ThrottleCondition c : CONDITIONS) {
            int i = c.ordinal();
            Optional<Boolean> now = flags.active(c);
            if (now.isPresent()) {
                boolean on = now.get();
                active[i].set(on ? 1 : 0);
                if (events[i] == null) {
                    events[i] = Counter.builder("pifan.throttle.events")
                            .description("Times pifan saw the condition start (its bit going from 0 to 1, "
                                    + "or 1 when first read)")
                            .tag("condition", c.label())
                            .register(registry);
                }
                if (on && !wasActive[i]) {
                    events[i].increment();
                }
                wasActive[i] = on; // an unreadable word in between is not an end: only a read 0 is
            } else {
                active[i].clear();
            }
            Optional<Boolean> since = flags.occurred(c);
            if (since.isPresent()) {
                occurred[i].set(since.get() ? 1 : 0);
            } else {
                occurred[i].clear();
            }
        }
    }

    private void registerReasons() {
        for (Reason r : Reason.values()) {
            Gauge.builder("pifan.control.reason", this, m -> m.reason == r ? 1 : 0)
                    .description("1 for the reason the fan runs at its duty (curve, kick, hold, or a safety rule), "
                            + "0 for the others")
                    .tag("reason", r.label())
                    .register(registry);
        }
        reasonsRegistered = true;
    }

    /** {@code native} in a GraalVM native image (which sets this property at run time), else {@code jvm}. */
    static String runtime() {
        return System.getProperty("org.graalvm.nativeimage.imagecode") != null ? "native" : "jvm";
    }

    private Counter sensorErrorCounter(String sensor) {
        return sensorErrors.computeIfAbsent(sensor, id -> Counter.builder("pifan.sensor.errors")
                .description("Failed reads of a sensor: the temperature sensor or the throttle flags source")
                .tag("sensor", id)
                .register(registry));
    }

    private Counter fanErrorCounter(String fan) {
        return fanErrors.computeIfAbsent(fan, id -> Counter.builder("pifan.fan.errors")
                .description("Failed writes to the fan and failed reads of its tachometer")
                .tag("fan", id)
                .register(registry));
    }

    /**
     * A gauge that exists only while its value is known. The value is written before the gauge
     * is registered, so no scrape sees a stale or default value.
     */
    private final class PresentGauge {
        private final Gauge.Builder<PifanMetrics> builder;
        private volatile double value;
        private Gauge gauge;

        PresentGauge(Gauge.Builder<PifanMetrics> builder) {
            this.builder = builder.strongReference(true);
        }

        void set(double newValue) {
            value = newValue;
            if (gauge == null) {
                gauge = builder.register(registry);
            }
        }

        void clear() {
            if (gauge != null) {
                registry.remove(gauge);
                gauge = null;
            }
        }
    }
}
