package dev.pifan.telemetry;

import dev.pifan.http.BoundedHttpServer;
import dev.pifan.http.HttpLimits;
import dev.pifan.http.RequestHead;
import dev.pifan.http.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * pifan's one HTTP server: {@code /metrics}, {@code /healthz}, {@code /status} and {@code /peer}, on a
 * {@link BoundedHttpServer} with {@link HttpLimits#PIFAN}, so that no client can hold it.
 *
 * <p>Read-only by construction: GET and HEAD only (405 for anything else), no endpoint takes
 * input, and nothing here holds a reference to the control loop or the fan. A 404 says "not found"
 * and lists the endpoints; it never repeats the path it was asked for.
 */
public final class TelemetryServer implements AutoCloseable {

    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String INDEX = """
            pifan: fan control for Raspberry Pi clusters
              /metrics  Prometheus metrics
              /healthz  200 while the control loop ticks on time, 503 with the reason when it has stalled
              /status   the last tick as JSON (pifan status prints it for a person)
              /peer     what this board asks of a tray's shared fan, as JSON (docs/tray.md)
            """;

    private final BoundedHttpServer server;
    private final Telemetry telemetry;

    private TelemetryServer(InetSocketAddress address, Telemetry telemetry) throws IOException {
        this.telemetry = telemetry;
        this.server = BoundedHttpServer.start(address, HttpLimits.PIFAN, this::handle, "pifan-http");
    }

    /**
     * Binds {@code address} and starts serving.
     *
     * @throws IOException when the address cannot be bound (in use, not an address of this host)
     */
    public static TelemetryServer start(InetSocketAddress address, Telemetry telemetry) throws IOException {
        return new TelemetryServer(address, telemetry);
    }

    /** The bound address (with the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.address();
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        server.close();
    }

    private Response handle(RequestHead request) {
        String path = request.path();
        boolean known = switch (path) {
            case "/", "/metrics", "/healthz", "/status", "/peer" -> true;
            default -> false;
        };
        if (!known) {
            return Response.text(404, "not found\n\n" + INDEX);
        }
        String method = request.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return new Response(405, TEXT, bytes(method + " not allowed: pifan's HTTP endpoints are read-only "
                    + "(GET, HEAD)\n"), "GET, HEAD");
        }
        return switch (path) {
            case "/metrics" -> metrics(request);
            case "/healthz" -> {
                HealthCheck.Health health = telemetry.health();
                yield Response.text(health.httpStatus(), health.text() + "\n");
            }
            case "/status" -> new Response(200, "application/json", bytes(telemetry.status().toJson() + "\n"), null);
            // 503 before the first tick: a tray node must not take a member that has decided nothing for alive
            case "/peer" -> telemetry.peer().last()
                    .map(r -> new Response(200, "application/json", bytes(PeerJson.write(r) + "\n"), null))
                    .orElseGet(() -> Response.text(503, "no tick yet\n"));
            default -> Response.text(200, INDEX);
        };
    }

    private Response metrics(RequestHead request) {
        String contentType = Telemetry.contentType(request.accept());
        ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        try {
            telemetry.scrape(body, contentType);
        } catch (IOException e) {
            throw new UncheckedIOException("a scrape into memory failed", e); // answered 500
        }
        return new Response(200, contentType, body.toByteArray(), null);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
