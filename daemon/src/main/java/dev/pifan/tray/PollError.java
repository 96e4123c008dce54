package dev.pifan.tray;

/** Why a poll of a member taught nothing, as {@code pifan_tray_poll_errors_total} labels it. */
public enum PollError {
    /** The directory knows the member but not where its peer endpoint is (its pod not there yet). */
    NO_ADDRESS("no_address"),
    /** Refused, unreachable, reset: no answer came at all. */
    CONNECT("connect"),
    /** No whole answer within tray.poll-timeout (a stopped or dribbling member). */
    TIMEOUT("timeout"),
    /** An HTTP answer, but not 200 (a member before its first tick answers 503). */
    STATUS("status"),
    /** An answer over the size limit. */
    OVERSIZED("oversized"),
    /** Not HTTP, cut short, not JSON, or JSON that is not a peer report. */
    MALFORMED("malformed");

    private final String label;

    PollError(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
