package dev.pifan.control;

import java.util.Locale;

/**
 * What the controller believes of the board's thermal physics: the two-node model of
 * docs/thermal-model.md (a die over a heatsink, cooled by the air and the fan), without the load.
 * Each built-in profile gives its nominal constants; a real board differs from them (paste, case,
 * fan wear), which the {@link HeatObserver} is built to tolerate.
 *
 * @param idleW the heat the board makes idle [W], the observer's first guess
 * @param maxW the heat it makes at full load and full clock [W]
 * @param rDsKPerW die to heatsink resistance [K/W]
 * @param cSinkJPerK heatsink and board heat capacity [J/K]
 * @param gPassiveWPerK heatsink to air with the fan stopped [W/K]
 * @param gFanWPerK extra conductance at full fan speed [W/K]
 * @param rpmMax the fan's speed at full duty, to read a tachometer as a fraction of full speed
 * @param lMaxDba the fan's noise at full speed [dB(A)]
 */
public record ThermalModel(double idleW, double maxW, double rDsKPerW, double cSinkJPerK, double gPassiveWPerK,
                           double gFanWPerK, double rpmMax, double lMaxDba) {

    /** The model's law of fan cooling: the conductance grows with this power of the fan's speed. */
    static final double SPEED_EXPONENT = 0.8;

    public ThermalModel {
        for (double v : new double[] {idleW, maxW, rDsKPerW, cSinkJPerK, gPassiveWPerK, gFanWPerK, rpmMax, lMaxDba}) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "thermal model %s W, %s W, %s K/W, %s J/K, %s W/K, %s W/K, %s rpm, %s dB(A):"
                                + " every constant must be > 0",
                        idleW, maxW, rDsKPerW, cSinkJPerK, gPassiveWPerK, gFanWPerK, rpmMax, lMaxDba));
            }
        }
    }

    /** Heatsink to air at this fan speed, a fraction (0..1) of the fan's full speed [W/K]. */
    public double conductance(double speed) {
        return gPassiveWPerK + gFanWPerK * Math.pow(Math.max(0, Math.min(1, speed)), SPEED_EXPONENT);
    }

    /**
     * The fan speed (0..1) below which the fan is inaudible: where its noise, {@code l_max + 50
     * log10(speed)} in the model, falls under 0 dB(A).
     */
    double inaudibleBelow() {
        return Math.min(1, Math.pow(10, -lMaxDba / 50));
    }

    /** The fan speed (0..1) at which the heatsink's conductance is {@code g}: 0 below passive, 1 above full. */
    public double speedFor(double g) {
        if (g <= gPassiveWPerK) {
            return 0;
        }
        return Math.min(1, Math.pow((g - gPassiveWPerK) / gFanWPerK, 1 / SPEED_EXPONENT));
    }
}
