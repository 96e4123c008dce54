package dev.pifan.systemd;

import dev.pifan.control.Snapshot;
import dev.pifan.control.TickListener;
import dev.pifan.hal.MonotonicClock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd that pifan is ready after its first tick, and pings the watchdog from a timer of
 * its own at half {@code WatchdogSec}, but only while the control loop is healthy: ticked within
 * its interval and half an interval more ({@link WatchdogLimit}). Pinged from the ticks instead,
 * a 1 s tick against a 2 s watchdog would ping right at the limit; pinged regardless of the ticks,
 * a hung loop would never be restarted. Each ping carries a {@code STATUS=} line for
 * {@code systemctl status}.
 */
public final class SystemdWatchdog implements TickListener {

    private static final Logger LOG = LoggerFactory.getLogger(SystemdWatchdog.class);

    private final Notifier notify;
    private final WatchdogLimit limit;
    private final MonotonicClock clock;
    private volatile Duration interval;
    private volatile String status;
    private volatile long lastTick;
    private volatile boolean ready;
    private boolean stallLogged;
    private ScheduledExecutorService timer;

    public SystemdWatchdog(Notifier notify, WatchdogLimit limit, MonotonicClock clock, Duration interval) {
        this.notify = notify;
        this.limit = limit;
        this.clock = clock;
        this.interval = interval;
    }

    /** {@code WATCHDOG_USEC} when it is set and meant for this process ({@code WATCHDOG_PID}). */
    public static OptionalLong watchdogMicros(Map<String, String> environment, long pid) {
        String usec = environment.get("WATCHDOG_USEC");
        String forPid = environment.get("WATCHDOG_PID");
        if (usec == null || (forPid != null && !forPid.strip().equals(Long.toString(pid)))) {
            return OptionalLong.empty();
        }
        try {
            long micros = Long.parseLong(usec.strip());
            return micros > 0 ? OptionalLong.of(micros) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Starts the ping timer (nothing to start without a watchdog). */
    public synchronized void start() {
        limit.pingEvery().ifPresent(every -> {
            timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "pifan-watchdog");
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleAtFixedRate(this::pingIfHealthy, every.toNanos(), every.toNanos(), TimeUnit.NANOSECONDS);
        });
    }

    /** The loop ticks at a new interval (a reloaded configuration). */
    public void interval(Duration newInterval) {
        this.interval = newInterval;
    }

    @Override
    public void onTick(Snapshot snapshot) {
        lastTick = clock.nanos();
        status = status(snapshot);
        if (!ready) {
            ready = true;
            notify.send("READY=1\n" + status + (limit.timeout().isPresent() ? "\nWATCHDOG=1" : ""));
        }
    }

    /** One ping, if the loop ticked recently enough; what the timer runs. */
    synchronized void pingIfHealthy() {
        if (!ready || limit.timeout().isEmpty()) {
            return;
        }
        long age = clock.nanos() - lastTick;
        if (age <= WatchdogLimit.tickedWithin(interval).toNanos()) {
            stallLogged = false;
            notify.send("WATCHDOG=1\n" + status);
        } else if (!stallLogged) {
            stallLogged = true;
            LOG.error("the control loop has not ticked for {} ms (every {} ms expected): no more watchdog pings,"
                    + " systemd restarts pifan", age / 1_000_000, interval.toMillis());
        }
    }

    /** Before a reload: systemd shows "reloading" until the next READY=1. */
    public void reloading() {
        notify.send("RELOADING=1");
    }

    public void reloaded() {
        notify.send("READY=1");
    }

    public void stopping() {
        notify.send("STOPPING=1");
    }

    static String status(Snapshot s) {
        return "STATUS=" + s.temperature("temperature unknown") + ", fan " + s.duty() + " (" + s.reason().label() + ")";
    }
}
