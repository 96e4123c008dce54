package dev.pifan.logging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JOURNAL_STREAM counts only when it names the very file standard error is (systemd.exec(5)). */
class JournalStreamTest {

    @TempDir
    Path dir;

    /** DEVICE:INODE as systemd writes it, in decimal, from stat(1): not from the code under test. */
    private static String statOf(Path file) throws IOException, InterruptedException {
        Process stat = new ProcessBuilder("stat", "-L", "-c", "%d:%i", file.toString()).start();
        String out = new String(stat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        if (stat.waitFor() != 0) {
            throw new IOException("stat " + file + " failed");
        }
        return out;
    }

    @Test
    void theDeviceAndInodeOfTheFileItselfMatch() throws Exception {
        Path file = Files.createFile(dir.resolve("stream"));
        assertTrue(JournalStream.matches(statOf(file), file));
    }

    @Test
    void aLinkIsFollowedAsProcSelfFdIs() throws Exception {
        Path file = Files.createFile(dir.resolve("stream"));
        Path link = Files.createSymbolicLink(dir.resolve("fd2"), file);
        assertTrue(JournalStream.matches(statOf(file), link));
    }

    @Test
    void anotherFileWithTheVariableStillSetDoesNotMatch() throws Exception {
        // a program a service started, its standard error sent elsewhere (a terminal, a file)
        Path journal = Files.createFile(dir.resolve("journal"));
        Path terminal = Files.createFile(dir.resolve("terminal"));
        assertFalse(JournalStream.matches(statOf(journal), terminal));
    }

    @Test
    void noVariableOrOneThatIsNotDeviceColonInodeIsNoJournal() throws Exception {
        Path file = Files.createFile(dir.resolve("stream"));
        String good = statOf(file);
        assertFalse(JournalStream.matches(null, file));
        assertFalse(JournalStream.matches("", file));
        assertFalse(JournalStream.matches(good.replace(':', ' '), file));
        assertFalse(JournalStream.matches(good + "x", file));
        assertFalse(JournalStream.matches("-1:" + good.substring(good.indexOf(':') + 1), file));
        assertFalse(JournalStream.matches(good, dir.resolve("gone")));
    }
}
