package dev.pifan.hal.sim;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A plant file that cannot be read: every problem found, each on a line of the message like a
 * compiler's, {@code pi5.yaml:4: r_ds: -1.0 must be > 0}, so it can be shown as it is.
 */
public final class PlantFormatException extends IllegalArgumentException {

    /** One problem: the file, its 1-based line (0 for the file as a whole), the constant (or empty). */
    public record Problem(String source, int line, String key, String message) {
        @Override
        public String toString() {
            return source + (line > 0 ? ":" + line : "") + ": " + (key.isEmpty() ? "" : key + ": ") + message;
        }
    }

    private final List<Problem> problems;

    PlantFormatException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
