package dev.pifan.deploy;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * {@code kubectl kustomize DIR}, run for real, and its output as JSON objects, one per document.
 * kubectl is required: a missing kubectl fails the test that needs it, it is never skipped (CI
 * installs it; a developer's machine needs it too, see README.md).
 */
final class Kustomize {

    static final long TIMEOUT_SECONDS = 60;

    private Kustomize() {
    }

    /** The repository's top directory (surefire sets pifan.repository; else found from here). */
    static Path repository() {
        String configured = System.getProperty("pifan.repository");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/k8s"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no deploy/k8s above " + Path.of("").toAbsolutePath());
    }

    /** The project version the image tag must carry (surefire sets pifan.version). */
    static String projectVersion() {
        String version = System.getProperty("pifan.version");
        if (version == null) {
            throw new IllegalStateException("pifan.version is not set: run the tests with Maven");
        }
        return version;
    }

    /**
     * What {@code kubectl kustomize} prints for {@code deploy/k8s/<relative>}, with these of
     * {@code deploy/k8s/components} added as a user adds them: under {@code components:} of a
     * kustomization whose {@code namespace:} is pifan's (written under deploy/target: an overlay's own
     * {@code components:} list does the same, and its {@code namespace:} applies to them).
     */
    static String render(String relative, String... components) {
        Path dir = repository().resolve("deploy/k8s").resolve(relative);
        if (!Files.isDirectory(dir)) {
            throw new AssertionError("no kustomization directory " + dir);
        }
        if (components.length > 0) {
            dir = withComponents(dir, components);
        }
        String kubectl = System.getProperty("pifan.kubectl", "kubectl");
        return run(List.of(kubectl, "kustomize", dir.toString()), "kubectl is needed to render deploy/k8s"
                + " (kubectl 1.27 or newer, with kustomize v5: deploy/k8s/get-kubectl.sh; or -Dpifan.kubectl=FILE)");
    }

    private static Path withComponents(Path kustomization, String... components) {
        Path k8s = repository().resolve("deploy/k8s");
        Path dir = repository().resolve("deploy/target/kustomizations")
                .resolve(k8s.relativize(kustomization).toString().replace('/', '-') + "+" + String.join("+", components));
        StringBuilder yaml = new StringBuilder("""
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                namespace: %s
                resources:
                  - %s
                components:
                """.formatted(KubernetesManifestsTest.NAMESPACE, dir.relativize(kustomization)));
        for (String component : components) {
            Path path = k8s.resolve("components").resolve(component);
            if (!Files.isDirectory(path)) {
                throw new AssertionError("no component " + path);
            }
            yaml.append("  - ").append(dir.relativize(path)).append('\n');
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("kustomization.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /**
     * Runs {@code command} and returns what it printed; fails with its error output when it exits
     * non-zero, and with {@code needed} when it cannot be started.
     */
    static String run(List<String> command, String needed) {
        Result result = runAllowingFailure(command, needed);
        if (result.exit() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (exit " + result.exit() + "): " + result.err());
        }
        return result.out();
    }

    record Result(int exit, String out, String err) {
    }

    /** Runs {@code command}; fails with {@code needed} when it cannot be started. */
    static Result runAllowingFailure(List<String> command, String needed) {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new AssertionError(needed + ": " + e.getMessage(), e);
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            process.destroy();
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (InputStream in = stream) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                in.transferTo(bytes);
                return bytes.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Every non-empty document of a YAML stream, as JSON (what the API server would be sent). */
    static List<JsonObject> documents(String yaml) {
        List<JsonObject> documents = new ArrayList<>();
        Gson gson = new Gson();
        for (Object document : new Load(LoadSettings.builder().build()).loadAllFromString(yaml)) {
            if (document == null) {
                continue;
            }
            if (!(document instanceof Map<?, ?>)) {
                throw new AssertionError("a document that is not a mapping: " + document);
            }
            documents.add(gson.toJsonTree(document).getAsJsonObject());
        }
        return documents;
    }
}
