package dev.pifan.cli;

import dev.pifan.config.ConfigException;
import dev.pifan.config.ListenAddress;
import dev.pifan.config.PifanConfig;
import dev.pifan.config.TraySpec;
import dev.pifan.hal.MonotonicClock;
import dev.pifan.telemetry.Telemetry;
import dev.pifan.telemetry.TrayMetrics;
import dev.pifan.tray.MemberDirectory;
import dev.pifan.tray.Tray;
import dev.pifan.tray.poll.TrayPoller;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's tray (the config's {@code tray:} section): the members' states the control loop decides
 * by, and the poller that fills them in, stamped with the loop's clock. Kept for the whole run: a
 * reload puts the new controller on top of the same tray.
 */
final class TrayRun implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrayRun.class);

    private final TraySpec spec;
    private final PifanConfig config;
    private final MemberDirectory directory;
    private final Tray tray;
    private final MonotonicClock clock;
    private TrayPoller poller;

    private TrayRun(TraySpec spec, PifanConfig config, MemberDirectory directory, MonotonicClock clock) {
        this.spec = spec;
        this.config = config;
        this.directory = directory;
        this.clock = clock;
        this.tray = new Tray(List.copyOf(directory.members().keySet()), spec.staleAfter());
    }

    /** The tray of {@code config}, not polled yet; empty without a tray section. Bad content when it cannot run. */
    static Optional<TrayRun> of(PifanConfig config, MonotonicClock clock) {
        if (config.tray().isEmpty()) {
            return Optional.empty();
        }
        TraySpec spec = config.tray().get();
        try {
            return Optional.of(new TrayRun(spec, config, MemberDirectories.from(spec, config.source(),
                    config.metrics().listen().map(ListenAddress::port).orElse(ListenAddress.DEFAULT_PORT)), clock));
        } catch (ConfigException e) {
            throw CliError.badContent(e.getMessage());
        }
    }

    Tray tray() {
        return tray;
    }

    /** Shows the members in {@code telemetry} and starts polling them (the first round before this returns). */
    void start(Telemetry telemetry) {
        TrayMetrics metrics = telemetry.tray(tray, clock);
        LOG.info("tray: the fan runs for {} ({}), stale after {}, polled every {} with a timeout of {}",
                String.join(", ", tray.memberNames()), spec.kubernetesTray().map(t -> "Kubernetes tray " + t)
                        .orElse("tray.members"), Durations.format(spec.staleAfter()),
                Durations.format(config.interval()), Durations.format(spec.pollTimeout()));
        poller = new TrayPoller(tray, directory, config.interval(), spec.pollTimeout(), clock, metrics::countError);
        poller.start();
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.close();
        } else {
            directory.close();
        }
    }
}
