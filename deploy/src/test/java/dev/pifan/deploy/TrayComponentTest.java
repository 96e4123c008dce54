package dev.pifan.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.config.ConfigLoader;
import dev.pifan.tray.kubernetes.KubernetesMembers;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.models.RbacV1Subject;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1NetworkPolicyEgressRule;
import io.kubernetes.client.openapi.models.V1NetworkPolicyIngressRule;
import io.kubernetes.client.openapi.models.V1NetworkPolicyPeer;
import io.kubernetes.client.openapi.models.V1NetworkPolicyPort;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PolicyRule;
import io.kubernetes.client.openapi.models.V1RoleRef;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * deploy/k8s/components/tray on the k3s overlay: the least RBAC the tray's discovery
 * ({@link KubernetesMembers}) needs, the token and NODE_NAME it reads, the NetworkPolicy that lets
 * the tray node reach its members' peer endpoint and the API server, and the config's tray:.
 */
class TrayComponentTest {

    private final Rendered tray = Rendered.of("overlays/k3s", "tray");

    private static V1PolicyRule rule(String group, String resource) {
        return new V1PolicyRule().apiGroups(List.of(group)).resources(List.of(resource)).verbs(List.of("list", "watch"));
    }

    @Test
    void itAddsTheFourRbacObjectsToTheCoreKinds() {
        List<String> expected = new ArrayList<>(KubernetesManifestsTest.CORE_KINDS);
        expected.addAll(List.of("rbac.authorization.k8s.io/v1/Role", "rbac.authorization.k8s.io/v1/ClusterRole",
                "rbac.authorization.k8s.io/v1/RoleBinding", "rbac.authorization.k8s.io/v1/ClusterRoleBinding"));
        assertEquals(expected.stream().sorted().toList(), tray.kinds().stream().sorted().toList());
    }

    /** list and watch, nothing else: nodes cluster-wide (no other way to see labels), EndpointSlices in pifan's namespace. */
    @Test
    void itGrantsListAndWatchOfNodesAndOfEndpointSlicesInPifansNamespaceOnly() {
        assertEquals(List.of(rule("", "nodes")), tray.clusterRole().orElseThrow().getRules());
        assertEquals(List.of(rule("discovery.k8s.io", "endpointslices")), tray.role().orElseThrow().getRules());
        assertEquals(KubernetesManifestsTest.NAMESPACE, tray.role().orElseThrow().getMetadata().getNamespace());

        RbacV1Subject pifan = new RbacV1Subject().kind("ServiceAccount").name(tray.serviceAccount().getMetadata().getName())
                .namespace(tray.serviceAccount().getMetadata().getNamespace());
        assertEquals(tray.serviceAccount().getMetadata().getName(),
                tray.daemonSet().getSpec().getTemplate().getSpec().getServiceAccountName());
        assertEquals(List.of(pifan), tray.clusterRoleBinding().orElseThrow().getSubjects());
        assertEquals(List.of(pifan), tray.roleBinding().orElseThrow().getSubjects());
        assertEquals(new V1RoleRef().apiGroup("rbac.authorization.k8s.io").kind("ClusterRole")
                .name(tray.clusterRole().orElseThrow().getMetadata().getName()), tray.clusterRoleBinding().orElseThrow().getRoleRef());
        assertEquals(new V1RoleRef().apiGroup("rbac.authorization.k8s.io").kind("Role")
                .name(tray.role().orElseThrow().getMetadata().getName()), tray.roleBinding().orElseThrow().getRoleRef());
        assertEquals(KubernetesManifestsTest.NAMESPACE, tray.roleBinding().orElseThrow().getMetadata().getNamespace());
    }

    /** KubernetesMembers watches the EndpointSlices of the Service it names: this one, selecting the DaemonSet's pods. */
    @Test
    void theServiceIsTheOneDiscoveryWatches() {
        assertEquals(KubernetesMembers.SERVICE, tray.service().getMetadata().getName());
        assertEquals(KubernetesManifestsTest.POD_LABELS, tray.service().getSpec().getSelector());
    }

    @Test
    void thePodsGetTheirTokenAndTheirNodesName() {
        V1PodSpec pod = tray.daemonSet().getSpec().getTemplate().getSpec();
        assertEquals(Boolean.TRUE, pod.getAutomountServiceAccountToken(), "the token, for the API");
        V1Container container = KubernetesManifestsTest.onlyContainer(pod);
        V1EnvVar node = container.getEnv().stream().filter(e -> e.getName().equals("NODE_NAME")).findFirst()
                .orElseThrow(() -> new AssertionError("no NODE_NAME: KubernetesMembers.fromEnvironment needs it"));
        assertEquals("spec.nodeName", node.getValueFrom().getFieldRef().getFieldPath());
        assertNotNull(container.getEnv().stream().filter(e -> e.getName().equals("RUNTIME_DIRECTORY")).findFirst()
                .orElse(null), "the base's env is kept");
    }

    /**
     * Ingress: the scraper as in base, and pifan's own pods (the tray node) on the same read-only
     * port. Egress: the members' port, and the API server's two usual ports; nothing else.
     */
    @Test
    void thePeerEndpointIsOpenToPifansPodsAndEgressGoesToPeersAndTheApiServer() {
        List<V1NetworkPolicyIngressRule> ingress = tray.networkPolicy().getSpec().getIngress();
        assertEquals(Rendered.of("overlays/k3s").networkPolicy().getSpec().getIngress().get(0), ingress.get(0),
                "the scraper's rule as it was");
        assertEquals(2, ingress.size());
        V1NetworkPolicyPeer pifanPods = new V1NetworkPolicyPeer().podSelector(
                new V1LabelSelector().matchLabels(KubernetesManifestsTest.POD_LABELS));
        V1NetworkPolicyPort metrics = new V1NetworkPolicyPort().port(new IntOrString("metrics")).protocol("TCP");
        assertEquals(new V1NetworkPolicyIngressRule().from(List.of(pifanPods)).ports(List.of(metrics)), ingress.get(1),
                "pifan's pods of its own namespace (no namespaceSelector), the metrics port only");

        List<V1NetworkPolicyEgressRule> egress = tray.networkPolicy().getSpec().getEgress();
        assertEquals(List.of(new V1NetworkPolicyEgressRule().to(List.of(pifanPods)).ports(List.of(metrics)),
                new V1NetworkPolicyEgressRule().ports(List.of(
                        new V1NetworkPolicyPort().port(new IntOrString(6443)).protocol("TCP"),
                        new V1NetworkPolicyPort().port(new IntOrString(443)).protocol("TCP")))), egress);
    }

    /** base/pifan.yaml as it is, then the tray: section: the rest of the config is the base's, and loads. */
    @Test
    void theConfigIsTheBasesWithTheTraySection() throws Exception {
        String base = Files.readString(Kustomize.repository().resolve("deploy/k8s/base/pifan.yaml"));
        String config = tray.configMap().getData().get("pifan.yaml");
        assertTrue(config.startsWith(base), "components/tray/pifan.yaml begins with base/pifan.yaml, as it is now");
        assertEquals(Optional.of("tray1"), ConfigLoader.parse(config, "components/tray/pifan.yaml").tray()
                .flatMap(t -> t.kubernetesTray()), "the whole config loads, naming the tray");
        assertTrue(config.substring(base.length()).contains(KubernetesMembers.TRAY_LABEL), "the comment names the label");
    }
}
