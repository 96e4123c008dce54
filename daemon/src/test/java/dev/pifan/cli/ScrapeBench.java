package dev.pifan.cli;

import dev.pifan.config.PifanConfig;
import dev.pifan.control.ChangeLog;
import dev.pifan.control.ControlLoop;
import dev.pifan.hal.MonotonicClock;
import dev.pifan.hal.sim.BoardProfile;
import dev.pifan.hal.sim.SampleListener;
import dev.pifan.hal.sim.Scenarios;
import dev.pifan.hal.sim.SimulatedBoard;
import dev.pifan.telemetry.Telemetry;
import dev.pifan.telemetry.TelemetryServer;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The cost of being observed: {@code /metrics} scrape latency over 1000 scrapes, and the control
 * loop's tick cost (sensor reads, decision, fan write and every listener, metrics included) with
 * nobody scraping and while scraped 10 times a second.
 *
 * <p>One process, as {@code pifan run --sim} wires it: the simulated board, the pifan controller,
 * the telemetry listeners and the HTTP server on a loopback port; the scraping client (the JDK's
 * HttpClient) runs in the same JVM, so its own work competes with the daemon's, as a pessimist
 * would want. The loop ticks every 100 ms (the shortest interval a config allows) to gather
 * samples ten times faster than the default 1 s. Not a test; run it with bench/scrape-bench.sh.
 */
public final class ScrapeBench {

    private static final long TICK_MILLIS = 100;

    private ScrapeBench() {
    }

    public static void main(String[] args) throws Exception {
        int scrapes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int phaseSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;

        PifanConfig config = PifanConfig.defaults("pi5-active-cooler");
        MonotonicClock clock = MonotonicClock.system();
        SimulatedBoard board = SimulatedBoard.openEnded(BoardProfile.named("pi5-active-cooler"),
                Scenarios.named("rack-33"), clock, SampleListener.ignoring());
        ControlLoop loop = new ControlLoop(board, ControlFactory.pifanController(config), clock);
        loop.addListener(new ChangeLog());
        Telemetry telemetry = TelemetryFactory.telemetry(config, board, clock);
        telemetry.listeners().forEach(loop::addListener);
        TickTimer ticks = new TickTimer(loop);

        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        AtomicReference<CountDownLatch> phase = new AtomicReference<>(new CountDownLatch(0));
        timer.scheduleAtFixedRate(() -> {
            ticks.tick();
            phase.get().countDown();
        }, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        try (TelemetryServer server = TelemetryServer.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), telemetry)) {
            URI metrics = URI.create("http://127.0.0.1:" + server.address().getPort() + "/metrics");
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest request = HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build();

            System.out.printf(Locale.ROOT, "java %s, %s, %d cores; warming up%n", System.getProperty("java.version"),
                    String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()),
                    Runtime.getRuntime().availableProcessors());
            for (int i = 0; i < 500; i++) {
                scrape(client, request);
            }
            // A daemon ticking every second compiles its tick path within minutes: measure that steady
            // state, not the interpreter (-XX:TieredStopAtLevel=1 compiles after a few thousand calls).
            for (int i = 0; i < 20_000; i++) {
                ticks.tick();
            }

            long[] latencies = new long[scrapes];
            int bytes = 0;
            for (int i = 0; i < scrapes; i++) {
                long start = System.nanoTime();
                bytes = scrape(client, request);
                latencies[i] = System.nanoTime() - start;
            }
            Arrays.sort(latencies);
            System.out.printf(Locale.ROOT, "/metrics scrape latency over %d scrapes (%d bytes each): "
                            + "median %s, p99 %s, max %s%n", scrapes, bytes, micros(at(latencies, 0.5)),
                    micros(at(latencies, 0.99)), micros(latencies[scrapes - 1]));

            ticks.reset();
            long idleCount = tickCount(telemetry);
            double idleSum = tickSum(telemetry);
            awaitTicks(phase, phaseSeconds);
            report("not scraped", ticks.take(), tickCount(telemetry) - idleCount, tickSum(telemetry) - idleSum);

            ScheduledFuture<?> scraping = timer.scheduleAtFixedRate(() -> scrape(client, request), 0, 100,
                    TimeUnit.MILLISECONDS);
            long scrapedCount = tickCount(telemetry);
            double scrapedSum = tickSum(telemetry);
            awaitTicks(phase, phaseSeconds);
            scraping.cancel(false);
            report("scraped 10 times a second", ticks.take(), tickCount(telemetry) - scrapedCount,
                    tickSum(telemetry) - scrapedSum);
        } finally {
            timer.shutdownNow();
        }
    }

    private static int scrape(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("/metrics answered " + response.statusCode());
            }
            return response.body().length;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void report(String phase, long[] costs, long histogramCount, double histogramSum) {
        Arrays.sort(costs);
        System.out.printf(Locale.ROOT, "tick cost, %s, %d ticks: whole tick (listeners included) median %s, "
                        + "p99 %s, max %s; pifan_control_tick_seconds (reads, decision, write) mean %s%n",
                phase, costs.length, micros(at(costs, 0.5)), micros(at(costs, 0.99)), micros(costs[costs.length - 1]),
                micros((long) (histogramSum / histogramCount * 1e9)));
    }

    private static HistogramSnapshot.HistogramDataPointSnapshot tickHistogram(Telemetry telemetry) {
        return telemetry.registry().scrape().stream()
                .filter(m -> m.getMetadata().getPrometheusName().equals("pifan_control_tick_seconds"))
                .map(m -> ((HistogramSnapshot) m).getDataPoints().get(0))
                .findFirst().orElseThrow();
    }

    private static long tickCount(Telemetry telemetry) {
        return tickHistogram(telemetry).getCount();
    }

    private static double tickSum(Telemetry telemetry) {
        return tickHistogram(telemetry).getSum();
    }

    /**
     * Blocks until the loop has ticked for the phase ({@code seconds} of ticks at their 100 ms rate);
     * the scrapes run meanwhile on their own threads. A loop that falls behind by more than three
     * times the phase fails the benchmark instead of reporting a shorter phase.
     */
    private static void awaitTicks(AtomicReference<CountDownLatch> phase, int seconds) throws InterruptedException {
        int count = seconds * (int) (1000 / TICK_MILLIS);
        CountDownLatch end = new CountDownLatch(count);
        phase.set(end);
        if (!end.await(3L * seconds + 10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the loop did " + (count - end.getCount()) + " of " + count
                    + " ticks in " + (3L * seconds + 10) + " s");
        }
    }

    private static long at(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, nanos < 10_000_000 ? "%.1f µs" : "%.0f µs", nanos / 1000.0);
    }

    /** Ticks the loop and keeps the wall time of each tick since the last {@link #take}. */
    private static final class TickTimer {
        private final ControlLoop loop;
        private long[] costs = new long[1024];
        private int n;

        TickTimer(ControlLoop loop) {
            this.loop = loop;
        }

        synchronized void tick() {
            long start = System.nanoTime();
            loop.tick();
            long cost = System.nanoTime() - start;
            if (n == costs.length) {
                costs = Arrays.copyOf(costs, n * 2);
            }
            costs[n++] = cost;
        }

        synchronized void reset() {
            n = 0;
        }

        synchronized long[] take() {
            long[] taken = Arrays.copyOf(costs, n);
            n = 0;
            return taken;
        }
    }
}
