package dev.pifan.http;

import java.time.Duration;

/**
 * What one HTTP client may cost pifan: a slot among few, a few kilobytes and a few seconds.
 *
 * @param maxConnections connections held at once; one more evicts the least recently active
 * @param maxHeadBytes   the request line and headers together; more is answered 431 and closed
 * @param requestTime    from a request's first byte (or a connection's accept) to its last header
 * @param idleTime       a kept-alive connection waiting for its next request
 * @param writeTime      writing one response to a client that reads it slowly, or not at all
 * @param lingerTime     reading what a client still sends after its last response, before closing
 *                       (closing with unread bytes resets the connection, and the client may lose
 *                       the response)
 */
public record HttpLimits(int maxConnections, int maxHeadBytes, Duration requestTime, Duration idleTime,
        Duration writeTime, Duration lingerTime) {

    /**
     * pifan's: a scraper or two, a probe and a person need a handful of connections; a head of
     * 8 KiB is many times what Prometheus, curl or a kubelet send; on a LAN a request arrives in
     * milliseconds, so 5 s is a generous bound that still frees a dribbling client's slot.
     */
    public static final HttpLimits PIFAN = new HttpLimits(32, 8 * 1024, Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(2));

    public HttpLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, not " + maxConnections);
        }
        if (maxHeadBytes < 64) {
            throw new IllegalArgumentException("maxHeadBytes must be at least 64, not " + maxHeadBytes);
        }
        for (Duration d : new Duration[] {requestTime, idleTime, writeTime, lingerTime}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("every time limit must be positive: " + this);
            }
        }
    }
}
