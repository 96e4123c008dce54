package dev.pifan.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Toleration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * deploy/helm/pifan, rendered by {@code helm template}, against the kustomize manifests: with the
 * default values the same objects as overlays/k3s, each opt-in value the same object as its
 * component, and every other value where it belongs. Objects are compared parsed (as JSON trees,
 * so key order and YAML style do not matter), keyed by kind, namespace and name.
 *
 * <p>One difference is allowed, and checked rather than ignored: every object's metadata.labels
 * carries Helm's customary {@code helm.sh/chart: pifan-VERSION} and
 * {@code app.kubernetes.io/managed-by: Helm} besides kustomize's labels. Selectors and the pod
 * template do not (a chart upgrade must not change them), so the equality checks those strictly.
 */
class HelmChartTest {

    private static final String CHART_LABEL = "helm.sh/chart";
    private static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

    private static String chartVersion() throws Exception {
        Path chart = Kustomize.repository().resolve("deploy/helm/pifan/Chart.yaml");
        return Kustomize.documents(Files.readString(chart)).get(0).get("version").getAsString();
    }

    /** The documents by kind, namespace and name; Helm's two labels checked and taken off when {@code helm}. */
    private static Map<String, JsonObject> byIdentity(List<JsonObject> documents, boolean helm) throws Exception {
        Map<String, JsonObject> objects = new LinkedHashMap<>();
        for (JsonObject document : documents) {
            JsonObject copy = document.deepCopy();
            JsonObject metadata = copy.getAsJsonObject("metadata");
            String identity = Rendered.parse(copy) + " " + KubernetesManifestsTest.namespaceOf(copy) + "/"
                    + metadata.get("name").getAsString();
            if (helm) {
                JsonObject labels = metadata.getAsJsonObject("labels");
                assertEquals("pifan-" + chartVersion(), labels.remove(CHART_LABEL).getAsString(), identity);
                assertEquals("Helm", labels.remove(MANAGED_BY_LABEL).getAsString(), identity);
            }
            assertEquals(null, objects.put(identity, copy), "two of " + identity);
        }
        return objects;
    }

    private static void assertSameObjects(List<JsonObject> kustomize, List<JsonObject> helm) throws Exception {
        Map<String, JsonObject> expected = byIdentity(kustomize, false);
        Map<String, JsonObject> actual = byIdentity(helm, true);
        assertEquals(expected.keySet(), actual.keySet(), "the objects rendered");
        for (String identity : expected.keySet()) {
            assertEquals(expected.get(identity), actual.get(identity), identity);
        }
    }

    private static V1Container container(Rendered rendered) {
        return KubernetesManifestsTest.onlyContainer(rendered.daemonSet().getSpec().getTemplate().getSpec());
    }

    @Test
    void theDefaultValuesRenderTheK3sOverlay() throws Exception {
        List<JsonObject> helm = Helm.template();
        Rendered.parse("helm template", helm); // as strictly as the overlays
        assertSameObjects(Kustomize.documents(Kustomize.render("overlays/k3s")), helm);
    }

    /** Each opt-in value renders its component's object, and nothing else changes. */
    @ParameterizedTest
    @CsvSource({"serviceMonitor, servicemonitor", "podMonitor, podmonitor", "prometheusRule, prometheusrule",
            "grafanaDashboard, grafana-dashboard"})
    void eachOptInRendersItsComponent(String value, String component) throws Exception {
        List<JsonObject> helm = Helm.template("--set", value + ".enabled=true");
        Rendered.parse("helm template --set " + value + ".enabled=true", helm);
        assertSameObjects(Kustomize.documents(Kustomize.render("overlays/k3s", component)), helm);
    }

    /**
     * tray.enabled renders what components/tray adds to the overlay, the RBAC, the token and
     * NODE_NAME, the NetworkPolicy's rules and the config's tray: section, and nothing else.
     */
    @Test
    void theTrayValueRendersTheTrayComponent() throws Exception {
        List<JsonObject> helm = Helm.template("--set", "tray.enabled=true", "--set", "tray.name=tray1");
        Rendered.parse("helm template --set tray.enabled=true", helm);
        assertSameObjects(Kustomize.documents(Kustomize.render("overlays/k3s", "tray")), helm);
    }

