package dev.pifan.tray.poll;

import dev.pifan.hal.MonotonicClock;
import dev.pifan.tray.PollError;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One round of {@code GET /peer}, to every member at once on one selector: a few hand-written
 * bytes out, at most {@link #MAX_ANSWER} in, and one deadline for the lot, connect to last byte.
 * Nothing a member does (refuse, stall, dribble, flood, send garbage) costs more than the
 * deadline and a few KiB, and nothing it does escapes as an exception: each member ends in an
 * {@link Outcome}.
 *
 * <p>Hand-written on a non-blocking {@link SocketChannel} rather than {@code java.net.http}: the
 * whole exchange is one deadline and one buffer, which that client does not bound in one place,
 * and it needs nothing a native image would have to be told of.
 */
final class PollRound {

    /** A report is some 200 bytes and its head 100: 4 KiB is room to spare, and little to hold. */
    static final int MAX_ANSWER = 4 * 1024;

    /** How one member's poll ended, and when (the poller's clock). */
    record Outcome(String member, PeerAnswer.Verdict verdict, long nanos) {
    }

    private PollRound() {
    }

    /**
     * Polls {@code targets} (name to address) and returns one outcome for each, within {@code timeout}
     * of the call (plus the time to close what is left).
     */
    static List<Outcome> run(Selector selector, Map<String, InetSocketAddress> targets, Duration timeout,
                             MonotonicClock clock) {
        long deadline = clock.nanos() + timeout.toNanos();
        List<Outcome> outcomes = new ArrayList<>(targets.size());
        List<Poll> open = new ArrayList<>();
        targets.forEach((member, address) -> {
            Poll p = new Poll(member, address);
            Optional<PeerAnswer.Verdict> early = p.start(selector);
            early.ifPresentOrElse(v -> outcomes.add(new Outcome(member, v, clock.nanos())), () -> open.add(p));
        });
        try {
            while (!open.isEmpty()) {
                long left = deadline - clock.nanos();
                if (left <= 0) {
                    break;
                }
                selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                if (Thread.currentThread().isInterrupted()) {
                    break; // the poller is closing
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    Poll p = (Poll) key.attachment();
                    p.step(key).ifPresent(v -> {
                        outcomes.add(new Outcome(p.member, v, clock.nanos()));
                        p.close();
                        open.remove(p);
                    });
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            // the selector itself failed: every poll still open taught nothing
            for (Poll p : open) {
                outcomes.add(new Outcome(p.member, PeerAnswer.Verdict.failed(PollError.CONNECT, "selector: "
                        + e.getMessage()), clock.nanos()));
            }
            open.forEach(Poll::close);
            open.clear();
        }
        for (Poll p : open) {
            outcomes.add(new Outcome(p.member, PeerAnswer.Verdict.failed(PollError.TIMEOUT, p.timedOut(timeout)),
                    clock.nanos()));
            p.close();
        }
        try {
            selector.selectNow(); // let the selector drop the keys of the channels closed above
        } catch (IOException e) {
            // nothing registered is left to lose
        }
        selector.selectedKeys().clear();
        return outcomes;
    }

    /** One member's exchange: connect, write the request, read the answer. */
    private static final class Poll {
        final String member;
        final InetSocketAddress address;
        final byte[] received = new byte[MAX_ANSWER + 1];
        int length;
        ByteBuffer request;
        SocketChannel channel;
        String phase = "connecting";

        Poll(String member, InetSocketAddress address) {
            this.member = member;
            this.address = address;
        }

        Optional<PeerAnswer.Verdict> start(Selector selector) {
            if (address.isUnresolved()) {
                return Optional.of(PeerAnswer.Verdict.failed(PollError.CONNECT, "unknown host "
                        + address.getHostString()));
            }
            String host = address.getHostString().contains(":") ? "[" + address.getHostString() + "]"
                    : address.getHostString();
            request = ByteBuffer.wrap(("GET /peer HTTP/1.1\r\nHost: " + host + ":" + address.getPort()
                    + "\r\nAccept: application/json\r\nUser-Agent: pifan-tray\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            try {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                if (channel.connect(address)) {
                    phase = "writing";
                    channel.register(selector, SelectionKey.OP_WRITE, this);
                } else {
                    channel.register(selector, SelectionKey.OP_CONNECT, this);
                }
                return Optional.empty();
            } catch (IOException | RuntimeException e) { // unreachable network, no ports left, ...
                close();
                return Optional.of(PeerAnswer.Verdict.failed(PollError.CONNECT, describe(e)));
            }
        }

        Optional<PeerAnswer.Verdict> step(SelectionKey key) {
            try {
                if (key.isConnectable()) {
                    channel.finishConnect();
                    phase = "writing";
                    key.interestOps(SelectionKey.OP_WRITE);
                } else if (key.isWritable()) {
                    channel.write(request);
                    if (!request.hasRemaining()) {
                        phase = "reading";
                        key.interestOps(SelectionKey.OP_READ);
                    }
                } else if (key.isReadable()) {
                    return read();
                }
                return Optional.empty();
            } catch (IOException | RuntimeException e) {
                PollError kind = phase.equals("connecting") ? PollError.CONNECT : PollError.MALFORMED;
                return Optional.of(PeerAnswer.Verdict.failed(kind, (kind == PollError.CONNECT ? "" : phase + ": ")
                        + describe(e)));
            }
        }

        private Optional<PeerAnswer.Verdict> read() throws IOException {
            int n = channel.read(ByteBuffer.wrap(received, length, received.length - length));
            if (n > 0) {
                length += n;
            }
            if (length > MAX_ANSWER) {
                return Optional.of(PeerAnswer.Verdict.failed(PollError.OVERSIZED, "an answer over "
                        + MAX_ANSWER / 1024 + " KiB"));
            }
            return PeerAnswer.read(received, length, n < 0);
        }

        String timedOut(Duration timeout) {
            return "no whole answer within " + timeout.toMillis() + " ms (" + phase
                    + (phase.equals("reading") ? ", " + length + " bytes so far" : "") + ")";
        }

        void close() {
            if (channel != null) {
                try {
                    channel.close(); // cancels its key too
                } catch (IOException e) {
                    // closing what is given up on: nothing to do about it
                }
            }
        }

        private static String describe(Exception e) {
            String message = e.getMessage();
            return message == null ? e.getClass().getSimpleName() : message;
        }
    }
}
