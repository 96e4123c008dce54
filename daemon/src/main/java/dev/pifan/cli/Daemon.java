package dev.pifan.cli;

import dev.pifan.control.ControlLoop;
import dev.pifan.control.ExitState;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running daemon: ticks the control loop at a fixed rate on one thread until asked to stop,
 * then leaves the fan in its exit state.
 */
final class Daemon {

    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    /** The exit code after a fatal error in the loop (EX_SOFTWARE): systemd restarts the service. */
    static final int FATAL_EXIT = 70;

    private final ControlLoop loop;
    private volatile ExitState exitState;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pifan-control");
        thread.setDaemon(true);
        return thread;
    });
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile int exitCode;
    private ScheduledFuture<?> schedule;
    private Duration interval;

    Daemon(ControlLoop loop, Duration interval, ExitState exitState) {
        this.loop = loop;
        this.interval = interval;
        this.exitState = exitState;
    }

    synchronized void start() {
        schedule = timer.scheduleAtFixedRate(this::tick, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Ticks at a new interval from now on (a reloaded configuration). */
    synchronized void reschedule(Duration newInterval) {
        if (!newInterval.equals(interval)) {
            interval = newInterval;
            schedule.cancel(false);
            schedule = timer.scheduleAtFixedRate(this::tick, newInterval.toNanos(), newInterval.toNanos(),
                    TimeUnit.NANOSECONDS);
        }
    }

    /** The exit state to leave the fan in (a reloaded configuration may change it). */
    void exitState(ExitState newExitState) {
        this.exitState = newExitState;
    }

    private void tick() {
        try {
            loop.tick();
        } catch (RuntimeException e) {
            // a bug in one tick must not end the schedule (a throwing task is never run again)
            LOG.error("control tick failed; the next tick runs as usual", e);
        } catch (Error e) {
            // out of memory, a broken class: the loop cannot be trusted, so the fan goes safe and
            // the process ends non-zero for its supervisor to restart it
            LOG.error("fatal error in the control loop: stopping with the fan in its exit state", e);
            requestStop("fatal error", FATAL_EXIT);
            throw e;
        }
    }

    /** Asks the daemon to stop; {@link #runUntilStopped()} returns {@code code}. Safe from any thread. */
    void requestStop(String why, int code) {
        if (stopRequested.getCount() > 0) {
            exitCode = code;
            LOG.info("{}: stopping", why);
            stopRequested.countDown();
        }
    }

    /** Blocks until a stop is requested, leaves the fan in its exit state, and returns the exit code. */
    int runUntilStopped() throws InterruptedException {
        stopRequested.await();
        stop();
        return exitCode;
    }

    /** Stops ticking, waits for a tick in progress, and leaves the fan in its exit state. */
    private void stop() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("a control tick did not finish within 5 s; setting the exit state anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info(loop.leaveFan(exitState));
        FinalExit.fanStateSet();
    }
}
