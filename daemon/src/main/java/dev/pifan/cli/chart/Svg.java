package dev.pifan.cli.chart;

import java.util.Locale;

/** Just enough SVG for pifan's charts: written by hand, so no XML library and no reflection. */
final class Svg {

    private final StringBuilder body = new StringBuilder();
    private final int width;
    private final int height;

    Svg(int width, int height) {
        this.width = width;
        this.height = height;
    }

    Svg rect(double x, double y, double w, double h, String style) {
        body.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" style=\"%s\"/>%n",
                x, y, w, h, style));
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String style) {
        body.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" style=\"%s\"/>%n",
                x1, y1, x2, y2, style));
        return this;
    }

    Svg polyline(double[] xs, double[] ys, String style) {
        body.append("<polyline fill=\"none\" style=\"").append(style).append("\" points=\"");
        for (int i = 0; i < xs.length; i++) {
            body.append(String.format(Locale.ROOT, "%.1f,%.1f ", xs[i], ys[i]));
        }
        body.append("\"/>\n");
        return this;
    }

    Svg text(double x, double y, String anchor, String text) {
        body.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-family=\"sans-serif\" font-size=\"12\">%s</text>%n",
                x, y, anchor, escape(text)));
        return this;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    String render() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + String.format(Locale.ROOT,
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">%n",
                        width, height, width, height)
                + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
                + body
                + "</svg>\n";
    }
}
