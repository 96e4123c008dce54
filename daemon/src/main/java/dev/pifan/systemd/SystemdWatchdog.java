package dev.pifan.systemd;

import dev.pifan.control.Snapshot;
import dev.pifan.control.TickListener;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Tells systemd that pifan is ready after its first tick, and pings the watchdog from the control
 * loop itself: if the loop hangs, the pings stop and systemd restarts the service
 * ({@code WatchdogSec=}). Each ping carries a {@code STATUS=} line for {@code systemctl status}.
 */
public final class SystemdWatchdog implements TickListener {

    private final SdNotify notify;
    private final long pingEveryNanos;
    private boolean ready;
    private long lastPing;

    /**
     * @param watchdogMicros {@code WATCHDOG_USEC}: systemd's time-out; pings go out at half of it.
     *     Empty: no watchdog, only READY and STATUS.
     */
    public SystemdWatchdog(SdNotify notify, OptionalLong watchdogMicros) {
        this.notify = notify;
        this.pingEveryNanos = watchdogMicros.isPresent() ? watchdogMicros.getAsLong() * 1000 / 2 : -1;
    }

    /** {@code WATCHDOG_USEC} when it is set and meant for this process ({@code WATCHDOG_PID}). */
    public static OptionalLong watchdogMicros(Map<String, String> environment, long pid) {
        String usec = environment.get("WATCHDOG_USEC");
        String forPid = environment.get("WATCHDOG_PID");
        if (usec == null || (forPid != null && !forPid.equals(Long.toString(pid)))) {
            return OptionalLong.empty();
        }
        try {
            long micros = Long.parseLong(usec.strip());
            return micros > 0 ? OptionalLong.of(micros) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public void onTick(Snapshot snapshot) {
        String status = status(snapshot);
        if (!ready) {
            ready = true;
            lastPing = snapshot.nanos();
            notify.send("READY=1\n" + status + (pingEveryNanos > 0 ? "\nWATCHDOG=1" : ""));
            return;
        }
        if (pingEveryNanos > 0 && snapshot.nanos() - lastPing >= pingEveryNanos) {
            lastPing = snapshot.nanos();
            notify.send("WATCHDOG=1\n" + status);
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
        String temperature = s.celsius().isPresent()
                ? String.format(Locale.ROOT, "%.1f C", s.celsius().getAsDouble())
                : "temperature unknown";
        return "STATUS=" + temperature + ", fan " + s.duty() + " (" + s.reason().label() + ")";
    }
}
