package dev.pifan.hal.linux;

import java.nio.file.Path;

/**
 * Where the host's {@code /sys}, {@code /proc} and {@code /dev} are seen from this process:
 * {@code /} normally, {@code /host} in a container that mounts the host's trees there, a fixture
 * directory in tests. Every path the Linux backends touch is resolved through one of these, so no
 * backend ever names an absolute path on its own.
 */
public record HostRoot(Path path) {

    public HostRoot {
        if (path == null) {
            throw new IllegalArgumentException("host root path is null");
        }
        path = path.toAbsolutePath().normalize();
    }

    public static HostRoot system() {
        return new HostRoot(Path.of("/"));
    }

    public static HostRoot of(Path path) {
        return new HostRoot(path);
    }

    /** {@code resolve("/sys/class/thermal")} is {@code <root>/sys/class/thermal}. */
    public Path resolve(String absolute) {
        String relative = absolute;
        while (relative.startsWith("/")) {
            relative = relative.substring(1);
        }
        return relative.isEmpty() ? path : path.resolve(relative);
    }

    public boolean isSystemRoot() {
        return path.getParent() == null;
    }

    /** The path as the host knows it: {@code <root>/sys/x} is {@code /sys/x}. For config snippets. */
    public String hostPath(Path resolved) {
        Path normalized = resolved.toAbsolutePath().normalize();
        if (!normalized.startsWith(path)) {
            return normalized.toString();
        }
        return "/" + path.relativize(normalized).toString().replace('\\', '/');
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
