package dev.pifan.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Suggests the valid word closest to a misspelt one ({@code hysterisis} -> {@code hysteresis}). */
final class DidYouMean {

    /** Longer input is not a typo of a config word; it also bounds the quadratic distance. */
    private static final int MAX_LENGTH = 64;

    private DidYouMean() {}

    /** The candidate nearest to {@code word}, if it is near enough to be the word meant. */
    static Optional<String> closest(String word, Collection<String> candidates) {
        if (word.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= allowedEdits(best) ? Optional.of(best) : Optional.empty();
    }

    /** Short words need a close match, or "fan" would be suggested for "foo". */
    private static int allowedEdits(String candidate) {
        int n = candidate.length();
        return n <= 4 ? 1 : n <= 8 ? 2 : 3;
    }

    /**
     * Edit distance counting insertions, deletions, substitutions and swaps of neighbours
     * (optimal string alignment): {@code intreval} is one edit from {@code interval}.
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
