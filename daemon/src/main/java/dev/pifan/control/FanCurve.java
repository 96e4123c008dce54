package dev.pifan.control;

import dev.pifan.hal.Duty;
import java.util.List;

/**
 * Temperature to duty: straight lines between points, flat outside them.
 *
 * <p>Temperatures rise strictly and duties never fall, so the curve is monotonic: a hotter board
 * never gets less air. The config loader checks this with friendly messages; the constructor
 * checks it again so no other caller can build a curve that cools less when hotter.
 */
public record FanCurve(List<Point> points) {

    /** One point of the curve. */
    public record Point(double celsius, Duty duty) {
        public Point {
            if (!Double.isFinite(celsius) || duty == null) {
                throw new IllegalArgumentException("curve point needs a finite temperature and a duty");
            }
        }
    }

    public FanCurve {
        points = List.copyOf(points);
        if (points.size() < 2) {
            throw new IllegalArgumentException("a fan curve needs at least 2 points, got " + points.size());
        }
        for (int i = 1; i < points.size(); i++) {
            Point previous = points.get(i - 1);
            Point point = points.get(i);
            if (point.celsius() <= previous.celsius()) {
                throw new IllegalArgumentException("curve point " + i + ": " + point.celsius()
                        + " C must be above the previous point's " + previous.celsius() + " C");
            }
            if (point.duty().compareTo(previous.duty()) < 0) {
                throw new IllegalArgumentException("curve point " + i + ": duty " + point.duty()
                        + " must not be below the previous point's " + previous.duty());
            }
        }
    }

    public static FanCurve of(double... celsiusPercentPairs) {
        if (celsiusPercentPairs.length % 2 != 0) {
            throw new IllegalArgumentException("FanCurve.of takes (celsius, percent) pairs");
        }
        Point[] points = new Point[celsiusPercentPairs.length / 2];
        for (int i = 0; i < points.length; i++) {
            points[i] = new Point(celsiusPercentPairs[2 * i], Duty.ofPercent(celsiusPercentPairs[2 * i + 1]));
        }
        return new FanCurve(List.of(points));
    }

    public Duty dutyAt(double celsius) {
        Point first = points.get(0);
        if (celsius <= first.celsius()) {
            return first.duty();
        }
        for (int i = 1; i < points.size(); i++) {
            Point upper = points.get(i);
            if (celsius <= upper.celsius()) {
                Point lower = points.get(i - 1);
                double fraction = (celsius - lower.celsius()) / (upper.celsius() - lower.celsius());
                double low = lower.duty().ratio();
                double high = upper.duty().ratio();
                // rounding can land a hair outside the segment (found by jqwik): keep it between its points
                return Duty.ofRatio(Math.min(high, Math.max(low, low + fraction * (high - low))));
            }
        }
        return points.get(points.size() - 1).duty();
    }

    /** The lowest temperature at which the curve asks for more than nothing; +infinity if never. */
    public double firstNonZeroCelsius() {
        for (int i = 0; i < points.size(); i++) {
            if (!points.get(i).duty().isOff()) {
                // the curve leaves 0 just above the last zero point
                return i == 0 ? Double.NEGATIVE_INFINITY : points.get(i - 1).celsius();
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    public double firstCelsius() {
        return points.get(0).celsius();
    }

    public double lastCelsius() {
        return points.get(points.size() - 1).celsius();
    }
}
