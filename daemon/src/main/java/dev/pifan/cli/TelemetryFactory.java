package dev.pifan.cli;

import dev.pifan.config.ListenAddress;
import dev.pifan.config.PifanConfig;
import dev.pifan.hal.Board;
import dev.pifan.hal.MonotonicClock;
import dev.pifan.telemetry.NodeInfo;
import dev.pifan.telemetry.Telemetry;
import dev.pifan.telemetry.TelemetryServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Config and board to telemetry: the one place they meet, as ControlFactory is for control. */
final class TelemetryFactory {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryFactory.class);

    private TelemetryFactory() {
    }

    /** {@code --listen} if given ({@code off} or an address; a usage error if neither), else the config's. */
    static Optional<ListenAddress> listen(String option, PifanConfig config) {
        if (option == null) {
            return config.metrics().listen();
        }
        try {
            return ListenAddress.parseOrOff(option);
        } catch (IllegalArgumentException e) {
            throw CliError.usage("--listen: " + e.getMessage());
        }
    }

    static Telemetry telemetry(PifanConfig config, Board board, MonotonicClock clock) {
        return Telemetry.create(NodeInfo.of(Version.current(), Version.revision(), board, config.source(),
                config.interval(), curve(config)), clock, board.fan());
    }

    /**
     * After a reload: the new interval and curve in /status and /healthz. The server stays where it
     * is; a new metrics.listen (without --listen, which wins) is said to wait for a restart.
     */
    static void reconfigure(Telemetry telemetry, PifanConfig next, String listenOption,
                            Optional<ListenAddress> serving) {
        telemetry.reconfigure(next.source(), next.interval(), curve(next));
        if (listenOption == null && !next.metrics().listen().equals(serving)) {
            LOG.warn("metrics.listen changes at the next restart; serving on {} until then",
                    serving.map(ListenAddress::toString).orElse("nothing (off)"));
        }
    }

    /** The config's curve as /status shows it, with the ceiling the metrics show. */
    static NodeInfo.Curve curve(PifanConfig config) {
        return new NodeInfo.Curve(
                config.curve().points().stream().map(p -> new NodeInfo.Point(p.celsius(), p.duty())).toList(),
                config.curve().hysteresisC(), config.safety().criticalC(), config.ceiling().atC());
    }

    /** Binds and serves; a one-line error (exit 1) when the address cannot be had. */
    static TelemetryServer serve(ListenAddress listen, Telemetry telemetry) {
        InetSocketAddress address = listen.allInterfaces()
                ? new InetSocketAddress(listen.port())
                : new InetSocketAddress(listen.host(), listen.port());
        if (address.isUnresolved()) {
            throw CliError.badContent("cannot listen on " + listen + ": unknown host " + listen.host()
                    + " (set metrics.listen or --listen, or turn it off)");
        }
        try {
            return TelemetryServer.start(address, telemetry);
        } catch (BindException e) {
            String why = e.getMessage() == null ? "cannot bind" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
            throw CliError.badContent("cannot listen on " + listen + ": " + why
                    + " (set metrics.listen or --listen to another address, or off)");
        } catch (IOException e) {
            throw CliError.badContent("cannot listen on " + listen + ": " + e.getMessage());
        }
    }
}
