package dev.pifan.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestHeadTest {

    private static RequestHead.Parse parse(String bytes) {
        return RequestHead.parse(ByteBuffer.wrap(bytes.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static RequestHead head(String bytes) {
        return assertInstanceOf(RequestHead.Complete.class, parse(bytes)).head();
    }

    private static int status(String bytes) {
        return assertInstanceOf(RequestHead.Malformed.class, parse(bytes)).status();
    }

    @Test
    void aPlainGetIsKeptAliveWithItsPathWithoutTheQuery() {
        RequestHead h = head("GET /metrics?x=1 HTTP/1.1\r\nHost: a\r\nAccept: text/plain\r\n\r\n");
        assertEquals("GET", h.method());
        assertEquals("/metrics", h.path());
        assertTrue(h.keepAlive());
        assertEquals("text/plain", h.accept());
    }

    @Test
    void theLengthIsTheHeadAloneSoAPipelinedRequestStaysForLater() {
        String first = "GET /healthz HTTP/1.1\r\n\r\n";
        RequestHead.Complete c = assertInstanceOf(RequestHead.Complete.class, parse(first + "GET /status HTTP/1.1\r\n\r\n"));
        assertEquals(first.length(), c.length());
    }

    @Test
    void bareLineFeedsEndLinesAndTheHead() {
        RequestHead h = head("GET /healthz HTTP/1.1\nHost: a\nConnection: close\n\n");
        assertEquals("/healthz", h.path());
        assertFalse(h.keepAlive(), "the Connection header on an LF-only line was read");
    }

    @Test
    void emptyLinesBeforeTheRequestLineAreSkippedAndCounted() {
        RequestHead.Complete c = assertInstanceOf(RequestHead.Complete.class, parse("\r\n\r\nGET / HTTP/1.1\r\n\r\n"));
        assertEquals("/", c.head().path());
        assertEquals(4 + "GET / HTTP/1.1\r\n\r\n".length(), c.length());
    }

    @Test
    void aHeadWithoutItsEmptyLineIsIncomplete() {
        assertInstanceOf(RequestHead.Incomplete.class, parse("GET /healthz HTTP/1.1\r\nHost: a\r\n"));
        assertInstanceOf(RequestHead.Incomplete.class, parse("GET /hea"));
        assertInstanceOf(RequestHead.Incomplete.class, parse(""));
    }

    @Test
    void aBodyOrConnectionCloseOrHttp10EndsTheConnection() {
        assertFalse(head("POST / HTTP/1.1\r\nContent-Length: 6\r\n\r\n").keepAlive());
        assertFalse(head("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").keepAlive());
        assertFalse(head("GET / HTTP/1.1\r\nConnection: keep-alive, Close\r\n\r\n").keepAlive());
        assertFalse(head("GET / HTTP/1.0\r\n\r\n").keepAlive());
        assertTrue(head("GET / HTTP/1.1\r\nContent-Length: 0\r\nConnection: Upgrade, HTTP2-Settings\r\n\r\n").keepAlive());
        assertNull(head("GET / HTTP/1.1\r\n\r\n").accept());
    }

    @Test
    void controlCharactersAnywhereInTheHeadAre400() {
        assertEquals(400, status("GET /a\0b HTTP/1.1\r\n\r\n"));
        assertEquals(400, status("GET / HTTP/1.1\r\nX: a\0b\r\n\r\n"));
        assertEquals(400, status("GET /a\rb HTTP/1.1\r\n\r\n"));
    }

    @Test
    void whatIsNotARequestLineIs400AndAnotherVersion505() {
        assertEquals(400, status("GET  /  HTTP/1.1\r\n\r\n"));
        assertEquals(400, status("get / HTTP/1.1\r\n\r\n"));
        assertEquals(400, status("GET http://evil/ HTTP/1.1\r\n\r\n"));
        assertEquals(400, status("GET /\u00e9 HTTP/1.1\r\n\r\n"));
        assertEquals(400, status("GET / FTP/1.1\r\n\r\n"));
        assertEquals(505, status("PRI * HTTP/2.0\r\n\r\n".replace("*", "/")));
    }

    @Test
    void malformedHeadersAre400() {
        assertEquals(400, status("GET / HTTP/1.1\r\nX: a\r\n folded\r\n\r\n"));
        assertEquals(400, status("GET / HTTP/1.1\r\nno colon\r\n\r\n"));
        assertEquals(400, status("GET / HTTP/1.1\r\nBad Name: a\r\n\r\n"));
        assertEquals(400, status("GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n"));
        assertEquals(400, status("GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"));
    }
}
