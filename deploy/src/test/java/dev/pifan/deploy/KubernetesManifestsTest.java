package dev.pifan.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.pifan.config.ConfigLoader;
import dev.pifan.config.ListenAddress;
import dev.pifan.config.PifanConfig;
import dev.pifan.hal.linux.ThrottleSpec;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1DaemonSet;
import io.kubernetes.client.openapi.models.V1HTTPGetAction;
import io.kubernetes.client.openapi.models.V1NetworkPolicyIngressRule;
import io.kubernetes.client.openapi.models.V1NetworkPolicyPeer;
import io.kubernetes.client.openapi.models.V1NetworkPolicyPort;
import io.kubernetes.client.openapi.models.V1NetworkPolicySpec;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1ResourceQuotaSpec;
import io.kubernetes.client.openapi.models.V1ScopedResourceSelectorRequirement;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V1Toleration;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every manifest {@code kubectl kustomize} renders for each overlay (and the base) parses strictly
 * into the official Kubernetes models ({@link Rendered}), and the objects fit together and fit
 * pifan: selectors select, named ports exist, mounts have volumes, the config loads with pifan's own
 * loader and listens where the probes knock, the arguments point at the mounts.
 */
class KubernetesManifestsTest {

    static final String NAMESPACE = "pifan";
    static final Map<String, String> POD_LABELS = Map.of("app.kubernetes.io/name", "pifan");
    /** deploy/k8s/components: each opt-in, none in the overlays (components/tray: TrayComponentTest). */
    static final String[] COMPONENTS = {"servicemonitor", "podmonitor", "prometheusrule", "grafana-dashboard"};
    static final List<String> CORE_KINDS = List.of("v1/Namespace", "v1/ResourceQuota", "v1/ServiceAccount",
            "v1/ConfigMap", "v1/Service", "apps/v1/DaemonSet", "networking.k8s.io/v1/NetworkPolicy");

