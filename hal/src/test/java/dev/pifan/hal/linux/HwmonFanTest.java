package dev.pifan.hal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.Duty;
import dev.pifan.hal.FanOwner;
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

    private static final String ZONE0 = "/sys/class/thermal/thermal_zone0";

    @Test
    void onRaspberryPiOsTheZoneIsDisabledAndAtExitEnabledAgainAfterFullSpeed() throws HalException {
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp); // available_policies: step_wise only
        FaultyFiles files = new FaultyFiles();
        Sysfs sysfs = new Sysfs(HostRoot.of(root), files);

        HwmonFan fan = HwmonFan.open(sysfs, "pwmfan", null, 1, StallDetector.withDefaults(clock));
        assertEquals("disabled", Fixtures.read(root, ZONE0 + "/mode"), "the governor no longer steps the fan");
        assertEquals("1", Fixtures.read(root, HWMON2 + "/pwm1_enable"), "pwm1_enable is not a manual mode: untouched");
        assertTrue(fan.owner().describe().startsWith(
                "pifan (taken from the kernel: thermal_zone0 (cpu-thermal) mode disabled"), fan.owner().describe());
        assertEquals("pwmfan/pwm1", fan.id());

        fan.apply(Duty.ofPercent(50));
        assertEquals("128", Fixtures.read(root, HWMON2 + "/pwm1"));
        assertTrue(fan.hasTachometer());
        assertEquals(2950, fan.readRpm().getAsInt());

        assertTrue(fan.handBack(), "the kernel drives the fan again");
        assertEquals("enabled", Fixtures.read(root, ZONE0 + "/mode"));
        assertEquals(List.of("sys/class/hwmon/hwmon2/pwm1=75", "sys/class/thermal/thermal_zone0/mode=disabled",
                "sys/class/hwmon/hwmon2/pwm1=128", "sys/class/hwmon/hwmon2/pwm1=255",
                "sys/class/thermal/thermal_zone0/mode=enabled"), files.writesUnder(root),
                "full speed before the zone is given back: the governor only steps down from there");
    }

    @Test
    void whereTheKernelHasUserSpaceOnlyTheGovernorIsSwitched() throws HalException {
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        Fixtures.write(root, ZONE0 + "/available_policies", "user_space step_wise");
        HwmonFan fan = HwmonFan.open(Sysfs.at(root), "pwmfan", null, 1, StallDetector.disabled());
        assertEquals("user_space", Fixtures.read(root, ZONE0 + "/policy"));
        assertEquals("enabled", Fixtures.read(root, ZONE0 + "/mode"), "the critical trip stays the kernel's");
        assertTrue(fan.handBack());
        assertEquals("step_wise", Fixtures.read(root, ZONE0 + "/policy"));
    }

    @Test
    void theGovernorStrategyWithoutUserSpaceIsRefusedAndTouchesNothingOfTheZone() throws HalException {
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        HalException e = assertThrows(HalException.class, () -> HwmonFan.open(Sysfs.at(root), "pwmfan", null, 1,
                StallDetector.disabled(), Takeover.GOVERNOR, TakeoverRecords.none()));
        assertEquals(Kind.UNSUPPORTED, e.kind());
        assertTrue(e.getMessage().contains("has no user_space governor (available_policies: step_wise)"), e.getMessage());
        assertEquals("enabled", Fixtures.read(root, ZONE0 + "/mode"));
        assertEquals("step_wise", Fixtures.read(root, ZONE0 + "/policy"));
    }

    @Test
    void afterASigkillTheNextPifanGivesBackWhatTheKernelHadNotWhatItFound() throws Exception {
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        TakeoverRecords records = TakeoverRecords.in(tmp.resolve("run-pifan"));
        HwmonFan killed = HwmonFan.open(Sysfs.at(root), "pwmfan", null, 1, StallDetector.disabled(), Takeover.AUTO,
                records);
        killed.apply(Duty.ofPercent(30));
        assertEquals("enabled", Files.readString(tmp.resolve("run-pifan/zone-thermal_zone0-mode")).strip());
        // SIGKILL: no hand-back; the zone stays disabled as the killed pifan left it, and the kernel frees its lock
        killed.releaseLock();

        HwmonFan next = HwmonFan.open(Sysfs.at(root), "pwmfan", null, 1, StallDetector.disabled(), Takeover.AUTO,
                records);
        assertEquals("disabled", Fixtures.read(root, ZONE0 + "/mode"));
        assertTrue(next.handBack());
        assertEquals("enabled", Fixtures.read(root, ZONE0 + "/mode"), "the record, not the disabled mode found");
        assertEquals(List.of(), records.keys(), "the records are gone once handed back");
    }

    @Test
    void restoreGivesBackWhatAKilledPifanTookFullSpeedFirst() throws Exception {
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        TakeoverRecords records = TakeoverRecords.in(tmp.resolve("run-pifan"));
        HwmonFan.open(Sysfs.at(root), "pwmfan", null, 1, StallDetector.disabled(), Takeover.AUTO, records)
                .apply(Duty.ofPercent(30)); // then SIGKILL
        FaultyFiles files = new FaultyFiles();
        List<String> done = ZoneTakeover.restore(new Sysfs(HostRoot.of(root), files), records);
        assertEquals(List.of("sys/class/hwmon/hwmon2/pwm1=255", "sys/class/thermal/thermal_zone0/mode=enabled"),
                files.writesUnder(root));
        assertEquals(2, done.size(), done.toString());
        assertEquals(List.of(), records.keys());
    }

    @Test
    void aRecordTheKernelWouldNotTakeIsNeverWritten() throws Exception {
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        Fixtures.write(root, ZONE0 + "/mode", "disabled"); // as a killed pifan left it
        Path dir = Files.createDirectories(tmp.resolve("run-pifan"));
        Files.writeString(dir.resolve("zone-thermal_zone0-mode"), "rm -rf /\n");
        Files.writeString(dir.resolve("zone-thermal_zone0-policy"), "fair_share\n"); // not available here
        Files.writeString(dir.resolve("zone-thermal_zone0-trip_point_0_temp"), "1000\n"); // not a key of ours
        ZoneTakeover.restore(Sysfs.at(root), TakeoverRecords.in(dir));
        assertEquals("enabled", Fixtures.read(root, ZONE0 + "/mode"), "the kernel driving the fan, not the record's text");
        assertEquals("step_wise", Fixtures.read(root, ZONE0 + "/policy"));
        assertFalse(Files.exists(root.resolve("sys/class/thermal/thermal_zone0/trip_point_0_temp")));
    }

    @Test
    void aSettingPifanDidNotWriteIsAConflictAndTheZoneIsTakenAgain() throws HalException {
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        HwmonFan fan = HwmonFan.open(Sysfs.at(root), "pwmfan", null, 1, StallDetector.disabled());
        fan.apply(Duty.ofPercent(30));
        fan.apply(Duty.ofPercent(30));
        assertEquals(0, fan.conflicts());
        Fixtures.write(root, ZONE0 + "/mode", "enabled"); // someone gave the zone back to the governor,
        Fixtures.write(root, HWMON2 + "/pwm1", "125"); // which set its level
        fan.apply(Duty.ofPercent(30));
        assertEquals(1, fan.conflicts());
        assertEquals("disabled", Fixtures.read(root, ZONE0 + "/mode"), "taken again");
        assertEquals("77", Fixtures.read(root, HWMON2 + "/pwm1"));
    }

    @Test
    void aDriverThatKeepsOnlyItsOwnStepsIsNoConflict() throws HalException {
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        // gpio-fan with two speeds: pwm1 = DIV_ROUND_UP(pwm * 1, 255) * 255, so 77 reads back as 255
        FaultyFiles files = new FaultyFiles().driver(root.resolve(HWMON2.substring(1) + "/pwm1"),
                v -> Integer.parseInt(v.strip()) == 0 ? "0" : "255");
        HwmonFan fan = HwmonFan.open(new Sysfs(HostRoot.of(root), files), "pwmfan", null, 1, StallDetector.disabled());
        fan.apply(Duty.ofPercent(30));
        fan.apply(Duty.ofPercent(30));
        fan.apply(Duty.OFF);
        fan.apply(Duty.OFF);
        assertEquals(0, fan.conflicts(), "what the driver showed after pifan's write is pifan's");
        Fixtures.write(root, HWMON2 + "/pwm1", "255"); // the governor's step
        fan.apply(Duty.OFF);
        assertEquals(1, fan.conflicts());
    }

    @Test
    void whatADriverWithStepsRunsIsReportedAsDriven() throws HalException {
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        FaultyFiles files = new FaultyFiles().driver(root.resolve(HWMON2.substring(1) + "/pwm1"),
                v -> Integer.parseInt(v.strip()) == 0 ? "0" : "255"); // gpio-fan's two speeds, as above
        HwmonFan fan = HwmonFan.open(new Sysfs(HostRoot.of(root), files), "pwmfan", null, 1, StallDetector.disabled());
        assertEquals(Optional.empty(), fan.driven(), "nothing written yet");
        fan.apply(Duty.ofPercent(30));
        assertEquals(Optional.of(Duty.FULL), fan.driven(), "30% asked, the driver's one step above off");
        fan.apply(Duty.OFF);
        assertEquals(Optional.of(Duty.OFF), fan.driven());
    }

    @Test
    void gpioFanSpeedMapIsNoTachometer() throws HalException {
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        Fixtures.write(root, HWMON2 + "/name", "gpio_fan"); // its fan1_input is the speed map's rpm
        HwmonFan fan = HwmonFan.open(Sysfs.at(root), "gpio_fan", null, 1, StallDetector.withDefaults(clock));
        assertFalse(fan.hasTachometer());
        assertTrue(fan.readRpm().isEmpty());
    }

    @Test
    void takeoverNoneWritesNoFileAndLeavesTheFanToTheKernel() throws HalException {
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        FaultyFiles files = new FaultyFiles();
        HwmonFan fan = HwmonFan.open(new Sysfs(HostRoot.of(root), files), "pwmfan", null, 1, StallDetector.disabled(),
                Takeover.NONE, TakeoverRecords.in(tmp.resolve("run-pifan")));
        fan.apply(Duty.FULL);
        assertTrue(fan.handBack(), "the kernel drives it, as it did all along");
        assertEquals(List.of(), files.writesUnder(root));
        assertEquals(FanOwner.KERNEL, fan.owner());
        assertFalse(Files.exists(tmp.resolve("run-pifan")), "no record either");
    }

    @Test
    void aFanNoZoneDrivesIsLeftToTheCaller() throws Exception {
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        Fixtures.write(root, ZONE0 + "/mode", "disabled"); // nobody else drives it (and no record of ours)
        HwmonFan fan = HwmonFan.open(Sysfs.at(root), "pwmfan", null, 1, StallDetector.disabled());
        assertEquals(FanOwner.PIFAN, fan.owner());
        assertFalse(fan.handBack(), "nobody else drives it: the daemon sets the exit duty itself");
        assertEquals("disabled", Fixtures.read(root, ZONE0 + "/mode"), "not pifan's to enable");
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
        assertEquals("enabled", Fixtures.read(root, ZONE0 + "/mode"));
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
    void permissionDeniedOnPwmSaysHowToFixItAndLeavesTheZoneAlone() throws Exception {
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        Path enable = root.resolve("sys/class/hwmon/hwmon2/pwm1");
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
        assertEquals("permission denied writing '75' to " + enable + ": hwmon files are root-only by default: run"
                + " pifan as root or install the udev rule from systemd/", e.getMessage());
        assertEquals("enabled", Fixtures.read(root, ZONE0 + "/mode"));
    }

    @Test
    void eioOnWriteIsAnIoErrorAtOpenBeforeTheZoneIsTaken() throws HalException {
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        Path pwm1 = root.resolve("sys/class/hwmon/hwmon2/pwm1");
        Sysfs failing = new Sysfs(HostRoot.of(root), new FaultyFiles().failWrite(pwm1, "Input/output error"));
        HalException e = assertThrows(HalException.class,
                () -> HwmonFan.open(failing, "pwmfan", null, 1, StallDetector.disabled()));
        assertEquals(Kind.IO_ERROR, e.kind());
        assertTrue(e.getMessage().startsWith("writing '75' to " + pwm1 + " failed with an I/O error (EIO)"),
                e.getMessage());
        assertEquals("enabled", Fixtures.read(root, ZONE0 + "/mode"), "a fan pifan cannot write stays the kernel's");
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
        assertTrue(e.getMessage().contains("present: [hwmon0 (rpi_volt), hwmon1 (cpu_thermal)]"), e.getMessage());
    }

    /** A CM4 IO board with the kernel's emc2305 bound: the register shows max(hwmon, thermal) state. */
    private Path cm4WithEmc2305Bound() {
        Path root = Fixtures.copy(Fixtures.CM4_IO_BOARD, tmp);
        Fixtures.write(root, "/sys/class/hwmon/hwmon3/name", "emc2305");
        Fixtures.write(root, "/sys/class/hwmon/hwmon3/pwm1", "102");
        Fixtures.write(root, "/sys/class/thermal/cooling_device0/type", "emc2305_fan");
        Fixtures.write(root, "/sys/class/thermal/cooling_device0/cur_state", "4"); // the zone's last word
        return root;
    }

    @Test
    void emc2305sThermalMinimumIsReleasedAfterPifansFirstWrite() throws HalException {
        Path root = cm4WithEmc2305Bound();
        FaultyFiles files = new FaultyFiles();
        HwmonFan fan = HwmonFan.open(new Sysfs(HostRoot.of(root), files), "emc2305", null, 1,
                StallDetector.disabled(), Takeover.AUTO, TakeoverRecords.none());
        assertEquals(List.of("sys/class/hwmon/hwmon3/pwm1=102", "sys/class/thermal/cooling_device0/cur_state=0"),
                files.writesUnder(root), "pifan's write holds the fan where it was; only then the minimum goes");
        fan.apply(Duty.ofPercent(20));
        assertEquals("51", Fixtures.read(root, "/sys/class/hwmon/hwmon3/pwm1"));
    }

    @Test
    void aPwmFanHasNoThermalMinimumToRelease() throws HalException {
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        HwmonFan.open(Sysfs.at(root), "pwmfan", null, 1, StallDetector.disabled(), Takeover.AUTO,
                TakeoverRecords.none());
        assertEquals("1", Fixtures.read(root, "/sys/class/thermal/cooling_device0/cur_state"),
                "pwm-fan's cur_state sets the pwm itself: pifan never writes it");
    }

    @Test
    void fullSpeedAfterTheHandBackIsNoConflict() throws HalException {
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        HwmonFan fan = HwmonFan.open(Sysfs.at(root), "pwmfan", null, 1, StallDetector.disabled(), Takeover.AUTO,
                TakeoverRecords.none());
        fan.apply(Duty.ofPercent(40));
        fan.handBack();
        fan.apply(Duty.FULL); // the exit path's full speed after a hand-back
        assertEquals(0, fan.conflicts(), "the 255 pifan itself wrote in the hand-back");
    }

    private Path pi5WithTrips() {
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        Fixtures.write(root, ZONE0 + "/trip_point_0_type", "critical");
        Fixtures.write(root, ZONE0 + "/trip_point_0_temp", "110000");
        Fixtures.write(root, ZONE0 + "/trip_point_1_type", "active");
        Fixtures.write(root, ZONE0 + "/trip_point_1_temp", "50000");
        return root;
    }

    @Test
    void aDisabledZoneLeavesItsCriticalTripToPifanUntilItIsYielded() throws HalException {
        Path root = pi5WithTrips();
        HwmonFan fan = HwmonFan.open(Sysfs.at(root), "pwmfan", null, 1, StallDetector.disabled(), Takeover.ZONE,
                TakeoverRecords.none());
        assertEquals(java.util.OptionalDouble.of(110.0), fan.kernelCriticalC());
        fan.apply(Duty.ofPercent(40));

        fan.yieldAtCritical();

        assertEquals("enabled", Fixtures.read(root, ZONE0 + "/mode"), "the kernel acts on its critical trip again");
        assertEquals("255", Fixtures.read(root, HWMON2 + "/pwm1"));
        assertEquals(FanOwner.KERNEL, fan.owner());
        assertEquals(java.util.OptionalDouble.empty(), fan.kernelCriticalC());
        fan.apply(Duty.ofPercent(30));
        assertEquals("255", Fixtures.read(root, HWMON2 + "/pwm1"), "the kernel's fan now: pifan writes nothing");
        assertTrue(fan.handBack(), "at exit the kernel already has it");
    }

    @Test
    void theUserSpaceGovernorKeepsTheCriticalTripSoThereIsNothingToYield() throws HalException {
        Path root = pi5WithTrips();
        Fixtures.write(root, ZONE0 + "/available_policies", "step_wise user_space");
        HwmonFan fan = HwmonFan.open(Sysfs.at(root), "pwmfan", null, 1, StallDetector.disabled(), Takeover.GOVERNOR,
                TakeoverRecords.none());
        assertEquals(java.util.OptionalDouble.empty(), fan.kernelCriticalC());
    }

    @Test
    void aSecondOpenOfALockedFanIsRefusedBeforeItWritesAnything() throws Exception {
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        TakeoverRecords records = TakeoverRecords.in(tmp.resolve("run"));
        HwmonFan first = HwmonFan.open(Sysfs.at(root), "pwmfan", null, 1, StallDetector.disabled(), Takeover.AUTO,
                records);
        first.apply(Duty.ofPercent(30));
        FaultyFiles files = new FaultyFiles();
        HalException e = assertThrows(HalException.class, () -> HwmonFan.open(new Sysfs(HostRoot.of(root), files),
                "pwmfan", null, 1, StallDetector.disabled(), Takeover.AUTO, records));
        assertEquals(Kind.BUSY, e.kind());
        assertTrue(e.getMessage().startsWith("fan hwmon2 (pwmfan, cooling_fan) pwm1 is held by pid "
                + ProcessHandle.current().pid()), e.getMessage());
        assertEquals(List.of(), files.writes(), "not one write by the second");
        assertEquals("enabled", Files.readString(tmp.resolve("run/zone-thermal_zone0-mode")).strip());
    }

    @Test
    void aWriteThatFailsHandsTheZoneToTheKernelAndALaterWriteTakesItBack() throws Exception {
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        Path pwm1 = root.resolve("sys/class/hwmon/hwmon2/pwm1");
        FaultyFiles files = new FaultyFiles();
        Path records = tmp.resolve("run");
        HwmonFan fan = HwmonFan.open(new Sysfs(HostRoot.of(root), files), "pwmfan", null, 1, StallDetector.disabled(),
                Takeover.AUTO, TakeoverRecords.in(records));
        fan.apply(Duty.ofPercent(50));
        files.denyWrite(pwm1);

        HalException e = assertThrows(HalException.class, () -> fan.apply(Duty.FULL));
        assertEquals(Kind.PERMISSION_DENIED, e.kind());
        assertTrue(e.getMessage().contains("; handed to the kernel (thermal_zone0 (cpu-thermal) mode enabled)"),
                e.getMessage());
        assertEquals("enabled", Fixtures.read(root, ZONE0 + "/mode"), "the kernel's governor can run the fan");
        assertTrue(fan.handedToKernel().isPresent());
        assertFalse(Files.exists(records.resolve("fan-hwmon2-pwm1")), "restore must not fight the kernel for it");
        assertThrows(HalException.class, () -> fan.apply(Duty.FULL), "still not writable: still the kernel's");
        assertEquals("enabled", Fixtures.read(root, ZONE0 + "/mode"));

        files.allowWrite(pwm1);
        fan.apply(Duty.FULL);
        assertEquals("255", Fixtures.read(root, HWMON2 + "/pwm1"));
        assertEquals("disabled", Fixtures.read(root, ZONE0 + "/mode"), "taken again");
        assertTrue(fan.handedToKernel().isEmpty());
        assertEquals("enabled", Files.readString(records.resolve("zone-thermal_zone0-mode")).strip(), "recorded again before it was taken");
        assertTrue(Files.exists(records.resolve("fan-hwmon2-pwm1")));
    }

    @Test
    void aFanThatComesBackUnderAnotherHwmonNumberIsFoundAgainAndItsZoneTakenAgain() throws Exception {
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        Path records = tmp.resolve("run");
        HwmonFan fan = HwmonFan.open(Sysfs.at(root), "pwmfan", null, 1, StallDetector.disabled(), Takeover.AUTO,
                TakeoverRecords.in(records));
        fan.apply(Duty.ofPercent(50));
        Path hwmon = root.resolve("sys/class/hwmon");
        Path parked = tmp.resolve("unbound");
        Files.move(hwmon.resolve("hwmon2"), parked);

        HalException gone = assertThrows(HalException.class, () -> fan.apply(Duty.ofPercent(50)));
        assertTrue(gone.getMessage().contains("handed to the kernel"), gone.getMessage());
        HalException stillGone = assertThrows(HalException.class, () -> fan.apply(Duty.ofPercent(50)));
        assertTrue(stillGone.getMessage().contains("is gone: 0 hwmon devices named 'pwmfan'"), stillGone.getMessage());

        Files.move(parked, hwmon.resolve("hwmon4"));
        Fixtures.write(root, ZONE0 + "/mode", "enabled"); // the re-probed driver's zone drives it again
        fan.apply(Duty.ofPercent(60));
        assertEquals("153", Fixtures.read(root, "/sys/class/hwmon/hwmon4/pwm1"));
        assertEquals("disabled", Fixtures.read(root, ZONE0 + "/mode"), "applied means pifan's duty, not the kernel's");
        assertEquals("hwmon4", fan.device().entry());
        assertTrue(Files.exists(records.resolve("fan-hwmon4-pwm1")));
        assertFalse(Files.exists(records.resolve("fan-hwmon2-pwm1")));
        assertTrue(fan.handBack());
        assertEquals("255", Fixtures.read(root, "/sys/class/hwmon/hwmon4/pwm1"));
        assertEquals("enabled", Fixtures.read(root, ZONE0 + "/mode"));
    }
}
