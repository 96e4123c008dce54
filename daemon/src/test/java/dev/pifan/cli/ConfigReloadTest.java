package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.config.PifanConfig;
import dev.pifan.config.ProfileDefaults;
import dev.pifan.control.ControlLoop;
import dev.pifan.hal.sim.BoardProfile;
import dev.pifan.hal.sim.Fault;
import dev.pifan.hal.sim.SampleListener;
import dev.pifan.hal.sim.Scenarios;
import dev.pifan.hal.sim.SimulatedBoard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReloadTest {

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();
    // the sensor reads 55 C throughout, so the curve alone decides the duty
    private final SimulatedBoard board = SimulatedBoard.bounded(BoardProfile.named("pi4-heatsink"),
            Scenarios.named("idle-25").withFault(Fault.parse("sensor-stuck:0:3600:55")), clock, SampleListener.ignoring());

    private double curveDutyAfterATick(ControlLoop loop) {
        clock.advance(Duration.ofSeconds(1).toNanos());
        return loop.tick().decision().curveDuty().ratio();
    }

    @Test
    void aGoodFileReplacesTheControllerAndABrokenOneIsRefused() throws Exception {
        Path file = dir.resolve("pifan.yaml");
        Files.writeString(file, "curve: {points: [[45, 0%], [65, 100%]]}\n");
        PifanConfig running = ConfigOption.loadFile(file);
        ControlLoop loop = new ControlLoop(board, ControlFactory.pifanController(running), clock);
        Daemon daemon = new Daemon(loop, running.interval(), running.fan().exit());
        daemon.start();
        try {
            ConfigReload reload = new ConfigReload(file, running, loop, daemon);
            java.util.List<PifanConfig> told = new java.util.ArrayList<>();
            reload.onAccepted(told::add);
            assertEquals(0.5, curveDutyAfterATick(loop), 1e-9);

            Files.writeString(file, "curve: {points: [[45, 0%], [50, 30%], [48, 100%]]}\n");
            assertFalse(reload.reload());
            assertEquals(1, reload.refused());
            assertEquals(running, reload.current());
            assertEquals(0.5, curveDutyAfterATick(loop), 1e-9, "the running curve stays");
            assertEquals(java.util.List.of(), told, "a refused file is nobody's news");

            Files.writeString(file, "curve: {points: [[40, 0%], [60, 100%]]}\nfan: {exit: full}\n");
            assertTrue(reload.reload());
            assertEquals(1, reload.accepted());
            assertEquals(60.0, reload.current().curve().points().get(1).celsius());
            assertEquals(0.75, curveDutyAfterATick(loop), 1e-9, "the new curve runs");
            assertEquals(java.util.List.of(reload.current()), told, "telemetry hears of the new configuration");
        } finally {
            daemon.requestStop("test over", 0);
            daemon.runUntilStopped();
        }
    }

    @Test
    void anIntervalTheWatchdogCannotWatchAndAnEmptyFileAreRefusedAndTheRunningConfigStays() throws Exception {
        Path file = dir.resolve("pifan.yaml");
        Files.writeString(file, "interval: 1s\n");
        PifanConfig running = ConfigOption.loadFile(file);
        ControlLoop loop = new ControlLoop(board, ControlFactory.pifanController(running), clock);
        Daemon daemon = new Daemon(loop, running.interval(), running.fan().exit());
        daemon.start();
        try {
            ConfigReload reload = new ConfigReload(file, ProfileDefaults.AUTO_PROFILE, running, loop, daemon,
                    new ReloadRead(Duration.ofSeconds(5), () -> { }));
            reload.watchdog(dev.pifan.systemd.WatchdogLimit.of(java.util.OptionalLong.of(10_000_000)));
            Files.writeString(file, "interval: 15s\n");
            assertFalse(reload.reload());
            Files.writeString(file, "");
            assertFalse(reload.reload(), "an empty file is no reason to run the defaults");
            assertEquals(2, reload.refused());
            assertEquals(running, reload.current());
            Files.writeString(file, "interval: 5s\n");
            assertTrue(reload.reload(), "half the watchdog is watchable");
        } finally {
            daemon.requestStop("test over", 0);
            daemon.runUntilStopped();
        }
    }

    @Test
    void withoutAFileThereIsNothingToReload() {
        PifanConfig defaults = PifanConfig.defaults("pi4-heatsink");
        ControlLoop loop = new ControlLoop(board, ControlFactory.pifanController(defaults), clock);
        ConfigReload reload = new ConfigReload(null, defaults, loop, new Daemon(loop, defaults.interval(),
                defaults.fan().exit()));
        assertFalse(reload.reload());
        assertEquals(1, reload.refused());
    }
}
