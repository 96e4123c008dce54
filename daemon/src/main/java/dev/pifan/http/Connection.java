package dev.pifan.http;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/** One client's connection, as the server's thread sees it; touched by that thread only. */
final class Connection {

    /** What the connection waits for, and so which deadline applies. */
    enum Phase {
        /** the next request's head (its first byte within the idle time, the rest within the request time) */
        READING,
        /** the client to take the response */
        WRITING,
        /** after the last response: the client's close, reading and dropping what it still sends */
        LINGERING
    }

    final SocketChannel channel;
    final SelectionKey key;
    /** bytes received and not yet answered, in write mode (position = end of data) */
    final ByteBuffer received;
    Phase phase = Phase.READING;
    ByteBuffer sending;
    boolean closeAfterSending;
    long deadline;
    /** when a byte last moved either way: the least recently active connection is evicted first */
    long lastActive;
    final long acceptedAt;
    /** whether the client has sent a byte yet */
    boolean heard;

    Connection(SocketChannel channel, SelectionKey key, int maxHeadBytes, long now) {
        this.channel = channel;
        this.key = key;
        this.received = ByteBuffer.allocate(maxHeadBytes);
        this.lastActive = now;
        this.acceptedAt = now;
    }

    /** Whether this connection may be evicted at {@code now} (see {@link HttpLimits#firstByteGrace}). */
    boolean evictable(long now, long graceNanos) {
        return heard || now - acceptedAt >= graceNanos;
    }

    boolean idle() {
        return phase == Phase.READING && received.position() == 0;
    }
}
