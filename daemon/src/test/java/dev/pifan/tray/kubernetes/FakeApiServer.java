package dev.pifan.tray.kubernetes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A Kubernetes API server on loopback that speaks the real one's JSON for two collections: a list
 * (200 and the body the test set), and a watch (200, then each line the test queues, flushed, as
 * the server streams WatchEvents; {@link #END_WATCH} ends the stream as a broken connection or the
 * server's timeout would). A test may queue other answers for the next list or watch (an error
 * status, garbage), and sees every request it was sent.
 */
final class FakeApiServer implements AutoCloseable {

    static final String NODES = "/api/v1/nodes";
    static final String SLICES = "/apis/discovery.k8s.io/v1/namespaces/pifan/endpointslices";
    /** A watch line that ends the watch's response. */
    static final String END_WATCH = "\u0000end";

    record Answer(int status, String body) {
    }

    record Request(String path, String query, String accept, String authorization) {
        boolean isWatch() {
            return query != null && query.contains("watch=true");
        }
    }

    /** One collection: what its list answers, what its watches stream. */
    static final class Collection {
        volatile String list;
        final Queue<Answer> nextLists = new ConcurrentLinkedQueue<>();
        final Queue<Answer> nextWatches = new ConcurrentLinkedQueue<>();
        final BlockingDeque<String> events = new LinkedBlockingDeque<>();
        /** Which watch streams: only the latest (an older one's client is gone, and must not take events). */
        final AtomicInteger watches = new AtomicInteger();

        /** Streams this line (a WatchEvent's JSON) to the watch, now or when the next one comes. */
        void send(String line) {
            events.add(line);
        }

        void endWatch() {
            events.add(END_WATCH);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-kube-apiserver");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Collection> collections = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;

    FakeApiServer() throws IOException {
        this(null);
    }

    /** With {@code tls}, HTTPS as a real API server speaks (the test's own certificate). */
    FakeApiServer(SSLContext tls) throws IOException {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            server = HttpServer.create(loopback, 16);
        } else {
            HttpsServer https = HttpsServer.create(loopback, 16);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        server.setExecutor(executor);
        for (String path : List.of(NODES, SLICES)) {
            Collection c = new Collection();
            collections.put(path, c);
            server.createContext(path, exchange -> answer(exchange, c));
        }
        server.start();
    }

    URI uri() {
        return URI.create((server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + port());
    }

    int port() {
        return server.getAddress().getPort();
    }

    Collection nodes() {
        return collections.get(NODES);
    }

    Collection slices() {
        return collections.get(SLICES);
    }

    List<Request> requestsTo(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void answer(HttpExchange exchange, Collection c) throws IOException {
        URI uri = exchange.getRequestURI();
        Request request = new Request(uri.getPath(), uri.getRawQuery(), exchange.getRequestHeaders().getFirst("Accept"),
                exchange.getRequestHeaders().getFirst("Authorization"));
        requests.add(request);
        try (exchange) {
            Answer next = (request.isWatch() ? c.nextWatches : c.nextLists).poll();
            if (next != null) {
                send(exchange, next.status(), next.body());
            } else if (!request.isWatch()) {
                send(exchange, 200, c.list);
            } else {
                stream(exchange, c);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private void stream(HttpExchange exchange, Collection c) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0); // chunked, as the API server's watch
        OutputStream out = exchange.getResponseBody();
        out.flush();
        int watch = c.watches.incrementAndGet();
        try {
            while (!stopped) {
                String line = c.events.poll(20, TimeUnit.MILLISECONDS);
                if (line == null) {
                    if (c.watches.get() != watch) {
                        return;
                    }
                    continue;
                }
                if (c.watches.get() != watch) {
                    c.events.offerFirst(line); // for the watch that replaced this one
                    return;
                }
                if (line.equals(END_WATCH)) {
                    return;
                }
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (line.contains("\"type\":\"ERROR\"")) {
                    return; // the API server ends a watch after its ERROR event
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Gone: nothing listens on the port any more, and open watches are cut. */
    void stop() {
        stopped = true;
        server.stop(0);
    }

    @Override
    public void close() {
        stop();
        executor.shutdownNow();
    }
}
