package dev.pifan.tray.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.MonotonicClock;
import dev.pifan.tray.MemberState;
import dev.pifan.tray.PollError;
import dev.pifan.tray.StaticMembers;
import dev.pifan.tray.Tray;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The poller against members on loopback that misbehave as a hostile or broken one would: each
 * ends as a failed poll of its kind, never an exception, and never keeps a good member from being
 * heard in the same round. The timeout is a guard, not a check: a poll without its deadline would
 * hang the build instead of failing it.
 */
@Timeout(60)
class TrayPollerTest {

    static final Duration TIMEOUT = Duration.ofMillis(300);
    static final String BODY = "{\"instance\":\"run-1\",\"tick\":%d,\"requested_duty\":0.4,\"reason\":\"curve\","
            + "\"celsius\":51,\"detail\":\"\"}";

    /** What a member does with one connection, after the request's head (or at once). */
    interface Behaviour {
        void serve(Socket s, InputStream in, OutputStream out) throws IOException, InterruptedException;
    }

    private final List<HostileMember> servers = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> errors = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws IOException {
        release.countDown();
        for (HostileMember m : servers) {
            m.close();
        }
    }

    /** A loopback server running {@code behaviour} on every connection, each on a thread of its own. */
    final class HostileMember implements AutoCloseable {
        final ServerSocket socket;

        HostileMember(Behaviour behaviour) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        Thread t = new Thread(() -> {
                            try (s) {
                                behaviour.serve(s, s.getInputStream(), s.getOutputStream());
                            } catch (IOException | InterruptedException e) {
                                // the poller gave up on it: that is the point
                            }
                        });
                        t.setDaemon(true);
                        t.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            accept.setDaemon(true);
            accept.start();
            servers.add(this);
        }

        InetSocketAddress address() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the request ended early");
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    static Behaviour answering(String answer) {
        return (s, in, out) -> {
            readHead(in);
            out.write(answer.getBytes(StandardCharsets.UTF_8));
            out.flush();
        };
    }

    static String ok(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
    }

    /** Polls one round of these members and returns each one's state after it. */
    Map<String, MemberState> round(Map<String, InetSocketAddress> members) {
        Tray tray = new Tray(List.copyOf(members.keySet()), Duration.ofSeconds(3));
        try (TrayPoller poller = new TrayPoller(tray, new StaticMembers(members), Duration.ofSeconds(10), TIMEOUT,
                MonotonicClock.system(), (member, kind) -> errors.add(member + ":" + kind.label()))) {
            poller.round();
            Map<String, MemberState> states = new LinkedHashMap<>();
            for (MemberState m : tray.members(System.nanoTime())) {
                states.put(m.member(), m);
            }
            return states;
        }
    }

    MemberState pollOne(Behaviour behaviour) throws IOException {
        return round(Map.of("b2", new HostileMember(behaviour).address())).get("b2");
    }

    static void failedAs(PollError kind, MemberState m) {
        assertTrue(m.last().isEmpty(), "heard: " + m);
        assertTrue(m.stale(), "not lost: " + m);
        assertTrue(m.lastError().orElse("").startsWith(kind.label() + ": "), "error: " + m.lastError());
    }

    @Test
    void aGoodAnswerIsHeard() throws IOException {
        MemberState m = pollOne(answering(ok(String.format(BODY, 7))));
        assertEquals(7, m.last().orElseThrow().tick());
        assertFalse(m.stale());
        assertEquals(List.of(), errors);
    }

    @Test
    void garbageIsMalformed() throws IOException {
        failedAs(PollError.MALFORMED, pollOne(answering("\u0000\u00ff garbage\r\n\r\n")));
        assertEquals(List.of("b2:malformed"), errors);
    }

    @Test
    void wrongTypesAreMalformed() throws IOException {
        failedAs(PollError.MALFORMED, pollOne(answering(ok(String.format(BODY, 7).replace("0.4", "\"0.4\"")))));
    }

    @Test
    void aTruncatedAnswerIsMalformed() throws IOException {
        String whole = ok(String.format(BODY, 7));
        failedAs(PollError.MALFORMED, pollOne(answering(whole.substring(0, whole.length() - 10))));
    }

    @Test
    void anOversizedAnswerIsRefusedAtTheLimit() throws IOException {
        failedAs(PollError.OVERSIZED, pollOne(answering("HTTP/1.1 200 OK\r\n\r\n" + " ".repeat(64 * 1024))));
    }

