package dev.pifan.hal.sim;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The little CSV dialect of the simulator's files: comma separated, no quoting, white space around
 * fields ignored. Numbers are plain decimals; {@code NaN}, {@code Infinity}, hex floats and Java's
 * {@code 1d} suffixes are refused, because other tools reading the same files would not accept
 * them.
 */
final class Csv {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private Csv() {
    }

    static String[] fields(String line) {
        String[] fields = line.split(",", -1);
        for (int i = 0; i < fields.length; i++) {
            fields[i] = fields[i].strip();
        }
        return fields;
    }

    /** Strips a UTF-8 byte order mark, which spreadsheet programs put in front of the header. */
    static String withoutBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    /** The number in text, or null when the text is not a plain decimal number. */
    static Double parseDecimal(String text) {
        if (!DECIMAL.matcher(text).matches()) {
            return null;
        }
        double value = Double.parseDouble(text);
        return Double.isFinite(value) ? value : null;
    }

    /**
     * Plain decimal text that reads back as exactly this double ({@code 0.05}, {@code 1.0},
     * {@code 0.29411764705882354}, {@code 0.0001}): Java's round-trip digits, never in scientific
     * notation.
     */
    static String exact(double value) {
        String text = Double.toString(value);
        if (text.indexOf('E') < 0) {
            return text;
        }
        String plain = new BigDecimal(text).stripTrailingZeros().toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }

    /** {@link #exact}, padded with zeros to at least {@code decimals} decimals: {@code 25.000}, {@code 20.125}. */
    static String exact(double value, int decimals) {
        String text = exact(value);
        int present = text.length() - text.indexOf('.') - 1;
        return present >= decimals ? text : text + "0".repeat(decimals - present);
    }

    /** A number for a message, as a person would write it: {@code 60}, {@code 1.4}. */
    static String forMessage(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
}
