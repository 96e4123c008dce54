package dev.pifan.tray.kubernetes;

import dev.pifan.tray.MemberDirectory;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A tray's members found through the Kubernetes API: the nodes labelled
 * {@code pifan.dev/tray=<tray>} but this one, each with the address of the pifan pod on it.
 *
 * <p>Two watches, one thread each: the nodes of the tray (a ClusterRole's list and watch of nodes,
 * asked with a label selector and for metadata only), and the EndpointSlices of pifan's headless
 * Service in pifan's own namespace (a Role's list and watch there), which carry each pod's IP,
 * node and readiness. Pods are not read: a slice says all that is needed, and a Role on pods would
 * show every pod's whole spec. docs/tray.md, "On Kubernetes", says why each grant is there.
 *
 * <p>What the API says changes the members; what it fails to say changes nothing (see
 * {@link ListWatch}). A labelled node whose pod is missing, not ready or terminating maps to empty
 * (lost, so hot); a node unlabelled or deleted leaves. A node that is not labelled for the tray
 * itself has no members: it is in no tray (every pod of the DaemonSet has the same config). Until the nodes have been listed once the
 * members are not known, and the directory names one member that cannot be heard from,
 * {@code (TRAY: not listed yet)}, so that the tray runs its fan at full speed until it knows.
 */
public final class KubernetesMembers implements MemberDirectory {

    /** The node label that puts a node in a tray; its value is the tray's name. */
    public static final String TRAY_LABEL = "pifan.dev/tray";
    /** The headless Service of the DaemonSet's pods (deploy/k8s/base/service.yaml). */
    public static final String SERVICE = "pifan";
    /** A label value: at most 63 characters, alphanumeric at both ends, - _ . between. */
    private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

    /** Metadata only: the server sends a node's labels without its status (its image list alone is kilobytes). */
    static final String NODES_LIST_ACCEPT = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,"
            + "application/json";
    /** The same for a watch's objects (client-go's metadata client asks so: k8s.io/client-go/metadata). */
    static final String NODES_WATCH_ACCEPT = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,"
            + "application/json";

    private final String tray;
    private final String self;
    private final KubeApi api;
    private final TrayNodes nodes;
    private final PeerEndpoints endpoints;
    private final ListWatch nodeWatch;
    private final ListWatch endpointWatch;

    /**
     * Starts watching at once.
     *
     * @param api the API server (tests: a fake one on loopback)
     * @param namespace pifan's namespace, where its Service's EndpointSlices are
     * @param tray the tray's name, the value of {@link #TRAY_LABEL}
     * @param self this node's name: it is in the tray too, and is not its own member
     * @param port the members' peer port (the telemetry port, 9780)
     */
    public KubernetesMembers(ApiEndpoint api, String namespace, String tray, String self, int port) {
        this(api, namespace, tray, self, port, Timing.DEFAULT);
    }

    KubernetesMembers(ApiEndpoint api, String namespace, String tray, String self, int port, Timing timing) {
        Objects.requireNonNull(api, "api");
        if (!LABEL_VALUE.matcher(tray).matches()) {
            throw new IllegalArgumentException("tray.kubernetes.name: '" + tray + "' is not a label value (at most 63"
                    + " letters, digits, '-', '_' or '.', a letter or digit at each end)");
        }
        if (namespace.isBlank() || self.isBlank()) {
            throw new IllegalArgumentException("a namespace and this node's name are needed");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
        this.tray = tray;
        this.self = self;
        this.api = new KubeApi(api, timing.answerTimeout());
        this.nodes = new TrayNodes(tray);
        this.endpoints = new PeerEndpoints(port);
        this.nodeWatch = new ListWatch("the nodes of tray " + tray, this.api, "/api/v1/nodes",
                "labelSelector=" + encode(TRAY_LABEL + "=" + tray), NODES_LIST_ACCEPT, NODES_WATCH_ACCEPT, nodes, timing);
        this.endpointWatch = new ListWatch("the EndpointSlices of service " + SERVICE + " in " + namespace, this.api,
                "/apis/discovery.k8s.io/v1/namespaces/" + encode(namespace) + "/endpointslices",
                "labelSelector=" + encode("kubernetes.io/service-name=" + SERVICE), "application/json",
                "application/json", endpoints, timing);
        nodeWatch.start();
        endpointWatch.start();
    }

    /**
     * In a pod: the API server, token, CA and namespace that Kubernetes gives every pod whose
     * service account token is mounted.
     */
    public static KubernetesMembers inCluster(String trayName, String selfNode, int port) {
        return new KubernetesMembers(InCluster.endpoint(System::getenv, InCluster.SERVICE_ACCOUNT),
                InCluster.namespace(InCluster.SERVICE_ACCOUNT), trayName, selfNode, port);
    }

    /** {@link #inCluster} for the node named by NODE_NAME, which the DaemonSet sets from the downward API. */
    public static KubernetesMembers fromEnvironment(String trayName, int port) {
        return inCluster(trayName, nodeName(System::getenv), port);
    }

    /** This node's name from NODE_NAME; a clear error without it. */
    static String nodeName(Function<String, String> env) {
        String node = env.apply("NODE_NAME");
        if (node == null || node.isBlank()) {
            throw new IllegalStateException("tray.kubernetes: NODE_NAME is not set: the pod must be told its node's"
                    + " name through the downward API (env NODE_NAME, valueFrom.fieldRef.fieldPath: spec.nodeName;"
                    + " deploy/k8s/components/tray sets it)");
        }
        return node.strip();
    }

    /** The name that stands for the members while the nodes have never been listed. */
    String notListedYet() {
        return "(" + tray + ": not listed yet)";
    }

    @Override
    public Map<String, Optional<InetSocketAddress>> members() {
        Optional<Set<String>> names = nodes.names();
        Map<String, Optional<InetSocketAddress>> members = new LinkedHashMap<>();
        if (names.isEmpty()) {
            members.put(notListedYet(), Optional.empty());
            return members;
        }
        if (!names.get().contains(self)) {
            return members; // this node is not in the tray (not labelled, or for another): no members
        }
        for (String node : names.get()) {
            if (!node.equals(self)) {
                members.put(node, endpoints.on(node));
            }
        }
        return members;
    }

    /** The two watches, for tests. */
    ListWatch nodeWatch() {
        return nodeWatch;
    }

    ListWatch endpointWatch() {
        return endpointWatch;
    }

    @Override
    public void close() {
        nodeWatch.close();
        endpointWatch.close();
        api.close();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
