package dev.pifan.hal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.Duty;
import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.StallDetector;
import dev.pifan.hal.testing.FakeClock;
import dev.pifan.hal.testing.FaultyFiles;
import dev.pifan.hal.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HwmonFanTest {

    private static final String HWMON2 = "/sys/class/hwmon/hwmon2";

    @TempDir
    Path tmp;

    private final FakeClock clock = new FakeClock();

    @Test
    void pi5ActiveCoolerTakesManualControlAndHandsTheKernelBackItsMode() throws HalException {
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        FaultyFiles files = new FaultyFiles();
        Sysfs sysfs = new Sysfs(HostRoot.of(root), files);

        HwmonFan fan = HwmonFan.open(sysfs, "pwmfan", null, 1, StallDetector.withDefaults(clock));
        assertEquals("1", Fixtures.read(root, HWMON2 + "/pwm1_enable"), "manual control at start");
        assertEquals(Optional.of("2"), fan.enableAtOpen());
        assertEquals("pwmfan/pwm1", fan.id());

        fan.apply(Duty.ofPercent(50));
        assertEquals("128", Fixtures.read(root, HWMON2 + "/pwm1"));
        assertTrue(fan.hasTachometer());
        assertEquals(2950, fan.readRpm().getAsInt());

        assertTrue(fan.handBack(), "the kernel's automatic mode drives the fan again");
        assertEquals("2", Fixtures.read(root, HWMON2 + "/pwm1_enable"), "pwm1_enable restored at exit");
        assertEquals(List.of("sys/class/hwmon/hwmon2/pwm1_enable=1", "sys/class/hwmon/hwmon2/pwm1=128",
                "sys/class/hwmon/hwmon2/pwm1_enable=2"), files.writesUnder(root));
    }

    @Test
    void poeHatFanHasNoTachometer() throws HalException {
        Path root = Fixtures.copy(Fixtures.PI4_POE_PLUS, tmp);
        HwmonFan fan = HwmonFan.open(Sysfs.at(root), "pwmfan", "pwm-fan", 1, StallDetector.withDefaults(clock));
        assertFalse(fan.hasTachometer());
        assertTrue(fan.readRpm().isEmpty());
        fan.apply(Duty.FULL);
        assertEquals("255", Fixtures.read(root, HWMON2 + "/pwm1"));
        assertTrue(fan.handBack());
        assertEquals("2", Fixtures.read(root, HWMON2 + "/pwm1_enable"));
    }

    @Test
    void aFanFoundInManualModeIsLeftToTheCaller() throws HalException {
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        Fixtures.write(root, HWMON2 + "/pwm1_enable", "1");
        HwmonFan fan = HwmonFan.open(Sysfs.at(root), "pwmfan", null, 1, StallDetector.disabled());
        assertFalse(fan.handBack(), "nobody else drives it: the daemon sets the exit duty itself");
        assertEquals("1", Fixtures.read(root, HWMON2 + "/pwm1_enable"));
    }

    @Test
    void zeroRpmAtHighDutyAfterTheGraceIsAStall() throws HalException {
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        HwmonFan fan = HwmonFan.open(Sysfs.at(root), "pwmfan", null, 1,
                StallDetector.of(clock, Duty.ofPercent(50), Duration.ofSeconds(5)));
        Fixtures.write(root, HWMON2 + "/fan1_input", "0");
        fan.apply(Duty.FULL);
        assertEquals(0, fan.readRpm().getAsInt(), "spinning up");
        clock.advance(Duration.ofSeconds(6));
        HalException e = assertThrows(HalException.class, fan::readRpm);
        assertEquals(Kind.IMPLAUSIBLE, e.kind());
        assertTrue(e.getMessage().startsWith("fan pwmfan/pwm1 reads 0 rpm at 100% duty for 6 s"), e.getMessage());
        fan.apply(Duty.ofPercent(20));
        assertEquals(0, fan.readRpm().getAsInt(), "a slow fan may stop");
    }

    @Test
    void permissionDeniedOnPwmEnableSaysHowToFixIt() throws Exception {
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        Path enable = root.resolve("sys/class/hwmon/hwmon2/pwm1_enable");
        Sysfs sysfs;
        if (Fixtures.fileModesIgnored(tmp)) {
            sysfs = new Sysfs(HostRoot.of(root), new FaultyFiles().denyWrite(enable));
        } else {
            Files.setPosixFilePermissions(enable, PosixFilePermissions.fromString("r--r--r--"));
            sysfs = Sysfs.at(root);
        }
        HalException e = assertThrows(HalException.class,
                () -> HwmonFan.open(sysfs, "pwmfan", null, 1, StallDetector.disabled()));
        assertEquals(Kind.PERMISSION_DENIED, e.kind());
        assertEquals("permission denied writing '1' to " + enable + ": hwmon files are root-only by default: run"
                + " pifan as root or install the udev rule from systemd/", e.getMessage());
    }

    @Test
    void eioOnWriteIsAnIoError() throws HalException {
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        Path pwm1 = root.resolve("sys/class/hwmon/hwmon2/pwm1");
        HwmonFan fan = HwmonFan.open(new Sysfs(HostRoot.of(root), new FaultyFiles().failWrite(pwm1,
                "Input/output error")), "pwmfan", null, 1, StallDetector.disabled());
        HalException e = assertThrows(HalException.class, () -> fan.apply(Duty.FULL));
        assertEquals(Kind.IO_ERROR, e.kind());
        assertTrue(e.getMessage().startsWith("writing '255' to " + pwm1 + " failed with an I/O error (EIO)"),
                e.getMessage());
    }

    @Test
    void aRealOperatingSystemWriteFailureIsAnIoErrorToo() throws Exception {
        // An honest OS-level fault that root cannot bypass: pwm1 replaced by a directory (EISDIR).
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        HwmonFan fan = HwmonFan.open(Sysfs.at(root), "pwmfan", null, 1, StallDetector.disabled());
        Path pwm1 = root.resolve("sys/class/hwmon/hwmon2/pwm1");
        Files.delete(pwm1);
        Files.createDirectory(pwm1);
        HalException e = assertThrows(HalException.class, () -> fan.apply(Duty.FULL));
        assertEquals(Kind.IO_ERROR, e.kind());
        assertTrue(e.getMessage().startsWith("writing '255' to " + pwm1 + " failed"), e.getMessage());
    }

    @Test
    void aMissingDeviceListsWhatIsThere() {
        HalException e = assertThrows(HalException.class, () -> HwmonFan.open(
                Sysfs.at(Fixtures.original(Fixtures.TALOS_PI4)), "pwmfan", null, 1, StallDetector.disabled()));
        assertEquals(Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("present: [hwmon0 (rpi_volt)]"), e.getMessage());
    }
}
