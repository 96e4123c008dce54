package dev.pifan.cli.chart;

/**
 * A plotting area: maps data coordinates to pixels (SVG, y down) for one x range and one y range.
 */
record Plot(double left, double top, double width, double height, double xMin, double xMax, double yMin, double yMax) {

    double x(double value) {
        return left + (value - xMin) / (xMax - xMin) * width;
    }

    double y(double value) {
        return top + height - (value - yMin) / (yMax - yMin) * height;
    }

    double bottom() {
        return top + height;
    }

    double right() {
        return left + width;
    }

    /** Tick marks at "nice" steps (1, 2, 5 times a power of ten) across a range. */
    static double niceStep(double range, int wantedTicks) {
        double raw = range / wantedTicks;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double factor : new double[] {1, 2, 5, 10}) {
            if (factor * power >= raw) {
                return factor * power;
            }
        }
        return 10 * power;
    }
}
