package dev.pifan.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pifan.control.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * What the operator sees names what the code has: every {@link Reason} in the dashboard and in
 * docs/observability.md, every alert with its runbook and with a promtool test that fires it and
 * one that does not. The reasons come from the enum, so a new one fails here until it is shown.
 */
class ObservabilityTest {

    private static final Path ROOT = Kustomize.repository();
    private static final Set<String> REASONS = Arrays.stream(Reason.values()).map(Reason::label)
            .collect(Collectors.toCollection(TreeSet::new));
    private static final Set<String> SAFETY = Arrays.stream(Reason.values()).filter(Reason::isSafety)
            .map(Reason::label).collect(Collectors.toCollection(TreeSet::new));

    private static String read(String relative) throws IOException {
        return Files.readString(ROOT.resolve(relative), StandardCharsets.UTF_8);
    }

    private static JsonObject dashboard() throws IOException {
        return JsonParser.parseString(read("deploy/grafana/pifan-dashboard.json")).getAsJsonObject();
    }

    private static JsonObject panel(String title) throws IOException {
        return StreamSupport.stream(dashboard().getAsJsonArray("panels").spliterator(), false)
                .map(JsonElement::getAsJsonObject)
                .filter(p -> p.get("title").getAsString().equals(title))
                .findFirst().orElseThrow(() -> new AssertionError("no panel '" + title + "'"));
    }

    private static String expr(JsonObject panel, int target) {
        return panel.getAsJsonArray("targets").get(target).getAsJsonObject().get("expr").getAsString();
    }

    @Test
    void theReasonTimelineHasAStateForEveryReasonNamedAsTheCodeNamesIt() throws IOException {
        JsonObject timeline = panel("Why the fan runs as it does");
        // N * max by (instance) (pifan_control_reason{..., reason="R"}): state N is reason R
        Matcher term = Pattern.compile("(\\d+) \\* max by \\(instance\\) \\(pifan_control_reason\\{[^}]*reason=\"([a-z_]+)\"\\}\\)")
                .matcher(expr(timeline, 0));
        Map<String, String> stateOf = new LinkedHashMap<>();
        while (term.find()) {
            assertEquals(null, stateOf.put(term.group(2), term.group(1)), "reason " + term.group(2) + " twice");
        }
        assertEquals(REASONS, new TreeSet<>(stateOf.keySet()), "the reasons the query encodes");
        assertEquals(stateOf.size(), new HashSet<>(stateOf.values()).size(), "one state per reason: " + stateOf);
        JsonObject mapped = timeline.getAsJsonObject("fieldConfig").getAsJsonObject("defaults")
                .getAsJsonArray("mappings").get(0).getAsJsonObject().getAsJsonObject("options");
        Map<String, String> shown = new HashMap<>();
        mapped.entrySet().forEach(e -> shown.put(e.getKey(), e.getValue().getAsJsonObject().get("text").getAsString()));
        stateOf.forEach((reason, state) -> assertEquals(reason, shown.get(state), "state " + state + " is shown as"));
        assertEquals(stateOf.size(), shown.size(), "a mapping for a state the query never gives: " + shown);
    }

    @Test
    void safetyOverridesCountEverySafetyReasonAndNoOther() throws IOException {
        Matcher regex = Pattern.compile("reason=~\"([^\"]+)\"").matcher(expr(panel("Safety overrides now"), 0));
        assertTrue(regex.find());
        assertEquals(SAFETY, new TreeSet<>(List.of(regex.group(1).split("\\|"))));
    }

    @Test
    void observabilityMdListsEveryReason() throws IOException {
        String row = read("docs/observability.md").lines().filter(l -> l.startsWith("| `pifan_control_reason` "))
                .findFirst().orElseThrow(() -> new AssertionError("no pifan_control_reason row in observability.md"));
        Matcher listed = Pattern.compile("`([a-z_]+)`").matcher(row.substring(row.lastIndexOf('|', row.length() - 2)));
        Set<String> documented = new TreeSet<>();
        while (listed.find()) {
            documented.add(listed.group(1));
        }
        assertEquals(REASONS, documented, "the reasons observability.md lists");
    }

    @Test
    void theDashboardHasAFixedUidAndEveryPanelAUniqueId() throws IOException {
        JsonObject dashboard = dashboard();
        assertTrue(dashboard.get("uid").isJsonPrimitive(), "uid: " + dashboard.get("uid"));
        assertTrue(dashboard.get("uid").getAsString().matches("[a-z0-9-]{1,40}"), dashboard.get("uid").getAsString());
        List<Integer> ids = StreamSupport.stream(dashboard.getAsJsonArray("panels").spliterator(), false)
                .map(p -> p.getAsJsonObject().get("id").getAsInt()).toList();
        assertEquals(ids.size(), new HashSet<>(ids).size(), "panel ids " + ids);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> yamlList(Object node, String key) {
        return (List<Map<String, Object>>) ((Map<String, Object>) node).get(key);
    }

    private static Map<String, Map<String, Object>> alerts() throws IOException {
        Object rules = new Load(LoadSettings.builder().build()).loadFromString(read("deploy/prometheus/pifan-rules.yml"));
        Map<String, Map<String, Object>> alerts = new LinkedHashMap<>();
        for (Map<String, Object> group : yamlList(rules, "groups")) {
            for (Map<String, Object> rule : yamlList(group, "rules")) {
                alerts.put((String) rule.get("alert"), rule);
            }
        }
        assertFalse(alerts.isEmpty());
        return alerts;
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertHasARunbookSectionAndEverySectionAnAlert() throws IOException {
        Set<String> sections = read("docs/runbooks.md").lines().filter(l -> l.startsWith("## "))
                .map(l -> l.substring(3).strip()).collect(Collectors.toCollection(TreeSet::new));
        Map<String, Map<String, Object>> alerts = alerts();
        alerts.forEach((name, rule) -> {
            Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
            // the anchor GitHub and docs/check.sh make of the heading "## PifanDown"
            assertEquals("docs/runbooks.md#" + name.toLowerCase(Locale.ROOT), annotations.get("runbook_url"), name);
        });
        assertEquals(new TreeSet<>(alerts.keySet()), sections, "the alerts, and the runbooks' sections");
    }

    @Test
    void everyAlertHasAPromtoolTestThatFiresItAndOneThatDoesNot() throws IOException {
        Object tests = new Load(LoadSettings.builder().build())
                .loadFromString(read("deploy/prometheus/pifan-rules.test.yml"));
        Set<String> fires = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (Map<String, Object> test : yamlList(tests, "tests")) {
            for (Map<String, Object> check : yamlList(test, "alert_rule_test")) {
                List<?> expected = (List<?>) check.get("exp_alerts");
                (expected == null || expected.isEmpty() ? quiet : fires).add((String) check.get("alertname"));
            }
        }
        Set<String> names = new TreeSet<>(alerts().keySet());
        assertEquals(names, fires, "alerts with a test in which they fire");
        assertEquals(names, quiet, "alerts with a test in which they do not");
    }
}