    /**
     * Only core kinds, so that {@code kubectl apply -k} works on a cluster without the Prometheus
     * Operator's CRDs; with every component, their objects too, and they parse as strictly.
     */
    @ParameterizedTest
    @ValueSource(strings = {"overlays/k3s", "overlays/talos", "base"})
    void everyRenderedManifestParsesStrictly(String kustomization) {
        assertEquals(CORE_KINDS, Rendered.of(kustomization).kinds(), kustomization + ": the kinds rendered");
        List<String> kinds = Rendered.of(kustomization, COMPONENTS).kinds();
        assertEquals(CORE_KINDS.size() + COMPONENTS.length, kinds.size(), kinds.toString());
        assertTrue(kinds.containsAll(List.of("monitoring.coreos.com/v1/ServiceMonitor", "monitoring.coreos.com/v1/PodMonitor",
                "monitoring.coreos.com/v1/PrometheusRule")), kinds.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/k3s", "overlays/talos"})
    void theNamespaceAdmitsPrivilegedPodsAndHoldsEverything(String overlay) {
        Rendered r = Rendered.of(overlay, COMPONENTS);
        assertEquals(NAMESPACE, r.namespace().getMetadata().getName());
        Map<String, String> labels = r.namespace().getMetadata().getLabels();
        for (String mode : List.of("enforce", "audit", "warn")) {
            assertEquals("privileged", labels.get("pod-security.kubernetes.io/" + mode),
                    "Talos enforces baseline: the namespace must say privileged (" + mode + ")");
        }
        for (String namespace : List.of(r.serviceAccount().getMetadata().getNamespace(),
                r.configMap().getMetadata().getNamespace(), r.service().getMetadata().getNamespace(),
                r.daemonSet().getMetadata().getNamespace(), r.resourceQuota().getMetadata().getNamespace(),
                r.dashboard().orElseThrow().getMetadata().getNamespace(),
                namespaceOf(r.serviceMonitor().orElseThrow()), namespaceOf(r.podMonitor().orElseThrow()),
                namespaceOf(r.prometheusRule().orElseThrow()))) {
            assertEquals(NAMESPACE, namespace);
        }
        assertEquals(Boolean.FALSE, r.serviceAccount().getAutomountServiceAccountToken());
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/k3s", "overlays/talos"})
    void theDaemonSetRunsPifanOnTheHostsSysAndDev(String overlay) {
        Rendered r = Rendered.of(overlay);
        V1DaemonSet ds = r.daemonSet();
        V1PodSpec pod = ds.getSpec().getTemplate().getSpec();
        V1Container container = onlyContainer(pod);

        assertTrue(labelsSelect(ds.getSpec().getSelector().getMatchLabels(),
                ds.getSpec().getTemplate().getMetadata().getLabels()), "the selector selects the DaemonSet's own pods");
        assertEquals(POD_LABELS, ds.getSpec().getTemplate().getMetadata().getLabels(),
                "deploy/prometheus/pifan-podmonitor.yaml selects on these labels");
        assertEquals("pifan:" + Kustomize.projectVersion(), container.getImage(),
                "the image Jib builds (pifan:${project.version}): bump the overlays' images: with the version");

        List<String> args = container.getArgs();
        assertEquals("run", args.get(0));
        String root = valueOf(args, "--root");
        String config = valueOf(args, "--config");
        assertEquals(Optional.of("/sys"), hostPathMountedAt(pod, container, root + "/sys", false),
                "--root " + root + " needs the host's /sys (read-write) at " + root + "/sys");
        assertEquals(Optional.of("/dev"), hostPathMountedAt(pod, container, root + "/dev", true),
                "--root " + root + " looks for device nodes under " + root + "/dev");
        V1Volume configVolume = volumeMountedAt(pod, container, Path.of(config).getParent().toString());
        assertNotNull(configVolume.getConfigMap(), "the config directory is the ConfigMap");
        assertEquals(r.configMap().getMetadata().getName(), configVolume.getConfigMap().getName());
        assertTrue(r.configMap().getData().containsKey(Path.of(config).getFileName().toString()),
                "the ConfigMap holds " + config);

        String runtime = container.getEnv().stream().filter(e -> e.getName().equals("RUNTIME_DIRECTORY"))
                .findFirst().orElseThrow().getValue();
        assertNotNull(volumeMountedAt(pod, container, runtime).getEmptyDir(), "RUNTIME_DIRECTORY is an emptyDir");
        assertNotNull(volumeMountedAt(pod, container, "/tmp").getEmptyDir(), "/tmp is writable");
        for (V1VolumeMount mount : container.getVolumeMounts()) {
            assertTrue(pod.getVolumes().stream().anyMatch(v -> v.getName().equals(mount.getName())),
                    "mount " + mount.getMountPath() + " has a volume");
        }

        V1SecurityContext security = container.getSecurityContext();
        assertEquals(Boolean.TRUE, security.getPrivileged());
        assertEquals(0L, security.getRunAsUser());
        assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem());

        assertEquals(r.serviceAccount().getMetadata().getName(), pod.getServiceAccountName());
        assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken());
        assertEquals("system-node-critical", pod.getPriorityClassName());
        assertEquals("arm64", pod.getNodeSelector().get("kubernetes.io/arch"));
        assertTrue(pod.getTolerations().stream().anyMatch(t -> t.getKey() == null && t.getEffect() == null
                        && "Exists".equals(t.getOperator())), "tolerates every taint, as a CNI daemon does: " + pod.getTolerations());
        assertTrue(pod.getTerminationGracePeriodSeconds() >= 10, "time to hand the fan back");
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/k3s", "overlays/talos"})
    void probesAndScrapesReachTheMetricsPortTheConfigListensOn(String overlay) throws Exception {
        Rendered r = Rendered.of(overlay, "servicemonitor");
        V1Container container = onlyContainer(r.daemonSet().getSpec().getTemplate().getSpec());
        V1ContainerPort metrics = container.getPorts().stream().filter(p -> "metrics".equals(p.getName()))
                .findFirst().orElseThrow(() -> new AssertionError("no container port named metrics"));
        assertEquals(ListenAddress.DEFAULT_PORT, metrics.getContainerPort());

        PifanConfig config = ConfigLoader.parse(r.configMap().getData().get("pifan.yaml"), overlay + "/pifan.yaml");
        ListenAddress listen = config.metrics().listen().orElseThrow(() -> new AssertionError("metrics are off"));
        assertTrue(listen.allInterfaces(), "the kubelet and Prometheus connect to the pod's IP");
        assertEquals(metrics.getContainerPort(), listen.port());

        for (V1Probe probe : List.of(container.getStartupProbe(), container.getLivenessProbe(),
                container.getReadinessProbe())) {
            V1HTTPGetAction get = probe.getHttpGet();
            assertEquals("/healthz", get.getPath());
            assertEquals(new IntOrString("metrics"), get.getPort());
        }

        assertEquals("None", r.service().getSpec().getClusterIP(), "headless");
        assertTrue(labelsSelect(r.service().getSpec().getSelector(), POD_LABELS));
        V1ServicePort servicePort = r.service().getSpec().getPorts().stream()
                .filter(p -> "metrics".equals(p.getName())).findFirst().orElseThrow();
        assertEquals(new IntOrString("metrics"), servicePort.getTargetPort());

        JsonObject monitor = r.serviceMonitor().orElseThrow();
        JsonObject spec = monitor.getAsJsonObject("spec");
        assertTrue(labelsSelect(strings(spec.getAsJsonObject("selector").getAsJsonObject("matchLabels")),
                r.service().getMetadata().getLabels()), "the ServiceMonitor selects the Service");
        for (JsonElement endpoint : spec.getAsJsonArray("endpoints")) {
            assertEquals(servicePort.getName(), endpoint.getAsJsonObject().get("port").getAsString());
            assertEquals("/metrics", endpoint.getAsJsonObject().get("path").getAsString());
        }
    }

    /**
     * The NetworkPolicy isolates pifan's pods both ways and admits one peer: Prometheus' pods in its
     * namespace (both selectors in one peer, so both must match), on the metrics port only.
     */
    @ParameterizedTest
    @ValueSource(strings = {"overlays/k3s", "overlays/talos"})
    void onlyTheScraperMayConnect(String overlay) {
        Rendered r = Rendered.of(overlay);
        V1NetworkPolicySpec policy = r.networkPolicy().getSpec();
        assertTrue(labelsSelect(policy.getPodSelector().getMatchLabels(), POD_LABELS), "the policy selects pifan's pods");
        assertEquals(List.of("Ingress", "Egress"), policy.getPolicyTypes());
        assertEquals(List.of(), policy.getEgress(), "pifan connects to nothing");
        assertEquals(1, policy.getIngress().size());
        V1NetworkPolicyIngressRule rule = policy.getIngress().get(0);
        assertEquals(1, rule.getFrom().size(), "one peer: the scraper");
        V1NetworkPolicyPeer peer = rule.getFrom().get(0);
        assertEquals(Map.of("kubernetes.io/metadata.name", "monitoring"), peer.getNamespaceSelector().getMatchLabels());
        assertEquals(Map.of("app.kubernetes.io/name", "prometheus"), peer.getPodSelector().getMatchLabels());
        assertEquals(null, peer.getIpBlock(), "no address range besides");
        assertEquals(1, rule.getPorts().size());
        V1NetworkPolicyPort port = rule.getPorts().get(0);
        assertEquals(new IntOrString("metrics"), port.getPort());
        assertEquals("TCP", port.getProtocol());
        V1Container container = onlyContainer(r.daemonSet().getSpec().getTemplate().getSpec());
        assertTrue(container.getPorts().stream().anyMatch(p -> "metrics".equals(p.getName())), "the port it names exists");
    }

    /**
     * Guaranteed QoS: every container's requests equal its limits, for cpu and for memory (the
     * kubelet's rule for the class), and the memory covers what was measured (daemonset.yaml).
     */
    @ParameterizedTest
    @ValueSource(strings = {"overlays/k3s", "overlays/talos"})
    void theQosClassIsGuaranteed(String overlay) {
        V1PodSpec pod = Rendered.of(overlay).daemonSet().getSpec().getTemplate().getSpec();
        List<V1Container> containers = new java.util.ArrayList<>(pod.getContainers());
        if (pod.getInitContainers() != null) {
            containers.addAll(pod.getInitContainers());
        }
        for (V1Container container : containers) {
            Map<String, Quantity> requests = container.getResources().getRequests();
            Map<String, Quantity> limits = container.getResources().getLimits();
            for (String resource : List.of("cpu", "memory")) {
                assertNotNull(limits.get(resource), container.getName() + ": limit " + resource);
                assertEquals(limits.get(resource).getNumber(), requests.get(resource).getNumber(),
                        container.getName() + ": " + resource + " request == limit");
            }
            // the daemon (44 MiB RSS) and a `pifan probe` beside it (52 MiB), measured: daemonset.yaml
            assertTrue(limits.get("memory").getNumber().longValue() >= 96L * 1024 * 1024, "memory covers 96 MiB");
        }
    }

    /**
     * system-node-critical is admitted outside kube-system where the API server limits it to
     * namespaces with a matching quota: the ResourceQuota beside the DaemonSet is that quota.
     */
    @ParameterizedTest
    @ValueSource(strings = {"overlays/k3s", "overlays/talos"})
    void theCriticalPriorityClassHasItsQuota(String overlay) {
        Rendered r = Rendered.of(overlay);
        String priorityClass = r.daemonSet().getSpec().getTemplate().getSpec().getPriorityClassName();
        assertEquals("system-node-critical", priorityClass);
        V1ResourceQuotaSpec quota = r.resourceQuota().getSpec();
        assertEquals(r.daemonSet().getMetadata().getNamespace(), r.resourceQuota().getMetadata().getNamespace());
        assertEquals(1, quota.getScopeSelector().getMatchExpressions().size());
        V1ScopedResourceSelectorRequirement scope = quota.getScopeSelector().getMatchExpressions().get(0);
        assertEquals("PriorityClass", scope.getScopeName());
        assertEquals("In", scope.getOperator());
        assertEquals(List.of(priorityClass), scope.getValues());
        assertTrue(quota.getHard().get("pods").getNumber().intValue() >= 100, "room for a pod per node of a fleet");
    }

    /** The PodMonitor component, in pifan's namespace, selects the DaemonSet's pods by a port they have. */
    @ParameterizedTest
    @ValueSource(strings = {"overlays/k3s", "overlays/talos"})
    void thePodMonitorFindsTheDaemonSetsPods(String overlay) throws Exception {
        Rendered r = Rendered.of(overlay, "podmonitor");
        JsonObject monitor = r.podMonitor().orElseThrow();
        assertEquals(r.daemonSet().getMetadata().getNamespace(), namespaceOf(monitor),
                "a PodMonitor without a namespaceSelector looks in its own namespace");
        assertTrue(monitor.getAsJsonObject("spec").get("namespaceSelector") == null);
        JsonObject spec = monitor.getAsJsonObject("spec");
        V1PodSpec pod = r.daemonSet().getSpec().getTemplate().getSpec();
        assertTrue(labelsSelect(strings(spec.getAsJsonObject("selector").getAsJsonObject("matchLabels")),
                r.daemonSet().getSpec().getTemplate().getMetadata().getLabels()));
        List<String> portNames = onlyContainer(pod).getPorts().stream().map(V1ContainerPort::getName)
                .collect(Collectors.toList());
        for (JsonElement endpoint : spec.getAsJsonArray("podMetricsEndpoints")) {
            assertTrue(portNames.contains(endpoint.getAsJsonObject().get("port").getAsString()));
        }
        // applied on its own (kubectl apply -f), the file lands in pifan's namespace too
        Path file = Kustomize.repository().resolve("deploy/k8s/components/podmonitor/podmonitor.yaml");
        assertEquals(NAMESPACE, namespaceOf(Kustomize.documents(Files.readString(file)).get(0)));
    }

    /**
     * The PrometheusRule component holds deploy/prometheus/pifan-rules.yml's groups, whatever that
     * file holds now: make-prometheusrule.sh's output is up to date (compared parsed, not as text).
     */
    @ParameterizedTest
    @ValueSource(strings = {"overlays/k3s"})
    void thePrometheusRuleHoldsTheRulesFile(String overlay) throws Exception {
        JsonObject rule = Rendered.of(overlay, "prometheusrule").prometheusRule().orElseThrow();
        Path rules = Kustomize.repository().resolve("deploy/prometheus/pifan-rules.yml");
        JsonObject file = Kustomize.documents(Files.readString(rules)).get(0);
        assertEquals(file.get("groups"), rule.getAsJsonObject("spec").get("groups"),
                "deploy/prometheus/pifan-prometheusrule.yaml is out of date: run deploy/prometheus/make-prometheusrule.sh");
        assertEquals(Set.of("groups"), rule.getAsJsonObject("spec").keySet());
    }

    /** The dashboard component: deploy/grafana/pifan-dashboard.json as it is, for Grafana's sidecar. */
    @ParameterizedTest
    @ValueSource(strings = {"overlays/k3s"})
    void theDashboardConfigMapHoldsTheDashboard(String overlay) throws Exception {
        V1ConfigMap dashboard = Rendered.of(overlay, "grafana-dashboard").dashboard().orElseThrow();
        assertEquals("1", dashboard.getMetadata().getLabels().get(Rendered.DASHBOARD_LABEL), "the sidecar's default label");
        String json = Files.readString(Kustomize.repository().resolve("deploy/grafana/pifan-dashboard.json"));
        assertEquals(Map.of("pifan-dashboard.json", json), dashboard.getData());
        assertTrue(com.google.gson.JsonParser.parseString(json).getAsJsonObject().has("panels"), "a dashboard");
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/talos"})
    void talosReadsThrottleFlagsFromRpiVoltAndShipsTheI2cPatch(String overlay) throws Exception {
        PifanConfig config = ConfigLoader.parse(Rendered.of(overlay).configMap().getData().get("pifan.yaml"), "talos");
        assertInstanceOf(ThrottleSpec.RpiVolt.class, config.hardware().throttle(),
                "Talos has neither get_throttled nor vcgencmd");

        Path dir = Kustomize.repository().resolve("deploy/k8s").resolve(overlay);
        JsonObject schematic = Kustomize.documents(Files.readString(dir.resolve("image-factory-schematic.yaml"))).get(0);
        JsonObject overlayOptions = schematic.getAsJsonObject("overlay").getAsJsonObject("options");
        assertTrue(overlayOptions.get("configTxtAppend").getAsString().lines().anyMatch("dtparam=i2c_arm=on"::equals));
        JsonObject patch = Kustomize.documents(Files.readString(dir.resolve("talos-machine-config-patch.yaml"))).get(0);
        assertTrue(patch.getAsJsonObject("machine").getAsJsonObject("install").get("image").getAsString()
                .startsWith("factory.talos.dev/installer/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/k3s"})
    void k3sToleratesItsDedicatedServerTaint(String overlay) {
        V1PodSpec pod = Rendered.of(overlay).daemonSet().getSpec().getTemplate().getSpec();
        assertTrue(tolerates(pod.getTolerations(), "CriticalAddonsOnly", "NoExecute"));
    }

    // --- helpers

    static V1Container onlyContainer(V1PodSpec pod) {
        assertEquals(1, pod.getContainers().size(), "one container");
        assertTrue(pod.getInitContainers() == null || pod.getInitContainers().isEmpty());
        return pod.getContainers().get(0);
    }

    static boolean labelsSelect(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels != null
                && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    static boolean tolerates(List<V1Toleration> tolerations, String key, String effect) {
        return tolerations.stream().anyMatch(t -> (key.equals(t.getKey()) || t.getKey() == null)
                && (t.getEffect() == null || effect.equals(t.getEffect()))
                && ("Exists".equals(t.getOperator()) || t.getOperator() == null));
    }

    static String valueOf(List<String> args, String option) {
        int at = args.indexOf(option);
        assertTrue(at >= 0 && at + 1 < args.size(), "argument " + option + " with a value in " + args);
        return args.get(at + 1);
    }

    static V1Volume volumeMountedAt(V1PodSpec pod, V1Container container, String path) {
        V1VolumeMount mount = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path))
                .findFirst().orElseThrow(() -> new AssertionError("nothing mounted at " + path));
        return pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + mount.getName()));
    }

    /** The host path mounted at {@code path}, when it is mounted read-only exactly when {@code readOnly}. */
    static Optional<String> hostPathMountedAt(V1PodSpec pod, V1Container container, String path, boolean readOnly) {
        V1VolumeMount mount = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path))
                .findFirst().orElseThrow(() -> new AssertionError("nothing mounted at " + path));
        if (readOnly != Boolean.TRUE.equals(mount.getReadOnly())) {
            throw new AssertionError(path + " is mounted " + (readOnly ? "read-write" : "read-only"));
        }
        V1Volume volume = volumeMountedAt(pod, container, path);
        return Optional.ofNullable(volume.getHostPath()).map(h -> h.getPath());
    }

    static String namespaceOf(JsonObject document) {
        JsonElement namespace = document.getAsJsonObject("metadata").get("namespace");
        return namespace == null ? null : namespace.getAsString();
    }

    static Map<String, String> strings(JsonObject object) {
        return object.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> Objects.requireNonNull(e.getValue().getAsString())));
    }
}
