package dev.pifan.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import dev.pifan.hal.Duty;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real server on an ephemeral loopback port, asked by a real HTTP client. */
class TelemetryServerTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Telemetry telemetry = Telemetry.create(Snapshots.NODE, now::get);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private TelemetryServer server;

    @BeforeEach
    void start() throws IOException {
        server = TelemetryServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), telemetry);
        telemetry.listeners().forEach(l -> l.onTick(new Snapshots().celsius(52.5).next()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    }

    @Test
    void metricsInPrometheusTextFormat() throws Exception {
        HttpResponse<String> r = send("GET", "/metrics");
        assertEquals(200, r.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        Scraped m = Scraped.of(r.body());
        assertEquals(52.5, m.value("pifan_soc_temperature_celsius"));
        assertEquals(0.4, m.value("pifan_fan_duty_ratio"));
        assertEquals(1.0, m.value("pifan_healthy"));
        assertEquals(1.0, m.value("pifan_control_interval_seconds"));
        assertTrue(m.has("process_cpu_seconds_total"), r::body);
    }

    @Test
    void openMetricsWhenAskedForAsPrometheusDoes() throws Exception {
        HttpResponse<String> r = send("GET", "/metrics", "Accept",
                "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
                        + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
        assertEquals(200, r.statusCode());
        assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8",
                r.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(r.body().endsWith("# EOF\n"), r::body);
        assertTrue(r.body().contains("\npifan_soc_temperature_celsius 52.5\n"), r::body);
    }

    @Test
    void healthzIs200WhileTickingAnd503WithTheReasonOnceStalled() throws Exception {
        HttpResponse<String> ok = send("GET", "/healthz");
        assertEquals(200, ok.statusCode());
        assertEquals("ok: tick 1 0.0s ago, expected every 1s\n", ok.body());

        now.addAndGet(Duration.ofSeconds(10).toNanos());
        HttpResponse<String> stalled = send("GET", "/healthz");
        assertEquals(503, stalled.statusCode());
        assertEquals("the control loop has stalled: last tick (1) 10s ago, expected every 1s\n", stalled.body());
        assertEquals(0.0, Scraped.of(send("GET", "/metrics").body()).value("pifan_healthy"));
    }

    @Test
    void aReloadedConfigurationIsWhatStatusShowsAndHealthExpects() throws Exception {
        NodeInfo.Curve curve = new NodeInfo.Curve(List.of(new NodeInfo.Point(40, Duty.OFF),
                new NodeInfo.Point(60, Duty.FULL)), 2, 75);
        telemetry.reconfigure("/etc/pifan/new.yaml", Duration.ofSeconds(5), curve);
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertEquals(200, send("GET", "/healthz").statusCode(), "10 s is two intervals of 5 s, not ten of 1 s");
        Map<?, ?> status = (Map<?, ?>) Json.parse(send("GET", "/status").body());
        assertEquals(Map.of("source", "/etc/pifan/new.yaml", "interval_seconds", 5.0), status.get("config"));
        assertEquals(75.0, ((Map<?, ?>) status.get("curve")).get("critical_celsius"));
        assertEquals(5.0, Scraped.of(send("GET", "/metrics").body()).value("pifan_control_interval_seconds"));
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertEquals(503, send("GET", "/healthz").statusCode());
    }

    @Test
    void statusIsJson() throws Exception {
        HttpResponse<String> r = send("GET", "/status");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        Map<?, ?> status = (Map<?, ?>) Json.parse(r.body());
        assertEquals(52.5, status.get("temperature_celsius"));
        assertEquals("curve", status.get("reason"));
    }

    @Test
    void headAnswersWithoutABody() throws Exception {
        HttpResponse<String> r = send("HEAD", "/metrics");
        assertEquals(200, r.statusCode());
        assertEquals("", r.body());
    }

    @Test
    void nothingOverHttpCanChangeAnything() throws Exception {
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            for (String path : new String[] {"/metrics", "/healthz", "/status", "/"}) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri(path))
                        .method(method, HttpRequest.BodyPublishers.ofString("duty=0")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(405, r.statusCode(), method + " " + path);
                assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElseThrow());
                assertTrue(r.body().contains("read-only"), r::body);
            }
        }
    }

    @Test
    void unknownPathsAre404WithTheIndexAndNeverTheirPath() throws Exception {
        HttpResponse<String> r = send("GET", "/secret%3Cb%3E?duty=0");
        assertEquals(404, r.statusCode());
        assertTrue(r.body().startsWith("not found\n"), r::body);
        assertFalse(r.body().contains("secret") || r.body().contains("<b>") || r.body().contains("duty"), r::body);
        assertTrue(r.body().contains("/metrics"), r::body);
        HttpResponse<String> index = send("GET", "/");
        assertEquals(200, index.statusCode());
        assertTrue(index.body().contains("/healthz"), index::body);
    }

    @Test
    void afterCloseNothingListens() throws Exception {
        URI uri = uri("/metrics");
        server.close();
        assertThrows(ConnectException.class, () -> client.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void aBusyAddressFailsToBind() {
        InetSocketAddress taken = server.address();
        assertThrows(java.net.BindException.class, () -> TelemetryServer.start(taken, telemetry).close());
    }
}
