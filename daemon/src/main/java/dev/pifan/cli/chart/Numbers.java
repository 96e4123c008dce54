package dev.pifan.cli.chart;

import java.util.Locale;

/** Numbers for people: {@code 45} rather than {@code 45.0}, one decimal where there is one. */
public final class Numbers {

    private Numbers() {
    }

    public static String compact(double value) {
        return Math.abs(value - Math.rint(value)) < 1e-9
                ? String.valueOf((long) Math.rint(value))
                : String.format(Locale.ROOT, "%.1f", value);
    }
}
