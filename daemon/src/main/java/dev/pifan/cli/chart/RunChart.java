package dev.pifan.cli.chart;

/**
 * A simulated run over time: the die temperature against the target above, the commanded duty
 * and the fan speed below, on one time axis; the seconds of under-voltage, of thermal throttling
 * and of a safety rule at full speed shaded across both.
 */
public final class RunChart {

    /**
     * The per-second series of a run; all arrays have one entry per recorded second.
     *
     * @param underVoltage the firmware reported under-voltage in that second
     * @param throttling the firmware throttled the CPU for heat (throttled or soft limit)
     * @param safety a safety rule ran the fan at full speed (a failing sensor, a stall, critical)
     */
    public record Series(double[] timeS, double[] dieC, double[] duty, double[] rpm, boolean[] underVoltage,
            boolean[] throttling, boolean[] safety) {
        public Series {
            int n = timeS.length;
            if (dieC.length != n || duty.length != n || rpm.length != n || underVoltage.length != n
                    || throttling.length != n || safety.length != n) {
                throw new IllegalArgumentException("run chart series differ in length");
            }
        }
    }

    private static final String DIE_STYLE = "stroke:#d62728;stroke-width:1.5";
    /** Wide and pale under the duty's line: where they agree, both still show. */
    private static final String SPEED_STYLE = "stroke:#2ca02c;stroke-width:4;stroke-opacity:0.45";
    private static final String DUTY_STYLE = "stroke:#1f77b4;stroke-width:1.5";
    private static final String UNDER_VOLTAGE_FILL = "fill:#fff3b0;stroke:none";
    private static final String THROTTLING_FILL = "fill:#f7c6c6;stroke:none";
    private static final String SAFETY_FILL = "fill:#d9d2f0;stroke:none";

    private RunChart() {
    }

    public static String renderSvg(String title, Series series, double targetC, double rpmMax) {
        Svg svg = new Svg(900, 620);
        double[] t = series.timeS();
        double end = t.length == 0 ? 1 : t[t.length - 1];
        double minC = 20;
        double maxC = 90;
        for (double c : series.dieC()) {
            minC = Math.min(minC, Math.floor(c / 10) * 10);
            maxC = Math.max(maxC, Math.ceil(c / 10) * 10);
        }
        Plot temperature = new Plot(70, 50, 790, 240, 0, end, minC, maxC);
        Plot fan = new Plot(70, 340, 790, 180, 0, end, 0, 1);

        for (Plot plot : new Plot[] {temperature, fan}) { // under the lines and the grid's labels
            shade(svg, plot, t, series.underVoltage(), UNDER_VOLTAGE_FILL);
            shade(svg, plot, t, series.throttling(), THROTTLING_FILL);
            shade(svg, plot, t, series.safety(), SAFETY_FILL);
        }
        svg.text(450, 18, "middle", title); // centred on the 900 px width: the y axis' title sits at the left
        Axes.draw(svg, temperature, "", "die (°C)", 1);
        svg.line(temperature.left(), temperature.y(targetC), temperature.right(), temperature.y(targetC),
                "stroke:#000;stroke-dasharray:4,4");
        svg.text(temperature.right(), temperature.y(targetC) - 4, "end", "target " + Numbers.compact(targetC) + " °C");
        svg.polyline(xs(temperature, t), ys(temperature, series.dieC(), 1), DIE_STYLE);

        Axes.draw(svg, fan, "time (s)", "duty, speed (%)", 100);
        svg.polyline(xs(fan, t), ys(fan, series.rpm(), rpmMax), SPEED_STYLE);
        svg.polyline(xs(fan, t), ys(fan, series.duty(), 1), DUTY_STYLE);

        double y = fan.bottom() + 62;
        double x = Legend.line(svg, fan.left(), y, DIE_STYLE, "die temperature");
        x = Legend.line(svg, x, y, DUTY_STYLE, "commanded duty");
        x = Legend.line(svg, x, y, SPEED_STYLE, "fan speed (% of " + Numbers.compact(rpmMax) + " rpm)");
        y += 20;
        x = Legend.box(svg, fan.left(), y, UNDER_VOLTAGE_FILL, "under-voltage");
        x = Legend.box(svg, x, y, THROTTLING_FILL, "throttled for heat");
        Legend.box(svg, x, y, SAFETY_FILL, "a safety rule at full speed");
        return svg.render();
    }

    /** A band over each run of seconds that are {@code true}. */
    private static void shade(Svg svg, Plot plot, double[] t, boolean[] on, String style) {
        int i = 0;
        while (i < on.length) {
            if (!on[i]) {
                i++;
                continue;
            }
            int from = i;
            while (i < on.length && on[i]) {
                i++;
            }
            double left = plot.x(t[from]);
            double right = plot.x(i < t.length ? t[i] : t[t.length - 1] + 1);
            svg.rect(left, plot.top(), Math.max(1, right - left), plot.bottom() - plot.top(), style);
        }
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
