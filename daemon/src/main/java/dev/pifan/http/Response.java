package dev.pifan.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A whole response, written in one go: status line, headers and body leave together, so no
 * client waits on Nagle's algorithm between the headers and the body.
 *
 * @param allow the Allow header's value (for a 405), or null
 */
public record Response(int status, String contentType, byte[] body, String allow) {

    private static final String TEXT = "text/plain; charset=utf-8";
    private static final Map<Integer, String> REASONS = Map.of(200, "OK", 400, "Bad Request", 404, "Not Found",
            405, "Method Not Allowed", 431, "Request Header Fields Too Large", 500, "Internal Server Error",
            503, "Service Unavailable", 505, "HTTP Version Not Supported");

    public Response {
        body = body.clone();
    }

    public static Response text(int status, String text) {
        return new Response(status, TEXT, text.getBytes(StandardCharsets.UTF_8), null);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The bytes on the wire; a HEAD response has the headers of the GET one and no body. */
    byte[] encode(boolean head, boolean close) {
        StringBuilder h = new StringBuilder(160)
                .append("HTTP/1.1 ").append(status).append(' ').append(REASONS.getOrDefault(status, "Status")).append("\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n")
                .append("Cache-Control: no-store\r\n");
        if (allow != null) {
            h.append("Allow: ").append(allow).append("\r\n");
        }
        if (close) {
            h.append("Connection: close\r\n");
        }
        h.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(h.length() + (head ? 0 : body.length));
        out.writeBytes(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!head) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }
}
