package dev.pifan.config;

import java.util.Objects;

/**
 * One thing wrong with a config file, printed like a compiler message:
 * {@code pifan.yaml:7: curve.points[2]: 58 must be above the previous point's 60}.
 *
 * @param source the file (or name given to {@link ConfigLoader#parse})
 * @param line 1-based, 0 when unknown (a missing file)
 * @param column 1-based, 0 when not worth showing: only YAML syntax errors carry one
 * @param path where in the config, e.g. {@code curve.points[2]}; empty for the file as a whole
 * @param message what is wrong, and where it helps, what to write instead
 */
public record ConfigProblem(String source, int line, int column, String path, String message) {

    public ConfigProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column are 1-based, 0 when unknown");
        }
    }

    /** A problem without a column: all but syntax errors. */
    public ConfigProblem(String source, int line, String path, String message) {
        this(source, line, 0, path, message);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(source);
        if (line > 0) {
            text.append(':').append(line);
            if (column > 0) {
                text.append(':').append(column);
            }
        }
        text.append(": ");
        if (!path.isEmpty()) {
            text.append(path).append(": ");
        }
        return text.append(message).toString();
    }
}
