package dev.pifan.telemetry;

import dev.pifan.control.Snapshot;
import dev.pifan.hal.ThrottleCondition;
import dev.pifan.hal.ThrottleFlags;
import dev.pifan.tray.MemberState;
import dev.pifan.tray.PeerReport;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code /status} shows: the node, the last tick and the health, frozen at one instant.
 *
 * @param node what does not change
 * @param uptimeNanos time since the daemon started
 * @param health the health check's verdict at that instant
 * @param last the last tick and its age; empty before the first tick
 * @param tray the tray's members as they stood at that instant, when this node runs a tray's fan
 */
public record StatusReport(NodeInfo node, long uptimeNanos, HealthCheck.Health health, Optional<Tick> last,
                           Optional<TrayView> tray) {

    /** A tray's members and the silence after which each counts as lost. */
    public record TrayView(java.time.Duration staleAfter, java.util.List<MemberState> members) {
    }

    /** A snapshot and how long ago it arrived. */
    public record Tick(Snapshot snapshot, long ageNanos) {
        public Tick {
            Objects.requireNonNull(snapshot, "snapshot");
        }
    }

    public StatusReport {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(tray, "tray");
    }

    /** A node that runs no tray's fan. */
    public StatusReport(NodeInfo node, long uptimeNanos, HealthCheck.Health health, Optional<Tick> last) {
        this(node, uptimeNanos, health, last, Optional.empty());
    }

    static StatusReport of(NodeInfo node, LastTick lastTick, HealthCheck.Health health) {
        return of(node, lastTick, health, Optional.empty());
    }

    static StatusReport of(NodeInfo node, LastTick lastTick, HealthCheck.Health health,
                           Optional<Telemetry.TrayStatus> tray) {
        long now = lastTick.clock().nanos();
        return new StatusReport(node, now - lastTick.startedNanos(), health,
                lastTick.last().map(seen -> new Tick(seen.snapshot(), now - seen.receivedNanos())),
                tray.map(t -> new TrayView(t.tray().staleAfter(), t.tray().members(t.clock().nanos()))));
    }

    /**
     * A curve's points, hysteresis and critical temperature as fields of the object being written:
     * {@code /status}'s {@code curve}, and {@code pifan curve --json}, read alike by a script.
     */
    public static void curveFields(Json.Writer w, NodeInfo.Curve curve) {
        w.name("points").beginArray();
        for (NodeInfo.Point p : curve.points()) {
            w.beginObject().name("celsius").value(p.celsius()).name("duty").value(p.duty().ratio()).endObject();
        }
        w.endArray()
                .name("hysteresis_celsius").value(curve.hysteresisC())
                .name("critical_celsius").value(curve.criticalC());
    }

    /**
     * The report as one JSON object. Units are in the names, as in the metrics: temperatures in
     * degrees Celsius, duties as ratios 0..1, times in seconds; {@code null} where nothing is known.
     */
    public String toJson() {
        Json.Writer w = Json.writer().beginObject();
        w.name("version").value(node.version());
        w.name("board").value(node.board());
        w.name("drivers").beginObject()
                .name("temperature").value(node.temperatureSensor())
                .name("throttle").value(node.throttleSource())
                .name("fan").value(node.fan())
                .name("fan_owner").value(node.fanOwner().describe())
                .name("tachometer").value(node.tachometer())
                .endObject();
        w.name("config").beginObject()
                .name("source").value(node.configSource())
                .name("interval_seconds").value(node.interval().toNanos() / 1e9)
                .endObject();
        w.name("curve").beginObject();
        curveFields(w, node.curve());
        w.endObject();
        w.name("uptime_seconds").value(seconds(uptimeNanos));
        w.name("health").beginObject()
                .name("ok").value(health.ok())
                .name("detail").value(health.text())
                .endObject();

        w.name("tray");
        tray(w);
        Snapshot s = last.map(Tick::snapshot).orElse(null);
        w.name("tick").value(s == null ? 0 : s.tick());
        if (s == null) {
            w.name("last_tick_seconds_ago").nullValue();
            w.name("temperature_celsius").nullValue();
            w.name("throttled").nullValue();
            w.name("duty").nullValue();
            w.name("duty_applied").nullValue();
            w.name("duty_driven").nullValue();
            w.name("fan_conflicts").nullValue();
            w.name("curve_duty").nullValue();
            w.name("rpm").nullValue();
            w.name("reason").nullValue();
            w.name("detail").value("");
            w.name("quiet").nullValue();
            w.name("errors").beginArray().endArray();
            return w.endObject().toString();
        }
        w.name("last_tick_seconds_ago").value(seconds(last.get().ageNanos()));
        w.name("temperature_celsius");
        if (s.celsius().isPresent()) {
            w.value(s.celsius().getAsDouble());
        } else {
            w.nullValue();
        }
        w.name("throttled");
        throttled(w, s.flags());
        w.name("duty").value(s.duty().ratio());
        w.name("duty_applied").value(s.applied());
        // what the fan has: the driver's step where it has steps (gpio-fan: 0 or 1), else the duty
        w.name("duty_driven");
        if (s.applied()) {
            w.value(s.driven().orElse(s.duty()).ratio());
        } else {
            w.nullValue();
        }
        w.name("fan_conflicts").value(s.fanConflicts());
        w.name("curve_duty").value(s.decision().curveDuty().ratio());
        w.name("rpm");
        if (s.rpm().isPresent()) {
            w.value(s.rpm().getAsInt());
        } else {
            w.nullValue();
        }
        w.name("reason").value(s.reason().label());
        w.name("detail").value(s.decision().detail());
        w.name("quiet").value(s.decision().quiet().label());
        w.name("errors").beginArray();
        for (Snapshot.SourceError e : s.errors()) {
            w.beginObject()
                    .name("source").value(e.source().name().toLowerCase(Locale.ROOT))
                    .name("id").value(e.sourceId())
                    .name("message").value(e.message())
                    .endObject();
        }
        w.endArray();
        return w.endObject().toString();
    }

    /** Each member by name: lost or not, its last report, how long ago, the last poll's failure; null without a tray. */
    private void tray(Json.Writer w) {
        if (tray.isEmpty()) {
            w.nullValue();
            return;
        }
        w.beginObject().name("stale_after_seconds").value(seconds(tray.get().staleAfter().toNanos()));
        w.name("members").beginObject();
        for (MemberState m : tray.get().members()) {
            w.name(m.member()).beginObject().name("lost").value(m.stale());
            w.name("last_heard_seconds_ago");
            optional(w, m.silentFor().map(d -> seconds(d.toNanos())));
            PeerReport r = m.last().orElse(null);
            w.name("requested_duty");
            optional(w, Optional.ofNullable(r).map(p -> p.requested().ratio()));
            w.name("reason");
            if (r == null) {
                w.nullValue();
            } else {
                w.value(r.reason().label());
            }
            w.name("temperature_celsius");
            optional(w, Optional.ofNullable(r).filter(p -> p.celsius().isPresent()).map(p -> p.celsius().getAsDouble()));
            w.name("detail").value(r == null ? "" : r.detail());
            w.name("instance");
            if (r == null) {
                w.nullValue();
            } else {
                w.value(r.instance());
            }
            w.name("tick");
            if (r == null) {
                w.nullValue();
            } else {
                w.value(r.tick());
            }
            w.name("error");
            if (m.lastError().isPresent()) {
                w.value(m.lastError().get());
            } else {
                w.nullValue();
            }
            w.endObject();
        }
        w.endObject().endObject();
    }

    private static void optional(Json.Writer w, Optional<Double> value) {
        if (value.isPresent()) {
            w.value(value.get());
        } else {
            w.nullValue();
        }
    }

    /** The word, what the source could tell, and each condition: true, false, or null for "cannot tell". */
    private static void throttled(Json.Writer w, ThrottleFlags flags) {
        if (flags.isFullyUnknown()) {
            w.nullValue();
            return;
        }
        w.beginObject()
                .name("word").value(flags.toHex())
                .name("known_mask").value("0x" + Integer.toHexString(flags.knownMask()))
                .name("conditions").beginObject();
        for (ThrottleCondition c : ThrottleCondition.values()) {
            w.name(c.label()).beginObject().name("now");
            Optional<Boolean> now = flags.active(c);
            if (now.isPresent()) {
                w.value(now.get());
            } else {
                w.nullValue();
            }
            w.name("since_boot");
            Optional<Boolean> since = flags.occurred(c);
            if (since.isPresent()) {
                w.value(since.get());
            } else {
                w.nullValue();
            }
            w.endObject();
        }
        w.endObject().endObject();
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e6) / 1e3; // milliseconds are plenty for a person
    }
}
