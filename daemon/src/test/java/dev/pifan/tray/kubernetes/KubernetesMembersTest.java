package dev.pifan.tray.kubernetes;

import static dev.pifan.tray.kubernetes.KubeJson.Endpoint.ready;
import static dev.pifan.tray.kubernetes.KubeJson.event;
import static dev.pifan.tray.kubernetes.KubeJson.node;
import static dev.pifan.tray.kubernetes.KubeJson.nodeList;
import static dev.pifan.tray.kubernetes.KubeJson.slice;
import static dev.pifan.tray.kubernetes.KubeJson.sliceList;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KubernetesMembers} against {@link FakeApiServer}: the tray's members are the labelled nodes
 * but this one, each with its pod's address where the pod is ready; only the API's word changes
 * them, and nothing the API fails to say does. Every wait is for a condition, with a deadline.
 */
class KubernetesMembersTest {

    static final String TRAY = "rack1";
    static final String SELF = "pi0";
    static final int PORT = 9780;
    /** Fast retries for the test; the bounds are Timing.DEFAULT's in a pod. */
    static final Timing FAST = new Timing(Duration.ofMillis(5), Duration.ofMillis(40), Duration.ofMillis(5), 60,
            Duration.ofSeconds(5));

    private final FakeApiServer api = new FakeApiServer();
    private KubernetesMembers members;

    KubernetesMembersTest() throws IOException {
        api.nodes().list = nodeList("100", SELF, TRAY, "pi1", TRAY, "pi2", TRAY);
        api.slices().list = sliceList("200", "pifan-x7k2p", List.of(ready(SELF, "10.42.0.10"), ready("pi1", "10.42.1.11"),
                new KubeJson.Endpoint("pi2", "10.42.2.12", false, false)));
    }

    @AfterEach
    void close() {
        if (members != null) {
            members.close();
        }
        api.close();
    }

    private KubernetesMembers start() {
        members = new KubernetesMembers(ApiEndpoint.plain(api.uri()), "pifan", TRAY, SELF, PORT, FAST);
        return members;
    }

    static Optional<InetSocketAddress> at(String ip) {
        return Optional.of(new InetSocketAddress(ip, PORT));
    }

