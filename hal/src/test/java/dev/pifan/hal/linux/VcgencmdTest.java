package dev.pifan.hal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.ThrottleFlags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vcgencmd as a real process: fake scripts stand in for the firmware tool. */
class VcgencmdTest {

    @TempDir
    Path tmp;

    private final CommandRunner runner = CommandRunner.processes();

    private List<String> script(String name, String body) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return List.of(file.toString(), "get_throttled");
    }

    @Test
    void readsTheThrottleWord() throws Exception {
        VcgencmdThrottleSensor sensor = new VcgencmdThrottleSensor(runner,
                script("vcgencmd", "echo throttled=0x50005"), Duration.ofSeconds(5));
        assertEquals(ThrottleFlags.of(0x50005), sensor.read());
    }

    @Test
    void readsTheTemperature() throws Exception {
        VcgencmdTemperatureSensor sensor = new VcgencmdTemperatureSensor(runner,
                script("vcgencmd", "echo \"temp=46.2'C\""), Duration.ofSeconds(5));
        assertEquals(46.2, sensor.readCelsius(), 1e-9);
    }

    @Test
    void aHungFirmwareCallTimesOutAndIsKilled() throws Exception {
        VcgencmdThrottleSensor sensor = new VcgencmdThrottleSensor(runner,
                script("vcgencmd", "sleep 30"), Duration.ofMillis(300));
        long start = System.nanoTime();
        HalException e = assertThrows(HalException.class, sensor::read);
        assertEquals(Kind.TIMEOUT, e.kind());
        assertTrue(e.getMessage().contains("did not finish within 300 ms"), e.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
    }

    @Test
    void noAccessToTheMailboxIsPermissionDeniedWithTheGroup() throws Exception {
        VcgencmdThrottleSensor sensor = new VcgencmdThrottleSensor(runner, script("vcgencmd",
                "echo 'VCHI initialization failed' >&2; exit 1"), Duration.ofSeconds(5));
        HalException e = assertThrows(HalException.class, sensor::read);
        assertEquals(Kind.PERMISSION_DENIED, e.kind());
        assertTrue(e.getMessage().contains("group video"), e.getMessage());
    }

    @Test
    void aMissingProgramIsNotFound() {
        VcgencmdThrottleSensor sensor = new VcgencmdThrottleSensor(runner,
                List.of(tmp.resolve("no-such-vcgencmd").toString(), "get_throttled"), Duration.ofSeconds(5));
        HalException e = assertThrows(HalException.class, sensor::read);
        assertEquals(Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("not found on PATH"), e.getMessage());
    }

    @Test
    void garbageIsImplausible() throws Exception {
        VcgencmdThrottleSensor sensor = new VcgencmdThrottleSensor(runner,
                script("vcgencmd", "echo error=1 error_msg=\"Command not registered\""), Duration.ofSeconds(5));
        HalException e = assertThrows(HalException.class, sensor::read);
        assertEquals(Kind.IMPLAUSIBLE, e.kind());
    }
}
