package dev.pifan.cli;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT as events the daemon waits for. Handled with {@code sun.misc.Signal} (module
 * jdk.unsupported, supported by native image) rather than a shutdown hook, because a JVM ended by
 * a shutdown hook exits 143, and systemd and kubelet read a clean stop as exit 0.
 */
final class Signals {

    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile String received = "";

    Signals() {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                received = "SIG" + signal.getName();
                stop.countDown();
            });
        }
    }

    /** Blocks until SIGTERM or SIGINT arrives; returns its name. */
    String awaitStop() throws InterruptedException {
        stop.await();
        LOG.info("{} received: stopping", received);
        return received;
    }
}
