package dev.pifan.hal.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps the files the control loop uses again and again open, so that it needs no new file
 * descriptor to read a sensor or set the fan: when something else takes every descriptor the
 * process may have (an HTTP flood, a leak), the loop still reads and writes, and the exit state can
 * still be written.
 *
 * <p>Which files: every file written (the fan's duty and mode, a thermal zone's mode and policy:
 * pifan writes them again, at exit if not before), and every file read a second time (the ones
 * read each tick); a file read once, as discovery reads most, is opened, read and closed. At most
 * {@link #limit} are held; beyond that a file is opened for each use, as before.
 *
 * <p>A held file is re-read with a positioned read at offset 0 and rewritten with a truncate and
 * a positioned write of the whole value at offset 0: the system calls a fresh open with O_TRUNC and
 * a write make, minus the open. For a sysfs attribute that reads the value anew: in torvalds/linux
 * fs/kernfs/file.c, kernfs_fop_read_iter hands an attribute with a show method to seq_read_iter,
 * which starts the record over when the position is 0 (fs/seq_file.c), and the others to the
 * attribute's read with the position, which sysfs shows afresh at 0; kernfs_fop_write_iter passes
 * the whole buffer to the attribute's store (and kernfs_fop_open keeps pwrite allowed on a file open
 * for writing). Before each use the path is looked up again (a stat, no descriptor): a file that is
 * gone fails as it did before, and a file that was replaced (another device at that path, a test's
 * fresh copy) is opened again.
 */
final class HeldFiles {

    /** Opens a file; a test puts a failing one in to stand for a process without descriptors left. */
    @FunctionalInterface
    interface Opener {
        FileChannel open(Path file, OpenOption... options) throws IOException;
    }

    private record Key(Path file, boolean write) {
    }

    /** An open channel, and the identity (device and inode) of the file it was opened on. */
    private record Held(FileChannel channel, Object fileKey) {
    }

    private final Opener opener;
    private final int limit;
    private final Map<Key, Held> held = new HashMap<>();
    /** Paths read once, so that a second read holds them; bounded like {@link #held}. */
    private final Map<Path, Boolean> readOnce = new HashMap<>();

    HeldFiles(Opener opener, int limit) {
        this.opener = Objects.requireNonNull(opener, "opener");
        this.limit = limit;
    }

    static HeldFiles system() {
        return new HeldFiles(FileChannel::open, 64);
    }

    synchronized String read(Path file) throws IOException {
        Key key = new Key(file, false);
        boolean hold = held.containsKey(key) || readOnce.containsKey(file);
        if (!hold && readOnce.size() < limit * 4) {
            readOnce.put(file, Boolean.TRUE);
        }
        FileChannel channel = channel(key, hold);
        try {
            return readAll(channel);
        } finally {
            if (!isHeld(key, channel)) {
                channel.close();
            }
        }
    }

    synchronized void write(Path file, String value) throws IOException {
        Key key = new Key(file, true);
        FileChannel channel = channel(key, true);
        try {
            ByteBuffer bytes = ByteBuffer.wrap(value.getBytes(StandardCharsets.US_ASCII));
            channel.truncate(0);
            // one write, as sysfs wants a value whole; a regular file may take it in parts
            long position = 0;
            while (bytes.hasRemaining()) {
                position += channel.write(bytes, position);
            }
        } finally {
            if (!isHeld(key, channel)) {
                channel.close();
            }
        }
    }

    /** How many files are held open now. */
    synchronized int heldCount() {
        return held.size();
    }

    private boolean isHeld(Key key, FileChannel channel) {
        Held h = held.get(key);
        return h != null && h.channel() == channel;
    }

    /** The held channel when it still is the file at that path; else a new one, held when {@code hold} and there is room. */
    private FileChannel channel(Key key, boolean hold) throws IOException {
        Object fileKey = Files.readAttributes(key.file(), BasicFileAttributes.class).fileKey(); // gone: fails here
        Held h = held.get(key);
        if (h != null && h.channel().isOpen() && Objects.equals(h.fileKey(), fileKey) && fileKey != null) {
            return h.channel();
        }
        if (h != null) {
            held.remove(key);
            h.channel().close();
        }
        // a write must not create the file: sysfs attributes exist or they do not
        FileChannel channel = key.write() ? opener.open(key.file(), StandardOpenOption.WRITE)
                : opener.open(key.file(), StandardOpenOption.READ);
        if (hold && held.size() < limit && fileKey != null) {
            held.put(key, new Held(channel, fileKey));
        }
        return channel;
    }

    private static String readAll(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        long position = 0;
        while (true) {
            int n = channel.read(buffer, position);
            if (n < 0) {
                break;
            }
            position += n;
            if (!buffer.hasRemaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(buffer.capacity() * 2);
                bigger.put(buffer.flip());
                buffer = bigger;
            }
        }
        buffer.flip();
        return StandardCharsets.UTF_8.decode(buffer).toString();
    }
}
