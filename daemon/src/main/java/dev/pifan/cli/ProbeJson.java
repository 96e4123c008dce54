package dev.pifan.cli;

import dev.pifan.hal.linux.DiscoveryReport;
import dev.pifan.hal.linux.FanSpec;
import dev.pifan.hal.linux.Finding;
import dev.pifan.hal.linux.TemperatureSpec;
import dev.pifan.hal.linux.ThrottleSpec;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

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
        StringJoiner object = new StringJoiner(",", "{", "}");
        object.add(field("root", string(report.root().toString())));
        object.add(field("board", string(report.model().description())));
        object.add(field("family", string(report.model().family().toString())));
        object.add(field("usable", String.valueOf(report.isUsable())));
        object.add(field("temperature", findings(report.temperatures(), report.chosenTemperature())));
        object.add(field("throttle", findings(report.throttles(), report.chosenThrottle())));
        object.add(field("fan", findings(report.fans(), report.chosenFan())));
        object.add(field("config", string(report.toYaml())));
        StringJoiner lines = new StringJoiner(",", "[", "]");
        pinned.forEach(line -> lines.add(string(line)));
        object.add(field("pinned", lines.toString()));
        return object.toString();
    }

    private static <S> String findings(List<Finding<S>> findings, Optional<Finding<S>> chosen) {
        StringJoiner list = new StringJoiner(",", "[", "]");
        for (Finding<S> finding : findings) {
            StringJoiner item = new StringJoiner(",", "{", "}");
            item.add(field("source", string(finding.source())));
            item.add(field("status", string(finding.status().name().toLowerCase(Locale.ROOT))));
            item.add(field("detail", string(finding.detail())));
            item.add(field("config", finding.spec().map(ProbeJson::flow).map(ProbeJson::string).orElse("null")));
            item.add(field("chosen", String.valueOf(chosen.isPresent() && chosen.get() == finding)));
            list.add(item.toString());
        }
        return list.toString();
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

    private static String field(String name, String json) {
        return string(name) + ":" + json;
    }

    static String string(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
