package dev.pifan.hal.sim;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The constants of one simulated board (the profile table of the thermal model, docs/thermal-model.md).
 * The built-in ones are plant files ({@link PlantFile}) in this package's {@code plants/} resources.
 *
 * @param name the profile's name, as used on the command line ({@code pi4-heatsink})
 * @param pIdleW power at load 0 [W]
 * @param pMaxW power at load 1, full clock [W]
 * @param cDieJPerK die heat capacity [J/K]
 * @param rDsKPerW die to heatsink resistance [K/W]
 * @param cSinkJPerK heatsink and board heat capacity [J/K]
 * @param gPassiveWPerK heatsink to air conductance with the fan stopped [W/K]
 * @param gFanWPerK extra conductance at full fan speed [W/K]
 * @param rpmMax fan speed at duty 1
 * @param dStart duty needed to start a stopped fan
 * @param dStop below this duty a running fan stops
 * @param lMaxDba fan noise at {@code rpmMax} [dB(A)]
 * @param tach whether the fan reports its speed
 */
public record BoardProfile(
        String name,
        double pIdleW,
        double pMaxW,
        double cDieJPerK,
        double rDsKPerW,
        double cSinkJPerK,
        double gPassiveWPerK,
        double gFanWPerK,
        double rpmMax,
        double dStart,
        double dStop,
        double lMaxDba,
        boolean tach) {

    /** A Pi 4 with a passive heatsink and a small 2-wire fan without tachometer. */
    public static final BoardProfile PI4_HEATSINK = PlantFile.builtIn("pi4-heatsink");

    /** A Pi 5 with the official Active Cooler (4-wire fan with tachometer). */
    public static final BoardProfile PI5_ACTIVE_COOLER = PlantFile.builtIn("pi5-active-cooler");

    /** A CM4 in a cluster blade: small heatsink, a slow quiet fan with tachometer. */
    public static final BoardProfile CM4_BLADE = PlantFile.builtIn("cm4-blade");

    private static final List<BoardProfile> BUILT_IN = List.of(PI4_HEATSINK, PI5_ACTIVE_COOLER, CM4_BLADE);

    private static final Map<String, BoardProfile> BY_NAME =
            BUILT_IN.stream().collect(Collectors.toUnmodifiableMap(BoardProfile::name, Function.identity()));

    public BoardProfile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("board profile needs a name");
        }
        requirePositive(name, "p_idle", pIdleW);
        requirePositive(name, "c_die", cDieJPerK);
        requirePositive(name, "r_ds", rDsKPerW);
        requirePositive(name, "c_sink", cSinkJPerK);
        requirePositive(name, "g_passive", gPassiveWPerK);
        requirePositive(name, "rpm_max", rpmMax);
        if (!(pMaxW >= pIdleW) || Double.isInfinite(pMaxW)) {
            throw new InvalidConstantException(name, "p_max", pMaxW + " below p_idle " + pIdleW);
        }
        if (!(gFanWPerK >= 0) || Double.isInfinite(gFanWPerK)) {
            throw new InvalidConstantException(name, "g_fan", gFanWPerK + " must be >= 0");
        }
        // d_stop <= d_start is what makes the fan's stiction a hysteresis rather than a flicker
        if (!(dStart >= 0 && dStart <= 1)) {
            throw new InvalidConstantException(name, "d_start", dStart + " must be within 0..1");
        }
        if (!(dStop >= 0 && dStop <= dStart)) {
            throw new InvalidConstantException(name, "d_stop", dStop + " must be within 0..d_start (" + dStart + ")");
        }
        if (!Double.isFinite(lMaxDba)) {
            throw new InvalidConstantException(name, "l_max", lMaxDba + " is not a number");
        }
    }

    private static void requirePositive(String profile, String constant, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new InvalidConstantException(profile, constant, value + " must be > 0");
        }
    }

    /** The same board under another name (a plant drawn around a profile, a fitted one). */
    public BoardProfile withName(String newName) {
        return new BoardProfile(newName, pIdleW, pMaxW, cDieJPerK, rDsKPerW, cSinkJPerK, gPassiveWPerK, gFanWPerK,
                rpmMax, dStart, dStop, lMaxDba, tach);
    }

    /** The built-in profile of that name. */
    public static BoardProfile named(String name) {
        BoardProfile profile = name == null ? null : BY_NAME.get(name.strip().toLowerCase(Locale.ROOT));
        if (profile == null) {
            throw new IllegalArgumentException(
                    "unknown profile '" + name + "': expected one of " + String.join(", ", names()));
        }
        return profile;
    }

    /** The built-in profile names, in the spec's order. */
    public static List<String> names() {
        return BUILT_IN.stream().map(BoardProfile::name).collect(Collectors.toUnmodifiableList());
    }
}
