package dev.pifan.cli.chart;

/** Grid lines, tick labels and axis titles for a {@link Plot}. */
final class Axes {

    private Axes() {
    }

    /** Draws both axes; y tick labels are the data value times {@code yLabelScale} (100 for percent). */
    static void draw(Svg svg, Plot plot, String xTitle, String yTitle, double yLabelScale) {
        String grid = "stroke:#ddd;stroke-width:1";
        double xStep = Plot.niceStep(plot.xMax() - plot.xMin(), 8);
        for (double x = Math.ceil(plot.xMin() / xStep) * xStep; x <= plot.xMax() + 1e-9; x += xStep) {
            svg.line(plot.x(x), plot.top(), plot.x(x), plot.bottom(), grid);
            svg.text(plot.x(x), plot.bottom() + 16, "middle", Numbers.compact(x));
        }
        double yStep = Plot.niceStep(plot.yMax() - plot.yMin(), 5);
        for (double y = Math.ceil(plot.yMin() / yStep) * yStep; y <= plot.yMax() + 1e-9; y += yStep) {
            svg.line(plot.left(), plot.y(y), plot.right(), plot.y(y), grid);
            svg.text(plot.left() - 6, plot.y(y) + 4, "end", Numbers.compact(y * yLabelScale));
        }
        svg.line(plot.left(), plot.bottom(), plot.right(), plot.bottom(), "stroke:#000");
        svg.line(plot.left(), plot.top(), plot.left(), plot.bottom(), "stroke:#000");
        svg.text(plot.left() + plot.width() / 2, plot.bottom() + 34, "middle", xTitle);
        svg.text(plot.left() - 44, plot.top() - 10, "start", yTitle);
    }
}
