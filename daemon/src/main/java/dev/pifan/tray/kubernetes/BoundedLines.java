package dev.pifan.tray.kubernetes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Newline-separated text from a body, no line longer than a bound: a watch is one JSON event a
 * line, and a server (or something posing as one) that never sends a newline must not fill the heap.
 */
final class BoundedLines {

    private final BodyReader in;
    private final int maxLine;

    BoundedLines(BodyReader in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
    }

    /** The next line without its newline, null at the end of the body. */
    String next() throws IOException, InterruptedException, ApiFailure {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        while (true) {
            int b = in.read();
            if (b == -1) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() >= maxLine) {
                throw ApiFailure.of("a line of more than " + maxLine + " bytes");
            }
            line.write(b);
        }
    }

    /** The whole body, which must be at most {@code max} bytes (a list). */
    static String all(BodyReader in, int max) throws IOException, InterruptedException, ApiFailure {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        for (int b = in.read(); b != -1; b = in.read()) {
            if (bytes.size() >= max) {
                throw ApiFailure.of("an answer of more than " + max + " bytes");
            }
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
