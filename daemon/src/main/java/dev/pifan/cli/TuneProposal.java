package dev.pifan.cli;

import dev.pifan.config.ConfigException;
import dev.pifan.config.ConfigLoader;
import dev.pifan.config.CurvePoint;
import dev.pifan.config.PifanConfig;
import dev.pifan.config.ProfileDefaults;
import dev.pifan.hal.sim.BoardProfile;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code pifan.yaml} that suits a fitted plant: the profile's defaults (their reasoning in
 * ProfileDefaults and benchmarks.md) moved to this board's fan and heatsink.
 *
 * <ul>
 *   <li>min-duty and start-duty one point above the fitted stop and start duties (rounded up to a
 *       whole percent), as the defaults sit one point above the profile's: a fan below its real
 *       stop duty stands still, reads 0 rpm, and the stall rule runs it at full speed;
 *   <li>the curve's duty at the ceiling: what the fitted plant needs at steady full load in the
 *       profile's design room to sit at the ceiling, computed from the fitted steady state
 *       {@code die = room + P (r_ds + 1 / (g_passive + g_fan d^0.8))}. The design room is the one
 *       in which the profile's own plant needs its default curve's duty at the ceiling (33 C for
 *       the Pi 5, whose 83% is what rack-33 needs; some 37 C and 35 C for the Pi 4 and the CM4),
 *       so that tune proposes the defaults for a board that is the profile. Each point between the
 *       quietest speed and the ceiling by the same rule: the duty that holds this plant at the
 *       ceiling in the room where the profile's plant needs that point's default duty;
 *   <li>the curve's first points (off, then the quietest speed) moved up by as much as the fitted
 *       board idles warmer than the profile's in a 25 C room, so an idle board stays silent; and
 *       the quietest speed's point at least the hysteresis above where the board settles at
 *       full load in that room with the fan at start-duty, when that is below the curve's next
 *       point: the controller holds a kick's duty
 *       until the reading falls the hysteresis below the point that set it, and on a board that
 *       the start duty cools less than that it would hold the kick for good (the loud runs of
 *       benchmarks.md's perturbed bench).
 * </ul>
 *
 * Everything else (hysteresis, delays, the ceiling guard's rates, safety) stays the profile's.
 */
record TuneProposal(String yaml, PifanConfig config, double topDuty) {

    static final double IDLE_ROOM_C = 25;
    /** The load of the built-in scenarios' idle. */
    static final double IDLE_LOAD = 0.05;

    /** The proposal for {@code plant} on the defaults of {@code profile}. */
    static TuneProposal of(BoardProfile plant, BoardProfile reference, String profile, String heading) {
        PifanConfig defaults = PifanConfig.defaults(profile);
        double ceilingC = defaults.ceiling().atC().orElse(65);
        int minDuty = percentAbove(plant.dStop());
        int startDuty = Math.max(minDuty, percentAbove(plant.dStart()));
        List<CurvePoint> old = defaults.curve().points();
        double oldTop = dutyAt(old, ceilingC);
        double designRoomC = designRoomC(reference, ceilingC, oldTop / 100);
        double top = Math.max(minDuty, Math.ceil(100 * dutyToHold(plant, ceilingC, designRoomC) - 1e-9));
        top = Math.min(100, top);
        double warmer = Math.max(0, idleC(plant) - idleC(reference));
        double onC = old.get(1).celsius() + warmer;
        double releaseC = steadyC(plant, startDuty / 100.0, IDLE_ROOM_C) + defaults.curve().hysteresisC()
                + KICK_RELEASE_MARGIN_C;
        if (releaseC <= lastOnC(old)) {
            // where the start duty settles the board too soon; a board it cannot settle so low
            // climbs the curve past the kick anyway
            onC = Math.max(onC, releaseC);
        }
        double shift = onC - old.get(1).celsius();
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < old.size(); i++) {
            CurvePoint p = old.get(i);
            double celsius = p.celsius();
            double duty = p.duty().percent();
            if (i == 0) {
                duty = 0;
            } else if (i == 1) {
                duty = minDuty;
            } else if (duty < 100) {
                double room = designRoomC(reference, ceilingC, duty / 100);
                duty = Math.min(100, Math.max(minDuty, Math.ceil(100 * dutyToHold(plant, ceilingC, room) - 1e-9)));
            }
            if (i <= 1) {
                // the off point and the quietest speed move up together, below the next point
                celsius = Math.min(celsius + shift, lastOnC(old) - (i == 0 ? 0.5 : 0));
            }
            points.add(new double[] {Math.round(celsius * 2) / 2.0, duty});
        }
        for (int i = 1; i < points.size(); i++) {
            points.get(i)[1] = Math.max(points.get(i)[1], points.get(i - 1)[1]); // duties never fall
        }
        String yaml = yaml(heading, profile, points, minDuty, startDuty, ceilingC);
        try {
            return new TuneProposal(yaml, ConfigLoader.parse(yaml, "proposal", profile), top / 100);
        } catch (ConfigException e) {
            throw new IllegalStateException("tune wrote a config its own loader refuses: " + e.getMessage(), e);
        }
    }

    /** The lowest duty at which the plant at full load in {@code roomC} settles at {@code dieC}; above 1 when none does. */
    static double dutyToHold(BoardProfile p, double dieC, double roomC) {
        double rise = dieC - roomC - p.pMaxW() * p.rDsKPerW();
        if (rise <= 0) {
            return 2;
        }
        double g = p.pMaxW() / rise;
        if (g >= p.gPassiveWPerK() + p.gFanWPerK()) {
            return 2;
        }
        return ProfileDefaults.thermalModel(p).speedFor(g);
    }

    /** The highest the quietest speed's point may move: a degree under the curve's next point. */
    private static double lastOnC(List<CurvePoint> old) {
        return old.get(2).celsius() - 1;
    }

    /** How far under the kick's release the board settles at start-duty. */
    static final double KICK_RELEASE_MARGIN_C = 0.5;

    /** The die of {@code p} at steady full load in {@code roomC} with the fan turning at {@code duty}. */
    static double steadyC(BoardProfile p, double duty, double roomC) {
        double g = ProfileDefaults.thermalModel(p).conductance(duty);
        return roomC + p.pMaxW() * (p.rDsKPerW() + 1 / g);
    }

    /** The room in which {@code p} at full load and {@code duty} settles at {@code dieC}. */
    static double designRoomC(BoardProfile p, double dieC, double duty) {
        double g = ProfileDefaults.thermalModel(p).conductance(duty);
        return dieC - p.pMaxW() * (p.rDsKPerW() + 1 / g);
    }

    /** The plant's die at the scenarios' idle load in a 25 C room, fan stopped. */
    static double idleC(BoardProfile p) {
        double power = p.pIdleW() + (p.pMaxW() - p.pIdleW()) * IDLE_LOAD;
        return IDLE_ROOM_C + power / p.gPassiveWPerK() + power * p.rDsKPerW();
    }

    private static int percentAbove(double duty) {
        return (int) Math.min(100, Math.ceil(duty * 100 + 1 - 1e-9));
    }

    private static double dutyAt(List<CurvePoint> points, double celsius) {
        for (CurvePoint p : points) {
            if (p.celsius() >= celsius) {
                return p.duty().percent();
            }
        }
        return 100;
    }

    private static String yaml(String heading, String profile, List<double[]> points, int minDuty, int startDuty,
            double ceilingC) {
        StringBuilder text = new StringBuilder();
        heading.lines().forEach(line -> text.append("# ").append(line).append('\n'));
        text.append("board: ").append(profile).append('\n');
        text.append("curve:\n  points:\n");
        for (double[] p : points) {
            text.append("    - [").append(number(p[0])).append("C, ").append(number(p[1])).append("%]\n");
        }
        text.append("fan:\n");
        text.append("  min-duty: ").append(minDuty).append("%       # one point above the fan's fitted stop duty\n");
        text.append("  start-duty: ").append(startDuty).append("%     # one point above its fitted start duty\n");
        text.append("ceiling:\n");
        text.append("  at: ").append(number(ceilingC)).append("C\n");
        return text.toString();
    }

    private static String number(double value) {
        return new BigDecimal(String.format(Locale.ROOT, "%.1f", value)).stripTrailingZeros().toPlainString();
    }
}
