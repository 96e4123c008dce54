package dev.pifan.config;

import java.util.List;

/**
 * The fan curve: duty interpolated between points, with hysteresis on the way down.
 *
 * <p>The invariants are the ones the control loop relies on; the loader checks them first with
 * messages that name a line, this constructor is the second line of defence for code that builds
 * a curve by hand.
 */
public record CurveConfig(List<CurvePoint> points, double hysteresisC) {

    public static final double MAX_HYSTERESIS_C = 20.0;

    public CurveConfig {
        points = List.copyOf(points); // unmodifiable, refuses null points
        if (points.size() < 2) {
            throw new IllegalArgumentException("a curve needs at least 2 points, found " + points.size());
        }
        for (int i = 1; i < points.size(); i++) {
            CurvePoint previous = points.get(i - 1);
            CurvePoint point = points.get(i);
            if (!(point.celsius() > previous.celsius())) {
                throw new IllegalArgumentException("curve temperatures must rise strictly: point " + i);
            }
            if (point.duty().compareTo(previous.duty()) < 0) {
                throw new IllegalArgumentException("curve duties must never fall: point " + i);
            }
        }
        // A curve that cannot reach full speed would cap the fan below what the board may need.
        if (!points.get(points.size() - 1).duty().isFull()) {
            throw new IllegalArgumentException("the last curve point's duty must be 100%");
        }
        if (!(hysteresisC >= 0.0 && hysteresisC <= MAX_HYSTERESIS_C)) {
            throw new IllegalArgumentException("hysteresis " + hysteresisC + " outside 0..20");
        }
    }

    public CurvePoint first() {
        return points.get(0);
    }

    public CurvePoint last() {
        return points.get(points.size() - 1);
    }
}
