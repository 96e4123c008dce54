package dev.pifan.control;

/**
 * Estimates what the sensor cannot see, from the die temperature and the fan's speed: the
 * heatsink's temperature, the heat the board makes, and the temperature it sheds that heat to (the
 * room, plus whatever the model gets wrong). A Kalman filter over the two-node model of
 * {@link ThermalModel}, with state {@code x = [sink, heat, room]}:
 * <pre>
 *   sink' = sink + dt / c_sink * (heat - g(speed) * (sink - room))     heat' = heat    room' = room
 *   die   = sink + r_ds * heat                                          (what the sensor reads)
 * </pre>
 * The die is fast (seconds) and the heatsink slow (minutes), so a load step shows at once as a
 * jump of the die over the heatsink, {@code r_ds} times the new heat, and the filter puts it into
 * the heat; a slow drift that the heat cannot explain goes to the room. With both known, it can
 * say where the board would settle at any fan speed ({@link #speedToHold}).
 *
 * <p>Not thread-safe: one control thread calls it.
 */
final class HeatObserver {

    private static final int SINK = 0;
    private static final int HEAT = 1;
    private static final int ROOM = 2;
    private static final int N = 3;

    /** How fast the heat may drift between load steps, per second [W]. */
    private static final double HEAT_DRIFT_W = 0.003;
    /** How fast the room (and the model's bias) may drift, per second [°C]. */
    private static final double ROOM_DRIFT_C = 0.003;
    /** How far the heatsink may stray from the model in a second [°C]. */
    private static final double SINK_DRIFT_C = 0.005;
    /** The sensor's variance: its 0.5 °C quantum (q^2 / 12) and up to 0.3 °C of noise on top. */
    private static final double SENSOR_VARIANCE = 0.5 * 0.5 / 12 + 0.3 * 0.3;
    /**
     * A run of readings this surprising (innovations squared, in units of their expected variance,
     * averaged over a few seconds) is a load step: the heat's uncertainty grows by
     * {@link #LOAD_STEP_W2}, so that the estimate follows the step in seconds rather than the
     * minutes its slow drift allows.
     */
    private static final double SURPRISE = 6;
    private static final double LOAD_STEP_W2 = 4;

    private final ThermalModel model;
    private final double[] x = new double[N];
    private double[][] p = new double[N][N];
    private double surprise;
    private boolean started;
    private long lastNanos;

    HeatObserver(ThermalModel model) {
        this.model = model;
    }

    /**
     * One reading of the die at this time, the fan having turned at {@code speed} (0..1 of full)
     * since the last one.
     */
    void observe(double dieC, long nanos, double speed) {
        double g = model.conductance(speed);
        double r = model.rDsKPerW();
        if (!started) {
            // first guess: the board idle and settled at this fan speed
            x[HEAT] = model.idleW();
            x[SINK] = dieC - r * x[HEAT];
            x[ROOM] = x[SINK] - x[HEAT] / g;
            p[SINK][SINK] = 1;
            p[HEAT][HEAT] = 4;
            p[ROOM][ROOM] = 25;
            started = true;
            lastNanos = nanos;
            return;
        }
        double dt = Math.max(0, Math.min(60, (nanos - lastNanos) / 1e9));
        lastNanos = nanos;
        double a = dt * g / model.cSinkJPerK();
        double[][] f = {{1 - a, dt / model.cSinkJPerK(), a}, {0, 1, 0}, {0, 0, 1}};
        double[] predicted = times(f, x);
        double[][] pp = times(times(f, p), transpose(f));
        pp[SINK][SINK] += SINK_DRIFT_C * SINK_DRIFT_C * dt;
        pp[HEAT][HEAT] += HEAT_DRIFT_W * HEAT_DRIFT_W * dt;
        pp[ROOM][ROOM] += ROOM_DRIFT_C * ROOM_DRIFT_C * dt;
        double[] h = {1, r, 0};
        double innovation = dieC - (predicted[SINK] + r * predicted[HEAT]);
        double s = quadratic(pp, h) + SENSOR_VARIANCE;
        surprise = 0.7 * surprise + 0.3 * innovation * innovation / s;
        if (surprise > SURPRISE) {
            pp[HEAT][HEAT] += LOAD_STEP_W2;
            surprise = 0;
            s = quadratic(pp, h) + SENSOR_VARIANCE;
        }
        double[] ph = times(pp, h);
        double[][] next = new double[N][N];
        for (int i = 0; i < N; i++) {
            double k = ph[i] / s;
            x[i] = predicted[i] + k * innovation;
            for (int j = 0; j < N; j++) {
                next[i][j] = pp[i][j] - k * ph[j];
            }
        }
        p = next;
        x[HEAT] = Math.max(0, x[HEAT]);
    }

    boolean started() {
        return started;
    }

    /** The heat the board makes now [W]. */
    double heatW() {
        return x[HEAT];
    }

    /** The temperature the heatsink sheds its heat to [°C]: the room, and the model's bias. */
    double roomC() {
        return x[ROOM];
    }

    /**
     * The least fan speed (0..1) at which the die, once the heatsink has settled, would sit at or
     * below {@code dieC} at the present heat: 1 where even full speed would not hold it.
     */
    double speedToHold(double dieC) {
        double headroom = dieC - x[ROOM] - model.rDsKPerW() * x[HEAT];
        if (!(headroom > 0)) {
            return 1;
        }
        return model.speedFor(x[HEAT] / headroom);
    }

    /** Whether a step to full load would leave the die, at once, at or below {@code dieC}. */
    boolean readyForFullLoad(double dieC) {
        return x[SINK] + model.rDsKPerW() * Math.max(x[HEAT], model.maxW()) <= dieC;
    }

    private static double quadratic(double[][] m, double[] v) {
        double sum = 0;
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                sum += v[i] * m[i][j] * v[j];
            }
        }
        return sum;
    }

    private static double[] times(double[][] a, double[] v) {
        double[] out = new double[N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                out[i] += a[i][j] * v[j];
            }
        }
        return out;
    }

    private static double[][] times(double[][] a, double[][] b) {
        double[][] out = new double[N][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                for (int k = 0; k < N; k++) {
                    out[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return out;
    }

    private static double[][] transpose(double[][] a) {
        double[][] out = new double[N][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                out[i][j] = a[j][i];
            }
        }
        return out;
    }
}
