package dev.pifan.logging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whether standard error is the journal's stream, told as systemd.exec(5) says: systemd sets
 * {@code JOURNAL_STREAM} to the device and inode numbers of that connection, in decimal, as
 * {@code DEVICE:INODE}, and a process compares them with its own descriptor's, because a service
 * may start a program whose output goes elsewhere (a terminal, a file) with the variable still
 * set. A match means the descriptor is the journal's socket itself, so never a terminal.
 *
 * <p>Then pifan's lines carry the sd-daemon(3) priority prefix ({@code <4>} for a warning), which
 * journald takes as the line's priority and strips (systemd.exec(5), {@code SyslogLevelPrefix=},
 * on by default), and leave out the time, which the journal records itself.
 */
final class JournalStream {

    /** fd 2 as the kernel shows it: the link's target is what stat(2) describes. */
    static final Path STDERR = Path.of("/proc/self/fd/2");

    private JournalStream() {
    }

    /** Whether this process' standard error is the stream {@code JOURNAL_STREAM} names. */
    static boolean isStandardError() {
        return matches(System.getenv("JOURNAL_STREAM"), STDERR);
    }

    /**
     * Whether {@code journalStream} ({@code JOURNAL_STREAM}'s value, or null) names the file that
     * {@code file} is, by device and inode; false when either cannot be read.
     */
    static boolean matches(String journalStream, Path file) {
        if (journalStream == null) {
            return false;
        }
        int colon = journalStream.indexOf(':');
        if (colon < 0) {
            return false;
        }
        try {
            long device = Long.parseUnsignedLong(journalStream.substring(0, colon));
            long inode = Long.parseUnsignedLong(journalStream.substring(colon + 1));
            Map<String, Object> stat = Files.readAttributes(file, "unix:dev,ino"); // follows the link, as stat(2)
            return ((Long) stat.get("dev")) == device && ((Long) stat.get("ino")) == inode;
        } catch (NumberFormatException | IOException | UnsupportedOperationException | ClassCastException e) {
            return false; // not a journal pifan can tell: plain lines
        }
    }
}
