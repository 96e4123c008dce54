package dev.pifan.hal.sim;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Load and ambient temperature over time, piecewise constant: the value at second k is the one of
 * the last row whose {@code time_s <= k}, and the last row holds for ever.
 *
 * <p>Rows are in strictly ascending whole seconds and the first is at 0, so every second k >= 0
 * has a value; load is in 0..1 and ambient in {@value #MIN_AMBIENT_C}..{@value #MAX_AMBIENT_C} °C
 * (anything else is a typo, not a room).
 */
public record LoadTrace(List<Row> rows) {

    public static final double MIN_AMBIENT_C = -40;
    public static final double MAX_AMBIENT_C = 80;

    /** The CSV header, required as the first line of a trace file. */
    public static final String HEADER = "time_s,load,ambient_c";

    /** Load and ambient from {@code timeS} on. */
    public record Row(long timeS, double load, double ambientC) {
    }

    /** @throws IllegalArgumentException naming the first row that breaks a rule */
    public LoadTrace {
        rows = List.copyOf(rows);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a load trace needs at least one row, at time_s 0");
        }
        Row previous = null;
        for (int i = 0; i < rows.size(); i++) {
            String problem = problemWith(previous, rows.get(i));
            if (problem != null) {
                throw new IllegalArgumentException("load trace row " + (i + 1) + ": " + problem);
            }
            previous = rows.get(i);
        }
    }

    /** The same load and ambient for ever. */
    public static LoadTrace constant(double load, double ambientC) {
        return new LoadTrace(List.of(new Row(0, load, ambientC)));
    }

    /** {@code before} until {@code stepAtS}, then {@code after}, at a constant ambient. */
    public static LoadTrace step(double before, long stepAtS, double after, double ambientC) {
        return new LoadTrace(List.of(new Row(0, before, ambientC), new Row(stepAtS, after, ambientC)));
    }

    /**
     * Why {@code row} cannot follow {@code previous} (null for the first row), or null when it can.
     * The one place the row rules live, shared by the constructor and the CSV parser.
     */
    static String problemWith(Row previous, Row row) {
        if (previous == null && row.timeS() != 0) {
            return "the first row must be at time_s 0, not " + row.timeS();
        }
        if (previous != null && row.timeS() <= previous.timeS()) {
            return "time_s " + row.timeS() + " is not after the previous row's " + previous.timeS();
        }
        if (!(row.load() >= 0 && row.load() <= 1)) {
            return "load " + Csv.forMessage(row.load()) + " outside 0..1";
        }
        if (!(row.ambientC() >= MIN_AMBIENT_C && row.ambientC() <= MAX_AMBIENT_C)) {
            return "ambient_c " + Csv.forMessage(row.ambientC()) + " outside "
                    + Csv.forMessage(MIN_AMBIENT_C) + ".." + Csv.forMessage(MAX_AMBIENT_C);
        }
        return null;
    }

    /** Load (0..1) during second {@code k}. */
    public double loadAt(long k) {
        return rowAt(k).load();
    }

    /** Ambient temperature [°C] during second {@code k}. */
    public double ambientAt(long k) {
        return rowAt(k).ambientC();
    }

    /** The last row whose {@code time_s <= k}. */
    public Row rowAt(long k) {
        if (k < 0) {
            throw new IllegalArgumentException("second " + k + " is before the trace starts");
        }
        int low = 0; // rows[low].timeS <= k holds throughout: rows[0] is at 0
        int high = rows.size() - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (rows.get(middle).timeS() <= k) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return rows.get(low);
    }

    /**
     * Reads a trace CSV file. Malformed UTF-8 is not an I/O error: it is replaced and then reported
     * as a bad value on its line.
     *
     * @throws TraceFormatException naming the file and line of the first problem
     * @throws IOException when the file cannot be read
     */
    public static LoadTrace parse(Path file) throws IOException {
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        }
    }

    /**
     * Reads a trace CSV from {@code reader}; {@code source} names it in messages ({@code
     * trace.csv}), or may be empty. The reader is not closed.
     *
     * @throws TraceFormatException naming the source and line of the first problem
     * @throws IOException when the reader fails
     */
    public static LoadTrace parse(Reader reader, String source) throws IOException {
        return new TraceParser(source).parse(reader);
    }
}
