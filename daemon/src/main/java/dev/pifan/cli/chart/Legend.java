package dev.pifan.cli.chart;

/** A chart's legend entries, left to right on one row: a swatch, then its text. */
final class Legend {

    /** About the width of a character of the 12 px sans-serif labels, to space the entries. */
    static final double CHAR_WIDTH = 6.8;

    private Legend() {
    }

    /** A short stroke of {@code style}, then {@code text}; returns where the next entry starts. */
    static double line(Svg svg, double x, double y, String style, String text) {
        svg.line(x, y - 4, x + 24, y - 4, style);
        return text(svg, x, y, text);
    }

    /** A small box filled as {@code style}, then {@code text}; returns where the next entry starts. */
    static double box(Svg svg, double x, double y, String style, String text) {
        svg.rect(x, y - 9, 24, 10, style);
        return text(svg, x, y, text);
    }

    private static double text(Svg svg, double x, double y, String text) {
        svg.text(x + 30, y, "start", text);
        return x + 30 + text.length() * CHAR_WIDTH + 24;
    }
}
