package dev.pifan.tray.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What a pod knows of its cluster: the API server from KUBERNETES_SERVICE_HOST and _PORT (the
 * kubelet sets them in every container, enableServiceLinks or not), and the service account's
 * token, ca.crt and namespace, mounted at {@link #SERVICE_ACCOUNT} when the pod's
 * automountServiceAccountToken is true. This is client-go's rest.InClusterConfig, by hand.
 */
final class InCluster {

    static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");
    /** A namespace name is at most 63 characters; a file larger than this is not one. */
    private static final int MAX_SMALL_FILE = 64 * 1024;

    private InCluster() {
    }

    /** The API server as {@code env} and the files in {@code serviceAccount} describe it. */
    static ApiEndpoint endpoint(Function<String, String> env, Path serviceAccount) {
        String host = env.apply("KUBERNETES_SERVICE_HOST");
        String port = env.apply("KUBERNETES_SERVICE_PORT");
        if (host == null || host.isBlank() || port == null || port.isBlank()) {
            throw new IllegalStateException("tray.kubernetes: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are"
                    + " not set: pifan is not running in a Kubernetes pod (a static tray.members list is for that)");
        }
        Path token = serviceAccount.resolve("token");
        Path ca = serviceAccount.resolve("ca.crt");
        if (!Files.isReadable(token) || !Files.isReadable(ca)) {
            throw new IllegalStateException("tray.kubernetes: no service account token at " + serviceAccount
                    + ": the pod needs automountServiceAccountToken: true (deploy/k8s/components/tray does that)");
        }
        String authority = host.contains(":") ? "[" + host + "]" : host; // an IPv6 service address
        return new ApiEndpoint(URI.create("https://" + authority + ":" + port.strip()), Optional.of(token),
                Optional.of(trusting(ca)));
    }

    /** The namespace this pod runs in. */
    static String namespace(Path serviceAccount) {
        Path file = serviceAccount.resolve("namespace");
        try {
            String namespace = readSmall(file).strip();
            if (namespace.isEmpty()) {
                throw new IllegalStateException("tray.kubernetes: " + file + " is empty");
            }
            return namespace;
        } catch (IOException e) {
            throw new IllegalStateException("tray.kubernetes: cannot read the pod's namespace from " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** A file of at most {@link #MAX_SMALL_FILE} bytes, as text: a token, a namespace. */
    static String readSmall(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_SMALL_FILE + 1);
            if (bytes.length > MAX_SMALL_FILE) {
                throw new IOException(file + " is larger than " + MAX_SMALL_FILE + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** TLS that trusts the certificates in {@code caFile} and no others (the cluster's own CA). */
    static SSLContext trusting(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalStateException("tray.kubernetes: no certificate in " + caFile);
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("cluster-ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("tray.kubernetes: cannot read the cluster's CA from " + caFile + ": "
                    + e.getMessage(), e);
        }
    }
}
