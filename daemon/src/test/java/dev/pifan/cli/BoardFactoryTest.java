package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.config.ConfigLoader;
import dev.pifan.config.PifanConfig;
import dev.pifan.control.ControlLoop;
import dev.pifan.control.Snapshot;
import dev.pifan.hal.Board;
import dev.pifan.hal.Duty;
import dev.pifan.hal.MonotonicClock;
import dev.pifan.hal.io.Provider;
import dev.pifan.hal.linux.DeviceProviders;
import dev.pifan.hal.linux.HardwareSpec;
import dev.pifan.hal.linux.Host;
import dev.pifan.hal.linux.HostRoot;
import dev.pifan.hal.linux.LinuxBoard;
import dev.pifan.hal.testing.FakeDevices;
import dev.pifan.hal.testing.FaultyFiles;
import dev.pifan.hal.testing.Fixtures;
import dev.pifan.testing.FixtureTrees;
import dev.pifan.hal.testing.RegisterMapBus;
import dev.pifan.hal.testing.RegisterMapBus.Write;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend choice below the command line, where fakes can stand in for what this machine
 * lacks (an I2C bus) and every write can be recorded: one tick, then the exit state, then close,
 * as {@code pifan run --once} does.
 */
class BoardFactoryTest {

    @TempDir
    Path tmp;

    static PifanConfig linear() throws Exception {
        return ConfigLoader.parse(RealBoardRunTest.LINEAR, "linear.yaml");
    }

    static Host.Builder host(Path root) {
        return Host.builder(HostRoot.of(root)).executablePath(List.of()).providers(DeviceProviders.none());
    }

    /** One tick, the exit state of the config, close: what {@code run --once} does with a board. */
    static Snapshot tickAndLeave(Board board, PifanConfig config) throws Exception {
        try (board) {
            ControlLoop loop = new ControlLoop(board, ControlFactory.pifanController(config), MonotonicClock.system());
            Snapshot snapshot = loop.tick();
            loop.leaveFan(config.fan().exit());
            return snapshot;
        }
    }

    @Test
    void theCm4IoBoardsEmc2301GetsTheCurveThenFullSpeed() throws Exception {
        Path root = FixtureTrees.copy(Fixtures.CM4_IO_BOARD, tmp);
        FakeDevices diozero = new FakeDevices(Provider.DIOZERO);
        RegisterMapBus bus = diozero.bus(10);
        RegisterMapBus.Chip chip = RegisterMapBus.emc2301(bus.chip(0x2f)); // EN_ALGO off: nobody to hand back to
        PifanConfig config = linear();
        LinuxBoard board = BoardFactory.linux(host(root).providers(diozero.asProviders()).build(), config.hardware());
        assertEquals("emc2301@i2c-10:0x2f/fan1", board.fan().id());
        Snapshot tick = tickAndLeave(board, config);

        Duty curve = RealBoardRunTest.linearDuty(root); // 45.764 C: 28.8%
        assertEquals(curve, tick.duty());
        assertEquals(List.of(new Write(0x2f, 0x30, curve.toPwm()), new Write(0x2f, 0x30, 0xFF)), bus.writes(),
                "the curve's drive, then full drive at exit");
        assertEquals(0xFF, chip.get(0x30));
        assertTrue(bus.isClosed());
    }

    @Test
    void anEmc2301WhoseOwnAlgorithmRanGetsItBack() throws Exception {
        Path root = FixtureTrees.copy(Fixtures.CM4_IO_BOARD, tmp);
        FakeDevices diozero = new FakeDevices(Provider.DIOZERO);
        RegisterMapBus bus = diozero.bus(10);
        RegisterMapBus.Chip chip = RegisterMapBus.emc2301(bus.chip(0x2f)).set(0x32, 0xAB); // EN_ALGO on
        PifanConfig config = linear().withHardware(ConfigLoader.parse(
                "hardware: {fan: {driver: emc230x, model: emc2301, bus: 10}}", "pinned.yaml").hardware());
        LinuxBoard board = BoardFactory.linux(host(root).providers(diozero.asProviders()).build(), config.hardware());
        tickAndLeave(board, config);
        assertEquals(List.of(new Write(0x2f, 0x32, 0x2B), new Write(0x2f, 0x30, RealBoardRunTest.linearDuty(root).toPwm()),
                new Write(0x2f, 0x32, 0xAB)), bus.writes(), "direct mode, the curve, then the chip's algorithm again");
        assertEquals(0xAB, chip.get(0x32));
    }

    /** The files a Pi 4's PWM channel sees, in order: full at open, the curve's duty, full at exit; no unexport. */
    @Test
    void thePi4PwmChannelSeesTheCurvesDutyBetweenFullSpeedAtOpenAndAtExit() throws Exception {
        Path root = FixtureTrees.copy(Fixtures.PI4_PWM, tmp);
        RealBoardRunTest.createChannel(root);
        FaultyFiles files = new FaultyFiles();
        PifanConfig config = linear();
        LinuxBoard board = BoardFactory.linux(host(root).files(files).build(), config.hardware());
        tickAndLeave(board, config);
        long duty = Math.round(RealBoardRunTest.linearDuty(root).ratio() * 40_000);
        assertEquals(List.of(
                "sys/class/pwm/pwmchip0/pwm0/period=40000",
                "sys/class/pwm/pwmchip0/pwm0/duty_cycle=40000",
                "sys/class/pwm/pwmchip0/pwm0/enable=1",
                "sys/class/pwm/pwmchip0/pwm0/duty_cycle=" + duty,
                "sys/class/pwm/pwmchip0/pwm0/duty_cycle=40000"), files.writesUnder(root));
        assertEquals(17_372, duty, "48.686 C on the line from 40 C to 60 C: 43.43% of 40000 ns");
    }

    @Test
    void whatTheBoardCannotOpenIsOneLineOfBadContent() {
        Path root = FixtureTrees.copy(Fixtures.CM4_IO_BOARD, tmp);
        CliError error = assertThrows(CliError.class,
                () -> BoardFactory.linux(host(root).build(), HardwareSpec.auto()));
        assertEquals(CliError.BAD_CONTENT, error.exitCode());
        assertEquals("no usable fan under " + root + ": diozero is not available here (`pifan probe --root " + root
                + "` shows what this host has)", error.getMessage());
    }
}
