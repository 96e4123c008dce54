package dev.pifan.cli;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.ToDoubleFunction;

/**
 * The Nelder-Mead simplex minimiser (reflection 1, expansion 2, contraction 1/2, shrink 1/2), with
 * restarts from the best point: it needs no derivatives, which suits a cost that is a whole
 * simulation of the thermal model, and a restart undoes the simplex collapsing early along a
 * narrow valley (two heat capacities that trade off against each other).
 */
final class NelderMead {

    /** The best point found and its cost. */
    record Minimum(double[] point, double cost, int evaluations) {
    }

    private NelderMead() {
    }

    /**
     * Minimises {@code cost} from {@code start}, with initial steps {@code step} per coordinate.
     *
     * @param tolerance stop when the simplex's costs differ by less than this (relative)
     */
    static Minimum minimise(ToDoubleFunction<double[]> cost, double[] start, double[] step, double tolerance,
            int maxEvaluations, int restarts) {
        double[] best = start.clone();
        double bestCost = cost.applyAsDouble(best);
        int evaluations = 1;
        for (int round = 0; round <= restarts && evaluations < maxEvaluations; round++) {
            Minimum m = once(cost, best, step, tolerance, maxEvaluations - evaluations);
            evaluations += m.evaluations();
            if (m.cost() < bestCost) {
                best = m.point();
                bestCost = m.cost();
            }
        }
        return new Minimum(best, bestCost, evaluations);
    }

    private static Minimum once(ToDoubleFunction<double[]> cost, double[] start, double[] step, double tolerance,
            int maxEvaluations) {
        int n = start.length;
        double[][] simplex = new double[n + 1][];
        double[] costs = new double[n + 1];
        simplex[0] = start.clone();
        for (int i = 0; i < n; i++) {
            simplex[i + 1] = start.clone();
            simplex[i + 1][i] += step[i];
        }
        int evaluations = 0;
        for (int i = 0; i <= n; i++) {
            costs[i] = safe(cost, simplex[i]);
            evaluations++;
        }
        Integer[] order = new Integer[n + 1];
        while (evaluations < maxEvaluations) {
            for (int i = 0; i <= n; i++) {
                order[i] = i;
            }
            double[] c = costs;
            Arrays.sort(order, Comparator.comparingDouble(i -> c[i]));
            double[][] sorted = new double[n + 1][];
            double[] sortedCosts = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                sorted[i] = simplex[order[i]];
                sortedCosts[i] = costs[order[i]];
            }
            simplex = sorted;
            costs = sortedCosts;
            double spread = Math.abs(costs[n] - costs[0]);
            if (spread <= tolerance * (Math.abs(costs[0]) + 1e-300)) {
                break;
            }
            double[] centroid = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    centroid[j] += simplex[i][j] / n;
                }
            }
            double[] reflected = along(centroid, simplex[n], -1);
            double reflectedCost = safe(cost, reflected);
            evaluations++;
            if (reflectedCost < costs[0]) {
                double[] expanded = along(centroid, simplex[n], -2);
                double expandedCost = safe(cost, expanded);
                evaluations++;
                if (expandedCost < reflectedCost) {
                    simplex[n] = expanded;
                    costs[n] = expandedCost;
                } else {
                    simplex[n] = reflected;
                    costs[n] = reflectedCost;
                }
            } else if (reflectedCost < costs[n - 1]) {
                simplex[n] = reflected;
                costs[n] = reflectedCost;
            } else {
                boolean outside = reflectedCost < costs[n];
                double[] contracted = along(centroid, outside ? reflected : simplex[n], 0.5);
                double contractedCost = safe(cost, contracted);
                evaluations++;
                if (contractedCost < Math.min(reflectedCost, costs[n])) {
                    simplex[n] = contracted;
                    costs[n] = contractedCost;
                } else {
                    for (int i = 1; i <= n; i++) {
                        simplex[i] = along(simplex[0], simplex[i], 0.5);
                        costs[i] = safe(cost, simplex[i]);
                        evaluations++;
                    }
                }
            }
        }
        int bestIndex = 0;
        for (int i = 1; i <= n; i++) {
            if (costs[i] < costs[bestIndex]) {
                bestIndex = i;
            }
        }
        return new Minimum(simplex[bestIndex], costs[bestIndex], evaluations);
    }

    /** {@code from + factor * (to - from)}. */
    private static double[] along(double[] from, double[] to, double factor) {
        double[] point = new double[from.length];
        for (int i = 0; i < from.length; i++) {
            point[i] = from[i] + factor * (to[i] - from[i]);
        }
        return point;
    }

    /** A cost that is not a number (an unstable candidate) counts as worse than any other. */
    private static double safe(ToDoubleFunction<double[]> cost, double[] point) {
        double value = cost.applyAsDouble(point);
        return Double.isNaN(value) ? Double.POSITIVE_INFINITY : value;
    }
}
