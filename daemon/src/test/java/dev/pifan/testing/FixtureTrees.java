package dev.pifan.testing;

import dev.pifan.hal.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The hal's fixture trees for daemon tests, always as a private copy: under {@code mvn test} they
 * are a directory of the hal's test classes, under {@code mvn verify} they sit inside the hal's
 * test jar, where {@link Fixtures#original} cannot reach them as files.
 */
public final class FixtureTrees {

    private FixtureTrees() {
    }

    /** A copy of fixture {@code name} at {@code target/name}, its root. */
    public static synchronized Path copy(String name, Path target) {
        URL url = Fixtures.class.getResource("/fixtures/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture tree " + name);
        }
        URI uri;
        try {
            uri = url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (!"jar".equals(uri.getScheme())) {
            return Fixtures.copy(name, target);
        }
        Path root = target.resolve(name);
        try {
            FileSystem jar;
            boolean opened = false;
            try {
                jar = FileSystems.newFileSystem(uri, Map.of());
                opened = true;
            } catch (FileSystemAlreadyExistsException e) {
                jar = FileSystems.getFileSystem(uri);
            }
            try {
                copyTree(jar.getPath("/fixtures/" + name), root);
            } finally {
                if (opened) {
                    jar.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }

    /** Copies a directory tree, which may live on another file system (a jar). */
    public static void copyTree(Path from, Path to) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(from)) {
            paths = walk.toList();
        }
        for (Path source : paths) {
            Path target = to.resolve(from.relativize(source).toString());
            if (Files.isDirectory(source)) {
                Files.createDirectories(target);
            } else {
                Files.createDirectories(target.getParent());
                Files.copy(source, target);
            }
        }
    }
}
