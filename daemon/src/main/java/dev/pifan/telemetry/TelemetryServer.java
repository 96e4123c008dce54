package dev.pifan.telemetry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * pifan's one HTTP server (the JDK's): {@code /metrics}, {@code /healthz} and {@code /status}.
 *
 * <p>Read-only by construction: GET and HEAD only (405 for anything else), no endpoint takes
 * input, and nothing here holds a reference to the control loop or the fan. Two worker threads: a
 * scrape, a probe and a person can be served at once, and a flood of requests queues instead of
 * costing the Pi more threads.
 */
public final class TelemetryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryServer.class);
    private static final int THREADS = 2;
    private static final int BACKLOG = 16;
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String INDEX = """
            pifan: fan control for Raspberry Pi clusters
              /metrics  Prometheus metrics
              /healthz  200 while the control loop ticks on time, 503 with the reason when it has stalled
              /status   the last tick as JSON (pifan status prints it for a person)
            """;

    static {
        // The JDK server writes the headers and the body of a response separately. On a kept-alive
        // connection (Prometheus keeps its connections) Nagle's algorithm then holds the body until
        // the client's delayed ACK of the headers: 40 ms per scrape instead of one. Read once, when
        // the first server is made; a value given on the command line wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private final Telemetry telemetry;

    private TelemetryServer(HttpServer server, ExecutorService workers, Telemetry telemetry) {
        this.server = server;
        this.workers = workers;
        this.telemetry = telemetry;
    }

    /**
     * Binds {@code address} and starts serving.
     *
     * @throws IOException when the address cannot be bound (in use, not an address of this host)
     */
    public static TelemetryServer start(InetSocketAddress address, Telemetry telemetry) throws IOException {
        HttpServer server = HttpServer.create(address, BACKLOG);
        AtomicInteger count = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "pifan-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        TelemetryServer telemetryServer = new TelemetryServer(server, workers, telemetry);
        server.createContext("/", telemetryServer::handle);
        server.setExecutor(workers);
        server.start();
        return telemetryServer;
    }

    /** The bound address (with the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops listening, lets a request in progress finish (briefly), and ends the threads. */
    @Override
    public void close() {
        server.stop(0); // JDK 17 waits the whole delay even when idle: 0, then drain the workers ourselves
        workers.shutdown();
        try {
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) {
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            boolean known = switch (path) {
                case "/", "/metrics", "/healthz", "/status" -> true;
                default -> false;
            };
            if (!known) {
                send(exchange, 404, TEXT, text("not found: " + path + "\n\n" + INDEX));
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, TEXT, text(method + " not allowed: pifan's HTTP endpoints are read-only "
                        + "(GET, HEAD)\n"));
                return;
            }
            switch (path) {
                case "/metrics" -> metrics(exchange);
                case "/healthz" -> {
                    HealthCheck.Health health = telemetry.health();
                    send(exchange, health.httpStatus(), TEXT, text(health.text() + "\n"));
                }
                case "/status" -> send(exchange, 200, "application/json", text(telemetry.status().toJson() + "\n"));
                default -> send(exchange, 200, TEXT, text(INDEX));
            }
        } catch (IOException e) {
            LOG.debug("HTTP client went away: {}", e.toString()); // a closed scrape is the client's business
        } catch (RuntimeException e) {
            LOG.warn("HTTP request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            try {
                send(exchange, 500, TEXT, text("internal error: " + e + "\n"));
            } catch (IOException | RuntimeException ignored) {
                // headers already sent, or the client is gone: nothing more to say
            }
        } finally {
            exchange.close();
        }
    }

    private void metrics(HttpExchange exchange) throws IOException {
        String contentType = Telemetry.contentType(exchange.getRequestHeaders().getFirst("Accept"));
        ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        telemetry.scrape(body, contentType);
        send(exchange, 200, contentType, body.toByteArray());
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
