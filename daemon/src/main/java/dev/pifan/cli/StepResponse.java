package dev.pifan.cli;

/**
 * A first-order step response fitted to the readings after a duty change:
 * {@code T(t) = steady + (start - steady) * exp(-t / tau)}, least squares over a logarithmic grid of
 * time constants (the two amplitudes are linear for a given tau). A fan change moves the slow
 * heatsink, and the die rides on it, so one exponential is the model's own shape here.
 *
 * @param steadyC the temperature it settles at
 * @param tauS the response time: 63% of the change
 */
record StepResponse(double steadyC, double tauS) {

    private static final double MIN_TAU_S = 2;
    private static final double MAX_TAU_S = 5000;
    private static final int GRID = 160;

    /** Fits readings {@code celsius[from..to)} taken a second apart, time 0 at {@code from}. */
    static StepResponse fit(double[] celsius, int from, int to) {
        int n = to - from;
        double mean = 0;
        for (int k = from; k < to; k++) {
            mean += celsius[k] / n;
        }
        StepResponse best = new StepResponse(mean, Double.POSITIVE_INFINITY);
        double bestSse = Double.POSITIVE_INFINITY;
        double stt = 0;
        for (int k = from; k < to; k++) {
            stt += celsius[k] * celsius[k];
        }
        for (int i = 0; i < GRID; i++) {
            double tau = MIN_TAU_S * Math.pow(MAX_TAU_S / MIN_TAU_S, i / (GRID - 1.0));
            // T = a + b * e, with e = exp(-t / tau) by recurrence: the normal equations of two unknowns
            double ratio = Math.exp(-1 / tau);
            double e = 1;
            double se = 0, see = 0, st = 0, set = 0;
            for (int k = 0; k < n; k++) {
                double t = celsius[from + k];
                se += e;
                see += e * e;
                st += t;
                set += e * t;
                e *= ratio;
            }
            double det = n * see - se * se;
            if (Math.abs(det) < 1e-9 * n * n) {
                continue;
            }
            double a = (see * st - se * set) / det;
            double b = (n * set - se * st) / det;
            double sse = stt - a * st - b * set; // the least-squares residual, from the same sums
            if (sse < bestSse) {
                bestSse = sse;
                best = new StepResponse(a, tau);
            }
        }
        return best;
    }
}
