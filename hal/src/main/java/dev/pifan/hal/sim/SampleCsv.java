package dev.pifan.hal.sim;

import dev.pifan.hal.ThrottleFlags;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The per-second CSV of {@code pifan simulate --csv FILE}:
 * {@code time_s,load,ambient_c,die_c,sensor_c,duty,rpm,freq_ratio,throttled}.
 *
 * <p>Written so that anyone can replay the {@code duty} column through the spec: load, ambient and
 * duty are written exactly (decimal text that reads back as the same double; ambient padded to at
 * least 3 decimals like every temperature), {@code die_c} with 4 decimals (the replay rule is
 * 0.01 °C), {@code sensor_c} and {@code rpm} with 3,
 * {@code freq_ratio} with 4, {@code throttled} as hex like {@code get_throttled} ({@code 0x50005}).
 * Numbers never depend on the default locale.
 *
 * <p>The reader accepts extra trailing columns (a later version appends a {@code reason}), and
 * derives {@link Sample#underVoltage()} from the 0x1 bit of {@code throttled}.
 */
public final class SampleCsv {

    public static final List<String> COLUMNS =
            List.of("time_s", "load", "ambient_c", "die_c", "sensor_c", "duty", "rpm", "freq_ratio", "throttled");

    public static final String HEADER = String.join(",", COLUMNS);

    private static final int UNDER_VOLTAGE_NOW = 0x1;

    /** The spec asks for at least 3 decimals on temperatures. */
    private static final int TEMPERATURE_DECIMALS = 3;

    private SampleCsv() {
    }

    /** One data row, without line end. */
    public static String row(Sample sample) {
        return sample.timeS()
                + "," + Csv.exact(sample.load())
                + "," + Csv.exact(sample.ambientC(), TEMPERATURE_DECIMALS)
                + "," + String.format(Locale.ROOT, "%.4f", sample.dieC())
                + "," + String.format(Locale.ROOT, "%.3f", sample.sensorC()) // a multiple of 0.5: exact
                + "," + Csv.exact(sample.duty())
                + "," + String.format(Locale.ROOT, "%.3f", sample.rpm())
                + "," + String.format(Locale.ROOT, "%.4f", sample.freqRatio())
                + "," + ThrottleFlags.of(sample.throttled()).toHex();
    }

    /** Writes the header and one row per sample, each ending in {@code \n}. The writer is not closed. */
    public static void write(Appendable out, Iterable<Sample> samples) throws IOException {
        out.append(HEADER).append('\n');
        for (Sample sample : samples) {
            out.append(row(sample)).append('\n');
        }
    }

    public static void write(Path file, Iterable<Sample> samples) throws IOException {
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(out, samples);
        }
    }

    /**
     * Reads a sample CSV file.
     *
     * @throws CsvFormatException naming the file and line of the first problem
     * @throws IOException when the file cannot be read
     */
    public static List<Sample> read(Path file) throws IOException {
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        }
    }

    /**
     * Reads sample CSV from {@code reader}; {@code source} names it in messages. Blank lines are
     * skipped. The reader is not closed.
     *
     * @throws CsvFormatException naming the source and line of the first problem
     * @throws IOException when the reader fails
     */
    public static List<Sample> read(Reader reader, String source) throws IOException {
        BufferedReader lines = reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader);
        String header = lines.readLine();
        if (header == null || !startsWithColumns(Csv.fields(Csv.withoutBom(header)))) {
            throw new CsvFormatException(source, 1, "header must start with " + HEADER);
        }
        List<Sample> samples = new ArrayList<>();
        int lineNumber = 1;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            if (!line.isBlank()) {
                samples.add(new RowReader(source, lineNumber, Csv.fields(line)).sample());
            }
        }
        return samples;
    }

    private static boolean startsWithColumns(String[] fields) {
        return fields.length >= COLUMNS.size()
                && List.of(fields).subList(0, COLUMNS.size()).equals(COLUMNS);
    }

    /** Parses the fields of one row, naming the line and column of a bad value. */
    private static final class RowReader {
        private final String source;
        private final int line;
        private final String[] fields;

        RowReader(String source, int line, String[] fields) {
            this.source = source;
            this.line = line;
            this.fields = fields;
        }

        Sample sample() {
            if (fields.length < COLUMNS.size()) {
                throw new CsvFormatException(
                        source, line, "expected at least " + COLUMNS.size() + " columns, found " + fields.length);
            }
            double time = number(0);
            if (time != Math.rint(time) || Math.abs(time) > 9.0e15) {
                throw new CsvFormatException(source, line, "time_s " + fields[0] + " is not a whole number");
            }
            int throttled = throttled(8);
            return new Sample((long) time, number(1), number(2), number(3), number(4), number(5), number(6),
                    number(7), throttled, (throttled & UNDER_VOLTAGE_NOW) != 0);
        }

        private double number(int column) {
            Double value = Csv.parseDecimal(fields[column]);
            if (value == null) {
                throw new CsvFormatException(
                        source, line, COLUMNS.get(column) + " '" + fields[column] + "' is not a number");
            }
            return value;
        }

        private int throttled(int column) {
            try {
                return ThrottleFlags.parse(fields[column]).word();
            } catch (IllegalArgumentException notHex) {
                throw new CsvFormatException(
                        source, line, "throttled '" + fields[column] + "' is not a hex word like 0x50005");
            }
        }
    }
}
