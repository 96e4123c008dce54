package dev.pifan.config;

import dev.pifan.control.ExitState;
import dev.pifan.control.ThermalModel;
import dev.pifan.hal.BoardModel;
import dev.pifan.hal.Duty;
import dev.pifan.hal.linux.HardwareSpec;
import dev.pifan.hal.sim.BoardProfile;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

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
    // the 20-point duty swing it also needs keeps a flat, idle sensor from tripping it
    static final Duration STUCK_AFTER = Duration.ofMinutes(2);
    static final Duration STALL_AFTER = Duration.ofSeconds(10);

    private ProfileDefaults() {}

    /**
     * The ceiling guard of every profile: the 65 °C design target of thermal-model.md, trimmed by
     * 0.18%/min up and 0.6%/min down (after 2 minutes below), released 3 °C below.
     */
    static final CeilingConfig CEILING = new CeilingConfig(OptionalDouble.of(65.0), perMinute(0.18), perMinute(0.6),
            Duration.ofMinutes(2), 3.0);
    static final Duration DOWN_DELAY = Duration.ofSeconds(30);
    static final Duration KICK = Duration.ofSeconds(2);

    /**
     * The defaults for {@code board}; the returned config keeps {@code board} as given.
     *
     * <p>Each profile's curve is off below the temperature its board idles at in a 25 °C room, runs
     * at the fan's quietest speed from a little above it (which also keeps a hot, idle board cool
     * enough to take a load step), and climbs steeply in the last degree below the 65 °C ceiling,
     * where the ceiling guard takes over. min-duty and start-duty sit a point above the speeds at
     * which the profile's fan stops and starts (thermal-model.md's d_stop and d_start).
     */
    static PifanConfig of(String board) {
        String profile = AUTO.equals(board) ? AUTO_PROFILE : board;
        return switch (profile) {
            case "pi4-heatsink" -> config(board,
                    curve(55, 0, 56.5, 21, 62, 25, 64, 30, 64.5, 35, 65, 50, 66, 100), 4, 6, 21, 31);
            case "pi5-active-cooler" -> config(board,
                    curve(52, 0, 55, 16, 62, 30, 64, 45, 64.5, 64, 65, 83, 66, 100), 4, 0, 16, 26);
            case "cm4-blade" -> config(board,
                    curve(53, 0, 55, 13, 62, 20, 64, 30, 64.5, 38, 65, 43, 66, 100), 4, 6, 13, 22);
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
                                      double offHysteresisC, double minDutyPercent, double startDutyPercent) {
        return new PifanConfig(
                board,
                INTERVAL,
                new CurveConfig(points, hysteresisC, DOWN_DELAY, offHysteresisC),
                new FanConfig(Duty.ofPercent(minDutyPercent), Duty.ofPercent(startDutyPercent), KICK, EXIT),
                CEILING.withModel(thermalModel(BoardProfile.named(profileOf(board)))), Optional.empty(),
                new SafetyConfig(CRITICAL_C, SENSOR_FAILURES, STUCK_AFTER, STALL_AFTER),
                HardwareSpec.auto(), MetricsConfig.DEFAULT, SimulationConfig.NONE,
                Optional.empty(), PifanConfig.DEFAULTS_SOURCE);
    }

    /**
     * The profile's physics as the controller's thermal model: the nominal constants of its plant
     * (thermal-model.md), which a real board of that kind differs from by its paste, case and fan.
     */
    public static ThermalModel thermalModel(BoardProfile plant) {
        return new ThermalModel(plant.pIdleW(), plant.pMaxW(), plant.rDsKPerW(), plant.cSinkJPerK(),
                plant.gPassiveWPerK(), plant.gFanWPerK(), plant.rpmMax(), plant.lMaxDba());
    }

    /** A rate written as percent per minute, as the loader reads {@code 0.18%/min}. */
    private static double perMinute(double percent) {
        return percent / 100.0 / 60;
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
