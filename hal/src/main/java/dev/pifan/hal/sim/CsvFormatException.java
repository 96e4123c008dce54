package dev.pifan.hal.sim;

/**
 * A simulator CSV file (a load trace, a per-second sample file) is not in the expected format.
 * The message names the source and the line, {@code trace.csv line 7: load 1.4 outside 0..1}, so
 * it can be shown to the operator as it is.
 *
 * <p>Unchecked, like {@link NumberFormatException}: a bad file is bad input to report, not a
 * condition callers can recover from.
 */
public class CsvFormatException extends IllegalArgumentException {

    private final String source;
    private final int line;

    public CsvFormatException(String source, int line, String problem) {
        super(prefix(source, line) + problem);
        this.source = source == null ? "" : source;
        this.line = line;
    }

    private static String prefix(String source, int line) {
        return source == null || source.isBlank() ? "line " + line + ": " : source + " line " + line + ": ";
    }

    /** The file name or other label given to the reader; may be empty. */
    public String source() {
        return source;
    }

    /** The 1-based line the problem is on. */
    public int line() {
        return line;
    }
}
