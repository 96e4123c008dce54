package dev.pifan.telemetry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON for {@code /status}, by hand: a writer that cannot produce invalid JSON, and a small reader
 * for {@code pifan status}. No binding, no reflection, nothing for native image to register.
 */
public final class Json {

    private Json() {
    }

    /** Starts a document. */
    public static Writer writer() {
        return new Writer();
    }

    /**
     * Writes objects and arrays in order: {@code beginObject().name("a").value(1).endObject()}.
     * Non-finite numbers are written as {@code null}, which is what they are: no value.
     */
    public static final class Writer {
        private final StringBuilder out = new StringBuilder(512);
        /** One entry per open container: whether it has an element yet. */
        private final Deque<boolean[]> open = new ArrayDeque<>();
        private boolean afterName;

        private Writer() {
        }

        public Writer beginObject() {
            beforeValue();
            out.append('{');
            open.push(new boolean[] {false});
            return this;
        }

        public Writer endObject() {
            close('}');
            return this;
        }

        public Writer beginArray() {
            beforeValue();
            out.append('[');
            open.push(new boolean[] {false});
            return this;
        }

        public Writer endArray() {
            close(']');
            return this;
        }

        public Writer name(String name) {
            if (afterName || open.isEmpty()) {
                throw new IllegalStateException("a name must follow a value inside an object");
            }
            separate();
            string(name);
            out.append(':');
            afterName = true;
            return this;
        }

        public Writer value(String value) {
            if (value == null) {
                return nullValue();
            }
            beforeValue();
            string(value);
            return this;
        }

        public Writer value(double value) {
            beforeValue();
            if (!Double.isFinite(value)) {
                out.append("null");
            } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                out.append((long) value); // 80, not 80.0
            } else {
                out.append(value); // shortest text that reads back as the same double
            }
            return this;
        }

        public Writer value(long value) {
            beforeValue();
            out.append(value);
            return this;
        }

        public Writer value(boolean value) {
            beforeValue();
            out.append(value);
            return this;
        }

        public Writer nullValue() {
            beforeValue();
            out.append("null");
            return this;
        }

        /** The document; every container must be closed. */
        @Override
        public String toString() {
            if (!open.isEmpty() || afterName) {
                throw new IllegalStateException("unclosed JSON container");
            }
            return out.toString();
        }

        private void beforeValue() {
            if (afterName) {
                afterName = false;
                return;
            }
            if (!open.isEmpty()) {
                separate();
            } else if (out.length() > 0) {
                throw new IllegalStateException("one value per document");
            }
        }

        private void separate() {
            boolean[] hasElement = open.peek();
            if (hasElement[0]) {
                out.append(',');
            }
            hasElement[0] = true;
        }

        private void close(char bracket) {
            if (open.isEmpty() || afterName) {
                throw new IllegalStateException("nothing to close");
            }
            open.pop();
            out.append(bracket);
        }

        private void string(String s) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }

    /**
     * Reads a JSON document into maps (insertion-ordered), lists, strings, doubles, booleans and
     * nulls.
     *
     * @throws IllegalArgumentException naming the position of the first thing wrong
     */
    public static Object parse(String text) {
        Reader reader = new Reader(text);
        reader.skipSpace();
        Object value = reader.value(0);
        reader.skipSpace();
        if (reader.pos != text.length()) {
            throw reader.error("text after the JSON value");
        }
        return value;
    }

    /**
     * What {@link #parse} made of a document, at {@code path} (object member names, outermost
     * first): empty where a step is not an object or the member is missing or null.
     */
    public static Optional<Object> get(Object document, String... path) {
        Object node = document;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> m)) {
                return Optional.empty();
            }
            node = m.get(key);
        }
        return Optional.ofNullable(node);
    }

    /** The string at {@code path}; empty where there is none, or something else. */
    public static Optional<String> text(Object document, String... path) {
        return get(document, path).filter(String.class::isInstance).map(String.class::cast);
    }

    /** The number at {@code path}; empty where there is none, or something else. */
    public static Optional<Double> number(Object document, String... path) {
        return get(document, path).filter(Double.class::isInstance).map(Double.class::cast);
    }

    /** The boolean at {@code path}; empty where there is none, or something else. */
    public static Optional<Boolean> bool(Object document, String... path) {
        return get(document, path).filter(Boolean.class::isInstance).map(Boolean.class::cast);
    }

    private static final class Reader {
        private static final int MAX_DEPTH = 64;
        private final String s;
        private int pos;

        Reader(String s) {
            this.s = s;
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nested more than " + MAX_DEPTH + " deep");
            }
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(pos);
            return switch (c) {
                case '{' -> object(depth);
                case '[' -> array(depth);
                case '"' -> string();
                case 't' -> word("true", Boolean.TRUE);
                case 'f' -> word("false", Boolean.FALSE);
                case 'n' -> word("null", null);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number();
                    }
                    throw error("unexpected '" + c + "'");
                }
            };
        }

        private Map<String, Object> object(int depth) {
            Map<String, Object> map = new LinkedHashMap<>();
            pos++;
            skipSpace();
            if (peek() == '}') {
                pos++;
                return map;
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw error("expected a member name");
                }
                String name = string();
                skipSpace();
                expect(':');
                skipSpace();
                map.put(name, value(depth + 1));
                skipSpace();
                char c = next();
                if (c == '}') {
                    return map;
                }
                if (c != ',') {
                    throw error("expected ',' or '}'");
                }
            }
        }

        private List<Object> array(int depth) {
            List<Object> list = new ArrayList<>();
            pos++;
            skipSpace();
            if (peek() == ']') {
                pos++;
                return list;
            }
            while (true) {
                skipSpace();
                list.add(value(depth + 1));
                skipSpace();
                char c = next();
                if (c == ']') {
                    return list;
                }
                if (c != ',') {
                    throw error("expected ',' or ']'");
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return b.toString();
                }
                if (c < 0x20) {
                    throw error("control character in a string");
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("short \\u escape");
                        }
                        try {
                            b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw error("bad escape '\\" + e + "'");
                }
            }
        }

        private Double number() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            digits();
            if (pos < s.length() && s.charAt(pos) == '.') {
                pos++;
                digits();
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    pos++;
                }
                digits();
            }
            return Double.valueOf(s.substring(start, pos));
        }

        private void digits() {
            int start = pos;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                pos++;
            }
            if (pos == start) {
                throw error("expected a digit");
            }
        }

        private Object word(String word, Object value) {
            if (!s.startsWith(word, pos)) {
                throw error("unexpected '" + s.charAt(pos) + "'");
            }
            pos += word.length();
            return value;
        }

        void skipSpace() {
            while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
        }

        private char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        private char next() {
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            return s.charAt(pos++);
        }

        private void expect(char c) {
            if (next() != c) {
                pos--;
                throw error("expected '" + c + "'");
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("not JSON: " + what + " at character " + (pos + 1));
        }
    }
}
