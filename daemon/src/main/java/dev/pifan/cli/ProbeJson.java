package dev.pifan.cli;

import dev.pifan.hal.linux.DiscoveryReport;
import dev.pifan.telemetry.Json;
import dev.pifan.hal.linux.FanSpec;
import dev.pifan.hal.linux.Finding;
import dev.pifan.hal.linux.TemperatureSpec;
import dev.pifan.hal.linux.ThrottleSpec;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code pifan probe --json}: the report as one object, for scripts and fleet inventories.
 *
 * <pre>
 * {"root": "/", "board": "Raspberry Pi 5 Model B Rev 1.0", "family": "PI5", "usable": true,
 *  "temperature": [{"source": "...", "status": "usable", "detail": "...", "config": "{driver: ...}", "chosen": true}, ...],
 *  "throttle": [...], "fan": [...], "config": "hardware:\n  ...", "pinned": ["fan: {driver: hwmon, name: pwmfan}"]}
 * </pre>
 */
final class ProbeJson {

    private ProbeJson() {
    }

    static String of(DiscoveryReport report, List<String> pinned) {
        return of(report, pinned, List.of());
    }

    /** With the notes on the pinned parts ({@code ProbeCommand.notes}), as "notes" when there are any. */
    static String of(DiscoveryReport report, List<String> pinned, List<String> notes) {
        Json.Writer json = Json.writer().beginObject()
                .name("root").value(report.root().toString())
                .name("board").value(report.model().description())
                .name("family").value(report.model().family().toString())
                .name("usable").value(report.isUsable());
        findings(json.name("temperature"), report.temperatures(), report.chosenTemperature());
        findings(json.name("throttle"), report.throttles(), report.chosenThrottle());
        findings(json.name("fan"), report.fans(), report.chosenFan());
        json.name("config").value(report.toYaml()).name("pinned").beginArray();
        pinned.forEach(json::value);
        json.endArray();
        if (!notes.isEmpty()) {
            json.name("notes").beginArray();
            notes.forEach(json::value);
            json.endArray();
        }
        return json.endObject().toString();
    }

    private static <S> void findings(Json.Writer json, List<Finding<S>> findings, Optional<Finding<S>> chosen) {
        json.beginArray();
        for (Finding<S> finding : findings) {
            json.beginObject()
                    .name("source").value(finding.source())
                    .name("status").value(finding.status().name().toLowerCase(Locale.ROOT))
                    .name("detail").value(finding.detail())
                    .name("config");
            if (finding.spec().isPresent()) {
                json.value(flow(finding.spec().get()));
            } else {
                json.nullValue();
            }
            json.name("chosen").value(chosen.isPresent() && chosen.get() == finding).endObject();
        }
        json.endArray();
    }

    private static String flow(Object spec) {
        if (spec instanceof TemperatureSpec t) {
            return t.toYaml();
        }
        if (spec instanceof ThrottleSpec t) {
            return t.toYaml();
        }
        return ((FanSpec) spec).toYaml();
    }
}
