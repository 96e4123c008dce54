package dev.pifan.hal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoadTraceTest {

    private static LoadTrace parse(String text) throws IOException {
        return LoadTrace.parse(new StringReader(text), "trace.csv");
    }

    private static String errorOf(String text) {
        return assertThrows(TraceFormatException.class, () -> parse(text)).getMessage();
    }

    @Test
    void valuesHoldUntilTheNextRow() throws IOException {
        LoadTrace trace = parse("time_s,load,ambient_c\n"
                + "0,0.05,20\n"
                + "60,1.0,20.5\n"
                + "120,1.0,21\n"
                + "180,0.5,21.5\n");
        assertEquals(4, trace.rows().size());
        assertEquals(0.05, trace.loadAt(0));
        assertEquals(0.05, trace.loadAt(59));
        assertEquals(1.0, trace.loadAt(60));
        assertEquals(20.0, trace.ambientAt(59));
        assertEquals(20.5, trace.ambientAt(60));
        assertEquals(21.0, trace.ambientAt(179));
        assertEquals(21.5, trace.ambientAt(180));
        assertEquals(0.5, trace.loadAt(1_000_000), "the last row holds for ever");
        assertThrows(IllegalArgumentException.class, () -> trace.loadAt(-1));
    }

    @Test
    void toleratesBlankLinesSpacesCrLfAndAByteOrderMark() throws IOException {
        LoadTrace trace = parse("\uFEFFtime_s, load, ambient_c\r\n0, 0.1 ,25\r\n\r\n10,1e-1,2.5e1\r\n\n");
        assertEquals(List.of(new LoadTrace.Row(0, 0.1, 25), new LoadTrace.Row(10, 0.1, 25)), trace.rows());
    }

    @Test
    void readsFiles(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("trace.csv");
        Files.writeString(file, "time_s,load,ambient_c\n0,0.2,30\n5,0.9,31\n", StandardCharsets.UTF_8);
        assertEquals(0.9, LoadTrace.parse(file).loadAt(5));

        Files.writeString(file, "time_s,load,ambient_c\n0,1.4,30\n", StandardCharsets.UTF_8);
        TraceFormatException error = assertThrows(TraceFormatException.class, () -> LoadTrace.parse(file));
        assertEquals(file + " line 2: load 1.4 outside 0..1", error.getMessage());
        assertEquals(2, error.line());
        assertEquals(file.toString(), error.source());

        assertThrows(IOException.class, () -> LoadTrace.parse(dir.resolve("missing.csv")));
    }

    @Test
    void malformedUtf8IsAFormatErrorNotAnIoError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, new byte[] {'t', 'i', 'm', 'e', '_', 's', ',', 'l', 'o', 'a', 'd', ',', 'a', 'm', 'b', 'i',
            'e', 'n', 't', '_', 'c', '\n', '0', ',', '0', ',', '2', '5', (byte) 0xB0, '\n'});
        assertThrows(TraceFormatException.class, () -> LoadTrace.parse(file));
    }

    @Test
    void loadOutsideZeroToOne() {
        assertEquals("trace.csv line 7: load 1.4 outside 0..1", errorOf("time_s,load,ambient_c\n"
                + "0,0.1,25\n10,0.2,25\n20,0.3,25\n30,0.4,25\n40,0.5,25\n50,1.4,25\n"));
        assertEquals("trace.csv line 2: load -0.1 outside 0..1", errorOf("time_s,load,ambient_c\n0,-0.1,25\n"));
    }

    @Test
    void ambientMustBePlausible() {
        assertEquals("trace.csv line 3: ambient_c 95 outside -40..80",
                errorOf("time_s,load,ambient_c\n0,0.1,25\n10,0.1,95\n"));
        assertEquals("trace.csv line 2: ambient_c -41 outside -40..80",
                errorOf("time_s,load,ambient_c\n0,0.1,-41\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''",
        "time,load,ambient\\n0,0,25",
        "0,0.05,25",
        "time_s,load\\n0,0.05",
        "time_s,load,ambient_c,extra\\n0,0.05,25,1",
        "load,time_s,ambient_c\\n0,0.05,25",
    })
    void headerIsRequired(String text) {
        assertEquals("trace.csv line 1: header must be time_s,load,ambient_c", errorOf(text.replace("\\n", "\n")));
    }

    @Test
    void timeMustAscend() {
        assertEquals("trace.csv line 4: time_s 30 is not after the previous row's 60",
                errorOf("time_s,load,ambient_c\n0,0.1,25\n60,0.5,25\n30,0.2,25\n"));
        assertEquals("trace.csv line 3: time_s 0 is not after the previous row's 0",
                errorOf("time_s,load,ambient_c\n0,0.1,25\n0,0.5,25\n"));
    }

    @Test
    void sourceMayBeEmpty() {
        TraceFormatException error = assertThrows(TraceFormatException.class, () -> LoadTrace.parse(
                new StringReader("time_s,load,ambient_c\n0,0.1,25\n60,0.5,25\n30,0.2,25\n"), ""));
        assertEquals("line 4: time_s 30 is not after the previous row's 60", error.getMessage());
    }

    @Test
    void firstRowMustBeAtZero() {
        assertEquals("trace.csv line 2: the first row must be at time_s 0, not 10",
                errorOf("time_s,load,ambient_c\n10,0.1,25\n"));
        assertEquals("trace.csv line 3: the first row must be at time_s 0, not 5",
                errorOf("time_s,load,ambient_c\n\n5,0.1,25\n"));
    }

    @Test
    void needsAtLeastOneRow() {
        assertEquals("trace.csv line 2: no rows after the header; the first row must be at time_s 0",
                errorOf("time_s,load,ambient_c\n"));
        assertEquals("trace.csv line 4: no rows after the header; the first row must be at time_s 0",
                errorOf("time_s,load,ambient_c\n\n  \n"));
    }

    @Test
    void missingAndExtraColumns() {
        assertEquals("trace.csv line 3: expected 3 columns (time_s,load,ambient_c), found 2",
                errorOf("time_s,load,ambient_c\n0,0.1,25\n10,0.2\n"));
        assertEquals("trace.csv line 2: expected 3 columns (time_s,load,ambient_c), found 4",
                errorOf("time_s,load,ambient_c\n0,0.1,25,7\n"));
        assertEquals("trace.csv line 2: expected 3 columns (time_s,load,ambient_c), found 1",
                errorOf("time_s,load,ambient_c\n0;0.1;25\n"));
    }

    @Test
    void nonNumbers() {
        assertEquals("trace.csv line 2: load 'high' is not a number", errorOf("time_s,load,ambient_c\n0,high,25\n"));
        assertEquals("trace.csv line 2: ambient_c '' is not a number", errorOf("time_s,load,ambient_c\n0,0.5,\n"));
        assertEquals("trace.csv line 2: time_s 'NaN' is not a number", errorOf("time_s,load,ambient_c\nNaN,0.5,25\n"));
        assertEquals("trace.csv line 2: load 'Infinity' is not a number",
                errorOf("time_s,load,ambient_c\n0,Infinity,25\n"));
        assertEquals("trace.csv line 2: load '0.5d' is not a number", errorOf("time_s,load,ambient_c\n0,0.5d,25\n"));
        assertEquals("trace.csv line 2: load '0x1p-1' is not a number",
                errorOf("time_s,load,ambient_c\n0,0x1p-1,25\n"));
        assertEquals("trace.csv line 2: ambient_c '1e999' is not a number",
                errorOf("time_s,load,ambient_c\n0,0.5,1e999\n"));
    }

    @Test
    void timeIsWholeSeconds() {
        assertEquals("trace.csv line 3: time_s 1.5 is not a whole number of seconds >= 0",
                errorOf("time_s,load,ambient_c\n0,0.1,25\n1.5,0.2,25\n"));
        assertEquals("trace.csv line 2: time_s -1 is not a whole number of seconds >= 0",
                errorOf("time_s,load,ambient_c\n-1,0.1,25\n"));
        assertEquals("trace.csv line 3: time_s 1e300 is not a whole number of seconds >= 0",
                errorOf("time_s,load,ambient_c\n0,0.1,25\n1e300,0.2,25\n"));
    }

    @Test
    void programmaticTracesFollowTheSameRules() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new LoadTrace(List.of(new LoadTrace.Row(0, 0.5, 25), new LoadTrace.Row(0, 0.5, 25))));
        assertEquals("load trace row 2: time_s 0 is not after the previous row's 0", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LoadTrace(List.of()));
        assertThrows(IllegalArgumentException.class, () -> LoadTrace.constant(Double.NaN, 25));
    }
}
