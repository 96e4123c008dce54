package dev.pifan.deploy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A strict check of the Prometheus Operator objects pifan ships (ServiceMonitor, PodMonitor and
 * PrometheusRule, monitoring.coreos.com/v1). They are custom resources, so client-java has no model
 * for them: this is a small schema of the CRD fields pifan uses, with the CRD's types and
 * patterns, and every other key refused, as client-java's models refuse theirs. metadata and
 * selector are the official models (ObjectMeta, LabelSelector), checked by client-java itself.
 * A field added to a monitor must be added here too, after checking it in the CRD.
 */
final class PrometheusOperatorSchema {

    /** The CRD's pattern for a Prometheus duration (monitoring.coreos.com/v1 Duration). */
    static final Pattern DURATION =
            Pattern.compile("^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$");
    static final Pattern LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");
    /** The CRD's enum for relabel actions (both spellings are accepted). */
    static final Set<String> ACTIONS = Set.of("replace", "Replace", "keep", "Keep", "drop", "Drop", "hashmod",
            "HashMod", "labelmap", "LabelMap", "labeldrop", "LabelDrop", "labelkeep", "LabelKeep", "lowercase",
            "Lowercase", "uppercase", "Uppercase", "keepequal", "KeepEqual", "dropequal", "DropEqual");

    private interface Shape {
        void check(String path, JsonElement value);
    }

    private static final Shape STRING = (path, value) -> {
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw problem(path, "expected a string, found " + value);
        }
    };

    private static Shape matching(Pattern pattern) {
        return (path, value) -> {
            STRING.check(path, value);
            if (!pattern.matcher(value.getAsString()).matches()) {
                throw problem(path, "'" + value.getAsString() + "' does not match " + pattern.pattern());
            }
        };
    }

    private static Shape oneOf(Set<String> values) {
        return (path, value) -> {
            STRING.check(path, value);
            if (!values.contains(value.getAsString())) {
                throw problem(path, "'" + value.getAsString() + "' is not one of " + values);
            }
        };
    }

    private static Shape listOf(Shape item) {
        return (path, value) -> {
            if (!value.isJsonArray()) {
                throw problem(path, "expected a list, found " + value);
            }
            JsonArray array = value.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                item.check(path + "[" + i + "]", array.get(i));
            }
        };
    }

    /** An object with exactly these optional fields (plus the required ones); any other key fails. */
    private static Shape object(Map<String, Shape> fields, Set<String> required) {
        return (path, value) -> {
            if (!value.isJsonObject()) {
                throw problem(path, "expected an object, found " + value);
            }
            JsonObject object = value.getAsJsonObject();
            for (String key : object.keySet()) {
                Shape shape = fields.get(key);
                if (shape == null) {
                    throw problem(path + "." + key, "unknown field (known: " + fields.keySet() + ")");
                }
                shape.check(path + "." + key, object.get(key));
            }
            for (String key : required) {
                if (!object.has(key)) {
                    throw problem(path + "." + key, "required field missing");
                }
            }
        };
    }

    private interface Validator {
        void validate(JsonElement element) throws IOException;
    }

    /** An official model, validated strictly by client-java. */
    private static Shape model(Validator validator) {
        return (path, value) -> {
            try {
                validator.validate(value);
            } catch (IOException | RuntimeException e) {
                throw problem(path, e.getMessage());
            }
        };
    }

    private static Map<String, Shape> fields(Object... pairs) {
        Map<String, Shape> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Shape) pairs[i + 1]);
        }
        return map;
    }

    private static final Shape RELABEL_CONFIG = object(fields(
            "sourceLabels", listOf(matching(LABEL_NAME)),
            "separator", STRING,
            "targetLabel", STRING,
            "regex", STRING,
            "replacement", STRING,
            "action", oneOf(ACTIONS)), Set.of());

    private static final Map<String, Shape> ENDPOINT = fields(
            "port", STRING,
            "path", matching(Pattern.compile("^/.*")),
            "interval", matching(DURATION),
            "scrapeTimeout", matching(DURATION),
            "relabelings", listOf(RELABEL_CONFIG),
            "metricRelabelings", listOf(RELABEL_CONFIG));

    private static Shape monitor(String kind, String endpointsField) {
        Shape spec = object(fields(
                "selector", model(V1LabelSelector::validateJsonElement),
                endpointsField, listOf(object(ENDPOINT, Set.of()))), Set.of("selector", endpointsField));
        return object(fields(
                "apiVersion", oneOf(Set.of("monitoring.coreos.com/v1")),
                "kind", oneOf(Set.of(kind)),
                "metadata", model(V1ObjectMeta::validateJsonElement),
                "spec", spec), Set.of("apiVersion", "kind", "metadata", "spec"));
    }

    /** A map of label or annotation names to strings. */
    private static final Shape STRING_MAP = (path, value) -> {
        if (!value.isJsonObject()) {
            throw problem(path, "expected an object, found " + value);
        }
        for (Map.Entry<String, JsonElement> entry : value.getAsJsonObject().entrySet()) {
            STRING.check(path + "." + entry.getKey(), entry.getValue());
        }
    };

    /** The CRD's Rule: an alert or a recording rule, expr required (an IntOrString; pifan's are strings). */
    private static final Shape RULE = object(fields(
            "alert", STRING,
            "record", STRING,
            "expr", STRING,
            "for", matching(DURATION),
            "keep_firing_for", matching(DURATION),
            "labels", STRING_MAP,
            "annotations", STRING_MAP), Set.of("expr"));

    private static final Shape RULE_GROUP = object(fields(
            "name", STRING,
            "interval", matching(DURATION),
            "rules", listOf(RULE)), Set.of("name"));

    private static final Shape PROMETHEUS_RULE = object(fields(
            "apiVersion", oneOf(Set.of("monitoring.coreos.com/v1")),
            "kind", oneOf(Set.of("PrometheusRule")),
            "metadata", model(V1ObjectMeta::validateJsonElement),
            "spec", object(fields("groups", listOf(RULE_GROUP)), Set.of())),
            Set.of("apiVersion", "kind", "metadata", "spec"));

    private static final Shape SERVICE_MONITOR = monitor("ServiceMonitor", "endpoints");
    private static final Shape POD_MONITOR = monitor("PodMonitor", "podMetricsEndpoints");

    private PrometheusOperatorSchema() {
    }

    /** Checks a ServiceMonitor; IllegalArgumentException names the first problem's path. */
    static JsonObject serviceMonitor(JsonObject document) {
        SERVICE_MONITOR.check("ServiceMonitor", document);
        return document;
    }

    /** Checks a PodMonitor; IllegalArgumentException names the first problem's path. */
    static JsonObject podMonitor(JsonObject document) {
        POD_MONITOR.check("PodMonitor", document);
        return document;
    }

    /** Checks a PrometheusRule; IllegalArgumentException names the first problem's path. */
    static JsonObject prometheusRule(JsonObject document) {
        PROMETHEUS_RULE.check("PrometheusRule", document);
        return document;
    }

    private static IllegalArgumentException problem(String path, String message) {
        return new IllegalArgumentException(path + ": " + message);
    }
}
