package dev.pifan.telemetry;

import dev.pifan.control.Reason;
import dev.pifan.hal.Duty;
import dev.pifan.tray.PeerReport;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * The peer endpoint's format ({@code GET /peer}, docs/tray.md#the-peer-endpoint): one JSON object,
 * {@code {"instance":"...","tick":12,"requested_duty":0.35,"reason":"curve","celsius":52.1,"detail":""}}.
 *
 * <p>The reader is strict, because what it accepts can turn a shared fan down: every field must be
 * there with its type and range, or the answer is refused (and teaches the tray node nothing).
 * Fields it does not know are ignored, so a newer member can add some without being taken for lost.
 */
public final class PeerJson {

    /** A detail longer than this is cut: a report stays far below the poller's size limit. */
    static final int MAX_DETAIL = 240;
    static final int MAX_INSTANCE = 64;
    private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_INSTANCE + "}");
    /** Past this a double no longer holds every whole number: a tick up there is not a count. */
    private static final double MAX_TICK = 0x1p53;

    private PeerJson() {
    }

    public static String write(PeerReport r) {
        Json.Writer w = Json.writer().beginObject()
                .name("instance").value(r.instance())
                .name("tick").value(r.tick())
                .name("requested_duty").value(r.requested().ratio())
                .name("reason").value(r.reason().label())
                .name("celsius");
        if (r.celsius().isPresent()) {
            w.value(r.celsius().getAsDouble());
        } else {
            w.nullValue();
        }
        String detail = r.detail().length() > MAX_DETAIL ? r.detail().substring(0, MAX_DETAIL) + "…" : r.detail();
        return w.name("detail").value(detail).endObject().toString();
    }

    /**
     * The report in {@code body}.
     *
     * @throws IllegalArgumentException saying, in a few words, what is wrong with it
     */
    public static PeerReport read(String body) {
        if (!(Json.parse(body) instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String instance = string(map, "instance");
        if (!INSTANCE.matcher(instance).matches()) {
            throw new IllegalArgumentException("instance is not 1 to " + MAX_INSTANCE + " letters, digits, '.', '-', '_'");
        }
        double tick = number(map, "tick");
        if (tick < 1 || tick > MAX_TICK || tick != Math.rint(tick)) {
            throw new IllegalArgumentException("tick " + tick + " is not a count from 1");
        }
        double duty = number(map, "requested_duty");
        if (!(duty >= 0 && duty <= 1)) {
            throw new IllegalArgumentException("requested_duty " + duty + " outside 0..1");
        }
        String label = string(map, "reason");
        Reason reason = java.util.Arrays.stream(Reason.values()).filter(r -> r.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown reason " + shown(label)));
        Object celsius = field(map, "celsius");
        if (celsius != null && !(celsius instanceof Double c && Double.isFinite(c))) {
            throw new IllegalArgumentException("celsius is neither a number nor null");
        }
        String detail = string(map, "detail");
        if (detail.length() > MAX_DETAIL + 1) {
            throw new IllegalArgumentException("detail longer than " + MAX_DETAIL);
        }
        // PeerReport refuses a safety reason below full speed: said as an answer's fault, not a bug
        return new PeerReport(instance, (long) tick, Duty.ofRatio(duty), reason,
                celsius == null ? OptionalDouble.empty() : OptionalDouble.of((Double) celsius), detail);
    }

    private static Object field(Map<?, ?> map, String name) {
        if (!map.containsKey(name)) {
            throw new IllegalArgumentException("no " + name);
        }
        return map.get(name);
    }

    private static String string(Map<?, ?> map, String name) {
        if (!(field(map, name) instanceof String s)) {
            throw new IllegalArgumentException(name + " is not a string");
        }
        return s;
    }

    private static double number(Map<?, ?> map, String name) {
        if (!(field(map, name) instanceof Double d)) {
            throw new IllegalArgumentException(name + " is not a number");
        }
        return d;
    }

    private static String shown(String text) {
        return "'" + (text.length() > 32 ? text.substring(0, 32) + "…" : text) + "'";
    }
}
