package dev.pifan.hal.testing;

import dev.pifan.hal.linux.FileAccess;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The real file system, plus faults the operating system will not produce on demand for root:
 * permission denied on read or write (the exact exception java.nio throws for EACCES), an
 * arbitrary IOException on write (EIO), and "not writable" answers to access checks. Records every
 * write in order, so tests can check the sequence a backend writes.
 */
public final class FaultyFiles implements FileAccess {

    /** One write as the backend made it. */
    public record Write(Path file, String value) {
    }

    private final FileAccess real = FileAccess.system();
    private final Set<Path> denyRead = new HashSet<>();
    private final Set<Path> denyWrite = new HashSet<>();
    private final Map<Path, String> failWrite = new HashMap<>();
    private final List<Write> writes = new ArrayList<>();
    private final Map<Path, UnaryOperator<String>> drivers = new HashMap<>();

    /** Reads of this file fail with AccessDeniedException, and access checks say so. */
    public FaultyFiles denyRead(Path file) {
        denyRead.add(file.toAbsolutePath().normalize());
        return this;
    }

    /** Writes to this file fail with AccessDeniedException, and {@link #isWritable} says false. */
    public FaultyFiles denyWrite(Path file) {
        denyWrite.add(file.toAbsolutePath().normalize());
        return this;
    }

    /** Writes to this file work again (a {@code chmod 0644} after {@link #denyWrite}). */
    public FaultyFiles allowWrite(Path file) {
        denyWrite.remove(file.toAbsolutePath().normalize());
        return this;
    }

    /** Writes to this file fail with an IOException carrying this message (e.g. "Input/output error"). */
    public FaultyFiles failWrite(Path file, String message) {
        failWrite.put(file.toAbsolutePath().normalize(), message);
        return this;
    }

    /**
     * Writes to this file keep what {@code driver} makes of the value, as a kernel driver that
     * rounds to its own steps does (gpio-fan shows only its speeds); the write is recorded as made.
     */
    public FaultyFiles driver(Path file, UnaryOperator<String> driver) {
        drivers.put(file.toAbsolutePath().normalize(), driver);
        return this;
    }

    public List<Write> writes() {
        return List.copyOf(writes);
    }

    /** The writes as {@code relative/path=value} strings, relative to {@code root}. */
    public List<String> writesUnder(Path root) {
        return writes.stream().map(w -> root.relativize(w.file()).toString() + "=" + w.value()).toList();
    }

    private static Path key(Path path) {
        return path.toAbsolutePath().normalize();
    }

    @Override
    public String read(Path file) throws IOException {
        if (denyRead.contains(key(file))) {
            throw new AccessDeniedException(file.toString());
        }
        return real.read(file);
    }

    @Override
    public void write(Path file, String value) throws IOException {
        if (denyWrite.contains(key(file))) {
            throw new AccessDeniedException(file.toString());
        }
        String failure = failWrite.get(key(file));
        if (failure != null) {
            throw new IOException(failure);
        }
        real.write(file, drivers.getOrDefault(key(file), UnaryOperator.identity()).apply(value));
        writes.add(new Write(key(file), value));
    }

    @Override
    public boolean exists(Path path) {
        return real.exists(path);
    }

    @Override
    public boolean isDirectory(Path path) {
        return real.isDirectory(path);
    }

    @Override
    public List<Path> list(Path directory) throws IOException {
        return real.list(directory);
    }

    @Override
    public Optional<Path> readLink(Path path) {
        return real.readLink(path);
    }

    @Override
    public boolean isReadable(Path path) {
        return !denyRead.contains(key(path)) && real.isReadable(path);
    }

    @Override
    public boolean isWritable(Path path) {
        return !denyWrite.contains(key(path)) && real.isWritable(path);
    }
}
