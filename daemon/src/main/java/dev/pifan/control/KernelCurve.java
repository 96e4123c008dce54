package dev.pifan.control;

import dev.pifan.hal.Duty;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The kernel's own fan curve that comes closest to a pifan curve, as {@code config.txt} lines:
 * what a user of {@code fan.takeover: none} sets so that the kernel, which then drives the fan,
 * drives it about the way pifan would. The kernel's curve is steps: at each trip the fan goes to
 * that trip's level and stays until the reading falls by the trip's hysteresis. Each step is
 * placed so that the kernel's fan is never slower than pifan's curve above the first trip: in
 * doubt, louder, not hotter.
 *
 * <ul>
 *   <li>Pi 5 Active Cooler: four trips with a temperature, a hysteresis and a level of 0..255 each
 *       ({@code dtparam=fan_tempN}, {@code fan_tempN_hyst}, {@code fan_tempN_speed}: the
 *       overrides of raspberrypi/linux {@code bcm2712-rpi-5-b.dts} on {@code cpu_tepid} ..
 *       {@code cpu_vhot} and the fan's {@code cooling-levels}).</li>
 *   <li>PoE and PoE+ HAT: four trips with a temperature and a hysteresis; the levels are the
 *       overlay's own {@code <0 1 10 100 255>} ({@code dtparam=poe_fan_tempN},
 *       {@code poe_fan_tempN_hyst}, rpi-poe-overlay.dts), so each trip sits where pifan's curve
 *       reaches its level.</li>
 * </ul>
 */
public record KernelCurve(List<Trip> trips) {

    /** A trip: at {@code celsius} the fan goes to {@code level} (0..255) until {@code celsius - hysteresisC}. */
    public record Trip(double celsius, double hysteresisC, int level) {
    }

    private static final int[] POE_LEVELS = {1, 10, 100, 255};
    private static final double STEP_C = 0.5;

    public KernelCurve {
        trips = List.copyOf(trips);
    }

    /**
     * Four trips spread evenly from where the curve leaves 0 to its last point; each trip's level
     * is what pifan's curve asks at the next trip (the last: at its own), so the step covers the
     * rise up to there.
     */
    public static KernelCurve pi5(FanCurve curve, double hysteresisC) {
        double from = Math.max(curve.firstCelsius(), curve.firstNonZeroCelsius());
        double to = Math.max(from + 3, curve.lastCelsius());
        double[] at = new double[4];
        for (int k = 0; k < 4; k++) {
            at[k] = Math.round((from + k * (to - from) / 3) / STEP_C) * STEP_C;
        }
        List<Trip> trips = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            int level = Math.max(1, curve.dutyAt(at[Math.min(k + 1, 3)]).toPwm());
            trips.add(new Trip(at[k], hysteresisC, level));
        }
        return new KernelCurve(trips);
    }

    /**
     * The PoE HAT's four fixed levels: each trip where pifan's curve first asks for more than the
     * level below it, so the kernel is already at the next level when pifan would be between them.
     */
    public static KernelCurve poeHat(FanCurve curve, double hysteresisC) {
        List<Trip> trips = new ArrayList<>();
        int below = 0;
        for (int level : POE_LEVELS) {
            trips.add(new Trip(lastAtMost(curve, Duty.ofPwm(below)), hysteresisC, level));
            below = level;
        }
        return new KernelCurve(trips);
    }

    /**
     * The highest temperature (0.5 C steps) up to which the curve asks for no more than
     * {@code duty}: a trip there switches before pifan would want more. Trips may coincide on a
     * steep curve; the kernel then goes straight to the highest of their levels.
     */
    private static double lastAtMost(FanCurve curve, Duty duty) {
        double last = curve.firstCelsius();
        for (double c = curve.firstCelsius(); c <= curve.lastCelsius(); c += STEP_C) {
            if (curve.dutyAt(c).compareTo(duty) > 0) {
                return last;
            }
            last = c;
        }
        return curve.lastCelsius();
    }

    /** {@code dtparam=fan_temp0=45000,fan_temp0_hyst=4000,fan_temp0_speed=77}, one per trip. */
    public List<String> pi5Lines() {
        List<String> lines = new ArrayList<>();
        for (int n = 0; n < trips.size(); n++) {
            Trip t = trips.get(n);
            lines.add(String.format(Locale.ROOT, "dtparam=fan_temp%d=%d,fan_temp%d_hyst=%d,fan_temp%d_speed=%d", n,
                    milli(t.celsius()), n, milli(t.hysteresisC()), n, t.level()));
        }
        return lines;
    }

    /** {@code dtparam=poe_fan_temp0=40000,poe_fan_temp0_hyst=2000}, one per trip. */
    public List<String> poeLines() {
        List<String> lines = new ArrayList<>();
        for (int n = 0; n < trips.size(); n++) {
            Trip t = trips.get(n);
            lines.add(String.format(Locale.ROOT, "dtparam=poe_fan_temp%d=%d,poe_fan_temp%d_hyst=%d", n,
                    milli(t.celsius()), n, milli(t.hysteresisC())));
        }
        return lines;
    }

    private static long milli(double celsius) {
        return Math.round(celsius * 1000);
    }
}
