package dev.pifan.tray.kubernetes;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Where the Kubernetes API server is and how to show it who we are.
 *
 * @param base the server's URL, {@code https://HOST:PORT} in a pod
 * @param tokenFile the service account token, read again for every request: the kubelet rotates a
 *     projected token (about hourly) by swapping the file, and a token read once would expire
 * @param tls the trust for the server's certificate (the service account's ca.crt); empty for a
 *     plain-HTTP server, which only a test runs
 */
public record ApiEndpoint(URI base, Optional<Path> tokenFile, Optional<SSLContext> tls) {

    public ApiEndpoint {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(tokenFile, "tokenFile");
        Objects.requireNonNull(tls, "tls");
        if (base.getHost() == null || !(base.getScheme().equals("https") || base.getScheme().equals("http"))) {
            throw new IllegalArgumentException("not an http(s) URL of an API server: " + base);
        }
    }

    /** A server that asks nothing of us, as the tests' fake one. */
    public static ApiEndpoint plain(URI base) {
        return new ApiEndpoint(base, Optional.empty(), Optional.empty());
    }
}
