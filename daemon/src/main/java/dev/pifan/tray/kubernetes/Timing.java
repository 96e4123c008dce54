package dev.pifan.tray.kubernetes;

import java.time.Duration;

/**
 * The bounds of discovery's traffic with the API server.
 *
 * @param firstRetry the wait after a first failure; it doubles with each one after
 * @param lastRetry the longest wait between attempts, however long the server is gone
 * @param rewatch the pause before the next watch after one the server ended (at its
 *     timeoutSeconds, or at once): at most one watch request per resource that often
 * @param watchSeconds the watch's timeoutSeconds: the server ends it then, and a watch that has
 *     not ended a little later (a connection silently lost) is ended by us
 * @param answerTimeout how long a request waits for the answer's headers
 */
record Timing(Duration firstRetry, Duration lastRetry, Duration rewatch, int watchSeconds, Duration answerTimeout) {

    /** client-go's reflector watches for 5 to 10 minutes and backs off to 30 s; a fan's tray is in no hurry. */
    static final Timing DEFAULT = new Timing(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(1), 300,
            Duration.ofSeconds(10));

    Timing {
        if (firstRetry.isNegative() || lastRetry.compareTo(firstRetry) < 0 || rewatch.isNegative() || watchSeconds < 1
                || answerTimeout.isNegative() || answerTimeout.isZero()) {
            throw new IllegalArgumentException("discovery timing out of range");
        }
    }

    /** The wait after {@code failures} failures in a row (at least one). */
    Duration retryAfter(int failures) {
        Duration wait = firstRetry;
        for (int i = 1; i < failures && wait.compareTo(lastRetry) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(lastRetry) > 0 ? lastRetry : wait;
    }

    /** How long past its timeoutSeconds a watch may run before we end it ourselves. */
    Duration watchDeadline() {
        return Duration.ofSeconds(watchSeconds).plus(answerTimeout);
    }
}
