package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.config.ListenAddress;
import dev.pifan.config.PifanConfig;
import dev.pifan.telemetry.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pifan run} serving its telemetry: where, when it cannot, and a real process answering. */
class RunTelemetryTest {

    @TempDir
    Path dir;

    @Test
    void listenOptionOverridesTheConfigAndOffTurnsItOff() {
        PifanConfig config = PifanConfig.defaults("auto");
        assertEquals(Optional.of(ListenAddress.DEFAULT), TelemetryFactory.listen(null, config));
        assertEquals(Optional.of(new ListenAddress("127.0.0.1", 9100)), TelemetryFactory.listen("127.0.0.1:9100", config));
        assertEquals(Optional.empty(), TelemetryFactory.listen("off", config));
    }

    @Test
    void aBadListenAddressIsAUsageError() {
        Cli cli = Cli.run("run", "--sim", "--listen", "127.0.0.1:99999");
        assertEquals(2, cli.exitCode());
        assertEquals("pifan: --listen: port 99999 outside 1..65535\n", cli.err());
    }

    @Test
    void anAddressInUseStopsPifanBeforeItTouchesTheFan() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Cli cli = Cli.run("run", "--sim", "--listen", "127.0.0.1:" + port);
            assertEquals(1, cli.exitCode());
            assertEquals("pifan: cannot listen on 127.0.0.1:" + port + ": address already in use "
                    + "(set metrics.listen or --listen to another address, or off)\n", cli.err());
        }
    }

    /** A real daemon listening where its config says: /healthz, /status and pifan status answer. */
    @Test
    void aRunningDaemonAnswersOnTheConfiguredAddress() throws Exception {
        int port = DaemonProcess.freePort();
        Path config = dir.resolve("pifan.yaml");
        Files.writeString(config, "interval: 200ms\nmetrics:\n  listen: 127.0.0.1:" + port + "\n");
        DaemonProcess daemon = new DaemonProcess(config);
        try {
            Optional<HttpResponse<String>> answer = daemon.poll(URI.create("http://127.0.0.1:" + port + "/healthz"),
                    Duration.ofSeconds(30), r -> r.statusCode() == 200 && r.body().startsWith("ok: tick "));
            assertTrue(answer.isPresent() && answer.get().statusCode() == 200,
                    () -> "no healthy /healthz; log:\n" + daemon.log());
            HttpResponse<String> health = answer.get();
            assertTrue(health.body().endsWith(", expected every 200ms\n"), health.body());

            Cli status = Cli.run("status", "--json", "--url", "http://127.0.0.1:" + port);
            assertEquals(0, status.exitCode(), status.err());
            Map<?, ?> json = (Map<?, ?>) Json.parse(status.out());
            assertEquals("simulated pi4-heatsink", json.get("board"));
            assertEquals(config.toString(), ((Map<?, ?>) json.get("config")).get("source"));
            assertTrue((Double) json.get("tick") >= 1, status.out());
        } finally {
            daemon.stop();
        }
        List<String> log = daemon.log();
        assertEquals(0, daemon.stop(), () -> String.join("\n", log));
        assertTrue(log.stream().anyMatch(l -> l.contains("serving /metrics, /healthz, /status and /peer on 127.0.0.1:" + port)),
                () -> String.join("\n", log));
    }
}
