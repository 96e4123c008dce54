package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.config.ConfigException;
import dev.pifan.config.ConfigLoader;
import dev.pifan.config.PifanConfig;
import dev.pifan.control.ControlLoop;
import dev.pifan.control.Decision;
import dev.pifan.control.Reason;
import dev.pifan.control.Snapshot;
import dev.pifan.hal.Duty;
import dev.pifan.hal.ThrottleFlags;
import dev.pifan.hal.sim.BoardProfile;
import dev.pifan.hal.sim.SampleListener;
import dev.pifan.hal.sim.Scenarios;
import dev.pifan.hal.sim.SimulatedBoard;
import dev.pifan.telemetry.Json;
import dev.pifan.telemetry.NodeInfo;
import dev.pifan.telemetry.Telemetry;
import dev.pifan.telemetry.TelemetryServer;
import dev.pifan.tray.Tray;
import dev.pifan.tray.TrayController;
import dev.pifan.testing.CapturedLog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tray wired into pifan run: a real daemon polling a member, the directory, and a reload. */
class TrayRunTest {

    @TempDir
    Path dir;

    /** A member's endpoint as a member's pifan serves it: a telemetry server fed one tick asking 60%. */
    private static TelemetryServer member() throws IOException {
        Telemetry telemetry = Telemetry.create(new NodeInfo("1.2.3", "member", "sim-soc", "sim-throttled", "none",
                false, "member.yaml", Duration.ofMillis(200), new NodeInfo.Curve(List.of(
                        new NodeInfo.Point(45, Duty.OFF), new NodeInfo.Point(70, Duty.FULL)), 4, 80)), System::nanoTime);
        Snapshot tick = new Snapshot(1, 0, OptionalDouble.of(62), ThrottleFlags.NONE, OptionalInt.empty(),
                new Decision(Duty.ofPercent(60), Duty.ofPercent(60), Reason.CURVE, ""), true, List.of(), 1000);
        telemetry.listeners().forEach(l -> l.onTick(tick));
        return TelemetryServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), telemetry);
    }

    @Test
    void aTrayNodeHearsItsMembersAndRunsFullForTheOneItCannot() throws Exception {
        int port = DaemonProcess.freePort();
        // b3's port: held by a bound socket that does not listen, so refused, and nobody else's meanwhile
        try (TelemetryServer b2 = member(); java.net.Socket b3 = new java.net.Socket()) {
            b3.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int nobody = b3.getLocalPort();
            Path config = dir.resolve("tray.yaml");
            Files.writeString(config, "interval: 200ms\nmetrics: {listen: 127.0.0.1:" + port + "}\ntray:\n  members:\n"
                    + "    - {name: b2, address: 127.0.0.1:" + b2.address().getPort() + "}\n"
                    + "    - {name: b3, address: 127.0.0.1:" + nobody + "}\n");
            DaemonProcess daemon = new DaemonProcess(config);
            try {
                URI status = URI.create("http://127.0.0.1:" + port + "/status");
                // b2 answers one tick only: heard once, then "the same tick again"; b3 is never there
                Optional<HttpResponse<String>> answer = daemon.poll(status, Duration.ofSeconds(30),
                        r -> r.statusCode() == 200 && r.body().contains("\"b2\":{\"lost\":false")
                                && r.body().contains("\"reason\":\"peer_lost\""));
                assertTrue(answer.isPresent(), () -> "no status; log:\n" + daemon.log());
                Map<?, ?> s = (Map<?, ?>) Json.parse(answer.get().body());
                assertEquals(1.0, s.get("duty"), answer.get().body());
                Map<?, ?> members = (Map<?, ?>) ((Map<?, ?>) s.get("tray")).get("members");
                assertEquals(0.6, ((Map<?, ?>) members.get("b2")).get("requested_duty"));
                assertEquals(true, ((Map<?, ?>) members.get("b3")).get("lost"));
                assertTrue(((String) ((Map<?, ?>) members.get("b3")).get("error")).startsWith("connect: "),
                        answer.get().body());

                Cli cli = Cli.run("status", "--url", "127.0.0.1:" + port);
                assertEquals(StatusCommand.DEGRADED, cli.exitCode(), cli.out());
                assertTrue(cli.out().contains("  tray         b2  "), cli.out());
                assertTrue(cli.out().contains("               b3  LOST, never heard from; last poll: connect: "),
                        cli.out());
                // b2's one tick goes stale too; each loss is logged once, however many rounds follow
                daemon.poll(status, Duration.ofSeconds(30), r -> r.body().contains("\"b2\":{\"lost\":true"));
                double tick = (Double) ((Map<?, ?>) Json.parse(daemon.poll(status, Duration.ofSeconds(1), r -> true)
                        .orElseThrow().body())).get("tick");
                daemon.poll(status, Duration.ofSeconds(30),
                        r -> (Double) ((Map<?, ?>) Json.parse(r.body())).get("tick") >= tick + 10);
            } finally {
                daemon.stop();
            }
            List<String> log = daemon.log();
            assertEquals(1, log.stream().filter(l -> l.contains("tray member b3 lost")).count(), () -> String.join("\n", log));
            assertEquals(1, log.stream().filter(l -> l.contains("tray member b2 lost")).count(), () -> String.join("\n", log));
            assertEquals(1, log.stream().filter(l -> l.contains("tray member b2 heard from: asks 60% (curve)")).count(),
                    () -> String.join("\n", log));
        }
    }

    @Test
    void onAKubernetesTrayANodeWithoutAnyFanOutputIsAMember() throws Exception {
        PifanConfig kubernetes = ConfigLoader.parse("tray:\n  kubernetes: {name: t1}\n", "pifan.yaml");
        assertEquals(dev.pifan.hal.linux.fans.AutoDriver.Spec.defaults().withOrNone(),
                RunCommand.hardware(kubernetes).fan());
        PifanConfig listed = ConfigLoader.parse("tray:\n  members:\n    - {name: b2, address: 10.0.0.12:9780}\n",
                "pifan.yaml");
        assertEquals(listed.hardware(), RunCommand.hardware(listed), "a listed tray's node names its own fan");
        PifanConfig named = ConfigLoader.parse("hardware:\n  fan: {driver: hwmon, name: pwmfan}\ntray:\n"
                + "  kubernetes: {name: t1}\n", "pifan.yaml");
        assertEquals(named.hardware(), RunCommand.hardware(named), "a fan the config names is never dropped");
    }

    @Test
    void aStaticListIsPolledWhereItSaysAndKubernetesOutsideAPodIsRefused() throws Exception {
        PifanConfig listed = ConfigLoader.parse("tray:\n  members:\n    - {name: b2, address: 10.0.0.12:9780}\n",
                "pifan.yaml");
        assertEquals(Map.of("b2", Optional.of(new InetSocketAddress("10.0.0.12", 9780))),
                MemberDirectories.from(listed.tray().orElseThrow(), "pifan.yaml", 9780).members());
        // no NODE_NAME, no service account here: the section names what it misses
        PifanConfig kubernetes = ConfigLoader.parse("tray:\n  kubernetes: {name: t1}\n", "pifan.yaml");
        ConfigException e = assertThrows(ConfigException.class,
                () -> MemberDirectories.from(kubernetes.tray().orElseThrow(), "pifan.yaml", 9780));
        assertTrue(e.getMessage().startsWith("pifan.yaml: tray.kubernetes: "), e.getMessage());
        Cli cli = Cli.run("run", "--sim", "--listen", "off", "-c", write("tray:\n  kubernetes: {name: t1}\n").toString());
        assertEquals(1, cli.exitCode(), cli.err());
        assertTrue(cli.err().contains("tray.kubernetes: "), cli.err());
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("k8s.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void aReloadPutsTheNewControllerOnTopOfTheSameTray() throws Exception {
        Path file = dir.resolve("pifan.yaml");
        Files.writeString(file, "tray:\n  members:\n    - {name: b2, address: 10.0.0.12:9780}\n");
        PifanConfig running = ConfigOption.loadFile(file);
        Tray tray = new Tray(List.of("b2"), running.tray().orElseThrow().staleAfter());
        ManualClock clock = new ManualClock();
        SimulatedBoard board = SimulatedBoard.bounded(BoardProfile.named("pi4-heatsink"), Scenarios.named("idle-25"),
                clock, SampleListener.ignoring());
        ControlLoop loop = new ControlLoop(board, ControlFactory.daemonController(running, Optional.of(tray)), clock);
        Daemon daemon = new Daemon(loop, running.interval(), running.fan().exit());
        ConfigReload reload = new ConfigReload(file, running, loop, daemon);
        reload.tray(tray);
        daemon.start();
        try {
            Files.writeString(file, "curve: {points: [[40, 0%], [60, 100%]]}\n"
                    + "tray:\n  members:\n    - {name: b2, address: 10.0.0.12:9780}\n");
            assertTrue(reload.reload());
            TrayController controller = assertInstanceOf(TrayController.class, loop.controller());
            assertSame(tray, controller.tray());
            // the tray's member is unheard: whatever the new curve says, the fan runs full
            assertEquals(Reason.PEER_LOST, loop.tick().reason());

            // a changed tray: section waits for the restart, and every reload of it says so
            List<String> warnings;
            try (CapturedLog log = CapturedLog.of(ConfigReload.class)) {
                Files.writeString(file, "tray:\n  members:\n    - {name: b9, address: 10.0.0.19:9780}\n");
                assertTrue(reload.reload());
                assertTrue(reload.reload());
                warnings = log.lines();
            }
            assertEquals(2, warnings.stream().filter(line -> line
                    .startsWith("the tray: section changes at the next restart")).count(), warnings::toString);
            assertSame(tray, ((TrayController) loop.controller()).tray());
        } finally {
            daemon.requestStop("test", 0);
            daemon.runUntilStopped();
        }
    }
}
