package dev.pifan.telemetry;

import dev.pifan.hal.Board;
import dev.pifan.hal.Duty;
import dev.pifan.hal.FanOwner;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What does not change while the daemon runs: which build, on which board, with which drivers and
 * which curve. Labels of {@code pifan_build_info} (the build) and {@code pifan_node_info} (the
 * hardware), and the static half of {@code /status}.
 *
 * @param version the pifan version
 * @param board the board model as the board describes itself ("Raspberry Pi 5 Model B Rev 1.0")
 * @param temperatureSensor the temperature sensor's id
 * @param throttleSource the throttle flags source's id
 * @param fan the fan driver's id
 * @param tachometer whether the fan reports its speed
 * @param configSource the config file, or {@code defaults}
 * @param interval the control loop's interval
 * @param curve the fan curve and the temperature above which the fan runs at full speed
 * @param fanOwner who drives the fan: pifan, the kernel, or pifan with what it took from the kernel
 * @param revision the git commit pifan was built from, or {@code unknown}
 */
public record NodeInfo(String version, String board, String temperatureSensor, String throttleSource, String fan,
                       boolean tachometer, String configSource, Duration interval, Curve curve, FanOwner fanOwner,
                       String revision) {

    /** Without an owner: a fan pifan alone drives. */
    public NodeInfo(String version, String board, String temperatureSensor, String throttleSource, String fan,
            boolean tachometer, String configSource, Duration interval, Curve curve) {
        this(version, board, temperatureSensor, throttleSource, fan, tachometer, configSource, interval, curve,
                FanOwner.PIFAN);
    }

    /** Without a known revision. */
    public NodeInfo(String version, String board, String temperatureSensor, String throttleSource, String fan,
            boolean tachometer, String configSource, Duration interval, Curve curve, FanOwner fanOwner) {
        this(version, board, temperatureSensor, throttleSource, fan, tachometer, configSource, interval, curve,
                fanOwner, "unknown");
    }

    public NodeInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(board, "board");
        Objects.requireNonNull(temperatureSensor, "temperatureSensor");
        Objects.requireNonNull(throttleSource, "throttleSource");
        Objects.requireNonNull(fan, "fan");
        Objects.requireNonNull(configSource, "configSource");
        Objects.requireNonNull(curve, "curve");
        Objects.requireNonNull(fanOwner, "fanOwner");
        Objects.requireNonNull(revision, "revision");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval " + interval + " must be positive");
        }
    }

    /** The ids and model of {@code board}, with the rest from the build and the config. */
    public static NodeInfo of(String version, String revision, Board board, String configSource, Duration interval,
            Curve curve) {
        return new NodeInfo(version, board.model().description(), board.temperature().id(), board.throttle().id(),
                board.fan().id(), board.fan().hasTachometer(), configSource, interval, curve, board.fan().owner(),
                revision);
    }

    /** The same node with a reloaded configuration. */
    public NodeInfo withConfig(String newConfigSource, Duration newInterval, Curve newCurve) {
        return new NodeInfo(version, board, temperatureSensor, throttleSource, fan, tachometer, newConfigSource,
                newInterval, newCurve, fanOwner, revision);
    }

    /**
     * The curve as configured: points, hysteresis, the critical temperature, and the ceiling guard's
     * temperature (empty when the guard is off). {@code /status} shows all but the ceiling; the
     * metrics show the two temperatures, so that a dashboard draws each node's own.
     */
    public record Curve(List<Point> points, double hysteresisC, double criticalC, OptionalDouble ceilingC) {
        public Curve {
            points = List.copyOf(points);
            Objects.requireNonNull(ceilingC, "ceilingC");
        }

        /** Without a ceiling guard. */
        public Curve(List<Point> points, double hysteresisC, double criticalC) {
            this(points, hysteresisC, criticalC, OptionalDouble.empty());
        }
    }

    public record Point(double celsius, Duty duty) {
        public Point {
            Objects.requireNonNull(duty, "duty");
        }
    }
}
