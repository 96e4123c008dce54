package dev.pifan.hal.sim;

import java.io.IOException;
import java.io.StringReader;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the text, the trace parser answers with a trace or a TraceFormatException, nothing else. */
class TraceParserProperties {

    @Property(tries = 2000)
    void anyTextGivesATraceOrAFormatError(@ForAll("traceLikeText") String text) throws IOException {
        try {
            LoadTrace trace = LoadTrace.parse(new StringReader(text), "fuzz.csv");
            trace.loadAt(0); // a parsed trace answers for second 0
        } catch (TraceFormatException expected) {
            if (!expected.getMessage().startsWith("fuzz.csv line " + expected.line() + ": ")) {
                throw new AssertionError("message does not name source and line: " + expected.getMessage());
            }
        }
    }

    @Provide
    Arbitrary<String> traceLikeText() {
        Arbitrary<String> noise = Arbitraries.strings().withChars("0123456789.,-+eE \n\r\tNaIfinityx\uFEFF;")
                .ofMaxLength(80);
        Arbitrary<String> anything = Arbitraries.strings().ofMaxLength(60);
        return Arbitraries.oneOf(
                noise.map(body -> "time_s,load,ambient_c\n" + body),
                anything.map(body -> "time_s,load,ambient_c\n0," + body),
                noise,
                anything);
    }
}
