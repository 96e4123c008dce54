package dev.pifan.tray.kubernetes;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * An answer's body, pulled one chunk at a time by the thread that reads it, with a deadline: at
 * most one chunk is asked for and held, and a read that waits past the deadline, or is
 * interrupted, ends the body (HttpClient's own InputStream goes on waiting when interrupted, and a
 * connection lost without a word would leave a watch waiting for ever).
 */
final class BodyReader implements Flow.Subscriber<List<ByteBuffer>> {

    private static final Object END = new Object();

    /** What the client hands over: the subscription, a chunk, the end or a failure (at most one of each in flight). */
    private final BlockingQueue<Object> handed = new ArrayBlockingQueue<>(4);
    private final Deque<ByteBuffer> chunk = new ArrayDeque<>();
    private final long deadlineNanos;
    private final String what;
    private Flow.Subscription subscription;
    private volatile Flow.Subscription toCancel;
    private boolean asked;
    private boolean ended;

    /** @param deadlineNanos when (System.nanoTime) the whole body must have come */
    BodyReader(long deadlineNanos, String what) {
        this.deadlineNanos = deadlineNanos;
        this.what = what;
    }

    /** The next byte, -1 at the end of the body. */
    int read() throws IOException, InterruptedException {
        while (true) {
            ByteBuffer b = chunk.peek();
            if (b != null) {
                if (b.hasRemaining()) {
                    return b.get() & 0xff;
                }
                chunk.poll();
                continue;
            }
            if (ended) {
                return -1;
            }
            if (subscription != null && !asked) {
                subscription.request(1);
                asked = true;
            }
            take();
        }
    }

    @SuppressWarnings("unchecked")
    private void take() throws IOException, InterruptedException {
        long wait = deadlineNanos - System.nanoTime();
        Object item = wait > 0 ? handed.poll(wait, TimeUnit.NANOSECONDS) : null;
        if (item == null) {
            throw new HttpTimeoutException(what + " did not end in time");
        }
        if (item == END) {
            ended = true;
        } else if (item instanceof Throwable t) {
            throw new IOException(what + ": " + t.getMessage(), t);
        } else if (item instanceof Flow.Subscription s) {
            subscription = s;
        } else {
            chunk.addAll((List<ByteBuffer>) item);
            asked = false;
        }
    }

    /** Stops the body: the client closes the connection. */
    void cancel() {
        Flow.Subscription s = toCancel;
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        toCancel = s;
        hand(s);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        hand(item);
    }

    @Override
    public void onError(Throwable throwable) {
        hand(throwable);
    }

    @Override
    public void onComplete() {
        hand(END);
    }

    private void hand(Object item) {
        if (!handed.offer(item)) {
            cancel(); // more than was asked for: a publisher out of step, end it
        }
    }
}
