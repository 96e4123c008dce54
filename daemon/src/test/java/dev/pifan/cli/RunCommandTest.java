package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

    @Test
    void onceDoesOneTickOnTheSimulatedBoardAndPrintsIt() {
        Cli cli = Cli.run("run", "--sim", "--once", "--profile", "pi5-active-cooler", "--scenario", "rack-33");
        assertEquals(0, cli.exitCode(), cli.err());
        // rack-33 starts idle at 33 C ambient: the steady state of the fan-off plant, quantised
        assertTrue(cli.out().matches(
                "temperature \\d+\\.\\d C, throttled 0x0, fan \\d+(\\.\\d)?%, \\d+ rpm \\((curve|kick)\\)\\s*"),
                cli.out());
    }

    @Test
    void anUnknownScenarioIsAUsageError() {
        Cli cli = Cli.run("run", "--sim", "--once", "--scenario", "moon");
        assertEquals(2, cli.exitCode());
        assertTrue(cli.errIsOneCleanMessage(), cli.err());
    }

    /**
     * The real process: started, it logs its first decision. SIGHUP with a broken file is refused
     * and the daemon runs on; SIGHUP with a good file is taken. SIGTERM leaves the fan at full speed
     * (the simulated fan has no kernel owner to hand back to) and exits 0.
     */
    @Test
    void reloadsOnSighupAndStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("pifan.yaml");
        Files.writeString(config, "curve: {points: [[45, 0%], [65, 100%]]}\n");
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")), PifanCommand.class.getName(), "run", "--sim",
                "--config", config.toString(), "--listen", "127.0.0.1:" + port)
                .redirectErrorStream(true)
                .start();
        List<String> lines = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        try (BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean sentBroken = false;
            boolean sentGood = false;
            while ((line = log.readLine()) != null) {
                lines.add(line);
                if (!sentBroken && (line.contains("(curve)") || line.contains("(kick)"))) {
                    statuses.add(get(port, "/status"));
                    Files.writeString(config, "curve: {points: [[45, 0%], [65, 100%]]}\nfan: {min-duty: 120%}\n");
                    signal(process, "HUP");
                    sentBroken = true;
                } else if (sentBroken && !sentGood && line.contains("reload refused")) {
                    statuses.add(get(port, "/status"));
                    Files.writeString(config, "curve: {points: [[40, 0%], [60, 100%]]}\n");
                    signal(process, "HUP");
                    sentGood = true;
                } else if (sentGood && line.contains("configuration reloaded")) {
                    statuses.add(get(port, "/status"));
                    statuses.add(get(port, "/metrics"));
                    signal(process, "TERM");
                }
            }
        } finally {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        String all = String.join("\n", lines);
        assertEquals(0, process.exitValue(), all);
        assertEquals(4, statuses.size(), all);
        String before = "\"points\":[{\"celsius\":45,\"duty\":0},{\"celsius\":65,\"duty\":1}]";
        assertTrue(statuses.get(0).contains(before), statuses.get(0));
        assertTrue(all.contains("fan.min-duty: 120% outside 0%..100%"), all);
        assertTrue(statuses.get(1).contains(before), "the refused reload kept the running curve: " + statuses.get(1));
        assertTrue(statuses.get(2).contains("\"points\":[{\"celsius\":40,\"duty\":0},{\"celsius\":60,\"duty\":1}]"),
                "the accepted reload shows its curve: " + statuses.get(2));
        assertTrue(statuses.get(3).contains("pifan_config_reloads_total{result=\"refused\"} 1.0")
                && statuses.get(3).contains("pifan_config_reloads_total{result=\"accepted\"} 1.0"), statuses.get(3));
        assertTrue(all.contains("SIGTERM received"), all);
        assertTrue(all.contains("left at full speed"), all);
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String get(int port, String path) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                        .timeout(java.time.Duration.ofSeconds(5)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path);
        return response.body();
    }

    private static void signal(Process process, String name) throws Exception {
        // Process.destroy() would also close our end of the pipe: send the signal alone
        new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start().waitFor();
    }
}