    static Map<String, Optional<InetSocketAddress>> expected(Object... memberAddress) {
        Map<String, Optional<InetSocketAddress>> map = new LinkedHashMap<>();
        for (int i = 0; i < memberAddress.length; i += 2) {
            map.put((String) memberAddress[i], memberAddress[i + 1] == null ? Optional.empty()
                    : at((String) memberAddress[i + 1]));
        }
        return map;
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos(); // a bound for a loaded machine
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    private void awaitMembers(Map<String, Optional<InetSocketAddress>> want) {
        await("members " + want + " (now " + members.members() + ")", () -> members.members().equals(want));
    }

    /** Both lists done and both watches open: what a test's events go to. */
    private void awaitWatching() {
        await("both watches open", () -> api.requestsTo(FakeApiServer.NODES).stream().anyMatch(FakeApiServer.Request::isWatch)
                && api.requestsTo(FakeApiServer.SLICES).stream().anyMatch(FakeApiServer.Request::isWatch));
    }

    @Test
    void theMembersAreTheTraysOtherNodesEachWithItsReadyPodsAddress() {
        start();
        awaitMembers(expected("pi1", "10.42.1.11", "pi2", null));

        FakeApiServer.Request nodes = api.requestsTo(FakeApiServer.NODES).get(0);
        assertEquals("labelSelector=pifan.dev%2Ftray%3Drack1", nodes.query(), "only the tray's nodes are listed");
        assertTrue(nodes.accept().startsWith("application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1"),
                "as metadata only: " + nodes.accept());
        assertEquals("labelSelector=kubernetes.io%2Fservice-name%3Dpifan", api.requestsTo(FakeApiServer.SLICES).get(0).query());
        awaitWatching();
        FakeApiServer.Request watch = api.requestsTo(FakeApiServer.NODES).stream().filter(FakeApiServer.Request::isWatch)
                .findFirst().orElseThrow();
        assertTrue(watch.query().contains("resourceVersion=100") && watch.query().contains("allowWatchBookmarks=true")
                && watch.query().contains("timeoutSeconds=60"), "watched from the list's version: " + watch.query());
    }

    @Test
    void watchEventsAddAndRemoveMembers() {
        start();
        awaitWatching();
        api.nodes().send(event("ADDED", node("pi3", "101", TRAY)));
        api.slices().send(event("MODIFIED", slice("pifan-x7k2p", "201", List.of(ready("pi1", "10.42.1.11"),
                ready("pi2", "10.42.2.12"), ready("pi3", "10.42.3.13")))));
        awaitMembers(expected("pi1", "10.42.1.11", "pi2", "10.42.2.12", "pi3", "10.42.3.13"));

        api.nodes().send(event("DELETED", node("pi1", "102", TRAY))); // deleted, or no longer matching the selector
        awaitMembers(expected("pi2", "10.42.2.12", "pi3", "10.42.3.13"));

        api.nodes().send(event("MODIFIED", node("pi2", "103", "rack2"))); // relabelled into another tray
        api.nodes().send(event("MODIFIED", node("pi3", "104", null))); // unlabelled, as a server without the filter says
        awaitMembers(expected());
    }

    @Test
    void aNodeNotLabelledForTheTrayItselfHasNoMembers() {
        api.nodes().list = nodeList("100", "pi1", TRAY, "pi2", TRAY);
        start();
        await("listed", () -> members.nodeWatch().lists() == 1);
        awaitMembers(expected());
        awaitWatching();
        api.nodes().send(event("ADDED", node(SELF, "101", TRAY)));
        awaitMembers(expected("pi1", "10.42.1.11", "pi2", null));
    }

    @Test
    void anEventLargerThanTheBoundIsRefusedAndChangesNothing() {
        start();
        awaitMembers(expected("pi1", "10.42.1.11", "pi2", null));
        awaitWatching();
        api.nodes().send(event("ADDED", node("pi3", "101", TRAY).replace("\"uid\"",
                "\"x\":\"" + "x".repeat(KubeApi.MAX_EVENT_BYTES) + "\",\"uid\"")));
        await("the event refused, and the nodes listed again", () -> members.nodeWatch().lists() >= 2);
        assertEquals(expected("pi1", "10.42.1.11", "pi2", null), members.members());
    }

    @Test
    void aPodNotReadyTerminatingOrGoneLeavesItsNodeAMemberWithoutAnAddress() {
        start();
        awaitMembers(expected("pi1", "10.42.1.11", "pi2", null));
        awaitWatching();
        api.slices().send(event("MODIFIED", slice("pifan-x7k2p", "201", List.of(new KubeJson.Endpoint("pi1", "10.42.1.11",
                false, false), ready("pi2", "10.42.2.12")))));
        awaitMembers(expected("pi1", null, "pi2", "10.42.2.12"));

        api.slices().send(event("MODIFIED", slice("pifan-x7k2p", "202", List.of(new KubeJson.Endpoint("pi1", "10.42.1.11",
                null, null), new KubeJson.Endpoint("pi2", "10.42.2.12", true, true)))));
        awaitMembers(expected("pi1", "10.42.1.11", "pi2", null)); // a nil ready is ready; terminating is not

        api.slices().send(event("DELETED", slice("pifan-x7k2p", "203", List.of())));
        awaitMembers(expected("pi1", null, "pi2", null)); // the nodes are still labelled: members, lost
    }

    @Test
    void aBrokenWatchKeepsTheMembersAndResumesFromTheLastVersionSeen() {
        start();
        awaitWatching();
        api.nodes().send(event("ADDED", node("pi3", "101", TRAY)));
        api.nodes().send(KubeJson.bookmark("150"));
        awaitMembers(expected("pi1", "10.42.1.11", "pi2", null, "pi3", null));
        api.nodes().endWatch();
        await("a watch from the bookmark's version", () -> api.requestsTo(FakeApiServer.NODES).stream()
                .anyMatch(r -> r.isWatch() && r.query().contains("resourceVersion=150")));
        assertEquals(1, members.nodeWatch().lists(), "a broken watch resumes, it does not list again");
        assertEquals(expected("pi1", "10.42.1.11", "pi2", null, "pi3", null), members.members());
        api.nodes().send(event("DELETED", node("pi3", "151", TRAY)));
        awaitMembers(expected("pi1", "10.42.1.11", "pi2", null));
    }

    @Test
    void goneListsAgainAndANodeMissingFromTheNewListHasLeft() {
        start();
        awaitWatching();
        api.nodes().list = nodeList("300", SELF, TRAY, "pi1", TRAY); // pi2 unlabelled while the watch was away
        api.nodes().send(event("ERROR", KubeJson.gone()));
        await("a second list", () -> members.nodeWatch().lists() == 2);
        awaitMembers(expected("pi1", "10.42.1.11"));

        api.nodes().list = nodeList("400", SELF, TRAY, "pi1", TRAY, "pi4", TRAY);
        api.nodes().nextWatches.add(new FakeApiServer.Answer(410, KubeJson.gone())); // refused at once, as HTTP 410
        api.nodes().endWatch();
        await("a third list", () -> members.nodeWatch().lists() == 3);
        awaitMembers(expected("pi1", "10.42.1.11", "pi4", null));
        assertEquals(0, members.nodeWatch().failures(), "410 is the protocol, not a failure");
    }

    @Test
    void garbageChangesNothingAndTheWatchRecoversOnceTheServerMakesSenseAgain() {
        start();
        awaitMembers(expected("pi1", "10.42.1.11", "pi2", null));
        awaitWatching();
        Map<String, Optional<InetSocketAddress>> before = members.members();
        api.nodes().list = "<html>502 Bad Gateway</html>";
        api.nodes().send("{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"pi9\",\"resourceVer"); // cut short
        api.nodes().endWatch();
        api.slices().send(event("MODIFIED", "{\"metadata\":{\"name\":\"pifan-x7k2p\",\"resourceVersion\":\"9\"},"
                + "\"addressType\":\"IPv4\",\"endpoints\":[{\"addresses\":[\"pi1.example\"],\"nodeName\":\"pi1\"}]}"));
        api.slices().send(event("SURPRISE", slice("pifan-x7k2p", "10", List.of())));
        await("the garbage list refused twice", () -> members.nodeWatch().failures() >= 2);
        await("the garbage slice refused", () -> members.endpointWatch().lists() >= 2);
        assertEquals(before, members.members(), "nothing unreadable changes the members");

        api.nodes().list = nodeList("500", SELF, TRAY, "pi1", TRAY);
        awaitMembers(expected("pi1", "10.42.1.11"));
        await("recovered", () -> members.nodeWatch().failures() == 0);
    }

    @Test
    void theServerGoneKeepsTheLastMembers() {
        start();
        awaitMembers(expected("pi1", "10.42.1.11", "pi2", null));
        awaitWatching();
        api.stop();
        await("both watches failing", () -> members.nodeWatch().failures() >= 3 && members.endpointWatch().failures() >= 3);
        assertEquals(expected("pi1", "10.42.1.11", "pi2", null), members.members());
    }

    @Test
    void anErrorStatusKeepsTheMembersAndUntilTheFirstListTheTrayCannotBeHeard() {
        api.nodes().nextLists.add(new FakeApiServer.Answer(403, KubeJson.forbidden()));
        api.nodes().nextLists.add(new FakeApiServer.Answer(500, ""));
        start();
        await("refused twice", () -> members.nodeWatch().failures() >= 2 || members.nodeWatch().lists() > 0);
        // the answer a poll of the directory got in between, at most: one member that is never heard
        await("listed at last", () -> members.nodeWatch().lists() == 1);
        awaitMembers(expected("pi1", "10.42.1.11", "pi2", null));
    }

    @Test
    void beforeTheFirstListTheMembersAreOneThatCannotBeHeard() {
        api.stop();
        start();
        await("a failure", () -> members.nodeWatch().failures() >= 1);
        assertEquals(expected("(rack1: not listed yet)", null), members.members(),
                "not known is not none: a member that is lost, so the fan runs full");
    }

    @Test
    void theTokenIsReadAgainForEveryRequest(@TempDir Path dir) throws IOException {
        Path token = dir.resolve("token");
        Files.writeString(token, "first-token\n");
        members = new KubernetesMembers(new ApiEndpoint(api.uri(), Optional.of(token), Optional.empty()), "pifan", TRAY,
                SELF, PORT, FAST);
        awaitWatching();
        assertEquals("Bearer first-token", api.requests.get(0).authorization());
        Files.writeString(token, "rotated-token\n");
        api.nodes().endWatch();
        await("a request with the rotated token", () -> api.requestsTo(FakeApiServer.NODES).stream()
                .anyMatch(r -> "Bearer rotated-token".equals(r.authorization())));
    }

    @Test
    void closeEndsBothWatchThreads() {
        start();
        awaitWatching();
        members.close();
        assertFalse(members.nodeWatch().isAlive(), "the nodes' watch thread");
        assertFalse(members.endpointWatch().isAlive(), "the slices' watch thread");
    }

    @Test
    void aTrayNameThatIsNoLabelValueIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KubernetesMembers(ApiEndpoint.plain(api.uri()), "pifan", "rack 1,x=y", SELF, PORT, FAST));
        assertTrue(e.getMessage().contains("not a label value"), e.getMessage());
    }

    @Test
    void withoutNodeNameTheErrorSaysToSetItFromTheDownwardApi() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> KubernetesMembers.nodeName(name -> null));
        assertTrue(e.getMessage().contains("NODE_NAME") && e.getMessage().contains("downward API")
                && e.getMessage().contains("spec.nodeName"), e.getMessage());
        assertEquals("pi3", KubernetesMembers.nodeName(Map.of("NODE_NAME", "pi3")::get));
    }

    @Test
    void outsideAPodOrWithoutATokenTheErrorSaysWhatIsMissing(@TempDir Path dir) {
        IllegalStateException outside = assertThrows(IllegalStateException.class,
                () -> InCluster.endpoint(name -> null, dir));
        assertTrue(outside.getMessage().contains("KUBERNETES_SERVICE_HOST"), outside.getMessage());
        Map<String, String> env = Map.of("KUBERNETES_SERVICE_HOST", "10.43.0.1", "KUBERNETES_SERVICE_PORT", "443");
        IllegalStateException noToken = assertThrows(IllegalStateException.class, () -> InCluster.endpoint(env::get, dir));
        assertTrue(noToken.getMessage().contains("automountServiceAccountToken"), noToken.getMessage());
    }
}
