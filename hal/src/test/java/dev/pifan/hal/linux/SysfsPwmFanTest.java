package dev.pifan.hal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.Duty;
import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.testing.FakeClock;
import dev.pifan.hal.testing.FaultyFiles;
import dev.pifan.hal.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsPwmFanTest {

    private static final String CHIP = "/sys/class/pwm/pwmchip0";

    @TempDir
    Path tmp;

    /** What the kernel and udev do after "0" is written to export: create pwm0/ with its files. */
    private static void createChannel(Path root, String polarity, String enable, String duty) {
        try {
            Path dir = root.resolve("sys/class/pwm/pwmchip0/pwm0");
            Path staging = Files.createTempDirectory(root, "udev");
            Files.writeString(staging.resolve("period"), "0\n");
            Files.writeString(staging.resolve("duty_cycle"), duty + "\n");
            Files.writeString(staging.resolve("polarity"), polarity + "\n");
            Files.writeString(staging.resolve("enable"), enable + "\n");
            Files.move(staging, dir); // appears at once, as sysfs directories do
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * udev as pifan meets it: the channel appears while pifan waits after its export, never before
     * (so the wait is exercised), and only once export was written. Counts pifan's waits.
     */
    private static Sleeper udevDuringTheWait(Path root, FakeClock clock, AtomicInteger waits) {
        return duration -> {
            waits.incrementAndGet();
            if (!Fixtures.read(root, CHIP + "/export").isBlank() && !Files.exists(root.resolve(CHIP.substring(1)
                    + "/pwm0"))) {
                createChannel(root, "normal", "0", "0");
            }
            clock.sleeper().sleep(duration);
        };
    }

    @Test
    void ebusyFromAChannelAKernelDriverHoldsIsNamedAtOnceWithoutWaitingForUdev() throws Exception {
        Path root = Fixtures.copy(Fixtures.PI4_PWM, tmp);
        Fixtures.pwmConsumer(root, CHIP, "cooling_fan", "pwm-fan");
        Sysfs sysfs = new Sysfs(HostRoot.of(root), new FaultyFiles()
                .failWrite(root.resolve("sys/class/pwm/pwmchip0/export"), "Device or resource busy"));
        FakeClock clock = new FakeClock();
        HalException e = assertThrows(HalException.class, () -> SysfsPwmFan.open(sysfs,
                PwmChip.find(sysfs, "pwmchip0"), SysfsPwmFan.Settings.of(0), clock, clock.sleeper()));
        assertEquals(Kind.PERMISSION_DENIED, e.kind());
        assertTrue(e.getMessage().contains("channel 0 is held by the kernel driver pwm-fan (cooling_fan) (export fails"
                + " with EBUSY); drive it through its hwmon fan: fan: {driver: hwmon, name: pwmfan}"), e.getMessage());
        assertEquals(0, clock.nanos(), "no export timeout waited out");
    }

    @Test
    void exportsWaitsForUdevConfiguresRunsAndStaysExportedAtClose() throws Exception {
        Path root = Fixtures.copy(Fixtures.PI4_PWM, tmp);
        FaultyFiles files = new FaultyFiles();
        Sysfs sysfs = new Sysfs(HostRoot.of(root), files);
        PwmChip chip = PwmChip.find(sysfs, "fe20c000.pwm");
        FakeClock clock = new FakeClock();
        AtomicInteger waits = new AtomicInteger();

        SysfsPwmFan fan = SysfsPwmFan.open(sysfs, chip, SysfsPwmFan.Settings.of(0), clock,
                udevDuringTheWait(root, clock, waits));
        assertEquals(1, waits.get(), "pifan waited once for udev to create the channel");
        assertEquals("brcm,bcm2835-pwm/pwm0", fan.id());
        assertEquals(List.of(
                "sys/class/pwm/pwmchip0/export=0",
                "sys/class/pwm/pwmchip0/pwm0/period=40000",
                "sys/class/pwm/pwmchip0/pwm0/duty_cycle=40000",
                "sys/class/pwm/pwmchip0/pwm0/enable=1"), files.writesUnder(root),
                "25 kHz period before the duty, full speed until the first tick, then enable");

        fan.apply(Duty.ofPercent(25));
        assertEquals("10000", Fixtures.read(root, CHIP + "/pwm0/duty_cycle"));
        assertEquals("1", Fixtures.read(root, CHIP + "/pwm0/enable"));
        assertEquals("normal", Fixtures.read(root, CHIP + "/pwm0/polarity"));
        assertFalse(fan.handBack());

        fan.apply(Duty.FULL); // the daemon's exit state
        assertFalse(fan.willUnexport());
        fan.close();
        assertEquals("", Fixtures.read(root, CHIP + "/unexport"), "unexporting would stop the fan: not by default");
        assertEquals("40000", Fixtures.read(root, CHIP + "/pwm0/duty_cycle"));
        assertEquals("1", Fixtures.read(root, CHIP + "/pwm0/enable"));
        assertThrows(HalException.class, () -> fan.apply(Duty.FULL));
    }

    @Test
    void unexportsAtCloseOnlyWhenAskedAndOnlyWhatItExported() throws Exception {
        Path root = Fixtures.copy(Fixtures.PI4_PWM, tmp);
        Sysfs sysfs = new Sysfs(HostRoot.of(root), FileAccess.system());
        PwmChip chip = PwmChip.find(sysfs, "fe20c000.pwm");
        FakeClock clock = new FakeClock();
        SysfsPwmFan.Settings unexport = new SysfsPwmFan.Settings(0, SysfsPwmFan.DEFAULT_FREQUENCY_HZ,
                SysfsPwmFan.Polarity.NORMAL, true, SysfsPwmFan.DEFAULT_EXPORT_TIMEOUT);
        SysfsPwmFan fan = SysfsPwmFan.open(sysfs, chip, unexport, clock,
                udevDuringTheWait(root, clock, new AtomicInteger()));
        assertTrue(fan.willUnexport());
        fan.close();
        assertEquals("0", Fixtures.read(root, CHIP + "/unexport"), "unexported at exit, as configured");
    }

    @Test
    void inversedPolarityIsSetWhileTheChannelIsDisabledAndALongOldDutyIsClearedFirst() throws HalException {
        Path root = Fixtures.copy(Fixtures.PI4_PWM, tmp);
        createChannel(root, "normal", "1", "1000000"); // already exported and running at 1 kHz
        FaultyFiles files = new FaultyFiles();
        Sysfs sysfs = new Sysfs(HostRoot.of(root), files);
        SysfsPwmFan.Settings settings = new SysfsPwmFan.Settings(0, 25_000, SysfsPwmFan.Polarity.INVERSED, true,
                Duration.ofSeconds(1));
        FakeClock clock = new FakeClock();

        SysfsPwmFan fan = SysfsPwmFan.open(sysfs, PwmChip.find(sysfs, "pwmchip0"), settings, clock, clock.sleeper());
        assertEquals(List.of(
                "sys/class/pwm/pwmchip0/pwm0/duty_cycle=0",
                "sys/class/pwm/pwmchip0/pwm0/period=40000",
                "sys/class/pwm/pwmchip0/pwm0/enable=0",
                "sys/class/pwm/pwmchip0/pwm0/polarity=inversed",
                "sys/class/pwm/pwmchip0/pwm0/duty_cycle=40000",
                "sys/class/pwm/pwmchip0/pwm0/enable=1"), files.writesUnder(root));
        assertFalse(fan.willUnexport(), "someone else exported it: it stays exported");
        fan.close();
        assertEquals("", Fixtures.read(root, CHIP + "/unexport"));
        assertEquals("", Fixtures.read(root, CHIP + "/export"));
    }

    @Test
    void aChannelThatNeverAppearsTimesOutOnTheInjectedClockAndIsUnexported() {
        Path root = Fixtures.copy(Fixtures.PI4_PWM, tmp);
        Sysfs sysfs = Sysfs.at(root);
        FakeClock clock = new FakeClock();
        HalException e = assertThrows(HalException.class, () -> SysfsPwmFan.open(sysfs, PwmChip.find(sysfs,
                "bcm2835-pwm"), SysfsPwmFan.Settings.of(0), clock, clock.sleeper()));
        assertEquals(Kind.TIMEOUT, e.kind());
        assertTrue(e.getMessage().contains("pwmchip0/pwm0 did not appear 2000 ms after export"), e.getMessage());
        assertEquals(100, clock.sleeps(), "2 s in 20 ms steps, all on the fake clock");
        assertEquals("0", Fixtures.read(root, CHIP + "/unexport"), "what was exported is unexported again");
    }

    @Test
    void aChannelTheChipDoesNotHaveIsRefusedBeforeExport() {
        Path root = Fixtures.copy(Fixtures.PI4_PWM, tmp);
        Sysfs sysfs = Sysfs.at(root);
        FakeClock clock = new FakeClock();
        HalException e = assertThrows(HalException.class, () -> SysfsPwmFan.open(sysfs, PwmChip.find(sysfs,
                "pwmchip0"), SysfsPwmFan.Settings.of(2), clock, clock.sleeper()));
        assertEquals(Kind.NOT_FOUND, e.kind());
        assertEquals("", Fixtures.read(root, CHIP + "/export"));
    }

    @Test
    void permissionDeniedOnExportNamesTheGroupAndTheUdevRule() {
        Path root = Fixtures.copy(Fixtures.PI4_PWM, tmp);
        Path export = root.resolve("sys/class/pwm/pwmchip0/export");
        Sysfs sysfs = new Sysfs(HostRoot.of(root), new FaultyFiles().denyWrite(export));
        FakeClock clock = new FakeClock();
        HalException e = assertThrows(HalException.class, () -> SysfsPwmFan.open(sysfs, PwmChip.find(sysfs,
                "pwmchip0"), SysfsPwmFan.Settings.of(0), clock, clock.sleeper()));
        assertEquals(Kind.PERMISSION_DENIED, e.kind());
        assertTrue(e.getMessage().contains("group gpio"), e.getMessage());
        assertTrue(e.getMessage().contains("udev rule from systemd/"), e.getMessage());
    }

    @Test
    void chipsAreFoundByWhatTheirDeviceIsNotByNumber() throws HalException {
        Sysfs sysfs = Sysfs.at(Fixtures.original(Fixtures.PI4_PWM));
        for (String selector : List.of("pwmchip0", "fe20c000.pwm", "bcm2835-pwm", "brcm,bcm2835-pwm",
                "/soc/pwm@7e20c000")) {
            assertEquals("pwmchip0", PwmChip.find(sysfs, selector).name(), selector);
        }
        HalException e = assertThrows(HalException.class, () -> PwmChip.find(sysfs, "1f0009c000.pwm"));
        assertTrue(e.getMessage().contains("chips present: [pwmchip0 (pwm, brcm,bcm2835-pwm, npwm 2)]"),
                e.getMessage());
        assertFalse(PwmChip.find(Sysfs.at(Fixtures.original(Fixtures.PI4_POE_PLUS)), "pwmchip0").isFreeForFans());
        assertEquals("pwmchip0", PwmChip.find(Sysfs.at(Fixtures.original(Fixtures.PI5_ACTIVE_COOLER)), "rpi-pwm")
                .name(), "RP1's platform driver is rpi-pwm (raspberrypi/linux drivers/pwm/pwm-rp1.c)");
    }

    @Test
    void thePoeHatPwmOverI2cIsNotFreeForFansEither() throws Exception {
        // dtparam=poe_fan_i2c (raspberrypi/linux rpi-poe-overlay.dts, node poe_pwm@f0): same driver
        // (raspberrypi-poe-pwm), compatible raspberrypi,poe-pwm
        Path root = Fixtures.copy(Fixtures.PI4_POE_PLUS, tmp);
        Files.writeString(root.resolve("sys/class/pwm/pwmchip0/device/uevent"), "DRIVER=raspberrypi-poe-pwm\n"
                + "OF_NAME=poe_pwm\nOF_COMPATIBLE_0=raspberrypi,poe-pwm\nOF_COMPATIBLE_N=1\n");
        assertFalse(PwmChip.find(Sysfs.at(root), "raspberrypi-poe-pwm").isFreeForFans());
        Files.writeString(root.resolve("sys/class/pwm/pwmchip0/device/uevent"), "DRIVER=raspberrypi-poe-pwm\n");
        assertFalse(PwmChip.find(Sysfs.at(root), "pwmchip0").isFreeForFans(), "the driver name alone is enough");
    }

    @Test
    void aRealSymlinkedSysfsLayoutIsFollowed() throws Exception {
        // /sys/class/pwm/pwmchip0 -> ../../devices/platform/soc/fe20c000.pwm/pwm/pwmchip0, device -> ../../../fe20c000.pwm
        Path device = Files.createDirectories(tmp.resolve("sys/devices/platform/soc/fe20c000.pwm"));
        Files.writeString(device.resolve("uevent"), "DRIVER=bcm2835-pwm\n");
        Path chipDir = Files.createDirectories(device.resolve("pwm/pwmchip0"));
        Files.writeString(chipDir.resolve("npwm"), "2\n");
        Files.createSymbolicLink(chipDir.resolve("device"), Path.of("../../../fe20c000.pwm"));
        Files.createDirectories(tmp.resolve("sys/class/pwm"));
        Files.createSymbolicLink(tmp.resolve("sys/class/pwm/pwmchip0"),
                Path.of("../../devices/platform/soc/fe20c000.pwm/pwm/pwmchip0"));

        PwmChip chip = PwmChip.find(Sysfs.at(tmp), "fe20c000.pwm");
        assertEquals("fe20c000.pwm", chip.device().linkName());
        assertEquals("bcm2835-pwm", chip.device().driver());
        assertEquals("fe20c000.pwm", chip.selector());
        assertEquals(2, chip.npwm());
    }
}
