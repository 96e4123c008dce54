package dev.pifan.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesObjectsArraysAndEveryKindOfValue() {
        String json = Json.writer().beginObject()
                .name("s").value("a\"b\\c\nd\te\u0001\u2028")
                .name("whole").value(80.0)
                .name("fraction").value(0.55)
                .name("tiny").value(1e-5)
                .name("nan").value(Double.NaN)
                .name("long").value(12L)
                .name("yes").value(true)
                .name("none").nullValue()
                .name("nullString").value((String) null)
                .name("list").beginArray().value(1L).beginObject().endObject().beginArray().endArray().endArray()
                .endObject().toString();
        assertEquals("{\"s\":\"a\\\"b\\\\c\\nd\\te\\u0001\\u2028\",\"whole\":80,\"fraction\":0.55,\"tiny\":1.0E-5,"
                + "\"nan\":null,\"long\":12,\"yes\":true,\"none\":null,\"nullString\":null,\"list\":[1,{},[]]}", json);
    }

    @Test
    void aMisuseIsABugAndSaysSo() {
        assertThrows(IllegalStateException.class, () -> Json.writer().beginObject().toString());
        assertThrows(IllegalStateException.class, () -> Json.writer().beginObject().name("a").name("b"));
        assertThrows(IllegalStateException.class, () -> Json.writer().name("a"));
        assertThrows(IllegalStateException.class, () -> Json.writer().value(1L).value(2L));
        assertThrows(IllegalStateException.class, () -> Json.writer().endArray());
    }

    @Test
    void readsWhatItWrites() {
        Object parsed = Json.parse(" {\"a\": [1, -2.5e3, true, false, null, \"x\\u00e9\\/\"], \"b\": {}} ");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", Arrays.asList(1.0, -2500.0, true, false, null, "xé/"));
        expected.put("b", Map.of());
        assertEquals(expected, parsed);
    }

    @Test
    void badTextIsAnIllegalArgumentNamingThePosition() {
        for (String bad : List.of("", "{", "[1,]", "{\"a\" 1}", "{a:1}", "tru", "01x", "\"\\x\"", "\"a", "1 2",
                "-", "1.", "[\"\u0001\"]", "\"\\u12\"", "{\"a\":1,}")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("not JSON: "), e.getMessage());
            assertTrue(e.getMessage().contains(" at character "), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[".repeat(100_000)), "deep nesting is refused");
    }

    @Property
    void anyStringAndDoubleSurviveTheRoundTrip(@ForAll String s, @ForAll double d) {
        String json = Json.writer().beginArray().value(s).value(d).endArray().toString();
        List<?> back = (List<?>) Json.parse(json);
        assertEquals(s, back.get(0));
        assertEquals(Double.isFinite(d) ? (Object) (d + 0.0) : null, back.get(1) == null ? null : (Double) back.get(1) + 0.0);
    }
}
