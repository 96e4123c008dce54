package dev.pifan.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

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
     * Parses the bytes between the buffer's position and limit (a heap buffer), which it leaves
     * where they were.
     * A line ends with LF, with or without CR before it (RFC 9112 section 2.2 lets a recipient take a
     * bare LF as the end of a line): a client that sends LF alone gets its answer, not a wait.
     */
    public static Parse parse(ByteBuffer received) {
        // the bytes themselves, not ByteBuffer.get(i): interpreted, a call a byte is most of the cost
        byte[] a = received.array();
        int start = received.arrayOffset() + received.position();
        int to = received.arrayOffset() + received.limit();
        int from = start;
        while (from < to && (a[from] == '\r' || a[from] == '\n')) {
            from++; // empty lines before a request line are to be ignored (RFC 9112 section 2.2)
        }
        int end = headEnd(a, from, to);
        if (end < 0) {
            return new Incomplete();
        }
        for (int i = from; i < end; i++) {
            byte b = a[i];
            if ((b < 0x20 && b != '\r' && b != '\n' && b != '\t') || b == 0x7f) {
                return new Malformed(400, "a control character in the request head");
            }
        }
        String[] lines = new String(a, from, end - from, StandardCharsets.ISO_8859_1).split("\n");
        Parse parsed = parseLines(lines);
        if (parsed instanceof Complete complete) {
            return new Complete(complete.head(), end - start);
        }
        return parsed;
    }

    /** The index just past the empty line that ends the head, or -1. */
    private static int headEnd(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != '\n') {
                continue;
            }
            if (i + 1 < to && a[i + 1] == '\n') {
                return i + 2;
            }
            if (i + 2 < to && a[i + 1] == '\r' && a[i + 2] == '\n') {
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
        if (!isMethod(method)) {
            return new Malformed(400, "not a method");
        }
        if (!isOriginForm(target)) {
            return new Malformed(400, "the target must be a path (origin form)");
        }
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            return isVersion(version) ? new Malformed(505, "HTTP/1.1 and HTTP/1.0 only")
                    : new Malformed(400, "not an HTTP version");
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
            if (colon <= 0 || !isToken(line, colon)) {
                return new Malformed(400, "a header line is a name, a colon and a value");
            }
            String value = line.substring(colon + 1).strip();
            if (isName(line, colon, "connection")) {
                close |= hasToken(value, "close");
            } else if (isName(line, colon, "transfer-encoding")) {
                body = true;
            } else if (isName(line, colon, "accept")) {
                accept = value;
            } else if (isName(line, colon, "content-length")) {
                if (!isDecimal(value) || (contentLength != null && !contentLength.equals(value))) {
                    return new Malformed(400, "a Content-Length must be one decimal number");
                }
                contentLength = value;
                body |= Long.parseLong(value) > 0;
            }
        }
        return new Complete(new RequestHead(method, pathOf(target), !close && !body, accept), 0);
    }

    // Hand-written checks, not regular expressions: the daemon runs interpreted (-Xint), where a
    // regex costs a hundred microseconds a request, and a flood is many requests.

    private static boolean isMethod(String s) {
        if (s.isEmpty() || s.length() > 20) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 'A' || s.charAt(i) > 'Z') {
                return false;
            }
        }
        return true;
    }

    private static boolean isOriginForm(String s) {
        if (s.isEmpty() || s.charAt(0) != '/') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 0x21 || s.charAt(i) > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** HTTP/d.d */
    private static boolean isVersion(String s) {
        return s.length() == 8 && s.startsWith("HTTP/") && Character.isDigit(s.charAt(5)) && s.charAt(6) == '.'
                && Character.isDigit(s.charAt(7));
    }

    /** A header name (RFC 9110 token) before {@code end}. */
    private static boolean isToken(String line, int end) {
        for (int i = 0; i < end; i++) {
            char c = line.charAt(i);
            boolean alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            if (!alnum && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isName(String line, int colon, String lowerCaseName) {
        return colon == lowerCaseName.length() && line.regionMatches(true, 0, lowerCaseName, 0, colon);
    }

    private static boolean isDecimal(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i)) || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String pathOf(String target) {
        int end = target.length();
        int query = target.indexOf('?');
        int fragment = target.indexOf('#');
        if (query >= 0) {
            end = query;
        }
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        return target.substring(0, end);
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
