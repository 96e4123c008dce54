package dev.pifan.hal.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a fan's control mode was before pifan took it over, kept in a small file until pifan
 * hands the fan back, so that a pifan killed with SIGKILL (no chance to hand back) is followed
 * by one that still knows the kernel's mode, instead of taking the manual mode it left behind
 * for the original.
 *
 * <p>The directory is the runtime directory systemd gives the service ({@code RUNTIME_DIRECTORY},
 * {@code /run/pifan}), or an emptyDir in a pod: cleared at boot, kept across restarts.
 */
public final class TakeoverRecords {

    private static final Logger LOG = LoggerFactory.getLogger(TakeoverRecords.class);
    private static final TakeoverRecords NONE = new TakeoverRecords(null);

    /** Locks live beside the records ({@link #lock}); they are not records. */
    static final String LOCK_SUFFIX = ".lock";

    private final Path directory;

    private TakeoverRecords(Path directory) {
        this.directory = directory;
    }

    /** No records: a pifan that is killed leaves the next one the mode it found. */
    public static TakeoverRecords none() {
        return NONE;
    }

    public static TakeoverRecords in(Path directory) {
        return new TakeoverRecords(directory);
    }

    /** The original mode a previous pifan recorded for {@code key} and never handed back. */
    public Optional<String> recalled(String key) {
        if (directory == null) {
            return Optional.empty();
        }
        Path file = directory.resolve(key);
        try {
            // a record is a word: anything longer is not one of ours (and is never read whole)
            return Files.isRegularFile(file) && Files.size(file) <= 64
                    ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()) : Optional.empty();
        } catch (IOException e) {
            LOG.warn("cannot read the takeover record {} ({}); taking the fan's current mode as the original",
                    file, e.toString());
            return Optional.empty();
        }
    }

    /** Records the original mode of {@code key}; a failure is logged, never fatal. */
    public void remember(String key, String original) {
        if (directory == null) {
            return;
        }
        Path file = directory.resolve(key);
        try {
            Files.createDirectories(directory);
            Path temporary = directory.resolve(key + ".new");
            Files.writeString(temporary, original + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("cannot write the takeover record {} ({}); after a crash the fan's mode is not restored",
                    file, e.toString());
        }
    }

    /** Every key recorded and not yet forgotten, sorted; none when there is no directory. */
    public java.util.List<String> keys() {
        if (directory == null || !Files.isDirectory(directory)) {
            return java.util.List.of();
        }
        try (var entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".new") && !n.endsWith(LOCK_SUFFIX)).sorted().toList();
        } catch (IOException e) {
            LOG.warn("cannot list the takeover records in {} ({})", directory, e.toString());
            return java.util.List.of();
        }
    }

    /**
     * Takes the lock {@code name.lock} in the records' directory for this process's lifetime, or
     * fails with {@link dev.pifan.hal.HalException.Kind#BUSY} naming the pifan that holds it. Without
     * a directory there is nothing to lock in: empty.
     */
    public Optional<ProcessLock> lock(String name) throws dev.pifan.hal.HalException {
        if (directory == null) {
            return Optional.empty();
        }
        return Optional.of(ProcessLock.take(directory.resolve(name + LOCK_SUFFIX), ProcessLock.thisProcess()));
    }

    /** Who holds the lock {@code name.lock}, empty when nobody does or there is no directory. */
    public Optional<String> lockHolder(String name) {
        return directory == null ? Optional.empty() : ProcessLock.holder(directory.resolve(name + LOCK_SUFFIX));
    }

    /** Forgets {@code key} once its fan is handed back. */
    public void forget(String key) {
        if (directory == null) {
            return;
        }
        try {
            Files.deleteIfExists(directory.resolve(key));
        } catch (IOException e) {
            LOG.warn("cannot remove the takeover record {} ({})", directory.resolve(key), e.toString());
        }
    }
}
