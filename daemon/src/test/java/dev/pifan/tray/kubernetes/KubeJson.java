package dev.pifan.tray.kubernetes;

import dev.pifan.telemetry.Json;
import java.util.List;

/**
 * The real API's JSON, written with pifan's own writer: the shapes of a NodeList as metadata only
 * (PartialObjectMetadataList), an EndpointSliceList, a WatchEvent, a Status.
 */
final class KubeJson {

    private KubeJson() {
    }

    /** One endpoint of a slice: a pod's address on a node, ready or not (null: the field left out). */
    record Endpoint(String node, String address, Boolean ready, Boolean terminating) {
        static Endpoint ready(String node, String address) {
            return new Endpoint(node, address, true, false);
        }
    }

    static String node(String name, String resourceVersion, String tray) {
        Json.Writer w = Json.writer().beginObject().name("kind").value("PartialObjectMetadata")
                .name("apiVersion").value("meta.k8s.io/v1");
        nodeMetadata(w, name, resourceVersion, tray);
        return w.endObject().toString();
    }

    private static void nodeMetadata(Json.Writer w, String name, String resourceVersion, String tray) {
        w.name("metadata").beginObject().name("name").value(name).name("uid").value("uid-" + name)
                .name("resourceVersion").value(resourceVersion)
                .name("creationTimestamp").value("2026-12-01T10:00:00Z")
                .name("labels").beginObject()
                .name("kubernetes.io/arch").value("arm64")
                .name("kubernetes.io/hostname").value(name);
        if (tray != null) {
            w.name(KubernetesMembers.TRAY_LABEL).value(tray);
        }
        w.endObject().endObject();
    }

    /** A node list; each node is {name, tray label or null}. */
    static String nodeList(String resourceVersion, String... nameTray) {
        Json.Writer w = Json.writer().beginObject().name("kind").value("PartialObjectMetadataList")
                .name("apiVersion").value("meta.k8s.io/v1")
                .name("metadata").beginObject().name("resourceVersion").value(resourceVersion).endObject()
                .name("items").beginArray();
        for (int i = 0; i < nameTray.length; i += 2) {
            w.beginObject().name("kind").value("PartialObjectMetadata").name("apiVersion").value("meta.k8s.io/v1");
            nodeMetadata(w, nameTray[i], "1" + i, nameTray[i + 1]);
            w.endObject();
        }
        return w.endArray().endObject().toString();
    }

    static String slice(String name, String resourceVersion, List<Endpoint> endpoints) {
        Json.Writer w = Json.writer().beginObject().name("kind").value("EndpointSlice")
                .name("apiVersion").value("discovery.k8s.io/v1");
        sliceBody(w, name, resourceVersion, endpoints);
        return w.endObject().toString();
    }

    private static void sliceBody(Json.Writer w, String name, String resourceVersion, List<Endpoint> endpoints) {
        w.name("metadata").beginObject().name("name").value(name).name("namespace").value("pifan")
                .name("resourceVersion").value(resourceVersion)
                .name("labels").beginObject().name("kubernetes.io/service-name").value("pifan")
                .name("endpointslice.kubernetes.io/managed-by").value("endpointslice-controller.k8s.io").endObject()
                .endObject()
                .name("addressType").value("IPv4")
                .name("endpoints").beginArray();
        for (Endpoint e : endpoints) {
            w.beginObject().name("addresses").beginArray().value(e.address()).endArray().name("conditions").beginObject();
            if (e.ready() != null) {
                w.name("ready").value(e.ready()).name("serving").value(e.ready());
            }
            if (e.terminating() != null) {
                w.name("terminating").value(e.terminating());
            }
            w.endObject().name("nodeName").value(e.node())
                    .name("targetRef").beginObject().name("kind").value("Pod").name("namespace").value("pifan")
                    .name("name").value("pifan-" + e.node()).endObject()
                    .endObject();
        }
        w.endArray().name("ports").beginArray().beginObject().name("name").value("metrics").name("port").value(9780)
                .name("protocol").value("TCP").endObject().endArray();
    }

    static String sliceList(String resourceVersion, String name, List<Endpoint> endpoints) {
        Json.Writer w = Json.writer().beginObject().name("kind").value("EndpointSliceList")
                .name("apiVersion").value("discovery.k8s.io/v1")
                .name("metadata").beginObject().name("resourceVersion").value(resourceVersion).endObject()
                .name("items").beginArray().beginObject();
        sliceBody(w, name, "1", endpoints);
        return w.endObject().endArray().endObject().toString();
    }

    /** {"type":TYPE,"object":OBJECT} */
    static String event(String type, String object) {
        return "{\"type\":\"" + type + "\",\"object\":" + object + "}";
    }

    static String bookmark(String resourceVersion) {
        return event("BOOKMARK", "{\"kind\":\"PartialObjectMetadata\",\"apiVersion\":\"meta.k8s.io/v1\","
                + "\"metadata\":{\"resourceVersion\":\"" + resourceVersion + "\"}}");
    }

    /** The Status of a watch whose resourceVersion the server no longer keeps. */
    static String gone() {
        return Json.writer().beginObject().name("kind").value("Status").name("apiVersion").value("v1")
                .name("metadata").beginObject().endObject().name("status").value("Failure")
                .name("message").value("too old resource version: 5 (9000)").name("reason").value("Expired")
                .name("code").value(410).endObject().toString();
    }

    static String forbidden() {
        return Json.writer().beginObject().name("kind").value("Status").name("apiVersion").value("v1")
                .name("status").value("Failure").name("message")
                .value("nodes is forbidden: User \"system:serviceaccount:pifan:pifan\" cannot list resource \"nodes\"")
                .name("reason").value("Forbidden").name("code").value(403).endObject().toString();
    }
}
