package dev.pifan.hal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.BoardModel;
import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.ThrottleCondition;
import dev.pifan.hal.ThrottleFlags;
import dev.pifan.hal.testing.FaultyFiles;
import dev.pifan.hal.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SensorsOnFixturesTest {

    @TempDir
    Path tmp;

    private static Sysfs sysfs(String fixture) {
        return Sysfs.at(Fixtures.original(fixture));
    }

    @Test
    void thermalZoneIsChosenByType() throws HalException {
        ThermalZoneSensor sensor = ThermalZoneSensor.open(sysfs(Fixtures.PI5_ACTIVE_COOLER), "cpu-thermal");
        assertEquals("thermal_zone0", sensor.id());
        assertEquals(52.35, sensor.readCelsius(), 1e-9);
        HalException e = assertThrows(HalException.class,
                () -> ThermalZoneSensor.open(sysfs(Fixtures.PI5_ACTIVE_COOLER), "gpu-thermal"));
        assertEquals(Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("types present: [cpu-thermal]"), e.getMessage());
    }

    @Test
    void thermalZoneGarbageNamesThePath() throws HalException {
        Path root = Fixtures.copy(Fixtures.PI4_PWM, tmp);
        ThermalZoneSensor sensor = ThermalZoneSensor.open(Sysfs.at(root), "cpu-thermal");
        Fixtures.write(root, "/sys/class/thermal/thermal_zone0/temp", "abc");
        HalException e = assertThrows(HalException.class, sensor::readCelsius);
        assertEquals(Kind.IMPLAUSIBLE, e.kind());
        assertEquals(root.resolve("sys/class/thermal/thermal_zone0/temp") + ": 'abc' is not a millidegree value",
                e.getMessage());
    }

    @Test
    void hwmonTemperatureByName() throws HalException {
        HwmonTemperatureSensor sensor = HwmonTemperatureSensor.open(sysfs(Fixtures.PI4_PWM), "cpu_thermal", 1);
        assertEquals("cpu_thermal/temp1", sensor.id());
        assertEquals(48.686, sensor.readCelsius(), 1e-9);
        assertThrows(HalException.class, () -> HwmonTemperatureSensor.open(sysfs(Fixtures.PI4_PWM), "rp1_adc", 1),
                "a Pi 4 has no RP1: no such hwmon device");
    }

    /** Mainline registers the zone's hwmon twin too (thermal_hwmon.c, '-' replaced by '_'): Talos has cpu_thermal. */
    @Test
    void talosHasTheCpuThermalHwmonTwinOfItsZone() throws HalException {
        HwmonTemperatureSensor hwmon = HwmonTemperatureSensor.open(sysfs(Fixtures.TALOS_PI4), "cpu_thermal", 1);
        ThermalZoneSensor zone = ThermalZoneSensor.open(sysfs(Fixtures.TALOS_PI4), "cpu-thermal");
        assertEquals(50.634, hwmon.readCelsius(), 1e-9);
        assertEquals(zone.readCelsius(), hwmon.readCelsius(), 1e-9, "temp1_input reads the zone's own temperature");
    }

    @Test
    void getThrottledFileOnPi4AndThePi5Path() throws HalException {
        GetThrottledFileSensor poe = GetThrottledFileSensor.open(sysfs(Fixtures.PI4_POE_PLUS), null);
        ThrottleFlags flags = poe.read();
        assertEquals(0x50005, flags.word());
        assertEquals(ThrottleFlags.ALL_BITS, flags.knownMask());
        assertTrue(flags.isActive(ThrottleCondition.UNDER_VOLTAGE));

        GetThrottledFileSensor pi5 = GetThrottledFileSensor.open(sysfs(Fixtures.PI5_ACTIVE_COOLER), null);
        assertTrue(pi5.file().toString().endsWith("soc@107c000000/soc@107c000000:firmware/get_throttled"));
        assertEquals(sysfs(Fixtures.PI5_ACTIVE_COOLER).path(GetThrottledFileSensor.PI5_PATH),
                pi5.file(), "the path bcm2712.dtsi's soc@107c000000 and the firmware node under it give");
        assertEquals(ThrottleFlags.NONE, pi5.read());
    }

    @Test
    void talosHasNoGetThrottledOnlyRpiVoltWhichKnowsOnlyUnderVoltage() throws HalException {
        HalException e = assertThrows(HalException.class,
                () -> GetThrottledFileSensor.open(sysfs(Fixtures.TALOS_PI4), null));
        assertEquals(Kind.NOT_FOUND, e.kind());

        ThrottleFlags flags = RpiVoltThrottleSensor.open(sysfs(Fixtures.TALOS_PI4)).read();
        assertEquals(0x1, flags.knownMask());
        assertEquals(Optional.of(false), flags.active(ThrottleCondition.UNDER_VOLTAGE));
        assertEquals(Optional.empty(), flags.active(ThrottleCondition.THROTTLED), "unknown, never fine");
        assertEquals(Optional.empty(), flags.occurred(ThrottleCondition.UNDER_VOLTAGE));
    }

    @Test
    void rpiVoltAlarmDuringAPoeBrownOut() throws HalException {
        ThrottleFlags flags = RpiVoltThrottleSensor.open(sysfs(Fixtures.PI4_POE_PLUS)).read();
        assertEquals(new ThrottleFlags(0x1, 0x1), flags);
        assertTrue(flags.isActive(ThrottleCondition.UNDER_VOLTAGE));
    }

    @Test
    void boardModelsFromTheDeviceTree() {
        assertEquals(BoardModel.Family.PI4, DeviceTreeModel.read(sysfs(Fixtures.PI4_PWM)).family());
        assertEquals(BoardModel.Family.PI5, DeviceTreeModel.read(sysfs(Fixtures.PI5_ACTIVE_COOLER)).family());
        BoardModel cm4 = DeviceTreeModel.read(sysfs(Fixtures.CM4_IO_BOARD));
        assertEquals(BoardModel.Family.CM4, cm4.family());
        assertEquals("Raspberry Pi Compute Module 4 Rev 1.0", cm4.description(), "NUL byte removed");
        assertEquals(BoardModel.UNKNOWN, DeviceTreeModel.read(Sysfs.at(tmp)));
    }

    @Test
    void aModelOnlyUnderSysIsFoundToo() {
        Fixtures.write(tmp, "/sys/firmware/devicetree/base/model", "Raspberry Pi 5 Model B Rev 1.0\0");
        assertEquals(BoardModel.Family.PI5, DeviceTreeModel.read(Sysfs.at(tmp)).family());
    }

    @Test
    void anUnreadableZoneIsPermissionDeniedNamingThePath() throws Exception {
        Path root = Fixtures.copy(Fixtures.PI4_PWM, tmp);
        Path temp = root.resolve("sys/class/thermal/thermal_zone0/temp");
        Sysfs sysfs;
        if (Fixtures.fileModesIgnored(tmp)) {
            // root reads any mode: inject the same AccessDeniedException java.nio throws for EACCES
            sysfs = new Sysfs(HostRoot.of(root), new FaultyFiles().denyRead(temp));
        } else {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("---------"));
            sysfs = Sysfs.at(root);
        }
        HalException e = assertThrows(HalException.class, () -> ThermalZoneSensor.open(sysfs, "cpu-thermal"));
        assertEquals(Kind.PERMISSION_DENIED, e.kind());
        assertTrue(e.getMessage().startsWith("permission denied reading " + temp), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }
}
