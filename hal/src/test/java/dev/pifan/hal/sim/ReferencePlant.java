package dev.pifan.hal.sim;

import java.util.Map;

/**
 * A second, minimal transcription of thermal-model.md, written from the spec alone and sharing no
 * code (not even the constants table) with {@link Plant}, so a replay against it checks the real
 * implementation rather than itself. Plain {@link Math}, not StrictMath, on purpose.
 */
public final class ReferencePlant {

    // p_idle, p_max, c_die, r_ds, c_sink, g_passive, g_fan, rpm_max, d_start, d_stop
    private static final Map<String, double[]> TABLE = Map.of(
            "pi4-heatsink", new double[] {2.7, 6.4, 3.0, 1.5, 60, 0.154, 0.346, 9000, 0.30, 0.20},
            "pi5-active-cooler", new double[] {3.0, 8.5, 3.0, 1.0, 70, 0.154, 0.246, 8500, 0.25, 0.15},
            "cm4-blade", new double[] {2.0, 5.5, 2.5, 1.5, 40, 0.0952, 0.305, 5000, 0.20, 0.12});
    private static final double[] PHI = {1, 1000.0 / 1500, 750.0 / 1500, 600.0 / 1500};

    private final double pIdle, pMax, cDie, rDs, cSink, gPassive, gFan, rpmMax, dStart, dStop;

    public double tDie, tSink, rpm;
    int level;
    boolean running;
    int sticky;
    /** Of the second last simulated: the clock ratio and the reported flags. */
    public double phi;
    public int flags;
    int starts, stops;

    public ReferencePlant(String profile, double load0, double ambient0) {
        double[] c = TABLE.get(profile);
        pIdle = c[0]; pMax = c[1]; cDie = c[2]; rDs = c[3]; cSink = c[4];
        gPassive = c[5]; gFan = c[6]; rpmMax = c[7]; dStart = c[8]; dStop = c[9];
        double p0 = pIdle + (pMax - pIdle) * load0;
        tSink = ambient0 + p0 / gPassive;
        tDie = tSink + p0 * rDs;
    }

    /** Steps 2 and 5 of one second (the sensor does not feed back: the duty is given). */
    public void second(double load, double ambient, boolean undervolt, boolean stalled, double duty) {
        if (tDie >= 85) {
            level = 3;
        } else if (tDie >= 80) {
            level = Math.min(level + 1, 3);
        } else if (tDie < 78 && level > 0) {
            level = level - 1;
        }
        int now = (undervolt ? 0x1 | 0x4 : 0) | (level > 0 ? 0x2 : 0) | (tDie >= 85 ? 0x4 : 0);
        sticky |= now << 16;
        flags = now | sticky;

        for (int i = 0; i < 10; i++) {
            if (running && duty < dStop) {
                running = false;
                stops++;
            } else if (!running && duty >= dStart) {
                running = true;
                starts++;
            }
            double target = running && !stalled ? rpmMax * duty : 0;
            rpm += (target - rpm) * 0.1 / 2;
            phi = undervolt ? Math.min(PHI[level], PHI[1]) : PHI[level];
            double p = pIdle + (pMax - pIdle) * load * Math.pow(phi, 1.5);
            double g = gPassive + gFan * Math.pow(rpm / rpmMax, 0.8);
            double q = (tDie - tSink) / rDs;
            double dDie = 0.1 * (p - q) / cDie;
            double dSink = 0.1 * (q - g * (tSink - ambient)) / cSink;
            tDie += dDie;
            tSink += dSink;
        }
    }
}
