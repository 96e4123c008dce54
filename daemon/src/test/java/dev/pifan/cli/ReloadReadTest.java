package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadReadTest {

    @TempDir
    Path dir;

    @Test
    void aSettledFileIsRead() throws Exception {
        Path file = Files.writeString(dir.resolve("pifan.yaml"), "interval: 2s\n");
        assertEquals("interval: 2s\n", new ReloadRead(Duration.ofSeconds(5), () -> { }).read(file));
    }

    @Test
    void aFileRewrittenBetweenTheTwoReadsIsRefusedEvenWhenItReadsTheSameAgain() throws Exception {
        Path file = Files.writeString(dir.resolve("pifan.yaml"), "interval: 1s\n");
        // a rewrite in place in the pause: same text at the end, but written meanwhile (a new mtime)
        ReloadRead read = new ReloadRead(Duration.ofSeconds(5), () -> {
            try {
                Files.writeString(file, "interval: 1s\n");
                Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 1000));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        ConfigException e = assertThrows(ConfigException.class, () -> read.read(file));
        assertEquals(file + ": changed while it was read (rewritten in place?): write the new file beside it and"
                + " rename it over this one (mv), then reload", e.getMessage());
    }

    @Test
    void anEmptyOrCommentOnlyFileIsRefusedOnAReload() throws Exception {
        ReloadRead read = new ReloadRead(Duration.ofSeconds(5), () -> { });
        for (String text : new String[] {"", "\n  \n", "# only a comment\n---\n"}) {
            Path file = Files.writeString(dir.resolve("pifan.yaml"), text);
            ConfigException e = assertThrows(ConfigException.class, () -> read.read(file), text);
            assertTrue(e.getMessage().startsWith(file + ": is empty (or only comments): refused on a reload"),
                    e.getMessage());
        }
    }

    @Test
    void aReadThatDoesNotAnswerInTimeIsRefusedAndSoIsTheNextWhileItHangs() throws Exception {
        Path file = Files.writeString(dir.resolve("pifan.yaml"), "interval: 1s\n");
        CountDownLatch release = new CountDownLatch(1);
        ReloadRead read = new ReloadRead(Duration.ofMillis(50), release::await);
        ConfigException first = assertThrows(ConfigException.class, () -> read.read(file));
        assertEquals(file + ": no answer within 50ms (a hung filesystem?)", first.getMessage());
        ConfigException second = assertThrows(ConfigException.class, () -> read.read(file));
        assertEquals(file + ": the read of an earlier reload has not returned yet (a hung filesystem?)",
                second.getMessage());
        release.countDown();
    }
}
