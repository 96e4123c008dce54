package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.linux.ProcessLock;
import dev.pifan.hal.linux.TakeoverRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceLockTest {

    @TempDir
    Path run;

    @Test
    void aSecondDaemonAndAOnceBesideTheFirstAreRefusedNamingTheHolderAndLeaveItsRecords() throws Exception {
        TakeoverRecords records = TakeoverRecords.in(run);
        records.remember("zone-thermal_zone0-mode", "enabled");
        try (ProcessLock first = InstanceLock.take(records, false).orElseThrow()) {
            String holder = "pid " + ProcessHandle.current().pid() + " since ";

            CliError second = assertThrows(CliError.class, () -> InstanceLock.take(records, false));
            assertTrue(second.getMessage().startsWith("another pifan runs on this fan: held by " + holder),
                    second.getMessage());
            assertTrue(second.getMessage().endsWith("(lock " + run.resolve("pifan.lock")
                    + "); stop it first (systemctl stop pifan)"), second.getMessage());

            CliError once = assertThrows(CliError.class, () -> InstanceLock.take(records, true));
            assertTrue(once.getMessage().startsWith("run --once refused: a running pifan drives the fan, held by "
                    + holder), once.getMessage());

            assertEquals("enabled", Files.readString(run.resolve("zone-thermal_zone0-mode")).strip());
            assertTrue(InstanceLock.holder(records).orElseThrow().startsWith(holder));
        }
        assertTrue(InstanceLock.holder(records).isEmpty(), "released: the next pifan may start");
    }
}
