package dev.pifan.hal.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The file operations the Linux backends use, and nothing else, so tests can inject faults the
 * operating system will not produce on demand (permission denied while running as root, EIO on a
 * write). {@link #system()} is the real thing; everything else is test code.
 */
public interface FileAccess {

    String read(Path file) throws IOException;

    /**
     * Writes the whole value in one write, without creating the file: sysfs attributes exist or
     * they do not, and a missing one must fail, not appear as a stray file.
     */
    void write(Path file, String value) throws IOException;

    boolean exists(Path path);

    boolean isDirectory(Path path);

    /** The entries of a directory, sorted by name. */
    List<Path> list(Path directory) throws IOException;

    /** The target of a symbolic link, or empty when the path is not one. */
    Optional<Path> readLink(Path path);

    boolean isReadable(Path path);

    boolean isWritable(Path path);

    static FileAccess system() {
        return Nio.INSTANCE;
    }

    /**
     * java.nio.file, as the operating system answers; the files read and written again and again
     * are kept open ({@link HeldFiles}), so the loop needs no new descriptor for them.
     */
    final class Nio implements FileAccess {

        static final Nio INSTANCE = new Nio();

        private final HeldFiles held = HeldFiles.system();

        private Nio() {
        }

        @Override
        public String read(Path file) throws IOException {
            return held.read(file);
        }

        @Override
        public void write(Path file, String value) throws IOException {
            held.write(file, value);
        }

        @Override
        public boolean exists(Path path) {
            return Files.exists(path);
        }

        @Override
        public boolean isDirectory(Path path) {
            return Files.isDirectory(path);
        }

        @Override
        public List<Path> list(Path directory) throws IOException {
            try (Stream<Path> entries = Files.list(directory)) {
                return entries.sorted().toList();
            }
        }

        @Override
        public Optional<Path> readLink(Path path) {
            if (!Files.isSymbolicLink(path)) {
                return Optional.empty();
            }
            try {
                return Optional.of(Files.readSymbolicLink(path));
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        @Override
        public boolean isReadable(Path path) {
            return Files.isReadable(path);
        }

        @Override
        public boolean isWritable(Path path) {
            return Files.isWritable(path);
        }

        @Override
        public String toString() {
            return "java.nio.file";
        }
    }
}
