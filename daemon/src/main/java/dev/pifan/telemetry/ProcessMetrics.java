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
 * The two process figures Micrometer's binders lack under their usual Prometheus names:
 * {@code process_cpu_seconds_total} (Micrometer's own is in nanoseconds, which promtool rejects
 * as an abbreviated unit) and {@code process_resident_memory_bytes}, what the process really
 * holds of a Pi's memory (the JVM's pools say nothing of the rest). Each is registered only where
 * it can be read.
 */
final class ProcessMetrics implements MeterBinder {

    private static final Path STATUS = Path.of("/proc/self/status");

    @Override
    public void bindTo(MeterRegistry registry) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun && sun.getProcessCpuTime() >= 0) {
            FunctionCounter.builder("process.cpu", sun, b -> b.getProcessCpuTime() / 1e9)
                    .description("CPU time the pifan process has used, user and system")
                    .baseUnit("seconds")
                    .register(registry);
        }
        if (!Double.isNaN(residentBytes())) {
            Gauge.builder("process.resident.memory", ProcessMetrics::residentBytes)
                    .description("Resident set size of the pifan process (VmRSS)")
                    .baseUnit("bytes")
                    .register(registry);
        }
    }

    /** VmRSS from /proc/self/status, NaN where there is none. */
    static double residentBytes() {
        try {
            for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).strip().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024.0; // always kB
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
