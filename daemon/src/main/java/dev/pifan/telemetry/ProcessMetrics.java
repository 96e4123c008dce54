package dev.pifan.telemetry;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The standard Prometheus process metrics, under the names and from the sources of the Prometheus
 * Java client's {@code ProcessMetrics} (client_java 1.x), so that the dashboards and rules written
 * for any exporter's process work on pifan's:
 * {@code process_cpu_seconds_total}, {@code process_start_time_seconds}, {@code process_open_fds},
 * {@code process_max_fds}, {@code process_virtual_memory_bytes} and
 * {@code process_resident_memory_bytes}. Micrometer's own binders write other names
 * ({@code process_files_open_files}, {@code system_cpu_usage}, a CPU time in nanoseconds that
 * promtool rejects), which is why they are not used.
 *
 * <p>Each is registered only where it can be read: the memory sizes come from
 * {@code /proc/self/status} (Linux), the descriptor counts from the JDK's Unix MXBean.
 */
final class ProcessMetrics implements MeterBinder {

    private static final Path STATUS = Path.of("/proc/self/status");

    @Override
    public void bindTo(MeterRegistry registry) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun && sun.getProcessCpuTime() >= 0) {
            FunctionCounter.builder("process.cpu", sun, b -> b.getProcessCpuTime() / 1e9)
                    .description("Total user and system CPU time spent in seconds.")
                    .baseUnit("seconds")
                    .register(registry);
        }
        long startMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
        Gauge.builder("process.start.time", () -> startMillis / 1e3)
                .description("Start time of the process since unix epoch in seconds.")
                .baseUnit("seconds")
                .register(registry);
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix
                && unix.getOpenFileDescriptorCount() >= 0) {
            Gauge.builder("process.open.fds", unix, com.sun.management.UnixOperatingSystemMXBean::getOpenFileDescriptorCount)
                    .description("Number of open file descriptors.")
                    .register(registry);
            Gauge.builder("process.max.fds", unix, com.sun.management.UnixOperatingSystemMXBean::getMaxFileDescriptorCount)
                    .description("Maximum number of open file descriptors.")
                    .register(registry);
        }
        if (!Double.isNaN(statusBytes("VmSize:"))) {
            Gauge.builder("process.virtual.memory", () -> statusBytes("VmSize:"))
                    .description("Virtual memory size in bytes.")
                    .baseUnit("bytes")
                    .register(registry);
        }
        if (!Double.isNaN(statusBytes("VmRSS:"))) {
            Gauge.builder("process.resident.memory", () -> statusBytes("VmRSS:"))
                    .description("Resident memory size in bytes.")
                    .baseUnit("bytes")
                    .register(registry);
        }
    }

    /** A size field of /proc/self/status ({@code VmRSS:}, always in kB) in bytes, NaN where there is none. */
    static double statusBytes(String field) {
        try {
            for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
                if (line.startsWith(field)) {
                    String[] parts = line.substring(field.length()).strip().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
