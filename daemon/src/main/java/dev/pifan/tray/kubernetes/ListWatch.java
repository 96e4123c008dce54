package dev.pifan.tray.kubernetes;

import dev.pifan.telemetry.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One resource kept in a {@link Store} by list, then watch from the list's resourceVersion, as
 * client-go's reflector does: on one daemon thread of its own, until {@link #close()}.
 *
 * <p>Whatever goes wrong (the server unreachable, the watch broken, an error status, an answer that
 * is not the JSON of the resource, an answer too large) the store keeps what it has: only the
 * server's word changes it. The next attempt waits {@link Timing#retryAfter}, doubling up to a
 * bound; the watch resumes from the last resourceVersion seen, and lists again only where that
 * cannot be trusted (410 Gone, or an event it could not read). The first failure is logged, as
 * a warning, and the recovery; the failures between are not.
 */
final class ListWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ListWatch.class);

    private final String what;
    private final KubeApi api;
    private final String path;
    private final String query;
    private final String listAccept;
    private final String watchAccept;
    private final Store store;
    private final Timing timing;
    private final Thread thread;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger lists = new AtomicInteger();
    private volatile boolean closed;
    /** Where the next watch starts: the last resourceVersion seen; null: list first. Only the thread uses it. */
    private String version;

    /**
     * @param what the resource in words, for the log ("the nodes of tray rack1")
     * @param path the collection, e.g. {@code /api/v1/nodes}
     * @param query its selector, already encoded, e.g. {@code labelSelector=pifan.dev%2Ftray%3Drack1}
     */
    ListWatch(String what, KubeApi api, String path, String query, String listAccept, String watchAccept, Store store,
              Timing timing) {
        this.what = what;
        this.api = api;
        this.path = path;
        this.query = query;
        this.listAccept = listAccept;
        this.watchAccept = watchAccept;
        this.store = store;
        this.timing = timing;
        this.thread = new Thread(this::run, "pifan-kubernetes-watch " + path);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Failures in a row now (0 while all is well): for tests, and a failure's log line. */
    int failures() {
        return failures.get();
    }

    /** Lists that succeeded, since the start. */
    int lists() {
        return lists.get();
    }

    private void run() {
        while (!closed) {
            try {
                if (version == null) {
                    KubeApi.Listed listed = api.list(path + "?" + query, listAccept);
                    store.replace(listed.items());
                    version = listed.resourceVersion();
                    lists.incrementAndGet();
                    recovered();
                }
                watchFromVersion();
                recovered();
                pause(timing.rewatch());
            } catch (ApiFailure e) {
                if (e.gone()) {
                    // expected every so often (the server keeps a few minutes of history): no warning
                    LOG.debug("{}: {}; listing again", what, e.getMessage());
                    version = null;
                    pause(timing.rewatch());
                } else {
                    // an event not read may have been missed: list again, once the server answers
                    version = null;
                    failed(e.getMessage());
                }
            } catch (IOException e) {
                // the watch broken, silent past its deadline, or the server gone: resume from the
                // version seen, the server may still keep it
                failed(e.getMessage() == null ? e.toString() : e.getMessage());
            } catch (InterruptedException e) {
                return; // close()
            }
        }
    }

    /** One watch, until the server ends it; {@link #version} follows each event. */
    private void watchFromVersion() throws IOException, InterruptedException, ApiFailure {
        String watch = path + "?" + query + "&watch=true&allowWatchBookmarks=true&timeoutSeconds=" + timing.watchSeconds()
                + "&resourceVersion=" + version;
        api.watch(watch, watchAccept, timing.watchDeadline(), event -> {
            String seen = Json.text(event.object(), "metadata", "resourceVersion")
                    .orElseThrow(() -> ApiFailure.of("a " + event.type() + " event without metadata.resourceVersion"));
            switch (event.type()) {
                case "ADDED", "MODIFIED", "DELETED" -> store.apply(event.type(), event.object());
                case "BOOKMARK" -> { } // only the version moves: a later watch resumes from here
                default -> throw ApiFailure.of("a watch event of type " + event.type());
            }
            version = seen;
        });
    }

    private void failed(String why) {
        int n = failures.incrementAndGet();
        Duration wait = timing.retryAfter(n);
        if (n == 1) {
            LOG.warn("Kubernetes API: {} failed ({}); keeping the tray's members as last known, retrying every {} s at"
                    + " most", what, why, timing.lastRetry().toSeconds());
        } else {
            LOG.debug("Kubernetes API: {} failed again ({}); next try in {} ms", what, why, wait.toMillis());
        }
        pause(wait);
    }

    private void recovered() {
        if (failures.getAndSet(0) > 0) {
            LOG.info("Kubernetes API: {} answers again", what);
        }
    }

    private void pause(Duration wait) {
        if (closed || wait.isZero()) {
            return;
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // close(): the loop sees closed; else cleared at the next catch
        }
    }

    /** Stops the thread and waits a little for it. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(timing.answerTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isAlive() {
        return thread.isAlive();
    }
}
