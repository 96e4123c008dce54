package dev.pifan.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * The text of a config file, read safely: a regular file only (a FIFO would block the reader for
 * good, {@code /dev/zero} never ends), at most {@link ConfigLoader#MAX_SIZE} bytes by what is
 * actually read (a size from stat is not trusted: procfs says 0, a file may grow while read), strict
 * UTF-8. Every way of failing is one {@link ConfigException} naming the file.
 *
 * @param text the file's text
 * @param modified its modification time when it was read
 * @param size its size then
 */
public record ConfigFile(String text, FileTime modified, long size) {

    /** Reads {@code file} (symlinks followed, a loop of them refused). */
    public static ConfigFile read(Path file) throws ConfigException {
        String source = file.toString();
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                throw problem(source, "is " + kind(file, attributes) + ", not a regular file: a config must be a file");
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(ConfigLoader.MAX_SIZE + 1);
            }
            if (bytes.length > ConfigLoader.MAX_SIZE) {
                throw problem(source, "too large for a config file (more than " + ConfigLoader.MAX_SIZE + " bytes)");
            }
            return new ConfigFile(decode(bytes, source), attributes.lastModifiedTime(), attributes.size());
        } catch (NoSuchFileException e) {
            throw problem(source, "no such file");
        } catch (AccessDeniedException e) {
            throw problem(source, "permission denied (pifan runs as " + System.getProperty("user.name")
                    + "; the file must be readable by it)");
        } catch (FileSystemException e) {
            String reason = String.valueOf(e.getReason());
            throw problem(source, reason.contains("symbolic links")
                    ? "a loop of symbolic links (" + reason + ")" : "cannot read: " + reason);
        } catch (IOException e) {
            throw problem(source, "cannot read: " + e.getMessage());
        }
    }

    /** True when the text holds no YAML at all: nothing but blank lines, comments and document markers. */
    public boolean isBlank() {
        return text.lines().map(String::strip)
                .allMatch(line -> line.isEmpty() || line.startsWith("#") || line.equals("---") || line.equals("..."));
    }

    private static String kind(Path file, BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a directory";
        }
        try {
            int type = (Integer) Files.getAttribute(file, "unix:mode") & 0170000;
            return switch (type) {
                case 0010000 -> "a FIFO (named pipe)";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | ClassCastException e) {
            return "a special file";
        }
    }

    private static String decode(byte[] bytes, String source) throws ConfigException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw problem(source, "not UTF-8 text");
        }
    }

    static ConfigException problem(String source, String message) {
        return new ConfigException(new ConfigProblem(source, 0, "", message));
    }
}
