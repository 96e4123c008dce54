package dev.pifan.cli;

import dev.pifan.config.ConfigException;
import dev.pifan.config.ConfigLoader;
import dev.pifan.config.ConfigProblem;
import dev.pifan.config.PifanConfig;
import dev.pifan.config.ProfileDefaults;
import dev.pifan.control.ControlLoop;
import dev.pifan.systemd.WatchdogLimit;
import dev.pifan.tray.Tray;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the configuration file on request (SIGHUP, {@code systemctl reload}). A file that does
 * not load is refused with every problem logged, and the running configuration stays: a typo in
 * a reload must never leave a node without fan control.
 */
final class ConfigReload {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigReload.class);

    private final Path file;
    private final String autoProfile;
    private final ControlLoop loop;
    private final Daemon daemon;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final ReloadRead read;
    private volatile WatchdogLimit watchdog = WatchdogLimit.NONE;
    private volatile PifanConfig current;
    /** The configuration the run started with: what is read at start only stays as it said. */
    private final PifanConfig started;
    private volatile Consumer<PifanConfig> onAccepted = next -> { };
    /** The tray the run started with, kept across reloads; empty without one. */
    private volatile Optional<Tray> tray = Optional.empty();

    /**
     * @param file the file the running configuration came from, or null when it is the built-in
     *     defaults (then there is nothing to re-read)
     */
    ConfigReload(Path file, PifanConfig running, ControlLoop loop, Daemon daemon) {
        this(file, ProfileDefaults.AUTO_PROFILE, running, loop, daemon);
    }

    /** @param autoProfile the profile whose defaults {@code board: auto} takes (the board found at start) */
    ConfigReload(Path file, String autoProfile, PifanConfig running, ControlLoop loop, Daemon daemon) {
        this(file, autoProfile, running, loop, daemon, new ReloadRead());
    }

    /** @param read how the file is read (tests rewrite it between the two reads) */
    ConfigReload(Path file, String autoProfile, PifanConfig running, ControlLoop loop, Daemon daemon, ReloadRead read) {
        this.read = read;
        this.file = file;
        this.autoProfile = autoProfile;
        this.current = running;
        this.started = running;
        this.loop = loop;
        this.daemon = daemon;
    }

    /** Re-reads the file; true when the new configuration runs now. */
    synchronized boolean reload() {
        if (file == null) {
            LOG.warn("reload asked, but pifan runs on built-in defaults: there is no file to re-read");
            refused.incrementAndGet();
            return false;
        }
        PifanConfig next;
        try {
            next = ConfigLoader.parse(read.read(file), file.toString(), autoProfile);
            Optional<String> unwatchable = watchdog.problemWith(next.interval(), file.toString());
            if (unwatchable.isPresent()) {
                throw new ConfigException(new ConfigProblem(file.toString(), 0, "", unwatchable.get()));
            }
        } catch (ConfigException e) {
            refused.incrementAndGet();
            LOG.error("reload refused, still running the configuration from {}:\n{}", current.source(), e.getMessage());
            return false;
        }
        if (!next.hardware().equals(current.hardware())) {
            LOG.warn("the hardware: section changes at the next restart: the board stays open as it is");
        }
        if (!next.safety().readTimeout().equals(current.safety().readTimeout())) {
            LOG.warn("safety.read-timeout changes at the next restart; running with {} until then",
                    Durations.format(current.safety().readTimeout()));
        }
        // against the section the run started with: a second reload of a changed one still waits
        if (!next.tray().equals(started.tray())) {
            LOG.warn("the tray: section changes at the next restart: the tray polls {}",
                    tray.isPresent() ? "its members as it started" : "nothing until then");
        }
        loop.replaceController(ControlFactory.daemonController(next, tray));
        daemon.reschedule(next.interval());
        daemon.exitState(next.fan().exit());
        current = next;
        accepted.incrementAndGet();
        LOG.info("configuration reloaded: {}", next.summary());
        try {
            onAccepted.accept(next);
        } catch (RuntimeException e) {
            LOG.error("after the reload, updating {} failed; the new configuration runs", onAccepted, e);
        }
        return true;
    }

    /** The tray this run drives the fan for: each reloaded controller runs it on top. */
    void tray(Tray running) {
        this.tray = Optional.of(running);
    }

    /** The watchdog a reloaded interval must suit (systemd's WATCHDOG_USEC); none by default. */
    void watchdog(WatchdogLimit limit) {
        this.watchdog = limit;
    }

    /** Told each configuration that runs after a reload (telemetry shows the new interval and curve). */
    void onAccepted(Consumer<PifanConfig> listener) {
        this.onAccepted = listener;
    }

    PifanConfig current() {
        return current;
    }

    long accepted() {
        return accepted.get();
    }

    long refused() {
        return refused.get();
    }
}
