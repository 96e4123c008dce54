package dev.pifan.cli.chart;

/**
 * A simulated run over time: the die temperature against the target above, the commanded duty
 * and the fan speed below, on one time axis.
 */
public final class RunChart {

    /** The per-second series of a run; all arrays have one entry per recorded second. */
    public record Series(double[] timeS, double[] dieC, double[] duty, double[] rpm) {
        public Series {
            int n = timeS.length;
            if (dieC.length != n || duty.length != n || rpm.length != n) {
                throw new IllegalArgumentException("run chart series differ in length");
            }
        }
    }

    private RunChart() {
    }

    public static String renderSvg(String title, Series series, double targetC, double rpmMax) {
        Svg svg = new Svg(900, 600);
        double[] t = series.timeS();
        double end = t.length == 0 ? 1 : t[t.length - 1];
        double minC = 20;
        double maxC = 90;
        for (double c : series.dieC()) {
            minC = Math.min(minC, Math.floor(c / 10) * 10);
            maxC = Math.max(maxC, Math.ceil(c / 10) * 10);
        }
        Plot temperature = new Plot(70, 40, 790, 250, 0, end, minC, maxC);
        Plot fan = new Plot(70, 340, 790, 180, 0, end, 0, 1);

        svg.text(temperature.left(), 20, "start", title);
        Axes.draw(svg, temperature, "", "die (°C)", 1);
        svg.line(temperature.left(), temperature.y(targetC), temperature.right(), temperature.y(targetC),
                "stroke:#000;stroke-dasharray:4,4");
        svg.text(temperature.right(), temperature.y(targetC) - 4, "end", "target " + Numbers.compact(targetC) + " °C");
        svg.polyline(xs(temperature, t), ys(temperature, series.dieC(), 1), "stroke:#d62728;stroke-width:1.5");

        Axes.draw(svg, fan, "time (s)", "duty, speed (%)", 100);
        svg.polyline(xs(fan, t), ys(fan, series.rpm(), rpmMax), "stroke:#2ca02c;stroke-width:1.2");
        svg.polyline(xs(fan, t), ys(fan, series.duty(), 1), "stroke:#1f77b4;stroke-width:1.5");
        svg.text(fan.right(), fan.top() - 8, "end", "blue: commanded duty   green: fan speed (% of "
                + Numbers.compact(rpmMax) + " rpm)");
        return svg.render();
    }

    private static double[] xs(Plot plot, double[] timeS) {
        double[] out = new double[timeS.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = plot.x(timeS[i]);
        }
        return out;
    }

    private static double[] ys(Plot plot, double[] values, double divisor) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = plot.y(values[i] / divisor);
        }
        return out;
    }
}
