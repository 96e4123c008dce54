package dev.pifan.hal.linux;

import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * An exclusive lock on a file ({@code flock}, through {@link FileChannel#tryLock()}) that says who
 * holds it: {@code pid 1234 since 2026-01-05T10:00:00Z}. The kernel releases it when the process
 * ends, however it ends (SIGKILL, the watchdog's SIGABRT), so a stale lock file never locks anyone
 * out; only a live holder does.
 */
public final class ProcessLock implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private ProcessLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** What this process writes into a lock it holds. */
    public static String thisProcess() {
        return "pid " + ProcessHandle.current().pid() + " since " + Instant.now().toString();
    }

    /**
     * Takes the lock, or fails with {@link Kind#BUSY} naming its holder; {@link Kind#IO_ERROR} when
     * the file cannot be opened at all.
     */
    public static ProcessLock take(Path file, String holder) throws HalException {
        FileChannel channel = null;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String who = holderIn(channel);
                channel.close();
                throw new HalException(Kind.BUSY, "held by " + who + " (lock " + file + ")");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            return new ProcessLock(file, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new HalException(Kind.IO_ERROR, "cannot take the lock " + file + ": " + e, e);
        }
    }

    /** Who holds the lock now, without keeping it: empty when nobody does (or there is no such file). */
    public static Optional<String> holder(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock != null) {
                lock.release();
                return Optional.empty();
            }
            return Optional.of(holderIn(channel));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("someone (" + file + " cannot be checked: " + e + ")");
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // this very process holds it already: as busy as any other holder
        }
    }

    /** The holder's own line; a lock is a line long, so 200 bytes are plenty. */
    private static String holderIn(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(200);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "a process that has not said who it is yet" : text;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was locked through it
            }
        }
    }

    public Path file() {
        return file;
    }

    /** Releases the lock (the process exit does it too). The file stays: deleting it would race the next taker. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel's close below releases it as well
        }
        closeQuietly(channel);
    }
}
