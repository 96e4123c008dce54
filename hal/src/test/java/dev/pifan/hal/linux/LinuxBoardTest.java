package dev.pifan.hal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.BoardModel;
import dev.pifan.hal.Duty;
import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.ThrottleCondition;
import dev.pifan.hal.ThrottleFlags;
import dev.pifan.hal.i2c.Emc230xFan;
import dev.pifan.hal.io.Provider;
import dev.pifan.hal.linux.fans.AutoDriver;
import dev.pifan.hal.linux.fans.Emc230xDriver;
import dev.pifan.hal.linux.fans.GpioDriver;
import dev.pifan.hal.linux.fans.HwmonDriver;
import dev.pifan.hal.linux.fans.NoneDriver;
import dev.pifan.hal.linux.fans.PwmDriver;
import dev.pifan.hal.testing.FakeClock;
import dev.pifan.hal.testing.FakeDevices;
import dev.pifan.hal.testing.Fixtures;
import dev.pifan.hal.testing.RegisterMapBus;
import dev.pifan.hal.testing.RegisterMapBus.Write;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxBoardTest {

    @TempDir
    Path tmp;

    private final FakeClock clock = new FakeClock();

    private Host.Builder host(Path root) {
        return Host.builder(HostRoot.of(root)).executablePath(List.of()).providers(DeviceProviders.none())
                .clock(clock).sleeper(clock.sleeper());
    }

    @Test
    void pi5AutoOpensTheActiveCoolerAndGivesTheZoneBackAtExit() throws HalException {
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        try (LinuxBoard board = LinuxBoard.open(host(root).build(), HardwareSpec.auto())) {
            assertEquals(BoardModel.Family.PI5, board.model().family());
            assertEquals(52.35, board.temperature().readCelsius(), 1e-9);
            assertEquals(ThrottleFlags.NONE, board.throttle().read());
            assertEquals("pwmfan/pwm1", board.fan().id());
            assertEquals("disabled", Fixtures.read(root, "/sys/class/thermal/thermal_zone0/mode"));
            board.fan().apply(Duty.ofPwm(200));
            assertEquals("200", Fixtures.read(root, "/sys/class/hwmon/hwmon2/pwm1"));
            assertEquals(HwmonDriver.Spec.pwmFan(), board.resolved().fan());
            assertTrue(board.fan().handBack());
        }
        assertEquals("enabled", Fixtures.read(root, "/sys/class/thermal/thermal_zone0/mode"));
        assertEquals("255", Fixtures.read(root, "/sys/class/hwmon/hwmon2/pwm1"));
    }

    @Test
    void pi4PwmBoardUnexportsItsChannelOnClose() throws Exception {
        Path root = Fixtures.copy(Fixtures.PI4_PWM, tmp);
        Path channel = root.resolve("sys/class/pwm/pwmchip0/pwm0");
        Files.createDirectories(channel); // exported before pifan: pre-created, as a test may do
        for (String file : List.of("period", "duty_cycle", "enable")) {
            Files.writeString(channel.resolve(file), "0\n");
        }
        Files.writeString(channel.resolve("polarity"), "normal\n");
        HardwareSpec spec = new HardwareSpec(new TemperatureSpec.Hwmon("cpu_thermal", 1), new ThrottleSpec.RpiVolt(),
                new PwmDriver.SysfsSpec("fe20c000.pwm", new SysfsPwmFan.Settings(0, 25_000,
                        SysfsPwmFan.Polarity.NORMAL, true, SysfsPwmFan.DEFAULT_EXPORT_TIMEOUT)));
        LinuxBoard board = LinuxBoard.open(host(root).build(), spec);
        assertEquals(48.686, board.temperature().readCelsius(), 1e-9);
        assertEquals(0x1, board.throttle().read().knownMask());
        board.fan().apply(Duty.ofPercent(40));
        assertEquals("16000", Fixtures.read(root, "/sys/class/pwm/pwmchip0/pwm0/duty_cycle"));
        assertEquals("40000", Fixtures.read(root, "/sys/class/pwm/pwmchip0/pwm0/period"));
        assertEquals("1", Fixtures.read(root, "/sys/class/pwm/pwmchip0/pwm0/enable"));
        board.close();
        assertEquals("", Fixtures.read(root, "/sys/class/pwm/pwmchip0/unexport"), "not ours to unexport");
    }

    @Test
    void cm4IoBoardAutoDrivesTheEmc2301ThroughTheConfiguredLibrary() throws HalException {
        Path root = Fixtures.copy(Fixtures.CM4_IO_BOARD, tmp);
        FakeDevices diozero = new FakeDevices(Provider.DIOZERO);
        RegisterMapBus bus = diozero.bus(10);
        RegisterMapBus.emc2301(bus.chip(0x2f));
        LinuxBoard board = LinuxBoard.open(host(root).providers(diozero.asProviders()).build(), HardwareSpec.auto());
        assertEquals(BoardModel.Family.CM4, board.model().family());
        assertEquals("emc2301@i2c-10:0x2f/fan1", board.fan().id());
        board.fan().apply(Duty.ofPercent(60));
        assertEquals(List.of(new Write(0x2f, 0x30, 153)), bus.writes());
        assertTrue(board.fan().readRpm().getAsInt() > 2900);
        board.close();
        assertTrue(bus.isClosed());
        assertTrue(diozero.isClosed());
    }

    @Test
    void aWrongChipIsRefusedAndEverythingOpenedIsReleased() {
        Path root = Fixtures.copy(Fixtures.CM4_IO_BOARD, tmp);
        FakeDevices diozero = new FakeDevices(Provider.DIOZERO);
        diozero.bus(10).chip(0x2f).set(0xFD, 0x12).set(0xFE, 0x00);
        HardwareSpec spec = new HardwareSpec(TemperatureSpec.Auto.defaults(), new ThrottleSpec.Auto(),
                new Emc230xDriver.Spec(Provider.DIOZERO, 10, 0x2f, 1, Optional.of(Emc230xFan.Model.EMC2301)));
        HalException e = assertThrows(HalException.class,
                () -> LinuxBoard.open(host(root).providers(diozero.asProviders()).build(), spec));
        assertEquals(Kind.WRONG_DEVICE, e.kind());
        assertTrue(e.getMessage().startsWith("EMC2301 expected at 0x2f on i2c-10: product id 0x12, vendor 0x00"),
                e.getMessage());
        assertTrue(diozero.bus(10).isClosed());
        assertTrue(diozero.isClosed());
    }

    @Test
    void talosWithAGpioFanKnowsOnlyUnderVoltage() throws HalException {
        Path root = Fixtures.copy(Fixtures.TALOS_PI4, tmp);
        FakeDevices diozero = new FakeDevices(Provider.DIOZERO);
        HardwareSpec spec = new HardwareSpec(TemperatureSpec.Auto.defaults(), new ThrottleSpec.Auto(),
                new GpioDriver.Spec(Provider.DIOZERO, 18, Duty.ofPercent(50), true));
        LinuxBoard board = LinuxBoard.open(host(root).providers(diozero.asProviders()).build(), spec);
        assertEquals(new ThrottleSpec.RpiVolt(), board.resolved().throttle());
        ThrottleFlags flags = board.throttle().read();
        assertEquals(Optional.of(false), flags.active(ThrottleCondition.UNDER_VOLTAGE));
        assertEquals(Optional.empty(), flags.active(ThrottleCondition.THROTTLED));
        assertFalse(board.fan().hasTachometer());
        board.fan().apply(Duty.ofPercent(30));
        board.fan().apply(Duty.ofPercent(35));
        board.fan().apply(Duty.ofPercent(80));
        assertEquals(List.of(true, false, true), diozero.pin(18).levels(), "on at open, then only changes");
        board.close();
        // closing the pin or the library would switch the fan off (diozero does): both are left open
        assertFalse(diozero.pin(18).isClosed(), "the fan's output is left as it is");
        assertFalse(diozero.isClosed(), "the library driving the fan is not shut down");
        assertEquals(List.of(true, false, true), diozero.pin(18).levels(), "closing the board wrote nothing");
    }

    @Test
    void aGpioFanByChipAndLineOpensThatLineNotABcmPin() throws HalException {
        Path root = Fixtures.copy(Fixtures.TALOS_PI4, tmp);
        FakeDevices diozero = new FakeDevices(Provider.DIOZERO);
        HardwareSpec spec = new HardwareSpec(TemperatureSpec.Auto.defaults(), new ThrottleSpec.Auto(),
                GpioDriver.Spec.line(Provider.DIOZERO, 1, 18, Duty.ofPercent(50), true));
        LinuxBoard board = LinuxBoard.open(host(root).providers(diozero.asProviders()).build(), spec);
        assertEquals("gpiochip1-line18", board.fan().id());
        assertNull(diozero.pin(18), "no BCM pin was claimed");
        board.fan().apply(Duty.ofPercent(30));
        assertEquals(List.of(true, false), diozero.line(1, 18).levels(), "on at open, then off below the threshold");
        board.close();
    }

    @Test
    void talosAllAutoFailsWithWhyAndWhereToLook() {
        Path root = Fixtures.original(Fixtures.TALOS_PI4);
        HalException e = assertThrows(HalException.class, () -> LinuxBoard.open(host(root).build(), HardwareSpec.auto()));
        assertEquals(Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().startsWith("no usable fan under " + root), e.getMessage());
        assertTrue(e.getMessage().contains("pifan probe"), e.getMessage());
    }

    @Test
    void withOrNoneABoardWithoutAnyFanOutputIsAFanlessTrayMember() throws HalException {
        Path root = Fixtures.original(Fixtures.TALOS_PI4);
        HardwareSpec orNone = new HardwareSpec(HardwareSpec.auto().temperature(), HardwareSpec.auto().throttle(),
                AutoDriver.Spec.defaults().withOrNone());
        try (LinuxBoard board = LinuxBoard.open(host(root).build(), orNone)) {
            assertEquals("none", board.fan().id());
            assertFalse(board.fan().hasTachometer());
            board.fan().apply(Duty.ofPercent(40)); // drives nothing, cannot fail
            assertEquals(new NoneDriver.Spec(), board.resolved().fan());
        }
    }

    @Test
    void withOrNoneAFanThatIsThereIsDriven() throws HalException {
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        HardwareSpec orNone = new HardwareSpec(HardwareSpec.auto().temperature(), HardwareSpec.auto().throttle(),
                AutoDriver.Spec.defaults().withOrNone());
        try (LinuxBoard board = LinuxBoard.open(host(root).build(), orNone)) {
            assertEquals("pwmfan/pwm1", board.fan().id());
        }
    }

    @Test
    void anAutoThrottleThatFailsToOpenFallsBackToTheNext() throws Exception {
        Path root = Fixtures.copy(Fixtures.PI4_POE_PLUS, tmp);
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.writeString(bin.resolve("vcgencmd"), "#!/bin/sh\necho 'VCHI initialization failed'; exit 1\n");
        bin.resolve("vcgencmd").toFile().setExecutable(true);
        Files.delete(root.resolve("sys/devices/platform/soc/soc:firmware/get_throttled"));
        LinuxBoard board = LinuxBoard.open(host(root).executablePath(List.of(bin)).build(), HardwareSpec.auto());
        assertEquals(new ThrottleSpec.RpiVolt(), board.resolved().throttle(), "vcgencmd failed: group video missing");
        assertTrue(board.throttle().read().isActive(ThrottleCondition.UNDER_VOLTAGE));
        board.close();
    }
}
