package dev.pifan.cli;

/**
 * A problem the user can fix, reported as one line (or a short list) and an exit code, never as a
 * stack trace: exit 1 for bad content (a config, a trace, a file that cannot be read), 2 for a
 * wrong command line.
 */
public final class CliError extends RuntimeException {

    public static final int BAD_CONTENT = 1;
    public static final int USAGE = 2;

    private final int exitCode;

    public CliError(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public static CliError badContent(String message) {
        return new CliError(BAD_CONTENT, message);
    }

    public static CliError usage(String message) {
        return new CliError(USAGE, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
