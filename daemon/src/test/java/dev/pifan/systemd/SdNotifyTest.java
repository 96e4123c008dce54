package dev.pifan.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.cli.PifanCommand;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** systemd's side of sd_notify, played by a real datagram socket. */
class SdNotifyTest {

    @TempDir
    Path dir;

    @Test
    void theDaemonSaysReadyThenPingsTheWatchdogWhileItsLoopTicksAndSaysStopping() throws Exception {
        AFUNIXSocketAddress address = AFUNIXSocketAddress.of(dir.resolve("notify.sock"));
        List<String> received = new ArrayList<>();
        try (AFUNIXDatagramSocket systemd = AFUNIXDatagramSocket.newInstance()) {
            systemd.bind(address);
            systemd.setSoTimeout(200);
            Process pifan = start(Map.of("NOTIFY_SOCKET", dir.resolve("notify.sock").toString(),
                    "WATCHDOG_USEC", "2000000")); // 1 s ticks: a 2 s watchdog is the least that can watch them
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (count(received, "WATCHDOG=1") < 3 && System.nanoTime() < deadline) {
                    receive(systemd, received);
                }
                new ProcessBuilder("kill", "-TERM", String.valueOf(pifan.pid())).start().waitFor();
                while (count(received, "STOPPING=1") == 0 && System.nanoTime() < deadline) {
                    receive(systemd, received);
                }
                assertTrue(pifan.waitFor(20, TimeUnit.SECONDS));
                assertEquals(0, pifan.exitValue());
            } finally {
                pifan.destroyForcibly();
            }
        }
        assertTrue(received.get(0).startsWith("READY=1\nSTATUS="), received.toString());
        assertTrue(received.get(0).matches("(?s).*STATUS=\\d+\\.\\d C, fan \\d.*%.*"), received.get(0));
        assertTrue(count(received, "WATCHDOG=1") >= 3, received.toString());
        assertTrue(received.get(received.size() - 1).equals("STOPPING=1"), received.toString());
    }

    @Test
    void worksOnAnAbstractSocketToo() throws Exception {
        String name = "pifan-test-" + ProcessHandle.current().pid();
        SocketAddress address = AFUNIXSocketAddress.inAbstractNamespace(name);
        try (AFUNIXDatagramSocket systemd = AFUNIXDatagramSocket.newInstance()) {
            systemd.bind(address);
            systemd.setSoTimeout(5000);
            try (SdNotify notify = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "@" + name)).orElseThrow()) {
                notify.send("READY=1");
            }
            List<String> received = new ArrayList<>();
            receive(systemd, received);
            assertEquals(List.of("READY=1"), received);
        }
    }

    @Test
    void withoutNotifySocketThereIsNoNotifier() {
        assertTrue(SdNotify.fromEnvironment(Map.of()).isEmpty());
        assertTrue(SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "")).isEmpty());
    }

    @Test
    void aSocketThatIsGoneIsLoggedNotThrown() {
        try (SdNotify notify = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", dir.resolve("nobody").toString()))
                .orElseThrow()) {
            notify.send("READY=1"); // nobody listens: must not throw
            notify.send("WATCHDOG=1");
        }
    }

    @Test
    void theWatchdogIsOnlyForThisProcess() {
        assertEquals(OptionalLong.of(1000000), SystemdWatchdog.watchdogMicros(Map.of("WATCHDOG_USEC", "1000000"), 42));
        assertEquals(OptionalLong.of(5), SystemdWatchdog.watchdogMicros(
                Map.of("WATCHDOG_USEC", "5", "WATCHDOG_PID", "42"), 42));
        assertTrue(SystemdWatchdog.watchdogMicros(Map.of("WATCHDOG_USEC", "5", "WATCHDOG_PID", "41"), 42).isEmpty());
        assertTrue(SystemdWatchdog.watchdogMicros(Map.of("WATCHDOG_USEC", "soon"), 42).isEmpty());
        assertTrue(SystemdWatchdog.watchdogMicros(Map.of(), 42).isEmpty());
    }

    private static Process start(Map<String, String> environment) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")), PifanCommand.class.getName(), "run", "--sim", "--listen", "off")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static void receive(AFUNIXDatagramSocket socket, List<String> into) throws IOException {
        byte[] buffer = new byte[4096];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
            into.add(new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8));
        } catch (SocketTimeoutException nothingYet) {
            // polled again until the deadline
        }
    }

    private static long count(List<String> messages, String line) {
        return messages.stream().filter(m -> m.lines().anyMatch(line::equals)).count();
    }
}
