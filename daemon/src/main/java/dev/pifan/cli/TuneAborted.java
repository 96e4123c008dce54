package dev.pifan.cli;

/**
 * The step test stopped before its end: a safety reason (the fan is then set to full speed), or the
 * user (Ctrl-C: the fan is left in its exit state). Either way tune exits non-zero.
 */
final class TuneAborted extends Exception {

    private final boolean byUser;

    TuneAborted(String message, boolean byUser) {
        super(message, null, false, false);
        this.byUser = byUser;
    }

    /** Ctrl-C or SIGTERM, not a safety reason. */
    boolean byUser() {
        return byUser;
    }
}
