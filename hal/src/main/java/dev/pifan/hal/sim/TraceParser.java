package dev.pifan.hal.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns trace CSV text into a {@link LoadTrace}, stopping at the first problem with a message
 * that names the line. Blank lines are skipped (editors leave them at the end of files).
 */
final class TraceParser {

    /** Whole seconds up to 2^53 are exact in a double; nobody simulates longer than that. */
    private static final double MAX_TIME_S = 9_007_199_254_740_992.0;

    private final String source;

    TraceParser(String source) {
        this.source = source == null ? "" : source;
    }

    LoadTrace parse(Reader reader) throws IOException {
        BufferedReader lines = reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader);
        String header = lines.readLine();
        if (header == null || !isHeader(header)) {
            throw error(1, "header must be " + LoadTrace.HEADER);
        }
        List<LoadTrace.Row> rows = new ArrayList<>();
        int lineNumber = 1;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            LoadTrace.Row row = parseRow(line, lineNumber);
            String problem = LoadTrace.problemWith(rows.isEmpty() ? null : rows.get(rows.size() - 1), row);
            if (problem != null) {
                throw error(lineNumber, problem);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw error(lineNumber + 1, "no rows after the header; the first row must be at time_s 0");
        }
        return new LoadTrace(rows);
    }

    private static boolean isHeader(String line) {
        return String.join(",", Csv.fields(Csv.withoutBom(line))).equals(LoadTrace.HEADER);
    }

    private LoadTrace.Row parseRow(String line, int lineNumber) {
        String[] fields = Csv.fields(line);
        if (fields.length != 3) {
            throw error(lineNumber, "expected 3 columns (" + LoadTrace.HEADER + "), found " + fields.length);
        }
        double time = number(fields[0], "time_s", lineNumber);
        if (time != Math.rint(time) || time < 0 || time > MAX_TIME_S) {
            throw error(lineNumber, "time_s " + fields[0] + " is not a whole number of seconds >= 0");
        }
        return new LoadTrace.Row(
                (long) time, number(fields[1], "load", lineNumber), number(fields[2], "ambient_c", lineNumber));
    }

    private double number(String text, String column, int lineNumber) {
        Double value = Csv.parseDecimal(text);
        if (value == null) {
            throw error(lineNumber, column + " '" + text + "' is not a number");
        }
        return value;
    }

    private TraceFormatException error(int line, String problem) {
        return new TraceFormatException(source, line, problem);
    }
}
