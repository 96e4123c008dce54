package dev.pifan.cli;

import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs reloads on one thread of its own, one at a time, and folds the SIGHUPs that arrive during
 * a reload into one more: a storm of signals costs a reload or two, not a thread per signal
 * queued behind a lock (the JVM runs each signal's handler on a new thread).
 */
final class ReloadWorker {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadWorker.class);

    private final Semaphore requested = new Semaphore(0);
    private final Runnable reload;
    private final Thread thread;

    ReloadWorker(Runnable reload) {
        this.reload = reload;
        this.thread = new Thread(this::run, "pifan-reload");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Asks for a reload; returns at once. Safe from any thread, a signal handler's included. */
    void request() {
        requested.release();
    }

    private void run() {
        while (true) {
            try {
                requested.acquire();
            } catch (InterruptedException e) {
                return;
            }
            requested.drainPermits(); // the requests so far are all answered by the reload that follows
            try {
                reload.run();
            } catch (RuntimeException e) {
                LOG.error("a reload failed; the running configuration stays", e);
            }
        }
    }
}
