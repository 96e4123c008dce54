package dev.pifan.tray.kubernetes;

/**
 * The API server did not give what was asked: an error status, an answer too large, text that is
 * not the JSON of the object asked for. {@link #gone()} is 410 Gone (the resourceVersion a watch
 * resumes from is older than the server keeps): the answer to that is a new list.
 */
final class ApiFailure extends Exception {

    private static final long serialVersionUID = 1L;
    private final boolean gone;

    private ApiFailure(String message, boolean gone, Throwable cause) {
        super(message, cause);
        this.gone = gone;
    }

    static ApiFailure of(String message) {
        return new ApiFailure(message, false, null);
    }

    static ApiFailure garbage(String what, IllegalArgumentException cause) {
        return new ApiFailure(what + ": " + cause.getMessage(), false, cause);
    }

    static ApiFailure gone(String message) {
        return new ApiFailure(message, true, null);
    }

    boolean gone() {
        return gone;
    }
}
