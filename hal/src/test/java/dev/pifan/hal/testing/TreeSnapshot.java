package dev.pifan.hal.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every file of a tree with its bytes and modification time: proves a tree was not written to. */
public record TreeSnapshot(Map<String, String> files) {

    public static TreeSnapshot of(Path root) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                String key = root.relativize(path).toString();
                if (Files.isRegularFile(path)) {
                    files.put(key, Arrays.toString(Files.readAllBytes(path)) + "@" + Files.getLastModifiedTime(path));
                } else {
                    files.put(key + "/", "dir");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TreeSnapshot(Map.copyOf(files));
    }
}
