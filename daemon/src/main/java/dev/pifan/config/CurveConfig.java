package dev.pifan.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The fan curve: duty interpolated between points, with hysteresis on the way down, a down-delay
 * (the duty comes down only once the temperature has stayed low enough for that long), and an
 * off-hysteresis: a running fan is stopped only {@code hysteresisC + offHysteresisC} below the
 * first point, and keeps its minimum duty until then.
 *
 * <p>The invariants are the ones the control loop relies on; the loader checks them first with
 * messages that name a line, this constructor is the second line of defence for code that builds
 * a curve by hand.
 */
public record CurveConfig(List<CurvePoint> points, double hysteresisC, Duration downDelay, double offHysteresisC) {

    public static final double MAX_HYSTERESIS_C = 20.0;
    public static final Duration MAX_DOWN_DELAY = Duration.ofMinutes(30);

    /** A curve that comes down as soon as its hysteresis allows, and stops the fan there too. */
    public CurveConfig(List<CurvePoint> points, double hysteresisC) {
        this(points, hysteresisC, Duration.ZERO, 0.0);
    }

    /** The temperature below which a running fan is stopped: the first point less both hysteresis. */
    public double stopBelowC() {
        return first().celsius() - hysteresisC - offHysteresisC;
    }

    public CurveConfig {
        Objects.requireNonNull(downDelay, "downDelay");
        if (downDelay.isNegative() || downDelay.compareTo(MAX_DOWN_DELAY) > 0) {
            throw new IllegalArgumentException("down-delay " + downDelay + " outside 0s..30m");
        }
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
        if (!(offHysteresisC >= 0.0 && offHysteresisC <= MAX_HYSTERESIS_C)) {
            throw new IllegalArgumentException("off-hysteresis " + offHysteresisC + " outside 0..20");
        }
    }

    public CurvePoint first() {
        return points.get(0);
    }

    public CurvePoint last() {
        return points.get(points.size() - 1);
    }
}
