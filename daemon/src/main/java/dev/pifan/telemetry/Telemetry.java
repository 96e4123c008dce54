package dev.pifan.telemetry;

import dev.pifan.control.TickListener;
import dev.pifan.hal.MonotonicClock;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.ToLongFunction;

/**
 * Everything the HTTP endpoints show, in one place: the Prometheus registry with pifan's metrics,
 * the standard process metrics and the JVM's memory, the last tick, and the health check. The control loop feeds it through
 * {@link #listeners()}; it never calls back into the loop.
 */
public final class Telemetry {

    /** Prometheus' classic text format. */
    public static final String TEXT_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    public static final String OPENMETRICS_CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private volatile NodeInfo node;
    private final PrometheusRegistry registry;
    private final PifanMetrics metrics;
    private final LastTick lastTick;
    private final PeerReporter peer = PeerReporter.newRun();
    private final HealthCheck health;
    private final Counter reloads;
    private final PrometheusTextFormatWriter text = PrometheusTextFormatWriter.create();
    private final OpenMetricsTextFormatWriter openMetrics = new OpenMetricsTextFormatWriter(false, false);

    /** The tray this node runs the fan for, with the clock it is judged by; null without one. */
    private volatile TrayStatus tray;

    /** Whether the fan is the kernel's after a failed write; never, without a fan to ask. */
    private volatile BooleanSupplier fanHandedToKernel = () -> false;

    private Telemetry(NodeInfo node, MonotonicClock clock) {
        this.node = node;
        this.registry = newRegistry();
        this.metrics = new PifanMetrics(registry, node);
        this.lastTick = new LastTick(clock);
        this.health = new HealthCheck(lastTick, node.interval());
        PifanMetrics.present(registry, "pifan_control_interval_seconds", "How often the control loop runs, as"
                + " configured", () -> this.node.interval().toNanos() / 1e9);
        PifanMetrics.present(registry, "pifan_healthy", "1 while the control loop ticks on time (/healthz answers"
                + " 200), else 0", () -> health.check().ok() ? 1 : 0);
        PifanMetrics.present(registry, "pifan_fan_handed_to_kernel", "1 while pifan has given the fan to the"
                + " kernel's thermal zone after a failed write (it tries to take it back every tick), else 0",
                () -> fanHandedToKernel.getAsBoolean() ? 1 : 0);
        PifanMetrics.present(registry, "pifan_critical_temperature_celsius", "The configured critical temperature"
                + " (safety.critical): at or above it the fan runs at full speed, reason critical",
                () -> this.node.curve().criticalC());
        // absent (not 0) while the guard is off; a reload turns it on or off
        PifanMetrics.present(registry, "pifan_ceiling_temperature_celsius", "The configured ceiling (ceiling.at):"
                + " the ceiling guard trims the fan to hold the temperature there, reason ceiling; absent while the"
                + " guard is off", () -> this.node.curve().ceilingC().orElse(Double.NaN));
        reloads = Counter.builder().name("pifan_config_reloads")
                .help("Configuration reloads (SIGHUP): accepted, or refused with the running configuration kept")
                .labelNames("result").withoutExemplars()
                .register(registry);
        reloads.labelValues("accepted");
        reloads.labelValues("refused");
    }

    /** Counts a reload: accepted (the new configuration runs) or refused (the old one stays). */
    public void reloaded(boolean accepted) {
        reloads.labelValues(accepted ? "accepted" : "refused").inc();
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
     * A registry with the standard process metrics (client_java's {@link ProcessMetrics}:
     * {@code process_cpu_seconds_total}, {@code process_open_fds}, {@code process_resident_memory_bytes}
     * from /proc/self, ...) and the JVM's heap and non-heap memory, used and committed.
     */
    static PrometheusRegistry newRegistry() {
        PrometheusRegistry registry = new PrometheusRegistry();
        ProcessMetrics.builder().register(registry);
        // client_java's JvmMemoryMetrics writes some 70 series of pool detail: these two are what a
        // fan daemon's memory needs, under its names
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        jvmMemory(registry, "jvm_memory_used_bytes", "Used bytes of a given JVM memory area.", memory,
                MemoryUsage::getUsed);
        jvmMemory(registry, "jvm_memory_committed_bytes", "Committed (bytes) of a given JVM memory area.", memory,
                MemoryUsage::getCommitted);
        return registry;
    }

    private static void jvmMemory(PrometheusRegistry registry, String name, String help, MemoryMXBean memory,
            ToLongFunction<MemoryUsage> figure) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("area")
                .callback(cb -> {
                    cb.call(figure.applyAsLong(memory.getHeapMemoryUsage()), "heap");
                    cb.call(figure.applyAsLong(memory.getNonHeapMemoryUsage()), "nonheap");
                })
                .register(registry);
    }

    /**
     * A reloaded configuration runs: {@code /status} shows its curve and source, the metrics its
     * critical and ceiling temperatures, and the health check expects ticks at its interval.
     */
    public void reconfigure(String configSource, java.time.Duration interval, NodeInfo.Curve curve) {
        node = node.withConfig(configSource, interval, curve);
        health.interval(interval);
    }

    /** What to add to the control loop: the meters and the last-tick record. */
    public List<TickListener> listeners() {
        return List.of(metrics, lastTick, peer);
    }

    /** What {@code /peer} answers: this run's last decision, for a tray node. */
    public PeerReporter peer() {
        return peer;
    }

    public NodeInfo node() {
        return node;
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    public HealthCheck.Health health() {
        return health.check();
    }

    public StatusReport status() {
        return StatusReport.of(node, lastTick, health.check(), java.util.Optional.ofNullable(tray));
    }

    /**
     * This node runs the fan for {@code tray}: its members in the metrics and in {@code /status},
     * read by {@code clock} (the control loop's).
     *
     * @return the metrics, whose error counter the poller feeds
     */
    public TrayMetrics tray(dev.pifan.tray.Tray tray, MonotonicClock clock) {
        this.tray = new TrayStatus(tray, clock);
        return new TrayMetrics(registry, tray, clock);
    }

    /** A tray and the clock it is read by, for {@code /status}. */
    record TrayStatus(dev.pifan.tray.Tray tray, MonotonicClock clock) {
    }

    /** The content type to answer an {@code Accept} header with: OpenMetrics if asked for, else text. */
    public static String contentType(String accept) {
        return accept != null && accept.contains("application/openmetrics-text")
                ? OPENMETRICS_CONTENT_TYPE
                : TEXT_CONTENT_TYPE;
    }

    /** Writes every metric in {@code contentType}, one of the two constants here. */
    public void scrape(OutputStream out, String contentType) throws IOException {
        (OPENMETRICS_CONTENT_TYPE.equals(contentType) ? openMetrics : text).write(out, registry.scrape());
    }

    /** The text format of {@code registry}'s metrics, for tests and the benchmark. */
    static String text(PrometheusRegistry registry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // into memory: cannot happen
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
