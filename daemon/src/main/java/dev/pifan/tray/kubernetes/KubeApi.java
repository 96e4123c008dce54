package dev.pifan.tray.kubernetes;

import dev.pifan.telemetry.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;

/**
 * The two requests of the Kubernetes API that discovery needs, list and watch, bounded: each
 * answer's size, each watch event's size, the time to the answer's headers and to its end. Only the JDK's
 * HttpClient; the JSON is read with {@link Json} (no binding, nothing for native image to register).
 *
 * <p>The shapes read (Kubernetes API Concepts, "Efficient detection of changes",
 * https://kubernetes.io/docs/reference/using-api/api-concepts/): a list is
 * {@code {"metadata":{"resourceVersion":RV},"items":[...]}}; a watch from RV answers 200 and then
 * one WatchEvent a line, {@code {"type":"ADDED|MODIFIED|DELETED|BOOKMARK|ERROR","object":{...}}}
 * (https://kubernetes.io/docs/reference/kubernetes-api/definitions/watch-event-v1-meta/), where an
 * ERROR's object is a Status and code 410 means RV is too old: list again. A watch too old may also
 * be refused at once with HTTP 410.
 */
final class KubeApi implements AutoCloseable {

    /** A list of a tray's 8 nodes' metadata is a few kilobytes; a cluster's slices of pifan, tens. */
    static final int MAX_LIST_BYTES = 4 << 20;
    /** One event: one object's metadata, or one EndpointSlice (at most 1000 endpoints, by the API). */
    static final int MAX_EVENT_BYTES = 1 << 20;
    static final int MAX_ERROR_BYTES = 4096;

    /** One watch event. */
    record Event(String type, Map<?, ?> object) {
    }

    /** What a list said: the objects, and the version of the collection to watch from. */
    record Listed(List<Map<?, ?>> items, String resourceVersion) {
    }

    /** Where a watch's events go; its exceptions end the watch. */
    interface Events {
        void accept(Event event) throws ApiFailure;
    }

    private final ApiEndpoint endpoint;
    private final Duration answerTimeout;
    private final ExecutorService executor;
    private final HttpClient client;

    /**
     * @param answerTimeout how long a request may wait for the answer's headers (a watch's events
     *     then come until the watch's own deadline)
     */
    KubeApi(ApiEndpoint endpoint, Duration answerTimeout) {
        this.endpoint = endpoint;
        this.answerTimeout = answerTimeout;
        // The client's own asynchronous work, on two daemon threads of ours, ended by close(); the
        // default would be an unbounded cached pool.
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "pifan-kubernetes-http");
            t.setDaemon(true);
            return t;
        });
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(answerTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor);
        endpoint.tls().ifPresent(builder::sslContext);
        this.client = builder.build();
    }

    /** GET {@code pathAndQuery}: a list, all of it within twice the answer timeout. */
    Listed list(String pathAndQuery, String accept) throws IOException, InterruptedException, ApiFailure {
        BodyReader body = send(pathAndQuery, accept, answerTimeout.multipliedBy(2), "the list of " + pathAndQuery);
        try {
            String text = BoundedLines.all(body, MAX_LIST_BYTES);
            Object parsed;
            try {
                parsed = Json.parse(text);
            } catch (IllegalArgumentException e) {
                throw ApiFailure.garbage("the list of " + pathAndQuery, e);
            }
            String version = Json.text(parsed, "metadata", "resourceVersion")
                    .orElseThrow(() -> ApiFailure.of("a list without metadata.resourceVersion"));
            if (!(Json.get(parsed, "items").orElse(List.of()) instanceof List<?> items)) {
                throw ApiFailure.of("a list whose items are not a list");
            }
            List<Map<?, ?>> objects = new ArrayList<>(items.size());
            for (Object item : items) {
                if (!(item instanceof Map<?, ?> object)) {
                    throw ApiFailure.of("a list item that is not an object");
                }
                objects.add(object);
            }
            return new Listed(objects, version);
        } finally {
            body.cancel();
        }
    }

    /**
     * GET {@code pathAndQuery} as a watch, handing each event to {@code events} until the server
     * ends the stream (normally at its timeoutSeconds), or {@code deadline} has passed (then an
     * HttpTimeoutException: a connection lost without a word). An ERROR event is thrown, not
     * handed on. Interrupting the thread ends the watch.
     */
    void watch(String pathAndQuery, String accept, Duration deadline, Events events)
            throws IOException, InterruptedException, ApiFailure {
        BodyReader body = send(pathAndQuery, accept, deadline, "the watch " + pathAndQuery);
        try {
            BoundedLines lines = new BoundedLines(body, MAX_EVENT_BYTES);
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (!line.isBlank()) {
                    events.accept(event(line));
                }
            }
        } finally {
            body.cancel();
        }
    }

    private static Event event(String line) throws ApiFailure {
        Object parsed;
        try {
            parsed = Json.parse(line);
        } catch (IllegalArgumentException e) {
            throw ApiFailure.garbage("a watch event", e);
        }
        String type = Json.text(parsed, "type").orElseThrow(() -> ApiFailure.of("a watch event without a type"));
        if (!(Json.get(parsed, "object").orElse(null) instanceof Map<?, ?> object)) {
            throw ApiFailure.of("a watch event without an object");
        }
        if (type.equals("ERROR")) {
            // the object is a Status: {"kind":"Status","code":410,"reason":"Expired","message":...}
            int code = Json.number(object, "code").map(Double::intValue).orElse(0);
            String message = "the watch ended with an error: " + Json.text(object, "message").orElse("(no message)");
            throw code == 410 ? ApiFailure.gone(message) : ApiFailure.of(message);
        }
        return new Event(type, object);
    }

    /** The body of a 200 answer, to be read within {@code within}; any other status is thrown. */
    private BodyReader send(String pathAndQuery, String accept, Duration within, String what)
            throws IOException, InterruptedException, ApiFailure {
        long deadline = System.nanoTime() + within.toNanos();
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.base().resolve(URI.create(pathAndQuery)))
                .timeout(answerTimeout)
                .header("Accept", accept)
                .GET();
        if (endpoint.tokenFile().isPresent()) {
            // read for every request: a projected token is rotated by the kubelet
            String token = InCluster.readSmall(endpoint.tokenFile().get()).strip();
            if (token.isEmpty()) {
                throw ApiFailure.of("the service account token " + endpoint.tokenFile().get() + " is empty");
            }
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = client.send(request.build(),
                HttpResponse.BodyHandlers.ofPublisher());
        BodyReader body = new BodyReader(deadline, what);
        response.body().subscribe(body);
        if (response.statusCode() == 200) {
            return body;
        }
        try {
            if (response.statusCode() == 410) {
                throw ApiFailure.gone(what + ": its resourceVersion is gone (HTTP 410)");
            }
            throw failed(response.statusCode(), body);
        } finally {
            body.cancel();
        }
    }

    private static ApiFailure failed(int status, BodyReader body) throws IOException, InterruptedException {
        // a Status object; its message says what (403: which verb on which resource is not allowed)
        String text;
        try {
            text = BoundedLines.all(body, MAX_ERROR_BYTES * 16);
        } catch (ApiFailure tooLong) {
            text = "";
        }
        String message;
        try {
            message = Json.text(Json.parse(text), "message").orElse(text);
        } catch (IllegalArgumentException e) {
            message = text;
        }
        if (message.length() > MAX_ERROR_BYTES) {
            message = message.substring(0, MAX_ERROR_BYTES) + "...";
        }
        return ApiFailure.of("HTTP " + status + (message.isBlank() ? "" : ": " + message.strip()));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
