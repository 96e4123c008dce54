package dev.pifan.tray.poll;

import dev.pifan.telemetry.PeerJson;
import dev.pifan.tray.PeerReport;
import dev.pifan.tray.PollError;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a member's answer to {@code GET /peer}, as far as it has come: an HTTP/1.x 200 with a
 * body that is a {@link PeerReport}, or the reason it is not. Pure: the bytes in, a verdict out.
 *
 * <p>Strict where leniency could be read as news: no chunked bodies, a Content-Length that must
 * match, a body that must be UTF-8 and a whole report. Whatever fails is a {@link PollError}.
 */
final class PeerAnswer {

    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] (\\d{3})(?: .*)?");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");

    private PeerAnswer() {
    }

    /** The verdict on an answer: a report, a failure, or (empty) not yet whole. */
    record Verdict(PeerReport report, PollError error, String why) {
        static Verdict failed(PollError error, String why) {
            return new Verdict(null, error, why);
        }
    }

    /**
     * @param data the bytes received, from the first
     * @param length how many of them
     * @param ended whether the member closed its side: nothing more will come
     * @return empty while the answer may still be completed
     */
    static Optional<Verdict> read(byte[] data, int length, boolean ended) {
        int headEnd = indexOf(data, length, HEAD_END);
        if (headEnd < 0) {
            return ended ? Optional.of(Verdict.failed(PollError.MALFORMED, length == 0 ? "closed without an answer"
                    : "the answer ended inside its head")) : Optional.empty();
        }
        String[] head = new String(data, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n", -1);
        Matcher status = STATUS_LINE.matcher(head[0]);
        if (!status.matches()) {
            return Optional.of(Verdict.failed(PollError.MALFORMED, "not an HTTP/1.x status line"));
        }
        int contentLength = -1;
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            if (colon <= 0) {
                return Optional.of(Verdict.failed(PollError.MALFORMED, "a header line without a name"));
            }
            String name = head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = head[i].substring(colon + 1).strip();
            if (name.equals("transfer-encoding")) {
                return Optional.of(Verdict.failed(PollError.MALFORMED, "a " + value + " body (the peer endpoint"
                        + " sends a Content-Length)"));
            }
            if (name.equals("content-length")) {
                if (!DIGITS.matcher(value).matches() || contentLength >= 0) {
                    return Optional.of(Verdict.failed(PollError.MALFORMED, "a bad or second Content-Length"));
                }
                contentLength = Integer.parseInt(value);
            }
        }
        if (!status.group(1).equals("200")) {
            return Optional.of(Verdict.failed(PollError.STATUS, "answered " + status.group(1)));
        }
        int bodyStart = headEnd + HEAD_END.length;
        int received = length - bodyStart;
        if (contentLength >= 0 && received > contentLength) {
            return Optional.of(Verdict.failed(PollError.MALFORMED, "more bytes than its Content-Length"));
        }
        boolean whole = contentLength >= 0 ? received == contentLength : ended;
        if (!whole) {
            return ended ? Optional.of(Verdict.failed(PollError.MALFORMED, "cut short: " + received + " of "
                    + contentLength + " bytes")) : Optional.empty();
        }
        String body;
        try {
            body = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, bodyStart, received)).toString();
        } catch (CharacterCodingException e) {
            return Optional.of(Verdict.failed(PollError.MALFORMED, "a body that is not UTF-8"));
        }
        try {
            return Optional.of(new Verdict(PeerJson.read(body), null, null));
        } catch (IllegalArgumentException e) {
            return Optional.of(Verdict.failed(PollError.MALFORMED, "not a peer report: " + e.getMessage()));
        }
    }

    private static int indexOf(byte[] data, int length, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (data[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
