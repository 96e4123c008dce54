package dev.pifan.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The telemetry endpoint: {@code /metrics}, {@code /healthz} and {@code /status}.
 *
 * @param listen where the HTTP server listens; empty when it is {@code off}
 */
public record MetricsConfig(Optional<ListenAddress> listen) {

    /** All interfaces, port {@link ListenAddress#DEFAULT_PORT}. */
    public static final MetricsConfig DEFAULT = new MetricsConfig(Optional.of(ListenAddress.DEFAULT));
    public static final MetricsConfig OFF = new MetricsConfig(Optional.empty());

    public MetricsConfig {
        Objects.requireNonNull(listen, "listen");
    }
}
