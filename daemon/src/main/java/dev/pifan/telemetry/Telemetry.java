package dev.pifan.telemetry;

import dev.pifan.control.TickListener;
import dev.pifan.hal.MonotonicClock;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Everything the HTTP endpoints show, in one place: the meter registry with pifan's meters and a
 * few process ones, the last tick, and the health check. The control loop feeds it through
 * {@link #listeners()}; it never calls back into the loop.
 */
public final class Telemetry {

    /** Prometheus' classic text format. */
    public static final String TEXT_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    public static final String OPENMETRICS_CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    /** JVM memory binder meters left out: pool detail a fan daemon does not need. */
    private static final Set<String> DENIED = Set.of("jvm.memory.max", "jvm.memory.usage.after.gc");

    private volatile NodeInfo node;
    private final PrometheusMeterRegistry registry;
    private final PifanMetrics metrics;
    private final LastTick lastTick;
    private final HealthCheck health;
    private final Counter reloadsAccepted;
    private final Counter reloadsRefused;
    private Gauge ceiling; // changed by reconfigure only, on the reload thread

    /** Whether the fan is the kernel's after a failed write; never, without a fan to ask. */
    private volatile BooleanSupplier fanHandedToKernel = () -> false;

    private Telemetry(NodeInfo node, MonotonicClock clock) {
        this.node = node;
        this.registry = newRegistry();
        this.metrics = new PifanMetrics(registry, node);
        this.lastTick = new LastTick(clock);
        this.health = new HealthCheck(lastTick, node.interval());
        Gauge.builder("pifan.control.interval", this, t -> t.node.interval().toNanos() / 1e9)
                .description("How often the control loop runs, as configured")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
        Gauge.builder("pifan.healthy", health, h -> h.check().ok() ? 1 : 0)
                .description("1 while the control loop ticks on time (/healthz answers 200), else 0")
                .strongReference(true)
                .register(registry);
        Gauge.builder("pifan.fan.handed.to.kernel", this, t -> t.fanHandedToKernel.getAsBoolean() ? 1 : 0)
                .description("1 while pifan has given the fan to the kernel's thermal zone after a failed write"
                        + " (it tries to take it back every tick), else 0")
                .strongReference(true)
                .register(registry);
        Gauge.builder("pifan.critical.temperature", this, t -> t.node.curve().criticalC())
                .description("The configured critical temperature (safety.critical): at or above it the fan runs"
                        + " at full speed, reason critical")
                .baseUnit("celsius")
                .strongReference(true)
                .register(registry);
        ceilingGauge();
        reloadsAccepted = reloads("accepted");
        reloadsRefused = reloads("refused");
    }

    /** pifan_ceiling_temperature_celsius while the ceiling guard is on; absent (not 0) while it is off. */
    private void ceilingGauge() {
        boolean on = node.curve().ceilingC().isPresent();
        if (on && ceiling == null) {
            ceiling = Gauge.builder("pifan.ceiling.temperature", this,
                            t -> t.node.curve().ceilingC().orElse(Double.NaN))
                    .description("The configured ceiling (ceiling.at): the ceiling guard trims the fan to hold the"
                            + " temperature there, reason ceiling; absent while the guard is off")
                    .baseUnit("celsius")
                    .strongReference(true)
                    .register(registry);
        } else if (!on && ceiling != null) {
            registry.remove(ceiling);
            ceiling = null;
        }
    }

    private Counter reloads(String result) {
        return Counter.builder("pifan.config.reloads")
                .description("Configuration reloads (SIGHUP): accepted, or refused with the running configuration kept")
                .tag("result", result)
                .register(registry);
    }

    /** Counts a reload: accepted (the new configuration runs) or refused (the old one stays). */
    public void reloaded(boolean accepted) {
        (accepted ? reloadsAccepted : reloadsRefused).increment();
    }

    /** Telemetry that also shows whether {@code fan} is handed to the kernel ({@code pifan_fan_handed_to_kernel}). */
    public static Telemetry create(NodeInfo node, MonotonicClock clock, dev.pifan.hal.Fan fan) {
        Telemetry telemetry = new Telemetry(node, clock);
        telemetry.fanHandedToKernel = () -> fan.handedToKernel().isPresent();
        return telemetry;
    }

    /** Telemetry for this node, timed by {@code clock} (the same clock as the control loop's). */
    public static Telemetry create(NodeInfo node, MonotonicClock clock) {
        return new Telemetry(node, clock);
    }

    /**
     * A Prometheus registry with the standard process metrics ({@link ProcessMetrics}) and the JVM's
     * memory pools (used and committed).
     */
    static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
                new PrometheusRegistry(), Clock.SYSTEM);
        registry.config().meterFilter(MeterFilter.deny(id ->
                DENIED.contains(id.getName()) || id.getName().startsWith("jvm.buffer.")));
        new JvmMemoryMetrics().bindTo(registry);
        new ProcessMetrics().bindTo(registry);
        return registry;
    }

    /**
     * A reloaded configuration runs: {@code /status} shows its curve and source, the metrics its
     * critical and ceiling temperatures, and the health check expects ticks at its interval.
     */
    public void reconfigure(String configSource, java.time.Duration interval, NodeInfo.Curve curve) {
        node = node.withConfig(configSource, interval, curve);
        health.interval(interval);
        ceilingGauge();
    }

    /** What to add to the control loop: the meters and the last-tick record. */
    public List<TickListener> listeners() {
        return List.of(metrics, lastTick);
    }

    public NodeInfo node() {
        return node;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public HealthCheck.Health health() {
        return health.check();
    }

    public StatusReport status() {
        return StatusReport.of(node, lastTick, health.check());
    }

    /** The content type to answer an {@code Accept} header with: OpenMetrics if asked for, else text. */
    public static String contentType(String accept) {
        return accept != null && accept.contains("application/openmetrics-text")
                ? OPENMETRICS_CONTENT_TYPE
                : TEXT_CONTENT_TYPE;
    }

    /** Writes every meter in {@code contentType}, one of the two constants here. */
    public void scrape(OutputStream out, String contentType) throws IOException {
        registry.scrape(out, contentType);
    }
}
