package dev.pifan.telemetry;

import dev.pifan.hal.MonotonicClock;
import dev.pifan.tray.MemberState;
import dev.pifan.tray.PeerReport;
import dev.pifan.tray.PollError;
import dev.pifan.tray.Tray;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.ToDoubleFunction;

/**
 * The tray node's metrics, one series per member: read from the {@link Tray} at each scrape, by
 * the control loop's clock, so the age and the lost flag are those the fan is run by. A value a
 * member never sent (a temperature it could not read, anything before it is first heard) is
 * absent, not 0.
 */
public final class TrayMetrics {

    private final Counter pollErrors;

    TrayMetrics(PrometheusRegistry registry, Tray tray, MonotonicClock clock) {
        perMember(registry, tray, clock, "pifan_tray_member_temperature_celsius", "The temperature a tray member"
                + " reported last; absent while it cannot read it, or before it is heard from", m -> m.last()
                .filter(r -> r.celsius().isPresent()).map(r -> r.celsius().getAsDouble()).orElse(Double.NaN));
        perMember(registry, tray, clock, "pifan_tray_member_requested_duty_ratio", "The duty a tray member's own"
                + " rules asked of the shared fan in its last report, 0 to 1; absent before it is heard from",
                m -> m.last().map(PeerReport::requested).map(d -> d.ratio()).orElse(Double.NaN));
        perMember(registry, tray, clock, "pifan_tray_member_last_heard_seconds", "Seconds since a tray member's"
                + " last report that was news (a new tick); absent before it is heard from",
                m -> m.silentFor().map(s -> s.toNanos() / 1e9).orElse(Double.NaN));
        perMember(registry, tray, clock, "pifan_tray_member_lost", "1 while a tray member counts as lost (not heard"
                + " from for tray.stale-after, or never): the shared fan runs at full speed, reason peer_lost; else 0",
                m -> m.stale() ? 1 : 0);
        pollErrors = Counter.builder().name("pifan_tray_poll_errors")
                .help("Polls of a tray member's /peer that taught nothing, by kind: no_address, connect, timeout,"
                        + " status, oversized, malformed")
                .labelNames("member", "kind").withoutExemplars()
                .register(registry);
        // known from the start, at 0, so increase() works from the first scrape
        for (String member : tray.memberNames()) {
            for (PollError kind : PollError.values()) {
                pollErrors.labelValues(member, kind.label());
            }
        }
    }

    /** Counts one failed poll of {@code member}. */
    public void countError(String member, PollError kind) {
        pollErrors.labelValues(member, kind.label()).inc();
    }

    private static void perMember(PrometheusRegistry registry, Tray tray, MonotonicClock clock, String name,
                                  String help, ToDoubleFunction<MemberState> value) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("member")
                .callback(cb -> {
                    for (MemberState m : tray.members(clock.nanos())) {
                        double v = value.applyAsDouble(m);
                        if (!Double.isNaN(v)) {
                            cb.call(v, m.member());
                        }
                    }
                })
                .register(registry);
    }
}
