package dev.pifan.config;

import dev.pifan.hal.BoardModel;
import dev.pifan.hal.Duty;
import java.time.Duration;
import java.util.List;

/**
 * The defaults of each board profile, in one table so they can be tuned in one place.
 *
 * <p>A config file only states what differs from its board's profile; {@code board: auto} takes
 * the pi4-heatsink defaults, the most common (and the hottest-running) setup.
 */
public final class ProfileDefaults {

    public static final String AUTO = "auto";
    /** The profile behind {@code board: auto}. */
    public static final String AUTO_PROFILE = "pi4-heatsink";
    /** Every valid {@code board} value, {@code auto} first. */
    public static final List<String> BOARDS = List.of(AUTO, "pi4-heatsink", "pi5-active-cooler", "cm4-blade");

    // Common to every profile.
    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final ExitState EXIT = ExitState.AUTO;
    static final double CRITICAL_C = 80.0;
    static final int SENSOR_FAILURES = 3;
    // short enough that a sensor stuck low cannot leave a loaded board without fan for long;
    // the 30-point duty swing it also needs keeps a flat, idle sensor from tripping it
    static final Duration STUCK_AFTER = Duration.ofMinutes(2);
    static final Duration STALL_AFTER = Duration.ofSeconds(10);

    private ProfileDefaults() {}

    /** The defaults for {@code board}; the returned config keeps {@code board} as given. */
    static PifanConfig of(String board) {
        String profile = AUTO.equals(board) ? AUTO_PROFILE : board;
        return switch (profile) {
            case "pi4-heatsink" -> config(board,
                    curve(45, 0, 50, 30, 60, 55, 70, 100), 4, 25, 40, Duration.ofSeconds(2));
            case "pi5-active-cooler" -> config(board,
                    curve(50, 0, 55, 30, 65, 60, 72, 100), 4, 20, 35, Duration.ofSeconds(2));
            case "cm4-blade" -> config(board,
                    curve(45, 0, 50, 25, 60, 55, 70, 100), 4, 15, 30, Duration.ofSeconds(2));
            default -> throw new IllegalArgumentException(
                    "unknown board profile '" + board + "' (valid: " + String.join(", ", BOARDS) + ")");
        };
    }

    /** The profile whose defaults {@code board} uses: {@code auto} maps to {@link #AUTO_PROFILE}. */
    public static String profileOf(String board) {
        return AUTO.equals(board) ? AUTO_PROFILE : board;
    }

    /**
     * The profile that {@code board: auto} means on this board: the Pi 5 and its Active Cooler,
     * a compute module on a carrier, else a Pi 4 with a heatsink fan.
     */
    public static String profileFor(BoardModel model) {
        return switch (model.family()) {
            case PI5 -> "pi5-active-cooler";
            case CM4, CM5 -> "cm4-blade";
            default -> AUTO_PROFILE;
        };
    }

    private static PifanConfig config(String board, List<CurvePoint> points, double hysteresisC,
                                      double minDutyPercent, double startDutyPercent, Duration kick) {
        return new PifanConfig(
                board,
                INTERVAL,
                new CurveConfig(points, hysteresisC),
                new FanConfig(Duty.ofPercent(minDutyPercent), Duty.ofPercent(startDutyPercent), kick, EXIT),
                new SafetyConfig(CRITICAL_C, SENSOR_FAILURES, STUCK_AFTER, STALL_AFTER),
                PifanConfig.DEFAULTS_SOURCE);
    }

    /** Pairs of (celsius, duty percent). */
    private static List<CurvePoint> curve(double... pairs) {
        CurvePoint[] points = new CurvePoint[pairs.length / 2];
        for (int i = 0; i < points.length; i++) {
            points[i] = CurvePoint.of(pairs[2 * i], pairs[2 * i + 1]);
        }
        return List.of(points);
    }
}
