package dev.pifan.hal.linux;

import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/** Just enough YAML writing for the config snippets of {@code pifan probe}: flow mappings of scalars. */
public final class Yaml {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./@-][A-Za-z0-9_./@:-]*");

    private final StringJoiner entries = new StringJoiner(", ", "{", "}");

    public static Yaml map() {
        return new Yaml();
    }

    public Yaml put(String key, String value) {
        entries.add(key + ": " + scalar(value));
        return this;
    }

    public Yaml put(String key, long value) {
        entries.add(key + ": " + value);
        return this;
    }

    public Yaml put(String key, boolean value) {
        entries.add(key + ": " + value);
        return this;
    }

    public Yaml putHex(String key, int value) {
        entries.add(key + ": " + String.format("0x%02x", value));
        return this;
    }

    public Yaml put(String key, List<?> values) {
        StringJoiner list = new StringJoiner(", ", "[", "]");
        for (Object value : values) {
            list.add(value instanceof Number ? value.toString() : scalar(value.toString()));
        }
        entries.add(key + ": " + list);
        return this;
    }

    @Override
    public String toString() {
        return entries.toString();
    }

    /** Plain when safe, double-quoted otherwise ({@code "brcm,bcm2835-pwm"} has a comma). */
    public static String scalar(String value) {
        if (PLAIN.matcher(value).matches() && !value.equals("true") && !value.equals("false")
                && !value.equals("null") && !value.equals("~")) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
