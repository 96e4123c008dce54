package dev.pifan.control;

/**
 * The last few read outcomes of one source: catches a source that fails often but rarely
 * several times in a row, which a count of consecutive failures alone would let run for ever.
 */
final class FailureWindow {

    private final boolean[] failed;
    private int next;
    private int filled;
    private int failures;
    private int inARow;

    FailureWindow(int size) {
        this.failed = new boolean[size];
    }

    void record(boolean failure) {
        if (filled == failed.length && failed[next]) {
            failures--;
        }
        failed[next] = failure;
        failures += failure ? 1 : 0;
        next = (next + 1) % failed.length;
        filled = Math.min(filled + 1, failed.length);
        inARow = failure ? inARow + 1 : 0;
    }

    int inARow() {
        return inARow;
    }

    /** Whether at least half of a full window failed. */
    boolean mostlyFailing() {
        return filled == failed.length && 2 * failures >= failed.length;
    }

    int failures() {
        return failures;
    }

    int size() {
        return failed.length;
    }
}
