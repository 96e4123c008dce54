package dev.pifan.cli;

import dev.pifan.hal.sim.BoardProfile;

/**
 * The output-error fit of the thermal model to a step test: the model's form is known exactly
 * (thermal-model.md), so the constants are the ones whose simulation, on the recorded duty, load
 * and room, comes closest to the recorded sensor in the least-squares sense. Nelder-Mead in log
 * space over r_ds, c_die, c_sink, g_passive and g_fan (every one positive, and each known to tens
 * of percent, so log steps are even steps), plus the sink's temperature at the start (which the
 * first reading gives only to the sensor's half degree).
 *
 * <p>Without a load step in the recording (a real board, whose load tune cannot set), the die's
 * heat capacity leaves no trace a 1 s, 0.5 C sensor can see: it is held at the data sheet's value
 * and reported as such.
 */
final class ThermalFit {

    /** The constants' names, in the order of {@link #estimate} and {@link #relativeError}. */
    static final String[] NAMES = {"r_ds", "c_die", "c_sink", "g_passive", "g_fan"};

    /**
     * The fitted constants.
     *
     * @param relativeError one standard error of each constant relative to it (from the fit's
     *     curvature and residual, assuming independent errors: indicative), 0 for a held one
     * @param held whether c_die was held (no load step)
     * @param rmsC the root mean square of the sensor minus the fitted model [C]
     */
    record Result(ModelReplay.Thermal estimate, double sink0C, double[] relativeError, boolean held, double rmsC,
            int evaluations) {

        double value(int i) {
            ModelReplay.Thermal t = estimate;
            return switch (i) {
                case 0 -> t.rDs();
                case 1 -> t.cDie();
                case 2 -> t.cSink();
                case 3 -> t.gPassive();
                default -> t.gFan();
            };
        }
    }

    private static final int MAX_EVALUATIONS = 6000;
    private static final int RESTARTS = 3;
    private static final double TOLERANCE = 1e-10;

    private ThermalFit() {
    }

    /**
     * Fits {@code replay}'s recording, starting from {@code start} (steady-state estimates and the
     * data sheet), from second {@code skip} on (the die's settling at the start is not data).
     */
    static Result fit(ModelReplay replay, ModelReplay.Thermal start, int skip) {
        return fit(replay, start, skip, FIRST_STEP);
    }

    /** The first fit's steps in log space: the data sheet is within some 25% of the board. */
    static final double FIRST_STEP = 0.2;
    /** A refit from a fit's result moves by less. */
    static final double REFIT_STEP = 0.05;

    /** As above, with the simplex's initial step {@code logStep} in every log constant. */
    static Result fit(ModelReplay replay, ModelReplay.Thermal start, int skip, double logStep) {
        TuneRecording rec = replay.recording();
        boolean held = !rec.hasLoadStep();
        int n = rec.seconds();
        double sink0 = rec.sensorC(0) - replay.firstPowerW() * start.rDs();
        double[] x0 = {Math.log(start.rDs()), Math.log(start.cDie()), Math.log(start.cSink()),
            Math.log(start.gPassive()), Math.log(start.gFan()), sink0};
        double[] step = {logStep, logStep, logStep, logStep, logStep, 0.5};
        double heldLog = x0[1];
        java.util.function.UnaryOperator<double[]> pin = x -> {
            double[] y = x.clone();
            if (held) {
                y[1] = heldLog;
            }
            return y;
        };
        java.util.function.ToDoubleFunction<double[]> cost = x -> {
            double[] y = pin.apply(x);
            return replay.squaredError(thermal(y), y[5], skip, n);
        };
        NelderMead.Minimum m = NelderMead.minimise(cost, x0, step, TOLERANCE, MAX_EVALUATIONS, RESTARTS);
        double[] x = pin.apply(m.point());
        int dof = Math.max(1, n - skip - (held ? 5 : 6));
        double variance = m.cost() / dof;
        double[] errors = standardErrors(replay, x, skip, variance, held);
        return new Result(thermal(x), x[5], errors, held, Math.sqrt(m.cost() / Math.max(1, n - skip)),
                m.evaluations());
    }

    static ModelReplay.Thermal thermal(double[] x) {
        return new ModelReplay.Thermal(Math.exp(x[0]), Math.exp(x[1]), Math.exp(x[2]), Math.exp(x[3]),
                Math.exp(x[4]));
    }

    /**
     * The standard errors of the log constants, {@code sqrt(diag(variance * (J^T J)^-1))} with J the
     * prediction's derivatives by central differences: for a small error, the error of a log is
     * the relative error.
     */
    private static double[] standardErrors(ModelReplay replay, double[] x, int skip, double variance, boolean held) {
        int n = replay.recording().seconds();
        int p = x.length;
        int[] free = held ? new int[] {0, 2, 3, 4, 5} : new int[] {0, 1, 2, 3, 4, 5};
        double[][] jacobian = new double[free.length][];
        for (int f = 0; f < free.length; f++) {
            int i = free[f];
            double h = i == 5 ? 1e-3 : 1e-4;
            double[] up = x.clone();
            double[] down = x.clone();
            up[i] += h;
            down[i] -= h;
            double[] a = replay.die(thermal(up), up[5]);
            double[] b = replay.die(thermal(down), down[5]);
            double[] column = new double[n];
            for (int k = skip; k < n; k++) {
                column[k] = (a[k] - b[k]) / (2 * h);
            }
            jacobian[f] = column;
        }
        double[][] normal = new double[free.length][free.length];
        for (int i = 0; i < free.length; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = 0;
                for (int k = skip; k < n; k++) {
                    sum += jacobian[i][k] * jacobian[j][k];
                }
                normal[i][j] = sum;
                normal[j][i] = sum;
            }
        }
        double[][] inverse = invert(normal);
        double[] errors = new double[NAMES.length];
        for (int f = 0; f < free.length; f++) {
            if (free[f] < NAMES.length) {
                errors[free[f]] = inverse == null ? Double.NaN : Math.sqrt(Math.max(0, variance * inverse[f][f]));
            }
        }
        return errors;
    }

    /** Gauss-Jordan with partial pivoting; null for a singular matrix. */
    static double[][] invert(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(matrix[i], 0, a[i], 0, n);
            a[i][n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot][col]) < 1e-300) {
                return null;
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            double d = a[col][col];
            for (int j = 0; j < 2 * n; j++) {
                a[col][j] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != col && a[r][col] != 0) {
                    double f = a[r][col];
                    for (int j = 0; j < 2 * n; j++) {
                        a[r][j] -= f * a[col][j];
                    }
                }
            }
        }
        double[][] inverse = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], n, inverse[i], 0, n);
        }
        return inverse;
    }

    /** The profile's constants as the fit's start, for the ones no steady state gives. */
    static ModelReplay.Thermal start(BoardProfile dataSheet, double gPassive, double gFan) {
        return new ModelReplay.Thermal(dataSheet.rDsKPerW(), dataSheet.cDieJPerK(), dataSheet.cSinkJPerK(), gPassive,
                gFan);
    }
}
