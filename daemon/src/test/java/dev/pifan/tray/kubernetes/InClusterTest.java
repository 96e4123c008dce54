package dev.pifan.tray.kubernetes;

import static dev.pifan.tray.kubernetes.KubeJson.Endpoint.ready;
import static dev.pifan.tray.kubernetes.KubeJson.nodeList;
import static dev.pifan.tray.kubernetes.KubeJson.sliceList;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-cluster configuration end to end, as a pod has it: KUBERNETES_SERVICE_HOST and _PORT, and
 * a service account directory with token, ca.crt and namespace, against an HTTPS API server whose
 * certificate that CA is (a self-signed one made by keytool for 127.0.0.1).
 */
class InClusterTest {

    private static final char[] PASSWORD = "test-only".toCharArray();

    /** keytool, as run by hand: a key pair for 127.0.0.1, and its certificate as PEM. */
    private static void keytool(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool " + args[0] + ": " + out);
    }

    @Test
    void aPodsTokenCaAndNamespaceReachTheApiServerOverTls(@TempDir Path dir) throws Exception {
        keytool(dir, "-genkeypair", "-alias", "apiserver", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=kube-apiserver", "-ext", "san=ip:127.0.0.1", "-keystore", "server.p12", "-storetype",
                "PKCS12", "-storepass", new String(PASSWORD));
        Path serviceAccount = Files.createDirectories(dir.resolve("serviceaccount"));
        keytool(dir, "-exportcert", "-rfc", "-alias", "apiserver", "-keystore", "server.p12", "-storepass",
                new String(PASSWORD), "-file", serviceAccount.resolve("ca.crt").toString());
        Files.writeString(serviceAccount.resolve("token"), "eyJhbGciOiJSUzI1NiJ9.pod-token\n");
        Files.writeString(serviceAccount.resolve("namespace"), "pifan");

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(factory.getKeyManagers(), null, null);

        try (FakeApiServer api = new FakeApiServer(serverTls)) {
            api.nodes().list = nodeList("7", "pi0", "tray1", "pi1", "tray1");
            api.slices().list = sliceList("8", "pifan-abc", List.of(ready("pi1", "10.42.1.11")));
            Map<String, String> env = Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1",
                    "KUBERNETES_SERVICE_PORT", String.valueOf(api.port()));
            ApiEndpoint endpoint = InCluster.endpoint(env::get, serviceAccount);
            assertEquals("pifan", InCluster.namespace(serviceAccount));
            try (KubernetesMembers members = new KubernetesMembers(endpoint, InCluster.namespace(serviceAccount), "tray1",
                    "pi0", 9780, KubernetesMembersTest.FAST)) {
                KubernetesMembersTest.await("pi1 over TLS", () -> members.members()
                        .equals(KubernetesMembersTest.expected("pi1", "10.42.1.11")));
            }
            assertTrue(api.requests.stream().allMatch(r -> "Bearer eyJhbGciOiJSUzI1NiJ9.pod-token".equals(r.authorization())),
                    "every request carries the pod's token");
        }
    }
}
