package dev.pifan.deploy;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The checks of {@link Rendered} and {@link PrometheusOperatorSchema} would catch a mistake: the
 * rendered k3s overlay (with every component), each time with one thing broken, is refused, and the
 * refusal names it.
 */
class StrictParsingTest {

    /** The k3s overlay with every component, so that the Operator's objects are broken too. */
    private static final List<JsonObject> K3S = Kustomize.documents(
            Kustomize.render("overlays/k3s", KubernetesManifestsTest.COMPONENTS));

    /** The k3s documents with {@code breakIt} applied to the one of this kind. */
    private static List<JsonObject> with(String kind, Consumer<JsonObject> breakIt) {
        List<JsonObject> copy = new ArrayList<>();
        boolean found = false;
        for (JsonObject document : K3S) {
            JsonObject clone = document.deepCopy();
            if (Rendered.parse(clone).equals(kind)) {
                breakIt.accept(clone);
                found = true;
            }
            copy.add(clone);
        }
        assertTrue(found, "no " + kind + " rendered");
        return copy;
    }

    private static void assertRefused(List<JsonObject> documents, String mention) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Rendered.parse("k3s, broken", documents));
        assertTrue(e.getMessage().contains(mention), "the refusal names " + mention + ": " + e.getMessage());
    }

    private static JsonObject container(JsonObject daemonSet) {
        return daemonSet.getAsJsonObject("spec").getAsJsonObject("template").getAsJsonObject("spec")
                .getAsJsonArray("containers").get(0).getAsJsonObject();
    }

    @Test
    void theUnbrokenRenderParses() {
        Rendered.parse("k3s", K3S);
    }

    @Test
    void anUnknownFieldDeepInTheDaemonSetIsRefused() {
        assertRefused(with("apps/v1/DaemonSet", ds -> container(ds).getAsJsonObject("livenessProbe")
                .getAsJsonObject("httpGet").addProperty("pathh", "/healthz")), "field `pathh`");
    }

    @Test
    void aMisplacedFieldIsRefused() {
        // hostPath's type belongs in the volume, not in the mount
        assertRefused(with("apps/v1/DaemonSet", ds -> container(ds).getAsJsonArray("volumeMounts").get(0)
                .getAsJsonObject().addProperty("type", "Directory")), "field `type` in the JSON string is not defined in the `V1VolumeMount`");
    }

    @Test
    void anUnknownTopLevelFieldOfAConfigMapIsRefused() {
        assertRefused(with("v1/ConfigMap", cm -> cm.add("datta", new JsonObject())), "field `datta`");
    }

    @Test
    void aMissingRequiredFieldIsRefused() {
        assertRefused(with("apps/v1/DaemonSet", ds -> container(ds).remove("name")), "required field `name`");
    }

    @Test
    void aWrongTypeIsRefused() {
        assertRefused(with("v1/Service", svc -> svc.getAsJsonObject("spec").getAsJsonArray("ports").get(0)
                .getAsJsonObject().add("port", new JsonPrimitive("nine thousand"))), "NumberFormatException");
    }

    @Test
    void aServiceMonitorWithAMisspelledFieldIsRefused() {
        assertRefused(with("monitoring.coreos.com/v1/ServiceMonitor", sm -> sm.getAsJsonObject("spec")
                .getAsJsonArray("endpoints").get(0).getAsJsonObject().addProperty("intervall", "15s")), "endpoints[0].intervall: unknown field");
    }

    @Test
    void aServiceMonitorWithABadValueIsRefused() {
        assertRefused(with("monitoring.coreos.com/v1/ServiceMonitor", sm -> sm.getAsJsonObject("spec")
                .getAsJsonArray("endpoints").get(0).getAsJsonObject().addProperty("interval", "15 seconds")), "endpoints[0].interval: '15 seconds' does not match");
        assertRefused(with("monitoring.coreos.com/v1/ServiceMonitor", sm -> sm.getAsJsonObject("spec")
                .getAsJsonArray("endpoints").get(0).getAsJsonObject().getAsJsonArray("relabelings").get(0)
                .getAsJsonObject().addProperty("action", "rename")), "relabelings[0].action: 'rename' is not one of");
    }

    @Test
    void aServiceMonitorsMetadataIsCheckedByTheOfficialModel() {
        assertRefused(with("monitoring.coreos.com/v1/ServiceMonitor", sm -> sm.getAsJsonObject("metadata")
                .add("lables", new JsonObject())), "field `lables`");
        assertRefused(with("monitoring.coreos.com/v1/ServiceMonitor", sm -> sm.getAsJsonObject("spec")
                .getAsJsonObject("selector").add("matchLabel", new JsonArray())), "field `matchLabel`");
    }

    @Test
    void aPrometheusRuleWithAMisspelledOrBadFieldIsRefused() {
        assertRefused(with("monitoring.coreos.com/v1/PrometheusRule", rule -> rule.getAsJsonObject("spec")
                .getAsJsonArray("groups").get(0).getAsJsonObject().getAsJsonArray("rules").get(0).getAsJsonObject()
                .add("exprr", new JsonPrimitive("up"))), "rules[0].exprr: unknown field");
        assertRefused(with("monitoring.coreos.com/v1/PrometheusRule", rule -> rule.getAsJsonObject("spec")
                .getAsJsonArray("groups").get(0).getAsJsonObject().getAsJsonArray("rules").get(0).getAsJsonObject()
                .addProperty("for", "five minutes")), "rules[0].for: 'five minutes' does not match");
        assertRefused(with("monitoring.coreos.com/v1/PrometheusRule", rule -> rule.getAsJsonObject("spec")
                .getAsJsonArray("groups").get(0).getAsJsonObject().getAsJsonArray("rules").get(0).getAsJsonObject()
                .remove("expr")), "rules[0].expr: required field missing");
    }

    @Test
    void aKindWithoutAModelFails() {
        List<JsonObject> documents = new ArrayList<>(K3S);
        JsonObject pdb = new JsonObject();
        pdb.addProperty("apiVersion", "policy/v1");
        pdb.addProperty("kind", "PodDisruptionBudget");
        documents.add(pdb);
        AssertionError e = assertThrows(AssertionError.class, () -> Rendered.parse("k3s plus", documents));
        assertTrue(e.getMessage().contains("policy/v1/PodDisruptionBudget"), e.getMessage());
    }

    @Test
    void aMissingKubectlFailsRatherThanSkips() {
        String before = System.getProperty("pifan.kubectl");
        System.setProperty("pifan.kubectl", "/nonexistent/kubectl");
        try {
            AssertionError e = assertThrows(AssertionError.class, () -> Kustomize.render("overlays/k3s"));
            assertTrue(e.getMessage().startsWith("kubectl is needed"), e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty("pifan.kubectl");
            } else {
                System.setProperty("pifan.kubectl", before);
            }
        }
    }
}