    /** The tray's name goes into the config, quoted (a label value may look like a number); none, no render. */
    @Test
    void theTrayNameIsALabelValueAndGoesIntoTheConfig() throws Exception {
        Rendered rendered = Rendered.parse("tray.name", Helm.template("--set", "tray.enabled=true", "--set-string", "tray.name=42"));
        Object config = new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder().build())
                .loadFromString(rendered.configMap().getData().get("pifan.yaml"));
        assertEquals(Map.of("kubernetes", Map.of("name", "42")), ((Map<?, ?>) config).get("tray"));
        for (String name : List.of("", "rack 1", "rack/1", "-rack")) {
            String refusal = Helm.refusal("--set", "tray.enabled=true", "--set-string", "tray.name=" + name);
            assertTrue(refusal.contains("tray.name") && refusal.contains("pifan.dev/tray"), refusal);
        }
    }

    /** An opt-in object's extra labels (what a Prometheus' selector matches) are added to its own. */
    @ParameterizedTest
    @CsvSource({"serviceMonitor", "podMonitor", "prometheusRule", "grafanaDashboard"})
    void anOptInsLabelsAreAddedToItsObject(String value) throws Exception {
        Map<String, JsonObject> plain = byIdentity(Helm.template("--set", value + ".enabled=true"), true);
        Map<String, JsonObject> labelled = byIdentity(Helm.template("--set", value + ".enabled=true",
                "--set", value + ".labels.release=kube-prometheus-stack"), true);
        Map<String, JsonObject> defaults = byIdentity(Helm.template(), true);
        int changed = 0;
        for (Map.Entry<String, JsonObject> entry : labelled.entrySet()) {
            JsonObject labels = entry.getValue().getAsJsonObject("metadata").getAsJsonObject("labels");
            if (defaults.containsKey(entry.getKey())) {
                assertFalse(labels.has("release"), entry.getKey() + ": only the opt-in object gets the labels");
                continue;
            }
            assertEquals("kube-prometheus-stack", labels.remove("release").getAsString(), entry.getKey());
            assertEquals(plain.get(entry.getKey()), entry.getValue(), entry.getKey() + ": the rest as it was");
            changed++;
        }
        assertEquals(1, changed, "one opt-in object");
    }

    @Test
    void theImageValuesNameTheImage() {
        Rendered defaults = Rendered.parse("defaults", Helm.template());
        assertEquals("pifan:" + Kustomize.projectVersion(), container(defaults).getImage(),
                "appVersion is the project version");
        V1Container container = container(Rendered.parse("image", Helm.template("--set", "image.repository=registry.example/pifan",
                "--set", "image.tag=1.2.3", "--set", "image.pullPolicy=Always")));
        assertEquals("registry.example/pifan:1.2.3", container.getImage());
        assertEquals("Always", container.getImagePullPolicy());
    }

    @Test
    void theResourcesValueSetsTheContainersResources() {
        V1Container container = container(Rendered.parse("resources", Helm.template(
                "--set", "resources.requests.cpu=300m", "--set", "resources.limits.cpu=300m",
                "--set", "resources.requests.memory=200Mi", "--set", "resources.limits.memory=200Mi")));
        for (Map<String, Quantity> quantities : List.of(container.getResources().getRequests(), container.getResources().getLimits())) {
            assertEquals(Quantity.fromString("300m"), quantities.get("cpu"));
            assertEquals(Quantity.fromString("200Mi"), quantities.get("memory"));
        }
    }

    /**
     * The config value replaces pifan.yaml: with Talos' file the ConfigMap is the Talos overlay's,
     * hashed name and all, so a changed config renames it and the DaemonSet (which mounts it by that
     * name) rolls, as with kustomize.
     */
    @Test
    void theConfigValueIsThePifanYamlAndRenamesTheConfigMap() throws Exception {
        Path talos = Kustomize.repository().resolve("deploy/k8s/overlays/talos/pifan.yaml");
        List<JsonObject> helm = Helm.template("--set-file", "config=" + talos);
        Rendered rendered = Rendered.parse("config", helm);
        Rendered talosOverlay = Rendered.of("overlays/talos");
        assertEquals(Files.readString(talos), rendered.configMap().getData().get("pifan.yaml"));
        assertEquals(talosOverlay.configMap().getMetadata().getName(), rendered.configMap().getMetadata().getName());
        assertNotEquals(Rendered.parse("defaults", Helm.template()).configMap().getMetadata().getName(),
                rendered.configMap().getMetadata().getName(), "another config, another name");
        assertEquals(rendered.configMap().getMetadata().getName(), rendered.daemonSet().getSpec().getTemplate().getSpec()
                .getVolumes().stream().filter(v -> v.getConfigMap() != null).findFirst().orElseThrow().getConfigMap().getName());
    }

    @Test
    void theNodeSelectorValueAddsToArm64AndTheTolerationsValueReplaces() {
        V1PodSpec pod = Rendered.parse("placement", Helm.template("--set-string", "nodeSelector.pifan\\.dev/fan=true",
                "--set-json", "tolerations=[{\"key\":\"pifan.dev/test\",\"operator\":\"Exists\",\"effect\":\"NoSchedule\"}]"))
                .daemonSet().getSpec().getTemplate().getSpec();
        assertEquals(Map.of("kubernetes.io/os", "linux", "kubernetes.io/arch", "arm64", "pifan.dev/fan", "true"),
                pod.getNodeSelector());
        assertEquals(List.of(new V1Toleration().key("pifan.dev/test").operator("Exists").effect("NoSchedule")),
                pod.getTolerations());
    }

    /** Every object goes to namespace.name; namespace.create=false leaves the Namespace out. */
    @Test
    void theNamespaceValuesPlaceEverything() {
        List<JsonObject> fans = Helm.template("--set", "namespace.name=fans", "--set", "podMonitor.enabled=true");
        for (JsonObject document : fans) {
            String kind = Rendered.parse(document);
            JsonObject metadata = document.getAsJsonObject("metadata");
            String where = kind.equals("v1/Namespace") ? metadata.get("name").getAsString()
                    : KubernetesManifestsTest.namespaceOf(document);
            assertEquals("fans", where, kind);
        }
        List<JsonObject> existing = Helm.template("--set", "namespace.create=false", "--namespace", "pifan");
        assertTrue(existing.stream().noneMatch(d -> Rendered.parse(d).equals("v1/Namespace")), "no Namespace");
        assertEquals(Helm.template().size() - 1, existing.size(), "the rest as before");
    }

    /**
     * Helm stores the release in the release namespace before it creates anything, so the chart
     * cannot create the namespace it is installed into: refused, saying what to do.
     */
    @Test
    void installingIntoTheNamespaceTheChartCreatesIsRefused() {
        String refusal = Helm.refusal("--namespace", "pifan");
        assertTrue(refusal.contains("namespace.create: the chart creates the namespace pifan")
                && refusal.contains("--namespace kube-system"), refusal);
    }
}
