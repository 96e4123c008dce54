package dev.pifan.tray.kubernetes;

import dev.pifan.telemetry.Json;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where each node's pifan pod answers: the EndpointSlices of pifan's headless Service, which the
 * control plane keeps for the DaemonSet's pods, each endpoint with its pod's IP, its node and
 * whether it is ready (EndpointSlice v1,
 * https://kubernetes.io/docs/reference/kubernetes-api/service-resources/endpoint-slice-v1/).
 *
 * <p>A node's pod is taken where its endpoint is ready (a nil {@code ready} "should be
 * interpreted as true", the API says) and not terminating (nil: not terminating); a node without
 * one has no address, and its member counts as lost until its pod is ready again.
 */
final class PeerEndpoints implements Store {

    /** An address as the API spells an IPv4 or IPv6 one: no name, so nothing is ever looked up. */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:.]{1,43}");

    private record Endpoint(String node, InetAddress address, boolean usable) {
    }

    private final int port;
    private final Map<String, List<Endpoint>> slices = new HashMap<>();

    PeerEndpoints(int port) {
        this.port = port;
    }

    /** The peer endpoint of the pifan pod on {@code node}, where one is ready. */
    synchronized Optional<InetSocketAddress> on(String node) {
        return slices.keySet().stream().sorted()
                .flatMap(slice -> slices.get(slice).stream())
                .filter(e -> e.usable() && e.node().equals(node))
                .map(e -> new InetSocketAddress(e.address(), port))
                .findFirst();
    }

    @Override
    public synchronized void replace(List<Map<?, ?>> items) throws ApiFailure {
        Map<String, List<Endpoint>> fresh = new HashMap<>();
        for (Map<?, ?> slice : items) {
            fresh.put(TrayNodes.name(slice), endpoints(slice));
        }
        slices.clear();
        slices.putAll(fresh);
    }

    @Override
    public synchronized void apply(String type, Map<?, ?> slice) throws ApiFailure {
        String name = TrayNodes.name(slice);
        if (type.equals("DELETED")) {
            slices.remove(name);
        } else {
            slices.put(name, endpoints(slice));
        }
    }

    private static List<Endpoint> endpoints(Map<?, ?> slice) throws ApiFailure {
        String type = Json.text(slice, "addressType").orElseThrow(() -> ApiFailure.of("an EndpointSlice without addressType"));
        List<Endpoint> out = new ArrayList<>();
        if (!type.equals("IPv4") && !type.equals("IPv6")) {
            return out; // FQDN: not what the control plane makes for pods
        }
        Object endpoints = Json.get(slice, "endpoints").orElse(List.of());
        if (!(endpoints instanceof List<?> list)) {
            throw ApiFailure.of("an EndpointSlice whose endpoints are not a list");
        }
        for (Object endpoint : list) {
            Optional<String> node = Json.text(endpoint, "nodeName");
            if (node.isEmpty()) {
                continue; // not a pod on a node: nothing of ours
            }
            if (!(Json.get(endpoint, "addresses").orElse(null) instanceof List<?> addresses) || addresses.isEmpty()
                    || !(addresses.get(0) instanceof String first)) {
                throw ApiFailure.of("an endpoint without addresses");
            }
            boolean ready = Json.bool(endpoint, "conditions", "ready").orElse(true);
            boolean terminating = Json.bool(endpoint, "conditions", "terminating").orElse(false);
            out.add(new Endpoint(node.get(), literal(first), ready && !terminating));
        }
        return out;
    }

    private static InetAddress literal(String address) throws ApiFailure {
        if (!IP_LITERAL.matcher(address).matches()) {
            throw ApiFailure.of("an endpoint address that is not an IP address: " + address);
        }
        try {
            return InetAddress.getByName(address); // a literal: parsed, never resolved
        } catch (UnknownHostException e) {
            throw ApiFailure.of("an endpoint address that is not an IP address: " + address);
        }
    }
}
