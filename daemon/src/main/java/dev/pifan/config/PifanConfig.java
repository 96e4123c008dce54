package dev.pifan.config;

import dev.pifan.control.QuietHours;
import dev.pifan.hal.linux.HardwareSpec;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole pifan configuration, immutable. Built by {@link ConfigLoader} from a file, or by
 * {@link #defaults(String)} when there is none.
 *
 * @param board {@code auto} or a profile name, as written
 * @param ceiling the ceiling guard ({@link CeilingConfig#OFF} for none)
 * @param quiet the quiet hours, if any
 * @param hardware which temperature source, throttle source and fan to open on a real board
 *     ({@link HardwareSpec#auto()} when the file has no {@code hardware:} section)
 * @param metrics the telemetry endpoint
 * @param tray the tray this node drives one fan for, if any (docs/tray.md)
 * @param source the file the config came from, or {@code defaults}
 */
public record PifanConfig(String board, Duration interval, CurveConfig curve, FanConfig fan, CeilingConfig ceiling,
                          Optional<QuietHours> quiet, SafetyConfig safety, HardwareSpec hardware, MetricsConfig metrics,
                          SimulationConfig simulation, Optional<TraySpec> tray,
                          String source) {

    public static final String DEFAULTS_SOURCE = "defaults";
    public static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    public static final Duration MAX_INTERVAL = Duration.ofSeconds(60);

    public PifanConfig {
        Objects.requireNonNull(board, "board");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(curve, "curve");
        Objects.requireNonNull(fan, "fan");
        Objects.requireNonNull(ceiling, "ceiling");
        Objects.requireNonNull(quiet, "quiet");
        Objects.requireNonNull(simulation, "simulation");
        Objects.requireNonNull(safety, "safety");
        Objects.requireNonNull(hardware, "hardware");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(tray, "tray");
        Objects.requireNonNull(source, "source");
        if (!ProfileDefaults.BOARDS.contains(board)) {
            throw new IllegalArgumentException("unknown board profile '" + board + "'");
        }
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("interval " + interval + " outside 100ms..60s");
        }
        // Below the curve's first point the fan may be off; a critical temperature there would
        // make the curve meaningless.
        if (!(safety.criticalC() > curve.first().celsius())) {
            throw new IllegalArgumentException("critical temperature " + safety.criticalC()
                    + " must be above the first curve point's " + curve.first().celsius());
        }
        // A ceiling the curve starts above, or one the critical rule fires below, would be no guard.
        if (ceiling.enabled() && !(ceiling.atC().getAsDouble() > curve.first().celsius()
                && ceiling.atC().getAsDouble() < safety.criticalC())) {
            throw new IllegalArgumentException("ceiling " + ceiling.atC().getAsDouble()
                    + " must be between the first curve point's " + curve.first().celsius()
                    + " and the critical " + safety.criticalC());
        }
    }

    /** Without a ceiling guard. */
    public PifanConfig(String board, Duration interval, CurveConfig curve, FanConfig fan, SafetyConfig safety,
                       HardwareSpec hardware, MetricsConfig metrics, String source) {
        this(board, interval, curve, fan, CeilingConfig.OFF, Optional.empty(), safety, hardware, metrics,
                SimulationConfig.NONE, Optional.empty(), source);
    }

    /** With every hardware part {@code driver: auto} and the default telemetry endpoint. */
    public PifanConfig(String board, Duration interval, CurveConfig curve, FanConfig fan, SafetyConfig safety,
                       String source) {
        this(board, interval, curve, fan, CeilingConfig.OFF, Optional.empty(), safety, HardwareSpec.auto(), MetricsConfig.DEFAULT,
                SimulationConfig.NONE, Optional.empty(), source);
    }

    /** With the default telemetry endpoint. */
    public PifanConfig(String board, Duration interval, CurveConfig curve, FanConfig fan, SafetyConfig safety,
                       HardwareSpec hardware, String source) {
        this(board, interval, curve, fan, CeilingConfig.OFF, Optional.empty(), safety, hardware, MetricsConfig.DEFAULT,
                SimulationConfig.NONE, Optional.empty(), source);
    }

    /**
     * The defaults of a board profile ({@code auto} or one of {@link ProfileDefaults#BOARDS}).
     *
     * @throws IllegalArgumentException for an unknown profile
     */
    public static PifanConfig defaults(String board) {
        return ProfileDefaults.of(board);
    }

    /** The same config with another source, e.g. to say where it was loaded from. */
    /** The same config with these quiet hours (a bench of what they cost). */
    public PifanConfig withQuiet(Optional<QuietHours> newQuiet) {
        return new PifanConfig(board, interval, curve, fan, ceiling, newQuiet, safety, hardware, metrics, simulation,
                tray, source);
    }

    /** The same config driving another fan (a tray's shared fan, with its own start and stop duties). */
    public PifanConfig withFan(FanConfig newFan) {
        return new PifanConfig(board, interval, curve, newFan, ceiling, quiet, safety, hardware, metrics, simulation,
                tray, source);
    }

    public PifanConfig withSource(String newSource) {
        return new PifanConfig(board, interval, curve, fan, ceiling, quiet, safety, hardware, metrics, simulation, tray, newSource);
    }

    /** The same config with another hardware section. */
    public PifanConfig withHardware(HardwareSpec newHardware) {
        return new PifanConfig(board, interval, curve, fan, ceiling, quiet, safety, newHardware, metrics, simulation, tray, source);
    }

    /**
     * One line for {@code pifan config check}, e.g.
     * {@code pifan.yaml: OK, board auto, 4 curve points 45-70C, hysteresis 4C, critical 80C, interval 1s}, and
     * the drivers of a hardware section that is not all {@code auto}.
     */
    public String summary() {
        return source + ": OK, board " + board
                + ", " + curve.points().size() + " curve points "
                + Units.format(curve.first().celsius()) + "-" + Units.format(curve.last().celsius()) + "C"
                + ", hysteresis " + Units.format(curve.hysteresisC()) + "C"
                + (ceiling.enabled() ? ", ceiling " + Units.format(ceiling.atC().getAsDouble()) + "C" : ", no ceiling guard")
                + ", critical " + Units.format(safety.criticalC()) + "C"
                + ", interval " + Units.format(interval)
                + (hardware.equals(HardwareSpec.auto()) ? "" : ", hardware: temperature "
                        + HardwareReader.driverOf(hardware.temperature().toYaml()) + ", throttle "
                        + HardwareReader.driverOf(hardware.throttle().toYaml()) + ", fan "
                        + HardwareReader.driverOf(hardware.fan().toYaml()))
                + tray.map(t -> ", " + t.summary()).orElse("");
    }
}
