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
 * @param firstByteGrace a connection that has sent nothing yet is not evicted within this time of
 *                       its accept: its client may not have had the CPU to write its request yet
 *                       (seen under a flood on 2 cores: curl's /healthz probe evicted 6 ms after its
 *                       connect, "Empty reply from server") while another connection can go instead
 */
public record HttpLimits(int maxConnections, int maxHeadBytes, Duration requestTime, Duration idleTime,
        Duration writeTime, Duration lingerTime, Duration firstByteGrace) {

    /** The grace of {@link #PIFAN}: a hundred times what a client on a LAN takes to send its request. */
    public static final Duration DEFAULT_FIRST_BYTE_GRACE = Duration.ofMillis(500);

    /**
     * pifan's: a scraper or two, a probe and a person need a handful of connections; a head of
     * 8 KiB is many times what Prometheus, curl or a kubelet send; on a LAN a request arrives in
     * milliseconds, so 5 s is a generous bound that still frees a dribbling client's slot.
     */
    public static final HttpLimits PIFAN = new HttpLimits(32, 8 * 1024, Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(2), DEFAULT_FIRST_BYTE_GRACE);

    /** With the default first-byte grace. */
    public HttpLimits(int maxConnections, int maxHeadBytes, Duration requestTime, Duration idleTime,
                      Duration writeTime, Duration lingerTime) {
        this(maxConnections, maxHeadBytes, requestTime, idleTime, writeTime, lingerTime, DEFAULT_FIRST_BYTE_GRACE);
    }

    public HttpLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, not " + maxConnections);
        }
        if (maxHeadBytes < 64) {
            throw new IllegalArgumentException("maxHeadBytes must be at least 64, not " + maxHeadBytes);
        }
        if (firstByteGrace == null || firstByteGrace.isNegative()) {
            throw new IllegalArgumentException("firstByteGrace must not be negative: " + firstByteGrace);
        }
        for (Duration d : new Duration[] {requestTime, idleTime, writeTime, lingerTime}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("every time limit must be positive: " + this);
            }
        }
    }
}