    @Test
    void aMemberThatClosesAtOnceIsMalformed() throws IOException {
        failedAs(PollError.MALFORMED, pollOne((s, in, out) -> { }));
    }

    @Test
    void aMemberThatResetsIsAFailureNotAnException() throws IOException {
        MemberState m = pollOne((s, in, out) -> {
            readHead(in);
            s.setSoLinger(true, 0); // close with RST
        });
        assertTrue(m.lastError().isPresent() && m.last().isEmpty(), m.toString());
    }

    @Test
    void aMemberThatNeverAnswersTimesOut() throws IOException {
        failedAs(PollError.TIMEOUT, pollOne((s, in, out) -> {
            readHead(in);
            release.await();
        }));
    }

    @Test
    void aMemberThatDribblesTimesOut() throws IOException {
        failedAs(PollError.TIMEOUT, pollOne((s, in, out) -> {
            readHead(in);
            for (byte b : ok(String.format(BODY, 7)).getBytes(StandardCharsets.UTF_8)) {
                out.write(b);
                out.flush();
                Thread.sleep(50); // the dribble itself, not a wait for anything: 200 bytes take 10 s
            }
        }));
    }

    @Test
    void aMemberThatSendsHalfAndStallsTimesOut() throws IOException {
        String whole = ok(String.format(BODY, 7));
        failedAs(PollError.TIMEOUT, pollOne((s, in, out) -> {
            readHead(in);
            out.write(whole.substring(0, whole.length() / 2).getBytes(StandardCharsets.UTF_8));
            out.flush();
            release.await();
        }));
    }

    @Test
    void aVanishedMemberIsAConnectFailure() throws IOException {
        // a port held by a socket that is bound but does not listen: refused, and nobody else
        // (another test's server) can take it meanwhile, as a port merely closed could be
        try (Socket holder = new Socket()) {
            holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            failedAs(PollError.CONNECT, round(Map.of("b2", (InetSocketAddress) holder.getLocalSocketAddress()))
                    .get("b2"));
        }
    }

    @Test
    void anUnresolvedAddressIsAConnectFailure() {
        failedAs(PollError.CONNECT, round(Map.of("b2", InetSocketAddress.createUnresolved("no.such.host.invalid",
                9780))).get("b2"));
    }

    @Test
    void oneBadMemberDoesNotKeepTheOthersFromBeingHeard() throws IOException {
        Map<String, InetSocketAddress> members = new LinkedHashMap<>();
        members.put("stalls", new HostileMember((s, in, out) -> {
            readHead(in);
            release.await();
        }).address());
        members.put("floods", new HostileMember(answering("HTTP/1.1 200 OK\r\n\r\n" + "x".repeat(1 << 20))).address());
        members.put("good", new HostileMember(answering(ok(String.format(BODY, 3)))).address());
        Map<String, MemberState> states = round(members);
        assertEquals(3, states.get("good").last().orElseThrow().tick());
        failedAs(PollError.TIMEOUT, states.get("stalls"));
        failedAs(PollError.OVERSIZED, states.get("floods"));
    }

    @Test
    void aMemberWithoutAnAddressIsFailedAsSuch() {
        Tray tray = new Tray(List.of("b2"), Duration.ofSeconds(3));
        dev.pifan.tray.MemberDirectory unknown = () -> Map.of("b2", java.util.Optional.empty());
        try (TrayPoller poller = new TrayPoller(tray, unknown, Duration.ofSeconds(10), TIMEOUT, MonotonicClock.system(),
                (member, kind) -> errors.add(member + ":" + kind.label()))) {
            poller.round();
        }
        failedAs(PollError.NO_ADDRESS, tray.members(System.nanoTime()).get(0));
        assertEquals(List.of("b2:no_address"), errors);
    }

    @Test
    void heardIsStampedWithTheGivenClock() throws IOException {
        long[] now = {5_000_000_000L};
        MonotonicClock manual = () -> now[0];
        Tray tray = new Tray(List.of("b2"), Duration.ofSeconds(3));
        Map<String, InetSocketAddress> members = Map.of("b2",
                new HostileMember(answering(ok(String.format(BODY, 7)))).address());
        // a manual clock never reaches a deadline: a good answer must come without one
        try (TrayPoller poller = new TrayPoller(tray, new StaticMembers(members), Duration.ofSeconds(10), TIMEOUT,
                manual, (member, kind) -> errors.add(kind.label()))) {
            poller.round();
        }
        assertEquals(5_000_000_000L, tray.members(now[0]).get(0).heardNanos().orElseThrow());
    }
}
