package io.meshgate.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" hints for misspelled region ids, stream names and YAML keys. */
public final class Suggestions {

    private static final int MAX_DISTANCE = 2;

    private Suggestions() {
    }

    /**
     * The candidate closest to {@code input}, if it is close enough to be a plausible typo: at most
     * two edits, and at most a third of the input's length so that short names do not "match"
     * unrelated short names ({@code eu} is not a typo of {@code us}).
     */
    public static Optional<String> closest(String input, Collection<String> candidates) {
        if (input == null || input.isEmpty()) {
            return Optional.empty();
        }
        int limit = Math.min(MAX_DISTANCE, Math.max(1, input.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(input.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d <= limit && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * A parenthesised hint such as {@code (did you mean 'eu-west'? known: eu-west, us-east)}.
     * {@code label} names the list, e.g. "known" or "allowed keys".
     */
    public static String hint(String input, Collection<String> candidates, String label) {
        String list = candidates.isEmpty() ? "none" : String.join(", ", candidates);
        return closest(input, candidates)
                .map(match -> "(did you mean '" + match + "'? " + label + ": " + list + ")")
                .orElse("(" + label + ": " + list + ")");
    }

    /**
     * Optimal-string-alignment distance: Levenshtein plus adjacent transpositions, because swapped
     * letters ({@code eu-wset}) are the most common typo and should cost one edit, not two.
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
