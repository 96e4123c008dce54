package dev.pifan.hal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.HalException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessLockTest {

    @TempDir
    Path tmp;

    @Test
    void aHeldLockIsRefusedNamingItsHolderAndFreeAgainOnceReleased() throws HalException {
        Path file = tmp.resolve("run/pifan.lock");
        ProcessLock first = ProcessLock.take(file, "pid 41 since 2026-01-05T10:00:00Z");

        HalException busy = assertThrows(HalException.class, () -> ProcessLock.take(file, "pid 42 since later"));
        assertEquals(HalException.Kind.BUSY, busy.kind());
        assertEquals("held by pid 41 since 2026-01-05T10:00:00Z (lock " + file + ")", busy.getMessage());
        assertEquals(Optional.of("pid 41 since 2026-01-05T10:00:00Z"), ProcessLock.holder(file));

        first.close();
        assertEquals(Optional.empty(), ProcessLock.holder(file), "a lock file nobody holds locks nobody out");
        ProcessLock.take(file, "pid 42 since later").close();
    }

    @Test
    void locksAreNoTakeoverRecordsAndNoDirectoryMeansNoLock() throws HalException {
        TakeoverRecords records = TakeoverRecords.in(tmp);
        records.remember("fan-hwmon2-pwm1", "driven");
        try (ProcessLock lock = records.lock("pifan").orElseThrow()) {
            assertEquals(tmp.resolve("pifan.lock"), lock.file());
            assertEquals(List.of("fan-hwmon2-pwm1"), records.keys(), "restore must not take a lock for a record");
            assertTrue(records.lockHolder("pifan").orElseThrow().startsWith("pid " + ProcessHandle.current().pid()));
        }
        assertEquals(Optional.empty(), TakeoverRecords.none().lock("pifan"));
    }
}
