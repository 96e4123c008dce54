package dev.pifan.hal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.i2c.I2cBus;
import dev.pifan.hal.io.DeviceProvider;
import dev.pifan.hal.io.Provider;
import dev.pifan.hal.linux.fans.Emc230xDriver;
import dev.pifan.hal.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On this x86 build machine there is no I2C bus and no gpiochip: asking for diozero or Pi4J must
 * give a one-line HalException with the config.txt fix, never a library exception or stack trace.
 */
class LibraryProvidersOnThisMachineTest {

    @TempDir
    Path tmp;

    private static void assertOneLine(HalException e) {
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }

    @Test
    void diozeroWithoutAnI2cBusSaysToEnableIt() throws HalException {
        assumeFalse(Files.exists(Path.of("/dev/i2c-1")), "this machine has an I2C bus");
        try (DeviceProvider diozero = DeviceProviders.libraries().open(Provider.DIOZERO)) {
            assertEquals(Provider.DIOZERO, diozero.kind());
            HalException e = assertThrows(HalException.class, () -> diozero.openI2cBus(1));
            assertEquals(Kind.NOT_FOUND, e.kind());
            assertEquals("diozero could not open /dev/i2c-1: no such device — enable it with dtparam=i2c_arm=on in"
                    + " config.txt (Talos: the overlay's configTxtAppend) and reboot", e.getMessage());
        }
    }

    @Test
    void pi4jWithoutAnI2cBusSaysToEnableIt() throws HalException {
        assumeFalse(Files.exists(Path.of("/dev/i2c-10")), "this machine has an I2C bus");
        try (DeviceProvider pi4j = DeviceProviders.libraries().open(Provider.PI4J)) {
            HalException e = assertThrows(HalException.class, () -> pi4j.openI2cBus(10));
            assertEquals(Kind.NOT_FOUND, e.kind());
            assertTrue(e.getMessage().startsWith("Pi4J could not open /dev/i2c-10: no such device — enable it with"
                    + " dtparam=i2c_vc=on"), e.getMessage());
        }
    }

    @Test
    void whenTheNodeExistsButTheLibraryCannotOpenItTheLibrarysFailureIsWrappedToo() throws Exception {
        // a device directory with an i2c-57 node that the real /dev does not have: the check passes,
        // then the library itself fails on this x86 machine, and that must read as one line too
        assumeFalse(Files.exists(Path.of("/dev/i2c-57")), "this machine has an i2c-57");
        Files.createFile(tmp.resolve("i2c-57"));
        try (DeviceProvider diozero = new dev.pifan.hal.diozero.DiozeroProvider(tmp)) {
            I2cBus bus = diozero.openI2cBus(57);
            HalException e = assertThrows(HalException.class, () -> bus.readByteData(0x2f, 0xFD));
            assertTrue(e.getMessage().startsWith("diozero could not open /dev/i2c-57 for address 0x2f: "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("dtoverlay=i2c57"), e.getMessage());
            assertOneLine(e);
        }
        try (DeviceProvider pi4j = new dev.pifan.hal.pi4j.Pi4jProvider(tmp)) {
            I2cBus bus = pi4j.openI2cBus(57);
            HalException e = assertThrows(HalException.class, () -> bus.readByteData(0x2f, 0xFD));
            assertTrue(e.getMessage().startsWith("Pi4J could not open /dev/i2c-57 for address 0x2f: "), e.getMessage());
            assertOneLine(e);
        }
    }

    @Test
    void noGpioChipIsAClearErrorForBothLibraries() throws HalException {
        try (DeviceProvider diozero = new dev.pifan.hal.diozero.DiozeroProvider(tmp);
                DeviceProvider pi4j = new dev.pifan.hal.pi4j.Pi4jProvider(tmp)) {
            HalException d = assertThrows(HalException.class, () -> diozero.openGpioOutput(18, true));
            assertEquals(Kind.NOT_FOUND, d.kind());
            assertTrue(d.getMessage().startsWith("diozero found no " + tmp + "/gpiochip* device"), d.getMessage());
            HalException p = assertThrows(HalException.class, () -> pi4j.openGpioOutput(18, true));
            assertEquals(Kind.NOT_FOUND, p.kind());
        }
    }

    @Test
    void aBoardAskingForDiozeroOnThisMachineFailsWithTheFixNotAStackTrace() {
        assumeFalse(Files.exists(Path.of("/dev/i2c-10")), "this machine has an I2C bus");
        Host host = Host.builder(HostRoot.of(Fixtures.original(Fixtures.CM4_IO_BOARD))).executablePath(List.of())
                .build();
        HalException e = assertThrows(HalException.class, () -> LinuxBoard.open(host, new HardwareSpec(
                TemperatureSpec.Auto.defaults(), new ThrottleSpec.Auto(), Emc230xDriver.Spec.cm4IoBoard())));
        assertEquals(Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("dtparam=i2c_vc=on"), e.getMessage());
        assertOneLine(e);
    }

    @Test
    void sysfsIsNotAnI2cProvider() {
        HalException e = assertThrows(HalException.class, () -> DeviceProviders.libraries().open(Provider.SYSFS));
        assertEquals(Kind.UNSUPPORTED, e.kind());
    }
}
