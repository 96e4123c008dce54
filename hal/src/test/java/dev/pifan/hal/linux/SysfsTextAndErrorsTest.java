package dev.pifan.hal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.ThrottleFlags;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SysfsTextAndErrorsTest {

    private static final String TEMP = "/sys/class/thermal/thermal_zone0/temp";

    @Test
    void millidegrees() throws HalException {
        assertEquals(54.2, SysfsText.millidegrees(TEMP, "54200\n"), 1e-9);
        assertEquals(-5.5, SysfsText.millidegrees(TEMP, "-5500"), 1e-9);
        HalException e = assertThrows(HalException.class, () -> SysfsText.millidegrees(TEMP, "abc\n"));
        assertEquals(Kind.IMPLAUSIBLE, e.kind());
        assertEquals("/sys/class/thermal/thermal_zone0/temp: 'abc' is not a millidegree value", e.getMessage());
        assertThrows(HalException.class, () -> SysfsText.millidegrees(TEMP, ""));
        assertThrows(HalException.class, () -> SysfsText.millidegrees(TEMP, "54.2"));
    }

    @Test
    void integersWithinRange() throws HalException {
        assertEquals(128, SysfsText.integer("pwm1", "128\n", 0, 255));
        HalException range = assertThrows(HalException.class, () -> SysfsText.integer("pwm1", "300", 0, 255));
        assertEquals("pwm1: 300 is outside 0..255", range.getMessage());
        HalException garbage = assertThrows(HalException.class, () -> SysfsText.integer("pwm1", "x1", 0, 255));
        assertEquals("pwm1: 'x1' is not an integer", garbage.getMessage());
        assertTrue(SysfsText.flag("alarm", "1"));
        assertThrows(HalException.class, () -> SysfsText.flag("alarm", "2"));
    }

    @Test
    void throttleWordsAndVcgencmdTemperature() throws HalException {
        assertEquals(ThrottleFlags.of(0x50005), SysfsText.throttleWord("get_throttled", "50005\n"));
        assertEquals(ThrottleFlags.of(0x50005), SysfsText.throttleWord("vcgencmd", "throttled=0x50005"));
        HalException e = assertThrows(HalException.class, () -> SysfsText.throttleWord("vcgencmd", "VCHI error"));
        assertTrue(e.getMessage().startsWith("vcgencmd: throttle flags: 'VCHI error' is not a hex word"), e.getMessage());
        assertEquals(46.2, SysfsText.vcgencmdTemperature("vcgencmd", "temp=46.2'C\n"), 1e-9);
        assertThrows(HalException.class, () -> SysfsText.vcgencmdTemperature("vcgencmd", "temp=hot'C"));
    }

    @Test
    void ioExceptionsBecomeKindsWithTheFix() {
        Path pwm1 = Path.of("/sys/class/hwmon/hwmon2/pwm1");
        HalException denied = SysfsErrors.translate(pwm1, "128", new AccessDeniedException(pwm1.toString()));
        assertEquals(Kind.PERMISSION_DENIED, denied.kind());
        assertEquals("permission denied writing '128' to /sys/class/hwmon/hwmon2/pwm1: hwmon files are root-only by"
                + " default: run pifan as root or install the udev rule from systemd/", denied.getMessage());

        Path export = Path.of("/sys/class/pwm/pwmchip0/export");
        HalException missing = SysfsErrors.translate(export, "0", new NoSuchFileException(export.toString()));
        assertEquals(Kind.NOT_FOUND, missing.kind());
        assertTrue(missing.getMessage().contains("dtoverlay=pwm"), missing.getMessage());

        HalException eio = SysfsErrors.translate(pwm1, "255", new IOException("Input/output error"));
        assertEquals(Kind.IO_ERROR, eio.kind());
        assertTrue(eio.getMessage().contains("I/O error (EIO)"), eio.getMessage());

        HalException readOnly = SysfsErrors.translate(pwm1, "255",
                new FileSystemException(pwm1.toString(), null, "Read-only file system"));
        assertEquals(Kind.PERMISSION_DENIED, readOnly.kind());
        assertTrue(readOnly.getMessage().contains("privileged: true"), readOnly.getMessage());

        HalException inval = SysfsErrors.translate(pwm1, "999", new IOException("Invalid argument"));
        assertTrue(inval.getMessage().contains("refused the value (EINVAL)"), inval.getMessage());
    }

    @Test
    void hostRootResolvesEveryPathUnderIt() {
        HostRoot root = HostRoot.of(Path.of("/host"));
        assertEquals(Path.of("/host/sys/class/thermal"), root.resolve("/sys/class/thermal"));
        assertEquals("/sys/class/thermal", root.hostPath(Path.of("/host/sys/class/thermal")));
        assertTrue(HostRoot.system().isSystemRoot());
        assertEquals(Path.of("/sys"), HostRoot.system().resolve("/sys"));
    }
}
