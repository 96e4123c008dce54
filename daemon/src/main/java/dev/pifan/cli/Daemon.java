package dev.pifan.cli;

import dev.pifan.control.ControlLoop;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running daemon: ticks the control loop at a fixed rate on one thread until stopped, then
 * leaves the fan in its exit state.
 */
final class Daemon {

    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final ControlLoop loop;
    private final Duration interval;
    private final ControlLoop.ExitState exitState;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pifan-control");
        thread.setDaemon(true);
        return thread;
    });

    Daemon(ControlLoop loop, Duration interval, ControlLoop.ExitState exitState) {
        this.loop = loop;
        this.interval = interval;
        this.exitState = exitState;
    }

    void start() {
        timer.scheduleAtFixedRate(this::tick, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void tick() {
        try {
            loop.tick();
        } catch (RuntimeException e) {
            // a bug in a tick must not end the schedule (a throwing task is never run again)
            LOG.error("control tick failed; the next tick runs as usual", e);
        }
    }

    /** Stops ticking, waits for a tick in progress, and leaves the fan in its exit state. */
    void stop() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("a control tick did not finish within 5 s; setting the exit state anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info(loop.leaveFan(exitState));
    }
}
