package dev.pifan.hal.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/** The fixture trees of {@code src/test/resources/fixtures}, copied before a test writes to them. */
public final class Fixtures {

    public static final String PI4_PWM = "pi4-pwm";
    public static final String PI5_ACTIVE_COOLER = "pi5-active-cooler";
    public static final String PI4_POE_PLUS = "pi4-poe-plus";
    public static final String CM4_IO_BOARD = "cm4-io-board";
    public static final String TALOS_PI4 = "talos-pi4";

    private Fixtures() {
    }

    /** The read-only original on the test class path. */
    public static Path original(String name) {
        URL url = Fixtures.class.getResource("/fixtures/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture tree " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A private copy under {@code target} (symlinks copied as links), for tests that write. */
    public static Path copy(String name, Path target) {
        Path source = original(name);
        Path root = target.resolve(name);
        try {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(root.resolve(source.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, root.resolve(source.relativize(file).toString()), LinkOption.NOFOLLOW_LINKS,
                            StandardCopyOption.COPY_ATTRIBUTES);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }

    public static String read(Path root, String absolute) {
        try {
            return Files.readString(root.resolve(absolute.substring(1)), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path root, String absolute, String value) {
        try {
            Path file = root.resolve(absolute.substring(1));
            Files.createDirectories(file.getParent());
            Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A kernel device that requested a channel of {@code chip}, laid out as Linux 6.12 shows it on
     * the kernel tier (a directory where sysfs has links): {@code chip/device/consumer:platform:NODE}
     * (a /sys/class/devlink entry) whose {@code consumer/uevent} names the driver.
     */
    public static void pwmConsumer(Path root, String chip, String node, String driver) {
        write(root, chip + "/device/consumer:platform:" + node + "/consumer/uevent",
                "DRIVER=" + driver + "\nOF_NAME=" + node);
    }

    /**
     * Whether this process ignores file modes (root, CAP_DAC_OVERRIDE): then a chmod cannot make a
     * permission error, and permission tests inject the exception java.nio throws for EACCES instead.
     */
    public static boolean fileModesIgnored(Path scratch) {
        try {
            Path probe = Files.createTempFile(scratch, "mode-probe", "");
            Files.setPosixFilePermissions(probe, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
            boolean ignored = Files.isReadable(probe);
            Files.delete(probe);
            return ignored;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
