package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.pifan.control.Decision;
import dev.pifan.control.Reason;
import dev.pifan.control.Snapshot;
import dev.pifan.hal.Duty;
import dev.pifan.hal.ThrottleCondition;
import dev.pifan.hal.ThrottleFlags;
import dev.pifan.telemetry.Json;
import dev.pifan.telemetry.NodeInfo;
import dev.pifan.telemetry.Telemetry;
import dev.pifan.telemetry.TelemetryServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusCommandTest {

    private static final NodeInfo NODE = new NodeInfo("1.2.3", "Raspberry Pi 4 Model B Rev 1.5", "thermal_zone0",
            "get_throttled", "pwm-fan", true, "/etc/pifan/pifan.yaml", Duration.ofSeconds(1),
            new NodeInfo.Curve(List.of(new NodeInfo.Point(45, Duty.OFF), new NodeInfo.Point(50, Duty.ofPercent(30)),
                    new NodeInfo.Point(70, Duty.FULL)), 4, 80));

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(0);
    private final Telemetry telemetry = Telemetry.create(NODE, now::get);
    private TelemetryServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String serve(Snapshot snapshot) throws IOException {
        server = TelemetryServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), telemetry);
        if (snapshot != null) {
            telemetry.listeners().forEach(l -> l.onTick(snapshot));
        }
        now.addAndGet(Duration.ofMinutes(62).plusSeconds(5).toNanos());
        return "http://127.0.0.1:" + server.address().getPort();
    }

    private static Snapshot snapshot(double celsius, ThrottleFlags flags, Decision decision, Snapshot.SourceError... errors) {
        return new Snapshot(42, 0, OptionalDouble.of(celsius), flags, OptionalInt.of(2950), decision, true,
                List.of(errors), 15_000);
    }

    @Test
    void printsTheStatusForAPerson() throws IOException {
        String url = serve(snapshot(61.25, ThrottleFlags.of(0x50000),
                new Decision(Duty.ofPercent(62.5), Duty.ofPercent(62.5), Reason.CURVE, "")));
        telemetry.listeners().forEach(l -> l.onTick(snapshot(61.25, ThrottleFlags.of(0x50000),
                new Decision(Duty.ofPercent(62.5), Duty.ofPercent(62.5), Reason.CURVE, ""))));
        Cli cli = Cli.run("status", "--url", url);
        assertEquals(0, cli.exitCode(), cli.err());
        assertEquals("""
                pifan 1.2.3 on Raspberry Pi 4 Model B Rev 1.5, up 1h 2m
                  health       ok: tick 42 0.0s ago, expected every 1s
                  temperature  61.3 C  (thermal_zone0)
                  fan          62.5% (curve), the curve asks 62.5%  (pwm-fan)
                  speed        2950 rpm
                  throttled    0x50000: nothing now; since boot: under_voltage, throttled  (get_throttled)
                  curve        45 C 0%, 50 C 30%, 70 C 100%; hysteresis 4 C; full speed from 80 C
                  config       /etc/pifan/pifan.yaml, every 1s
                """, cli.out());
        assertEquals("", cli.err());
    }

    @Test
    void safetyReasonsDetailAndErrorsAreShown() throws IOException {
        ThrottleFlags talos = new ThrottleFlags(0x1, ThrottleCondition.UNDER_VOLTAGE.nowBit());
        String url = serve(snapshot(82, talos, new Decision(Duty.FULL, Duty.FULL, Reason.CRITICAL, "82 C is at or above 80 C"),
                new Snapshot.SourceError(Snapshot.Source.FAN_SPEED, "pwm-fan", "tachometer: EIO")));
        Cli cli = Cli.run("status", "--url", url + "/status");
        assertEquals(1, cli.exitCode(), "62 minutes without a tick: down, whatever the reason of the last one");
        String out = cli.out();
        assertTrue(out.contains("  fan          100% (critical), the curve asks 100%  (pwm-fan)\n"
                + "               82 C is at or above 80 C\n"), out);
        assertTrue(out.contains("  throttled    0x1: under_voltage now; cannot tell: arm_frequency_capped, throttled, "
                + "soft_temperature_limit  (get_throttled)\n"), out);
        assertTrue(out.contains("  error        fan_speed pwm-fan: tachometer: EIO\n"), out);
        assertTrue(out.contains("FAILING: the control loop has stalled"), "62 minutes without a tick:\n" + out);
    }

    @Test
    void aDriverWithStepsSaysWhatItRuns() throws IOException {
        Decision decision = new Decision(Duty.ofPercent(30), Duty.ofPercent(30), Reason.CURVE, "");
        String url = serve(null);
        telemetry.listeners().forEach(l -> l.onTick(new Snapshot(42, 0, OptionalDouble.of(56), ThrottleFlags.NONE,
                OptionalInt.empty(), decision, true, List.of(), 15_000, 0, Optional.of(Duty.FULL))));
        Cli cli = Cli.run("status", "--url", url + "/status");
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().contains("  fan          30% (curve), the curve asks 30%, the driver runs it at 100%  (pwm-fan)\n"),
                cli.out());
    }

    @Test
    void hostAndPortIsEnough() throws IOException {
        String url = serve(null);
        telemetry.listeners().forEach(l -> l.onTick(snapshot(50, ThrottleFlags.NONE, Decision.curve(Duty.ofPercent(30)))));
        Cli cli = Cli.run("status", "--url", url.substring("http://".length()));
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().contains("  fan          30% (curve)"), cli.out());
    }

    @Test
    void theExitCodeSaysHealthyDegradedOrDown() throws IOException {
        String url = serve(null);
        Decision curve = new Decision(Duty.ofPercent(40), Duty.ofPercent(40), Reason.CURVE, "");
        telemetry.listeners().forEach(l -> l.onTick(snapshot(55, ThrottleFlags.NONE, curve)));
        assertEquals(0, Cli.run("status", "--url", url).exitCode(), "healthy, on the curve");
        Decision sensor = new Decision(Duty.FULL, Duty.ofPercent(40), Reason.SENSOR_FAILURE, "unreadable");
        telemetry.listeners().forEach(l -> l.onTick(snapshot(55, ThrottleFlags.NONE, sensor)));
        Cli degraded = Cli.run("status", "--url", url);
        assertEquals(3, degraded.exitCode(), "healthy, but the fan is at full speed for a safety rule");
        assertTrue(degraded.out().contains("100% (sensor_failure)"), degraded.out());
        now.addAndGet(Duration.ofMinutes(5).toNanos());
        assertEquals(1, Cli.run("status", "--url", url).exitCode(), "no tick for 5 minutes: the loop has stalled");
    }

    @Test
    void beforeTheFirstTickItSaysSo() throws IOException {
        String url = serve(null);
        Cli cli = Cli.run("status", "--url", url);
        assertEquals(1, cli.exitCode(), "an hour since start without a tick: down");
        assertTrue(cli.out().contains("  control      no tick yet\n"), cli.out());
    }

    @Test
    void jsonPrintsWhatTheDaemonSent() throws IOException {
        String url = serve(null);
        telemetry.listeners().forEach(l -> l.onTick(snapshot(50, ThrottleFlags.NONE, Decision.curve(Duty.ofPercent(30)))));
        Cli cli = Cli.run("status", "--json", "--url", url);
        assertEquals(0, cli.exitCode(), cli.err());
        assertEquals(telemetry.status().toJson() + "\n", cli.out());
        assertEquals(50.0, ((Map<?, ?>) Json.parse(cli.out())).get("temperature_celsius"));
    }

    @Test
    void aClosedPortIsOneClearLine() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Cli cli = Cli.run("status", "--url", "http://127.0.0.1:" + port);
        assertEquals(1, cli.exitCode());
        assertEquals("pifan: nothing listens at http://127.0.0.1:" + port + "/status: is pifan run running?\n",
                cli.err());
    }

    @Test
    void anotherServerOrPathIsNotMistakenForPifan() throws IOException {
        String url = serve(null);
        Cli notFound = Cli.run("status", "--url", url + "/nope");
        assertEquals(1, notFound.exitCode());
        assertEquals("pifan: " + url + "/nope answered 404: not found\n", notFound.err());

        HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        other.createContext("/", exchange -> {
            byte[] body = "{\"hello\": 1}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        other.start();
        try {
            String otherUrl = "http://127.0.0.1:" + other.getAddress().getPort() + "/status";
            Cli cli = Cli.run("status", "--url", otherUrl);
            assertEquals(1, cli.exitCode());
            assertEquals("pifan: " + otherUrl + " did not answer with pifan's status (a JSON object with board and tick)\n",
                    cli.err());
        } finally {
            other.stop(0);
        }
    }

    @Test
    void aUrlThatIsNotHttpIsAUsageError() {
        for (String bad : List.of("ftp://node1/status", "http://", "http://a b", "node1:port")) {
            Cli cli = Cli.run("status", "--url", bad);
            assertEquals(2, cli.exitCode(), bad);
            assertTrue(cli.errIsOneCleanMessage() && cli.err().startsWith("pifan: --url: "), cli.err());
        }
    }

    @Test
    void theDefaultUrlFollowsTheSystemConfig() throws IOException {
        StringWriter err = new StringWriter();
        PrintWriter errWriter = new PrintWriter(err, true);
        Path config = dir.resolve("pifan.yaml");
        assertEquals("http://127.0.0.1:9780/status", StatusCommand.defaultUrl(config, errWriter));

        Files.writeString(config, "metrics:\n  listen: 127.0.0.2:9999\n");
        assertEquals("http://127.0.0.2:9999/status", StatusCommand.defaultUrl(config, errWriter));
        Files.writeString(config, "metrics:\n  listen: :9101\n");
        assertEquals("http://127.0.0.1:9101/status", StatusCommand.defaultUrl(config, errWriter));

        Files.writeString(config, "metrics:\n  listen: off\n");
        CliError off = assertThrows(CliError.class, () -> StatusCommand.defaultUrl(config, errWriter));
        assertEquals(CliError.USAGE, off.exitCode());
        assertEquals("metrics.listen is off in " + config + ", so pifan run serves no /status: pass --url",
                off.getMessage());

        Files.writeString(config, "metrics:\n  listen: nowhere\n");
        assertEquals("http://127.0.0.1:9780/status", StatusCommand.defaultUrl(config, errWriter));
        assertEquals("pifan: " + config + " has problems (pifan config check " + config + "); trying port 9780\n",
                err.toString());
    }
}
