package dev.pifan.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server on one thread and one selector, made so that no client can hold it:
 * every connection is non-blocking, at most {@link HttpLimits#maxConnections} are held (one more
 * evicts the least recently active), each has a deadline in whatever it waits for (the request, the
 * next request, the client taking the response), and each is closed on every path out.
 *
 * <p>Why not the JDK's {@code com.sun.net.httpserver}: its dispatcher hands a connection that has
 * a byte to read to a worker thread in blocking mode, and the worker reads the whole head there
 * (JDK 17's {@code ServerImpl.Dispatcher}); with a fixed number of workers, as many clients
 * dribbling their headers take every worker, and its {@code maxReqTime} only closes them after the
 * fact. The attack suite measures both (attack/README.md).
 */
public final class BoundedHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BoundedHttpServer.class);
    /**
     * Room in the kernel's accept queue (the kernel caps it at net.core.somaxconn, 4096 by default).
     * A flood waits there, costing pifan no fd, instead of having its SYNs dropped: a dropped SYN is
     * sent again only after a second, and a probe's SYN would be dropped with the flood's. Queued,
     * the probe is accepted in turn, within the time the server takes to accept what is ahead of it.
     */
    private static final int BACKLOG = 4096;
    /** After accept fails (no fd left in the process): try again this much later, not in a busy loop. */
    private static final long ACCEPT_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MAX_SELECT_MILLIS = 1000;
    /** Accepts per round at most, so that the connections held are served between them. */
    private static final int MAX_ACCEPTS_PER_ROUND = 256;

    private final HttpLimits limits;
    private final Handler handler;
    private final Selector selector;
    private final ServerSocketChannel listener;
    private final SelectionKey listenerKey;
    private final List<Connection> connections = new ArrayList<>();
    /** what lingering connections still send (to be dropped), and a connection beyond the limit's request */
    private final ByteBuffer scratch;
    private final Thread thread;
    private volatile boolean running = true;
    private long acceptPausedUntil;
    private boolean acceptPaused;

    private BoundedHttpServer(InetSocketAddress address, HttpLimits limits, Handler handler, String threadName)
            throws IOException {
        this.limits = limits;
        this.handler = handler;
        this.scratch = ByteBuffer.allocate(limits.maxHeadBytes());
        this.selector = Selector.open();
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.bind(address, BACKLOG);
            channel.configureBlocking(false);
            this.listenerKey = channel.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            channel.close();
            selector.close();
            throw e;
        }
        this.listener = channel;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    /**
     * Binds {@code address} and starts serving on a thread of its own named {@code threadName}.
     *
     * @throws IOException when the address cannot be bound (in use, not an address of this host)
     */
    public static BoundedHttpServer start(InetSocketAddress address, HttpLimits limits, Handler handler,
            String threadName) throws IOException {
        BoundedHttpServer server = new BoundedHttpServer(address, limits, handler, threadName);
        server.thread.start();
        return server;
    }

    /** The bound address (with the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.socket().getLocalSocketAddress();
    }

    /** Stops listening and closes every connection; returns once the server's thread has ended. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) { // not expected: the thread never blocks; at least stop listening
            LOG.warn("HTTP server thread did not stop within 2 s; closing its listening socket");
            closeQuietly(listener);
        }
    }

    private void run() {
        try {
            while (running) {
                selector.select(selectMillis());
                // connections first, then new ones: a connection accepted in the last round is read
                // before any accept of this round can evict it
                boolean accept = false;
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key == listenerKey) {
                        accept = true;
                    } else {
                        onReady(key);
                    }
                }
                selector.selectedKeys().clear();
                if (accept) {
                    acceptSome();
                }
                long now = System.nanoTime();
                resumeAccepting(now);
                expire(now);
            }
        } catch (IOException | RuntimeException | Error e) {
            LOG.error("HTTP server stopped: {} (the control loop goes on; /healthz is unreachable)", e.toString(), e);
        } finally {
            closeEverything();
        }
    }

    private void onReady(SelectionKey key) {
        if (!key.isValid()) {
            return; // closed earlier in this round (evicted, or its time ran out)
        }
        Connection c = (Connection) key.attachment();
        if (key.isWritable()) {
            step(c, this::send);
        } else if (key.isReadable()) {
            step(c, this::receive);
        }
    }

    /** What the server does with a connection; it may fail as its client goes away. */
    private interface Step {
        void on(Connection c) throws IOException;
    }

    /** Runs a step and closes the connection if it fails: no path leaves a socket open. */
    private void step(Connection c, Step step) {
        try {
            step.on(c);
        } catch (IOException e) {
            LOG.debug("HTTP client went away: {}", e.toString());
            close(c);
        } catch (RuntimeException e) {
            LOG.warn("HTTP connection failed, closing it", e);
            close(c);
        }
    }

    /**
     * Accepts what waits in the kernel's queue. Below the limit a connection gets a slot. At the
     * limit, a connection that came with its whole request (a probe, a scrape, a flood) is answered
     * at once and closed, taking no slot; one that did not (a slow client, or a fast one not yet
     * heard from) takes the slot of the least recently active. At most half the limit is evicted in
     * a round, so every connection that got a slot is still there in the next round, to be read.
     */
    private void acceptSome() {
        int evicted = 0;
        for (int i = 0; i < MAX_ACCEPTS_PER_ROUND && evicted < Math.max(1, limits.maxConnections() / 2); i++) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException e) {
                // EMFILE or ENFILE: the connection stays in the kernel's queue; leave it there for now
                LOG.debug("HTTP accept failed, pausing accepts: {}", e.toString());
                listenerKey.interestOps(0);
                acceptPaused = true;
                acceptPausedUntil = System.nanoTime() + ACCEPT_PAUSE_NANOS;
                return;
            }
            if (channel == null) {
                return;
            }
            try {
                channel.configureBlocking(false);
                scratch.clear();
                if (connections.size() >= limits.maxConnections()) {
                    if (answeredAtOnce(channel)) {
                        continue;
                    }
                    evictLeastRecentlyActive();
                    evicted++;
                }
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true); // see Response: one write each
                long now = System.nanoTime();
                SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
                Connection c = new Connection(channel, key, limits.maxHeadBytes(), now);
                c.deadline = now + limits.requestTime().toNanos();
                key.attach(c);
                connections.add(c);
                c.received.put(scratch.flip()); // what answeredAtOnce read of an unfinished request
                // a client that waited in the accept queue may have sent its request by now
                step(c, this::receive);
            } catch (IOException | RuntimeException e) {
                LOG.debug("HTTP connection could not be set up: {}", e.toString());
                closeQuietly(channel);
            }
        }
    }

    /**
     * For a connection beyond the limit: reads what it has sent; answers a whole request and closes
     * (true), or leaves what it read of an unfinished one in {@link #scratch} (false).
     */
    private boolean answeredAtOnce(SocketChannel channel) throws IOException {
        if (channel.read(scratch) < 0) {
            closeQuietly(channel);
            return true; // gone already
        }
        scratch.flip();
        RequestHead.Parse parse = RequestHead.parse(scratch);
        Response response;
        boolean head = false;
        if (parse instanceof RequestHead.Complete request) {
            response = answer(request.head());
            head = request.head().isHead();
        } else if (parse instanceof RequestHead.Malformed bad) {
            response = Response.text(bad.status(), "bad request: " + bad.reason() + "\n");
        } else {
            scratch.position(scratch.limit()); // back in write mode, the bytes kept
            return false;
        }
        channel.write(ByteBuffer.wrap(response.encode(head, true))); // one try: it fits a socket buffer
        closeQuietly(channel);
        return true;
    }

    private void receive(Connection c) throws IOException {
        ByteBuffer into = c.phase == Connection.Phase.LINGERING ? scratch.clear() : c.received;
        boolean wasIdle = c.idle();
        int n = c.channel.read(into);
        if (n < 0) {
            close(c); // the client closed: whatever it had half sent dies with it
            return;
        }
        long now = System.nanoTime();
        c.lastActive = now;
        c.heard |= n > 0;
        if (c.phase == Connection.Phase.LINGERING) {
            return;
        }
        if (wasIdle && n > 0) {
            c.deadline = now + limits.requestTime().toNanos(); // a new request: its own time, from its first byte
        }
        serve(c);
    }

    /** Answers every whole request received (a client may send several at once), then reads on. */
    private void serve(Connection c) throws IOException {
        while (c.phase == Connection.Phase.READING && c.received.position() > 0) {
            c.received.flip();
            RequestHead.Parse parse = RequestHead.parse(c.received);
            if (parse instanceof RequestHead.Incomplete) {
                c.received.compact();
                if (!c.received.hasRemaining()) {
                    reply(c, Response.text(431, "request head larger than " + limits.maxHeadBytes() + " bytes\n"),
                            false, true);
                }
                return;
            }
            if (parse instanceof RequestHead.Malformed bad) {
                c.received.clear();
                reply(c, Response.text(bad.status(), "bad request: " + bad.reason() + "\n"), false, true);
                return;
            }
            RequestHead.Complete request = (RequestHead.Complete) parse;
            c.received.position(c.received.position() + request.length()).compact();
            reply(c, answer(request.head()), request.head().isHead(), !request.head().keepAlive());
        }
    }

    private Response answer(RequestHead request) {
        try {
            return handler.handle(request);
        } catch (RuntimeException e) {
            LOG.warn("HTTP request {} {} failed", request.method(), request.path(), e);
            return Response.text(500, "internal error: " + e.getClass().getSimpleName() + "\n");
        }
    }

    private void reply(Connection c, Response response, boolean head, boolean close) throws IOException {
        c.sending = ByteBuffer.wrap(response.encode(head, close));
        c.closeAfterSending = close;
        c.phase = Connection.Phase.WRITING;
        c.deadline = System.nanoTime() + limits.writeTime().toNanos();
        send(c);
    }

    private void send(Connection c) throws IOException {
        if (c.channel.write(c.sending) > 0) {
            c.lastActive = System.nanoTime();
        }
        if (c.sending.hasRemaining()) {
            c.key.interestOps(SelectionKey.OP_WRITE); // and read nothing more until the client takes this
            return;
        }
        c.sending = null;
        long now = System.nanoTime();
        c.key.interestOps(SelectionKey.OP_READ);
        if (c.closeAfterSending) {
            // half-close and read on until the client closes, so that unread bytes of its request do
            // not turn our close into a reset that could destroy the response before it is read
            c.channel.shutdownOutput();
            c.phase = Connection.Phase.LINGERING;
            c.deadline = now + limits.lingerTime().toNanos();
            return;
        }
        c.phase = Connection.Phase.READING;
        c.deadline = now + (c.received.position() == 0 ? limits.idleTime() : limits.requestTime()).toNanos();
        serve(c); // a request that came with the last one
    }

    private void expire(long now) {
        for (Iterator<Connection> it = connections.iterator(); it.hasNext();) {
            Connection c = it.next();
            if (now - c.deadline >= 0) {
                LOG.debug("HTTP connection closed: its time {} ran out", c.phase);
                it.remove();
                closeChannel(c);
            }
        }
    }

    /**
     * Closes the least recently active connection, sparing those within their first-byte grace
     * while there is any other. Never the newcomer: it is the likeliest to be a probe or a scrape
     * (a flood's connection usually brings its request and is answered without a slot).
     */
    private void evictLeastRecentlyActive() {
        long now = System.nanoTime();
        long grace = limits.firstByteGrace().toNanos();
        Connection oldest = leastRecentlyActive(c -> c.evictable(now, grace));
        LOG.debug("HTTP connections at the limit of {}: closing the least recently active", limits.maxConnections());
        close(oldest != null ? oldest : leastRecentlyActive(c -> true));
    }

    /** The least recently active connection of those {@code eligible}; null if there is none. */
    private Connection leastRecentlyActive(java.util.function.Predicate<Connection> eligible) {
        Connection oldest = null;
        for (Connection c : connections) {
            if (eligible.test(c) && (oldest == null || c.lastActive - oldest.lastActive < 0)) {
                oldest = c;
            }
        }
        return oldest;
    }

    private long selectMillis() {
        long now = System.nanoTime();
        long wake = now + TimeUnit.MILLISECONDS.toNanos(MAX_SELECT_MILLIS);
        for (Connection c : connections) {
            if (c.deadline - wake < 0) {
                wake = c.deadline;
            }
        }
        if (acceptPaused && acceptPausedUntil - wake < 0) {
            wake = acceptPausedUntil;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(wake - now) + 1);
    }

    private void resumeAccepting(long now) {
        if (acceptPaused && now - acceptPausedUntil >= 0 && listenerKey.isValid()) {
            acceptPaused = false;
            listenerKey.interestOps(SelectionKey.OP_ACCEPT);
        }
    }

    private void close(Connection c) {
        connections.remove(c);
        closeChannel(c);
    }

    private static void closeChannel(Connection c) {
        c.key.cancel();
        closeQuietly(c.channel);
    }

    private void closeEverything() {
        for (Connection c : connections) {
            closeChannel(c);
        }
        connections.clear();
        closeQuietly(listener);
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("HTTP selector close: {}", e.toString());
        }
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("HTTP close: {}", e.toString()); // nothing left to do for a socket that will not close
        }
    }
}
