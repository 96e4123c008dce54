package dev.pifan.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.control.Decision;
import dev.pifan.control.Reason;
import dev.pifan.hal.Duty;
import dev.pifan.tray.PeerReport;
import dev.pifan.tray.PollError;
import dev.pifan.tray.Tray;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A member's /peer, and a tray node's members in its metrics and /status. */
class TrayTelemetryTest {

    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(100 * SECOND);
    private final Telemetry telemetry = Telemetry.create(Snapshots.NODE, now::get);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private TelemetryServer server;

    @BeforeEach
    void start() throws IOException {
        server = TelemetryServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), telemetry);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void peerAnswers503BeforeTheFirstTick() throws Exception {
        assertEquals(503, get("/peer").statusCode());
    }

    @Test
    void peerIsTheLastTicksDecisionUnderOneInstancePerRun() throws Exception {
        Snapshots ticks = new Snapshots().celsius(61.5).decision(new Decision(Duty.ofPercent(30), Duty.ofPercent(25),
                Reason.CEILING, "holding 65 C"));
        for (int i = 0; i < 2; i++) {
            dev.pifan.control.Snapshot s = ticks.next();
            telemetry.listeners().forEach(l -> l.onTick(s));
        }
        HttpResponse<String> r = get("/peer");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        PeerReport report = PeerJson.read(r.body().strip());
        assertEquals(new PeerReport(telemetry.peer().instance(), 2, Duty.ofPercent(30), Reason.CEILING,
                OptionalDouble.of(61.5), "holding 65 C"), report);
        assertFalse(telemetry.peer().instance().equals(Telemetry.create(Snapshots.NODE, now::get).peer().instance()),
                "two runs, one instance id");
    }

    @Test
    void peerIsReadOnlyAsEveryEndpoint() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.address().getPort() + "/peer")).method("POST", HttpRequest.BodyPublishers.ofString("{}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, r.statusCode());
    }

    private Tray trayOfTwo() {
        Tray tray = new Tray(List.of("b2", "b3"), Duration.ofSeconds(3));
        tray.heard("b2", new PeerReport("run-1", 9, Duty.ofPercent(45), Reason.CURVE, OptionalDouble.of(58.25), ""),
                now.get() - SECOND / 2);
        tray.failed("b3", "connect: Connection refused");
        return tray;
    }

    @Test
    void eachMemberIsASeriesAndWhatIsNotKnownIsAbsent() throws Exception {
        TrayMetrics metrics = telemetry.tray(trayOfTwo(), now::get);
        metrics.countError("b3", PollError.CONNECT);
        Scraped m = Scraped.of(get("/metrics").body());
        assertEquals(58.25, m.value("pifan_tray_member_temperature_celsius{member=\"b2\"}"));
        assertEquals(0.45, m.value("pifan_tray_member_requested_duty_ratio{member=\"b2\"}"));
        assertEquals(0.5, m.value("pifan_tray_member_last_heard_seconds{member=\"b2\"}"));
        assertEquals(0.0, m.value("pifan_tray_member_lost{member=\"b2\"}"));
        assertEquals(1.0, m.value("pifan_tray_member_lost{member=\"b3\"}"));
        assertFalse(m.has("pifan_tray_member_temperature_celsius{member=\"b3\"}"));
        assertFalse(m.has("pifan_tray_member_last_heard_seconds{member=\"b3\"}"));
        assertEquals(1.0, m.value("pifan_tray_poll_errors_total{kind=\"connect\",member=\"b3\"}"));
        assertEquals(0.0, m.value("pifan_tray_poll_errors_total{kind=\"timeout\",member=\"b2\"}"));
    }

    @Test
    void theAgeAndTheLostFlagAreReadByTheClockAtTheScrape() throws Exception {
        telemetry.tray(trayOfTwo(), now::get);
        now.addAndGet(3 * SECOND);
        Scraped m = Scraped.of(get("/metrics").body());
        assertEquals(3.5, m.value("pifan_tray_member_last_heard_seconds{member=\"b2\"}"));
        assertEquals(1.0, m.value("pifan_tray_member_lost{member=\"b2\"}"));
    }

    @Test
    void statusHasAnObjectPerMember() throws Exception {
        assertNull(((Map<?, ?>) Json.parse(get("/status").body())).get("tray"));
        telemetry.tray(trayOfTwo(), now::get);
        Map<?, ?> tray = (Map<?, ?>) ((Map<?, ?>) Json.parse(get("/status").body())).get("tray");
        assertEquals(3.0, tray.get("stale_after_seconds"));
        Map<?, ?> members = (Map<?, ?>) tray.get("members");
        assertEquals(List.of("b2", "b3"), List.copyOf(members.keySet()));
        Map<?, ?> b2 = (Map<?, ?>) members.get("b2");
        assertEquals(false, b2.get("lost"));
        assertEquals(0.5, b2.get("last_heard_seconds_ago"));
        assertEquals(0.45, b2.get("requested_duty"));
        assertEquals("curve", b2.get("reason"));
        assertEquals(58.25, b2.get("temperature_celsius"));
        assertEquals("run-1", b2.get("instance"));
        assertEquals(9.0, b2.get("tick"));
        assertNull(b2.get("error"));
        Map<?, ?> b3 = (Map<?, ?>) members.get("b3");
        assertEquals(true, b3.get("lost"));
        assertTrue(b3.containsKey("last_heard_seconds_ago") && b3.get("last_heard_seconds_ago") == null);
        assertEquals("connect: Connection refused", b3.get("error"));
    }
}
