package dev.pifan.hal.linux;

import dev.pifan.hal.HalException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes the host's sysfs, procfs and device files under a {@link HostRoot}, turning
 * every failure into a {@link HalException} through {@link SysfsErrors}.
 */
public final class Sysfs {

    private final HostRoot root;
    private final FileAccess files;

    public Sysfs(HostRoot root, FileAccess files) {
        this.root = root;
        this.files = files;
    }

    public static Sysfs at(Path root) {
        return new Sysfs(HostRoot.of(root), FileAccess.system());
    }

    public HostRoot root() {
        return root;
    }

    public FileAccess files() {
        return files;
    }

    /** {@code path("/sys/class/hwmon")} under the root. */
    public Path path(String absolute) {
        return root.resolve(absolute);
    }

    /** The content with surrounding white space removed. */
    public String read(Path file) throws HalException {
        try {
            return files.read(file).strip();
        } catch (IOException e) {
            throw SysfsErrors.translate(file, null, e);
        }
    }

    /** The content, or empty when the file does not exist; other failures still throw. */
    public Optional<String> readIfExists(Path file) throws HalException {
        if (!files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(read(file));
    }

    public long readInteger(Path file, long min, long max) throws HalException {
        return SysfsText.integer(file.toString(), read(file), min, max);
    }

    public void write(Path file, String value) throws HalException {
        try {
            files.write(file, value);
        } catch (IOException e) {
            throw SysfsErrors.translate(file, value, e);
        }
    }

    public void write(Path file, long value) throws HalException {
        write(file, Long.toString(value));
    }

    public boolean exists(Path path) {
        return files.exists(path);
    }

    public boolean isDirectory(Path path) {
        return files.isDirectory(path);
    }

    /** Sorted entries, or none when the directory does not exist or cannot be listed. */
    public List<Path> list(Path directory) {
        if (!files.isDirectory(directory)) {
            return List.of();
        }
        try {
            return files.list(directory);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The file name a symlink points to ({@code fe20c000.pwm} for a pwmchip's {@code device}), if it is one. */
    public Optional<String> linkName(Path path) {
        return files.readLink(path).map(target -> target.getFileName() == null ? "" : target.getFileName().toString());
    }

    @Override
    public String toString() {
        return "sysfs under " + root;
    }
}
