package dev.pifan.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The request line and the few headers pifan's endpoints look at, parsed from the bytes received
 * so far. Nothing here decodes the path: it is compared as sent, and never echoed.
 *
 * @param method    as sent (a token of capital letters)
 * @param path      the target up to its query, undecoded
 * @param keepAlive whether the connection may carry another request after the response: HTTP/1.1
 *                  without {@code Connection: close} and without a body (pifan reads no body, so a
 *                  connection that sent one cannot be read further)
 * @param accept    the Accept header, or null
 */
public record RequestHead(String method, String path, boolean keepAlive, String accept) {

    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,20}");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern TARGET = Pattern.compile("/[\\x21-\\x7e]*");
    private static final Pattern VERSION = Pattern.compile("HTTP/[0-9]\\.[0-9]");

    /** What the bytes received so far amount to. */
    public sealed interface Parse permits Incomplete, Complete, Malformed {
    }

    /** No end of the head yet: read more (within {@link HttpLimits#maxHeadBytes}). */
    public record Incomplete() implements Parse {
    }

    /** A whole head of {@code length} bytes; what follows belongs to the next request. */
    public record Complete(RequestHead head, int length) implements Parse {
    }

    /** Not a request pifan answers; {@code status} says why (400, 505), and the connection closes. */
    public record Malformed(int status, String reason) implements Parse {
    }

    public boolean isHead() {
        return method.equals("HEAD");
    }

    /**
     * Parses the bytes between the buffer's position and limit, which it leaves where they were.
     * A line ends with LF, with or without CR before it (RFC 9112 section 2.2 lets a recipient take a
     * bare LF as the end of a line): a client that sends LF alone gets its answer, not a wait.
     */
    public static Parse parse(ByteBuffer received) {
        int from = received.position();
        int to = received.limit();
        while (from < to && (received.get(from) == '\r' || received.get(from) == '\n')) {
            from++; // empty lines before a request line are to be ignored (RFC 9112 section 2.2)
        }
        int end = headEnd(received, from, to);
        if (end < 0) {
            return new Incomplete();
        }
        byte[] bytes = new byte[end - from];
        received.get(from, bytes);
        for (byte b : bytes) {
            if ((b < 0x20 && b != '\r' && b != '\n' && b != '\t') || b == 0x7f) {
                return new Malformed(400, "a control character in the request head");
            }
        }
        String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\n");
        Parse parsed = parseLines(lines);
        if (parsed instanceof Complete complete) {
            return new Complete(complete.head(), end - received.position());
        }
        return parsed;
    }

    /** The index just past the empty line that ends the head, or -1. */
    private static int headEnd(ByteBuffer b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b.get(i) != '\n') {
                continue;
            }
            if (i + 1 < to && b.get(i + 1) == '\n') {
                return i + 2;
            }
            if (i + 2 < to && b.get(i + 1) == '\r' && b.get(i + 2) == '\n') {
                return i + 3;
            }
        }
        return -1;
    }

    private static Parse parseLines(String[] lines) {
        String[] requestLine = withoutCr(lines[0]).split(" ", -1);
        if (requestLine.length != 3) {
            return new Malformed(400, "a request line is a method, a target and a version");
        }
        String method = requestLine[0];
        String target = requestLine[1];
        String version = requestLine[2];
        if (!METHOD.matcher(method).matches()) {
            return new Malformed(400, "not a method");
        }
        if (!TARGET.matcher(target).matches()) {
            return new Malformed(400, "the target must be a path (origin form)");
        }
        if (!VERSION.matcher(version).matches()) {
            return new Malformed(400, "not an HTTP version");
        }
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            return new Malformed(505, "HTTP/1.1 and HTTP/1.0 only");
        }
        boolean close = version.equals("HTTP/1.0"); // no keep-alive for HTTP/1.0: one request, then close
        boolean body = false;
        String contentLength = null;
        String accept = null;
        for (int i = 1; i < lines.length; i++) {
            String line = withoutCr(lines[i]);
            if (line.isEmpty()) {
                break;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                return new Malformed(400, "folded header lines are obsolete (RFC 9112 section 5.2)");
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !TOKEN.matcher(line.substring(0, colon)).matches()) {
                return new Malformed(400, "a header line is a name, a colon and a value");
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (name) {
                case "connection" -> close |= hasToken(value, "close");
                case "transfer-encoding" -> body = true;
                case "accept" -> accept = value;
                case "content-length" -> {
                    if (!value.matches("[0-9]{1,18}") || (contentLength != null && !contentLength.equals(value))) {
                        return new Malformed(400, "a Content-Length must be one decimal number");
                    }
                    contentLength = value;
                    body |= Long.parseLong(value) > 0;
                }
                default -> {
                    // no other header changes what pifan answers
                }
            }
        }
        String path = target.split("[?#]", 2)[0];
        return new Complete(new RequestHead(method, path, !close && !body, accept), 0);
    }

    private static String withoutCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static boolean hasToken(String value, String token) {
        for (String t : value.split(",")) {
            if (t.strip().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }
}
