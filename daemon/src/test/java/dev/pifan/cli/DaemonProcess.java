package dev.pifan.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/** A real {@code pifan run --sim -c CONFIG} in a process of its own, its log kept, asked over HTTP. */
final class DaemonProcess implements AutoCloseable {

    private final Process process;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final Thread reader;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Integer exitValue;

    /** A loopback port nothing listens on (as far as anyone can tell before using it). */
    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    DaemonProcess(Path config) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-cp", System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")), PifanCommand.class.getName(), "run", "--sim", "-c",
                config.toString())
                .redirectErrorStream(true)
                .start();
        reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                in.lines().forEach(log::add);
            } catch (IOException e) {
                log.add("log reader: " + e);
            }
        });
        reader.start();
    }

    /**
     * Asks {@code url} every 20 ms until an answer satisfies {@code done} (at most {@code limit}, and
     * not after the process ended); the last answer, empty if none came.
     */
    Optional<HttpResponse<String>> poll(URI url, Duration limit, Predicate<HttpResponse<String>> done) {
        long deadline = System.nanoTime() + limit.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                last = client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
                if (done.test(last)) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet: ask again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // poll interval, bounded by the deadline
        }
        return Optional.ofNullable(last);
    }

    List<String> log() {
        return List.copyOf(log);
    }

    /** SIGTERM, and its exit code (killed after 20 s). */
    int stop() throws IOException, InterruptedException {
        if (exitValue == null) {
            new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid())).start().waitFor();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            reader.join(5000);
            exitValue = process.exitValue();
        }
        return exitValue;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
    }
}
