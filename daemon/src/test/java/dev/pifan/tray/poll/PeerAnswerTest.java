package dev.pifan.tray.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.tray.PollError;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What of a member's answer counts: a whole 200 with a report, and nothing less. */
class PeerAnswerTest {

    static final String BODY = "{\"instance\":\"run-1\",\"tick\":7,\"requested_duty\":0.5,\"reason\":\"curve\","
            + "\"celsius\":50.5,\"detail\":\"\"}\n";

    static String ok(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    static Optional<PeerAnswer.Verdict> read(String answer, boolean ended) {
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        return PeerAnswer.read(bytes, bytes.length, ended);
    }

    static PollError error(String answer, boolean ended) {
        PeerAnswer.Verdict v = read(answer, ended).orElseThrow(() -> new AssertionError("no verdict"));
        assertEquals(null, v.report(), "a report from: " + answer);
        return v.error();
    }

    @Test
    void aWholeAnswerIsAReportAsSoonAsItsContentLengthIsIn() {
        assertEquals(7, read(ok(BODY), false).orElseThrow().report().tick());
    }

    @Test
    void withoutAContentLengthTheBodyEndsWithTheConnection() {
        String answer = "HTTP/1.0 200 OK\r\n\r\n" + BODY;
        assertTrue(read(answer, false).isEmpty(), "whole before the end");
        assertEquals(7, read(answer, true).orElseThrow().report().tick());
    }

    @Test
    void partOfAnAnswerIsNotYetAVerdict() {
        String whole = ok(BODY);
        for (int cut = 0; cut < whole.length(); cut++) {
            assertTrue(read(whole.substring(0, cut), false).isEmpty(), "a verdict after " + cut + " bytes");
        }
    }

    @Test
    void anAnswerCutShortIsMalformed() {
        String whole = ok(BODY);
        for (int cut = 0; cut < whole.length(); cut++) {
            assertEquals(PollError.MALFORMED, error(whole.substring(0, cut), true), "cut at " + cut);
        }
    }

    @Test
    void anotherStatusIsAStatusError() {
        assertEquals(PollError.STATUS, error("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 12\r\n\r\nno tick yet\n",
                false));
        assertEquals(PollError.STATUS, error("HTTP/1.1 404 Not Found\r\n\r\n", false));
    }

    @Test
    void garbageIsMalformed() {
        assertEquals(PollError.MALFORMED, error("SSH-2.0-OpenSSH_9.2\r\n\r\n", false));
        assertEquals(PollError.MALFORMED, error("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n" + BODY, true));
        assertEquals(PollError.MALFORMED, error("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{}\r\n", false));
        assertEquals(PollError.MALFORMED, error("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", false));
        assertEquals(PollError.MALFORMED, error("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}",
                false));
        assertEquals(PollError.MALFORMED, error(ok("{\"tick\":7}"), false));
        assertEquals(PollError.MALFORMED, error(ok(BODY) + "more", false));
    }

    @Test
    void aBodyThatIsNotUtf8IsMalformed() {
        byte[] head = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] answer = new byte[head.length + 2];
        System.arraycopy(head, 0, answer, 0, head.length);
        answer[head.length] = (byte) 0xC3;
        answer[head.length + 1] = (byte) 0x28;
        assertEquals(PollError.MALFORMED, PeerAnswer.read(answer, answer.length, false).orElseThrow().error());
    }
}
