package dev.pifan.hal.sim;

import java.util.List;

/**
 * One larger fan blowing across a tray of boards (docs/thermal-model.md, "A tray of boards"): the
 * reference plant's fan constants of a fan that no single board owns, and how its airflow reaches
 * each board.
 *
 * <p>The tray is a composition, not a new plant: each board keeps its own plant and equations,
 * with its fan constants ({@code rpm_max}, {@code d_start}, {@code d_stop}, {@code l_max},
 * {@code tach}) replaced by this fan's and its {@code g_fan} scaled to the airflow that reaches it
 * ({@link #cooling}). Every board's plant is driven by the same duty, so their fans follow the
 * same lag and stiction with the same constants and turn at the same speed: the one fan.
 *
 * @param name what the fan is, for output ({@code assumed-92mm})
 * @param rpmMax its speed at duty 1
 * @param airflowCfm the air it moves at {@code rpmMax}, free-flowing [CFM]; the model takes airflow
 *     as proportional to speed, as fan laws do
 * @param lMaxDba its noise at {@code rpmMax} [dB(A)]
 * @param dStart the duty that starts it from a stop
 * @param dStop below this duty it stops
 * @param tach whether it reports its speed (to the tray node, which it is wired to)
 */
public record TrayFan(String name, double rpmMax, double airflowCfm, double lMaxDba, double dStart, double dStop,
                      boolean tach) {

    /**
     * The convective exponent of the reference plant ({@code g_fan * (rpm / rpm_max)^0.8}): the
     * heatsink's conductance grows with the 0.8th power of the air speed across it, so with the
     * airflow that reaches it. The same exponent scales a board's {@code g_fan} to the tray's air.
     */
    public static final double CONVECTION_EXPONENT = 0.8;

    /**
     * The air a board's own small fan pushes through its heatsink at full speed, where the profile's
     * {@code g_fan} was taken [CFM]. An assumed figure, the same for every profile: 30 mm and 40 mm
     * fans of the kind on Pi cases are sold at some 2 to 5 CFM free-flowing, and less reaches the fins.
     */
    public static final double DEFAULT_OWN_AIRFLOW_CFM = 3.0;

    /**
     * The tray fan {@code pifan bench --tray} compares with a fan per board: an assumed 92 mm,
     * 4-wire PWM fan (2000 rpm, 45 m³/h = 26.5 CFM, 23 dB(A) at full, starts at 25% and stops below
     * 15%, tachometer), figures typical of quiet 92 mm fans rather than one datasheet's.
     */
    public static final TrayFan ASSUMED_92MM = new TrayFan("assumed-92mm", 2000, 26.5, 23, 0.25, 0.15, true);

    public TrayFan {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a tray fan needs a name");
        }
        if (!(rpmMax > 0) || Double.isInfinite(rpmMax)) {
            throw new IllegalArgumentException("tray fan rpm-max " + rpmMax + " must be > 0");
        }
        if (!(airflowCfm > 0) || Double.isInfinite(airflowCfm)) {
            throw new IllegalArgumentException("tray fan airflow " + airflowCfm + " must be > 0");
        }
        if (!Double.isFinite(lMaxDba)) {
            throw new IllegalArgumentException("tray fan noise " + lMaxDba + " is not a number");
        }
        if (!(dStart >= 0 && dStart <= 1) || !(dStop >= 0 && dStop <= dStart)) {
            throw new IllegalArgumentException("tray fan start duty " + dStart + " and stop duty " + dStop
                    + " must be 0 <= stop <= start <= 1");
        }
    }

    /**
     * The board as it runs under this fan: its own physics, with this fan's constants and the
     * conductance that {@code share} of this fan's airflow gives its heatsink.
     *
     * <p>{@code g_fan' = g_fan * (share * airflow / ownAirflow)^0.8}: the board's {@code g_fan} was
     * what {@code ownAirflowCfm} gave it; the tray fan at full gives it {@code share * airflow}.
     * Equal shares of a fan of 26.5 CFM give each of 8 boards 3.3 CFM, each of 4 boards 6.6 CFM.
     *
     * @param share the fraction of this fan's airflow that crosses the board's heatsink (0..1]
     * @param ownAirflowCfm the airflow of the board's own fan, where its {@code g_fan} was taken
     */
    public BoardProfile cooling(BoardProfile board, double share, double ownAirflowCfm) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share " + share + " of the tray fan's airflow outside (0, 1]");
        }
        if (!(ownAirflowCfm > 0) || Double.isInfinite(ownAirflowCfm)) {
            throw new IllegalArgumentException("own airflow " + ownAirflowCfm + " must be > 0");
        }
        double gFan = board.gFanWPerK() * StrictMath.pow(share * airflowCfm / ownAirflowCfm, CONVECTION_EXPONENT);
        return new BoardProfile(board.name(), board.pIdleW(), board.pMaxW(), board.cDieJPerK(), board.rDsKPerW(),
                board.cSinkJPerK(), board.gPassiveWPerK(), gFan, rpmMax, dStart, dStop, lMaxDba, tach);
    }

    /**
     * The noise of several fans together, from each one's {@code leq_dba}: their sound energies add,
     * so N equal fans are {@code 10 log10(N)} dB louder than one (8 fans: 9.0 dB). The model's floor
     * ({@link RunFigures#L_FLOOR_DBA}, what a stopped fan scores) is the room's and counted once: N
     * stopped fans read the floor, not {@code floor + 10 log10(N)}.
     */
    public static double combinedDba(List<Double> leqDba) {
        if (leqDba.isEmpty()) {
            throw new IllegalArgumentException("no fans: nothing to add up");
        }
        double floor = StrictMath.pow(10, RunFigures.L_FLOOR_DBA / 10);
        double energy = floor;
        for (double level : leqDba) {
            energy += Math.max(0, StrictMath.pow(10, level / 10) - floor);
        }
        return 10 * StrictMath.log10(energy);
    }
}
