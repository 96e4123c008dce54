package dev.pifan.cli.chart;

import dev.pifan.control.FanCurve;
import dev.pifan.hal.Duty;
import java.util.Locale;

/**
 * The fan curve as a person wants to see it: the rising branch, the falling branch (the curve
 * shifted left by the hysteresis: where the duty comes down), the band between them where the
 * duty holds, the stall zone below the minimum duty, and the critical temperature.
 */
public final class CurveChart {

    private final FanCurve curve;
    private final double hysteresisC;
    private final double criticalC;
    private final Duty minDuty;
    private final double fromC;
    private final double toC;
    private double ceilingC = Double.NaN;

    public CurveChart(FanCurve curve, double hysteresisC, double criticalC, Duty minDuty) {
        this.curve = curve;
        this.hysteresisC = hysteresisC;
        this.criticalC = criticalC;
        this.minDuty = minDuty;
        this.fromC = Math.floor((curve.firstCelsius() - hysteresisC - 5) / 5) * 5;
        this.toC = Math.ceil((Math.max(curve.lastCelsius(), criticalC) + 5) / 5) * 5;
    }

    /** Also marks the ceiling guard's temperature ({@code ^}). */
    public CurveChart withCeiling(double celsius) {
        this.ceilingC = celsius;
        return this;
    }

    /** Duty on the falling branch: where the fan is when coming down to this temperature. */
    double fallingDuty(double celsius) {
        return curve.dutyAt(celsius + hysteresisC).ratio();
    }

    /** A chart of {@code columns} x {@code rows} cells plus axes and a legend, for a terminal. */
    public String renderText(int columns, int rows) {
        char[][] grid = new char[rows][columns];
        for (char[] row : grid) {
            java.util.Arrays.fill(row, ' ');
        }
        int minRow = rowOf(minDuty.ratio(), rows);
        for (int c = 0; c < columns; c++) {
            for (int r = minRow + 1; r < rows - 1 && minDuty.ratio() > 0; r++) {
                grid[r][c] = '░'; // between 0 and min-duty: the fan would stall or hum
            }
        }
        int criticalColumn = columnOf(criticalC, columns);
        for (int c = 0; c < columns; c++) {
            double celsius = celsiusOf(c, columns);
            int rising = rowOf(curve.dutyAt(celsius).ratio(), rows);
            int falling = rowOf(fallingDuty(celsius), rows);
            for (int r = Math.min(rising, falling) + 1; r < Math.max(rising, falling); r++) {
                grid[r][c] = ':'; // the band where the duty holds
            }
            grid[falling][c] = '.';
            grid[rising][c] = '*';
        }
        mark(grid, criticalColumn, '!');
        if (!Double.isNaN(ceilingC)) {
            mark(grid, columnOf(ceilingC, columns), '^');
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            String label = r == 0 ? "100%" : r == rows - 1 ? "0%" : r == rows / 2 ? "50%" : "";
            out.append(String.format(Locale.ROOT, "%5s |", label)).append(grid[r]).append('\n');
        }
        out.append("      +").append("-".repeat(columns)).append('\n');
        out.append(axisLabels(columns)).append('\n');
        out.append(String.format(Locale.ROOT,
                "       * rising (the curve)   . falling (%s C hysteresis)   : duty holds   ! critical %s C"
                        + "%s   ░ stall zone (below min-duty %s)%n",
                Numbers.compact(hysteresisC), Numbers.compact(criticalC),
                Double.isNaN(ceilingC) ? "" : "   ^ ceiling " + Numbers.compact(ceilingC) + " C", minDuty));
        return out.toString();
    }

    private static void mark(char[][] grid, int column, char mark) {
        if (column < 0 || grid.length == 0 || column >= grid[0].length) {
            return;
        }
        for (char[] row : grid) {
            if (row[column] == ' ' || row[column] == '░') {
                row[column] = mark;
            }
        }
    }

    private String axisLabels(int columns) {
        char[] labels = new char[columns + 7];
        java.util.Arrays.fill(labels, ' ');
        double step = Plot.niceStep(toC - fromC, 6);
        for (double t = Math.ceil(fromC / step) * step; t <= toC; t += step) {
            String text = Numbers.compact(t) + "C";
            int at = 7 + columnOf(t, columns);
            for (int i = 0; i < text.length() && at + i < labels.length; i++) {
                labels[at + i] = text.charAt(i);
            }
        }
        return new String(labels).stripTrailing();
    }

    private double celsiusOf(int column, int columns) {
        return fromC + (toC - fromC) * column / (columns - 1);
    }

    private int columnOf(double celsius, int columns) {
        return (int) Math.round((celsius - fromC) / (toC - fromC) * (columns - 1));
    }

    private static int rowOf(double ratio, int rows) {
        return (int) Math.round((1 - ratio) * (rows - 1));
    }

    private static final String RISING_STYLE = "stroke:#d62728;stroke-width:2.5";
    private static final String FALLING_STYLE = "stroke:#1f77b4;stroke-width:2;stroke-dasharray:6,4";
    private static final String STALL_STYLE = "fill:#f2dede;stroke:none";
    private static final String CRITICAL_STYLE = "stroke:#000;stroke-width:1.5;stroke-dasharray:2,3";
    private static final String CEILING_STYLE = "stroke:#2ca02c;stroke-width:1.5;stroke-dasharray:4,3";


    /** The same chart as an SVG document. */
    public String renderSvg() {
        Svg svg = new Svg(720, 450);
        Plot plot = new Plot(60, 30, 620, 320, fromC, toC, 0, 1);
        svg.rect(plot.left(), plot.y(minDuty.ratio()), plot.width(), plot.bottom() - plot.y(minDuty.ratio()),
                STALL_STYLE);
        int samples = 400;
        double[] xs = new double[samples];
        double[] rising = new double[samples];
        double[] falling = new double[samples];
        for (int i = 0; i < samples; i++) {
            double celsius = fromC + (toC - fromC) * i / (samples - 1);
            xs[i] = plot.x(celsius);
            rising[i] = plot.y(curve.dutyAt(celsius).ratio());
            falling[i] = plot.y(fallingDuty(celsius));
        }
        Axes.draw(svg, plot, "temperature (°C)", "duty (%)", 100);
        svg.polyline(xs, falling, FALLING_STYLE);
        svg.polyline(xs, rising, RISING_STYLE);
        svg.line(plot.x(criticalC), plot.top(), plot.x(criticalC), plot.bottom(), CRITICAL_STYLE);
        svg.text(plot.x(criticalC), plot.top() - 8, "middle", "critical " + Numbers.compact(criticalC) + " °C");
        if (!Double.isNaN(ceilingC)) {
            svg.line(plot.x(ceilingC), plot.top(), plot.x(ceilingC), plot.bottom(), CEILING_STYLE);
            // above the plot, as the critical label: below it sits the axis title
            svg.text(plot.x(ceilingC), plot.top() - 8, "middle", "ceiling " + Numbers.compact(ceilingC) + " °C");
        }
        // the legend under the axis title, each entry with its swatch, clear of the curves
        double y = plot.bottom() + 62;
        double x = plot.left();
        x = Legend.line(svg, x, y, RISING_STYLE, "rising (the curve)");
        x = Legend.line(svg, x, y, FALLING_STYLE, "falling (" + Numbers.compact(hysteresisC) + " °C hysteresis)");
        Legend.box(svg, x, y, STALL_STYLE, "stall zone, below min-duty " + minDuty);
        return svg.render();
    }
}
