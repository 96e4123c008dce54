package dev.pifan.deploy;

import com.google.gson.JsonObject;
import io.kubernetes.client.openapi.models.V1ClusterRole;
import io.kubernetes.client.openapi.models.V1ClusterRoleBinding;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1DaemonSet;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1ResourceQuota;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One kustomization's (or the Helm chart's) output, every document parsed strictly: the official
 * client-java model for each Kubernetes kind (its fromJson refuses a field the API does not define,
 * anywhere in the tree, and a required field left out), {@link PrometheusOperatorSchema} for the
 * Operator's objects. A kind with neither fails: nothing rendered goes unchecked. The opt-in
 * objects (components, chart values) are optional; the rest must be there, once each.
 */
record Rendered(String name, V1Namespace namespace, V1ServiceAccount serviceAccount, V1ConfigMap configMap,
                V1Service service, V1DaemonSet daemonSet, V1NetworkPolicy networkPolicy, V1ResourceQuota resourceQuota,
                Optional<JsonObject> serviceMonitor, Optional<JsonObject> podMonitor,
                Optional<JsonObject> prometheusRule, Optional<V1ConfigMap> dashboard, Optional<V1ClusterRole> clusterRole,
                Optional<V1ClusterRoleBinding> clusterRoleBinding, Optional<V1Role> role, Optional<V1RoleBinding> roleBinding,
                List<String> kinds) {

    /** The label Grafana's sidecar finds dashboards by, and its value. */
    static final String DASHBOARD_LABEL = "grafana_dashboard";

    /** {@code kubectl kustomize deploy/k8s/<kustomization>}, with these of deploy/k8s/components added. */
    static Rendered of(String kustomization, String... components) {
        return parse(kustomization + (components.length > 0 ? " + " + String.join(", ", components) : ""),
                Kustomize.documents(Kustomize.render(kustomization, components)));
    }

    static Rendered parse(String name, List<JsonObject> documents) {
        V1Namespace namespace = null;
        V1ServiceAccount serviceAccount = null;
        V1ConfigMap configMap = null;
        V1ConfigMap dashboard = null;
        V1Service service = null;
        V1DaemonSet daemonSet = null;
        V1NetworkPolicy networkPolicy = null;
        V1ResourceQuota resourceQuota = null;
        JsonObject serviceMonitor = null;
        JsonObject podMonitor = null;
        JsonObject prometheusRule = null;
        V1ClusterRole clusterRole = null;
        V1ClusterRoleBinding clusterRoleBinding = null;
        V1Role role = null;
        V1RoleBinding roleBinding = null;
        List<String> kinds = new ArrayList<>();
        for (JsonObject document : documents) {
            String kind = parse(document);
            kinds.add(kind);
            String json = document.toString();
            try {
                switch (kind) {
                    case "v1/Namespace" -> namespace = once(namespace, V1Namespace.fromJson(json), kind);
                    case "v1/ServiceAccount" -> serviceAccount = once(serviceAccount, V1ServiceAccount.fromJson(json), kind);
                    case "v1/ConfigMap" -> {
                        V1ConfigMap map = V1ConfigMap.fromJson(json);
                        if (map.getMetadata().getLabels() != null && map.getMetadata().getLabels().containsKey(DASHBOARD_LABEL)) {
                            dashboard = once(dashboard, map, "dashboard ConfigMap");
                        } else {
                            configMap = once(configMap, map, kind);
                        }
                    }
                    case "v1/Service" -> service = once(service, V1Service.fromJson(json), kind);
                    case "v1/ResourceQuota" -> resourceQuota = once(resourceQuota, V1ResourceQuota.fromJson(json), kind);
                    case "apps/v1/DaemonSet" -> daemonSet = once(daemonSet, V1DaemonSet.fromJson(json), kind);
                    case "networking.k8s.io/v1/NetworkPolicy" ->
                            networkPolicy = once(networkPolicy, V1NetworkPolicy.fromJson(json), kind);
                    case "monitoring.coreos.com/v1/ServiceMonitor" ->
                            serviceMonitor = once(serviceMonitor, PrometheusOperatorSchema.serviceMonitor(document), kind);
                    case "monitoring.coreos.com/v1/PodMonitor" ->
                            podMonitor = once(podMonitor, PrometheusOperatorSchema.podMonitor(document), kind);
                    case "monitoring.coreos.com/v1/PrometheusRule" ->
                            prometheusRule = once(prometheusRule, PrometheusOperatorSchema.prometheusRule(document), kind);
                    case "rbac.authorization.k8s.io/v1/ClusterRole" ->
                            clusterRole = once(clusterRole, V1ClusterRole.fromJson(json), kind);
                    case "rbac.authorization.k8s.io/v1/ClusterRoleBinding" ->
                            clusterRoleBinding = once(clusterRoleBinding, V1ClusterRoleBinding.fromJson(json), kind);
                    case "rbac.authorization.k8s.io/v1/Role" -> role = once(role, V1Role.fromJson(json), kind);
                    case "rbac.authorization.k8s.io/v1/RoleBinding" ->
                            roleBinding = once(roleBinding, V1RoleBinding.fromJson(json), kind);
                    default -> throw new AssertionError(name + ": no model to check a " + kind + " against");
                }
            } catch (IOException | RuntimeException e) {
                // client-java: IOException for an unknown or missing field, Gson's exceptions for a wrong type
                throw new IllegalArgumentException(name + ": " + kind + ": " + e.getMessage(), e);
            }
        }
        return new Rendered(name, require(namespace, name, "Namespace"), require(serviceAccount, name, "ServiceAccount"),
                require(configMap, name, "ConfigMap"), require(service, name, "Service"),
                require(daemonSet, name, "DaemonSet"), require(networkPolicy, name, "NetworkPolicy"),
                require(resourceQuota, name, "ResourceQuota"), Optional.ofNullable(serviceMonitor),
                Optional.ofNullable(podMonitor), Optional.ofNullable(prometheusRule), Optional.ofNullable(dashboard),
                Optional.ofNullable(clusterRole), Optional.ofNullable(clusterRoleBinding), Optional.ofNullable(role),
                Optional.ofNullable(roleBinding), List.copyOf(kinds));
    }

    /** apiVersion/kind of a document. */
    static String parse(JsonObject document) {
        if (!document.has("apiVersion") || !document.has("kind")) {
            throw new AssertionError("a document without apiVersion or kind: " + document);
        }
        return document.get("apiVersion").getAsString() + "/" + document.get("kind").getAsString();
    }

    private static <T> T once(T previous, T parsed, String kind) {
        if (previous != null) {
            throw new AssertionError("two " + kind + " objects: the checks expect one");
        }
        return parsed;
    }

    private static <T> T require(T value, String name, String kind) {
        if (value == null) {
            throw new AssertionError(name + " renders no " + kind);
        }
        return value;
    }
}
