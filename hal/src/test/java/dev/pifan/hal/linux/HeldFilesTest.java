package dev.pifan.hal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop's files stay usable once the process has no descriptor left to open another. */
class HeldFilesTest {

    @TempDir
    Path dir;

    /** Opens files until told that the descriptors are gone, as open(2) answers then: EMFILE. */
    private static final class Descriptors implements HeldFiles.Opener {
        boolean exhausted;
        int opens;

        @Override
        public FileChannel open(Path file, OpenOption... options) throws IOException {
            if (exhausted) {
                throw new IOException(file + ": Too many open files");
            }
            opens++;
            return FileChannel.open(file, options);
        }
    }

    private final Descriptors descriptors = new Descriptors();
    private final HeldFiles files = new HeldFiles(descriptors, 4);

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void aWrittenFileIsWrittenAgainWithoutADescriptorAndTheOldValueIsGone() throws IOException {
        Path pwm = file("pwm1", "75\n");
        files.write(pwm, "255");
        descriptors.exhausted = true;
        files.write(pwm, "64");
        assertEquals("64", Files.readString(pwm), "written over from offset 0, and the rest cut");
    }

    @Test
    void aFileReadTwiceIsReadAgainWithoutADescriptorAndShowsItsNewValue() throws IOException {
        Path temp = file("temp1_input", "52350\n");
        files.read(temp);
        files.read(temp);
        descriptors.exhausted = true;
        Files.writeString(temp, "85000\n"); // in place, as the kernel changes a sensor's value
        assertEquals("85000\n", files.read(temp));
    }

    @Test
    void aFileReadOnceIsNotKeptOpen() throws IOException {
        Path name = file("name", "pwmfan\n");
        files.read(name);
        assertEquals(0, files.heldCount());
        descriptors.exhausted = true;
        assertThrows(IOException.class, () -> files.read(name)); // its second read needs a descriptor
    }

    @Test
    void aFileReplacedAtItsPathIsOpenedAgainAndAVanishedOneFails() throws IOException {
        Path pwm = file("pwm1", "75\n");
        files.write(pwm, "100");
        Files.delete(pwm);
        assertThrows(NoSuchFileException.class, () -> files.write(pwm, "255"));
        Files.writeString(pwm, "0\n"); // a new file: another device came at that path
        files.write(pwm, "128");
        assertEquals("128", Files.readString(pwm));
        assertEquals(2, descriptors.opens, "the replaced file was opened anew");
    }

    @Test
    void noMoreThanTheLimitAreHeld() throws IOException {
        for (int i = 0; i < 6; i++) {
            files.write(file("f" + i, ""), "1");
        }
        assertEquals(4, files.heldCount());
        descriptors.exhausted = true;
        files.write(dir.resolve("f3"), "2");
        assertThrows(IOException.class, () -> files.write(dir.resolve("f4"), "2"));
    }
}
