package org.drpkit.algorithms.wave;

import java.util.Arrays;
import org.apache.commons.math3.fitting.PolynomialCurveFitter;
import org.apache.commons.math3.fitting.WeightedObservedPoints;

/**
 * Identifies fitted peaks with the lines of a list, given where each line is expected (from a rough wavelength
 * solution, or the XPIX column of an APOGEE arc list). A shifted, slightly stretched or dithered spectrum is still
 * identified: first a grid search over a global shift and stretch about the chip middle maximises the number of
 * lines with a peak within {@link Params#tolerance()}, ties broken by the smaller sum of squared distances; then the
 * map from expected to observed column is refined as a polynomial of degree {@link Params#mapDegree()} over three
 * rounds of matching, in which a peak with a centre error matches within {@code max(tolerance, 3 error)}, at most
 * twice the tolerance (a faint line's centre scatters further). Each peak serves at most one line (the closer one).
 *
 * <pre>{@code
 * double[] expected = lines.stream().mapToDouble(ArcLine::xpix).toArray();
 * LineIdentification.Result id = LineIdentification.identify(peaks.centres(), peaks.centreErrors(), expected,
 *         LineIdentification.Params.defaults());
 * id;   // LineIdentification.Result[39 of 44 lines, shift +1.90 columns, stretch -0.00020]
 * }</pre>
 *
 * Pure function: no state, thread-safe, deterministic.
 */
public final class LineIdentification {

    private LineIdentification() {
    }

    /**
     * @param maxShift   largest global shift searched, columns (both signs)
     * @param shiftStep  step of the shift search, columns
     * @param maxStretch largest relative stretch searched about the middle column (both signs)
     * @param stretchSteps number of stretch values on each side of 0
     * @param tolerance  a peak within this many columns of a line's expected place matches it
     * @param mapDegree  degree of the refined expected-to-observed map (0..3)
     * @param middle     column the stretch is about
     */
    public record Params(double maxShift, double shiftStep, double maxStretch, int stretchSteps, double tolerance,
            int mapDegree, double middle) {

        /** Checks ranges. */
        public Params {
            if (!(maxShift >= 0) || !(shiftStep > 0) || !(maxStretch >= 0) || stretchSteps < 0 || !(tolerance > 0)
                    || mapDegree < 0 || mapDegree > 3 || !Double.isFinite(middle)) {
                throw new IllegalArgumentException("identification parameters out of range: " + this);
            }
        }

        /** @return shifts up to 5 columns by 0.05, stretches up to 0.2 % in 4 steps a side, 0.5-column tolerance,
         * a quadratic map, about column 1023.5 (an APOGEE chip's middle) */
        public static Params defaults() {
            return new Params(5, 0.05, 0.002, 4, 0.5, 2, 1023.5);
        }

        /** @return these parameters with another largest shift, columns */
        public Params withMaxShift(double s) {
            return new Params(s, shiftStep, maxStretch, stretchSteps, tolerance, mapDegree, middle);
        }
    }

    /**
     * @param peakOf  for each line, the index of its peak in the given centres, or -1
     * @param matched number of lines with a peak
     * @param shift   the search's global shift, columns
     * @param stretch the search's relative stretch
     * @param map     coefficients of the refined map, observed = sum map[k] (expected - middle)^k
     */
    public record Result(int[] peakOf, int matched, double shift, double stretch, double[] map) {

        /** Copies the arrays. */
        public Result {
            peakOf = peakOf.clone();
            map = map.clone();
        }

        @Override
        public int[] peakOf() {
            return peakOf.clone();
        }

        @Override
        public double[] map() {
            return map.clone();
        }

        @Override
        public String toString() {
            return String.format("LineIdentification.Result[%d of %d lines, shift %+.2f columns, stretch %+.5f]",
                    matched, peakOf.length, shift, stretch);
        }
    }

    /**
     * @param centres  fitted peak centres, columns (any order)
     * @param errors   their 1-sigma errors, columns, or null
     * @param expected each line's expected column
     * @param p        parameters
     * @return which peak is which line
     */
    public static Result identify(double[] centres, double[] errors, double[] expected, Params p) {
        if (errors != null && errors.length != centres.length) {
            throw new IllegalArgumentException(centres.length + " centres but " + errors.length + " errors");
        }
        double[] sorted = centres.clone();
        Arrays.sort(sorted);
        double bestShift = 0;
        double bestStretch = 0;
        int bestScore = -1;
        double bestSq = Double.POSITIVE_INFINITY;
        int ns = (int) Math.round(p.maxShift() / p.shiftStep());
        for (int t = -p.stretchSteps(); t <= p.stretchSteps(); t++) {
            double stretch = p.stretchSteps() == 0 ? 0 : p.maxStretch() * t / p.stretchSteps();
            for (int k = -ns; k <= ns; k++) {
                double shift = k * p.shiftStep();
                int score = 0;
                double sq = 0;
                for (double e : expected) {
                    double d = nearestDistance(sorted, p.middle() + (1 + stretch) * (e - p.middle()) + shift);
                    if (d <= p.tolerance()) {
                        score++;
                        sq += d * d;
                    }
                }
                if (score > bestScore || score == bestScore && sq < bestSq) {
                    bestScore = score;
                    bestSq = sq;
                    bestShift = shift;
                    bestStretch = stretch;
                }
            }
        }
        double[] map = new double[p.mapDegree() + 1];
        map[0] = p.middle() + bestShift;
        if (map.length > 1) {
            map[1] = 1 + bestStretch;
        }
        int[] peakOf = match(centres, null, expected, map, p);
        for (int round = 0; round < 3; round++) {
            double[] refit = refit(centres, expected, peakOf, p);
            if (refit == null) {
                break;
            }
            map = refit;
            peakOf = match(centres, errors, expected, map, p);
        }
        int matched = 0;
        for (int i : peakOf) {
            matched += i >= 0 ? 1 : 0;
        }
        return new Result(peakOf, matched, bestShift, bestStretch, map);
    }

    private static double predicted(double[] map, double e, double middle) {
        double s = 0;
        double d = e - middle;
        for (int k = map.length - 1; k >= 0; k--) {
            s = s * d + map[k];
        }
        if (map.length == 1) {
            s += d;
        }
        return s;
    }

    /** Nearest peak within tolerance for each line; a peak claimed twice goes to the closer line. */
    private static int[] match(double[] centres, double[] errors, double[] expected, double[] map, Params p) {
        int[] peakOf = new int[expected.length];
        double[] dist = new double[expected.length];
        int[] owner = new int[centres.length];
        Arrays.fill(owner, -1);
        for (int l = 0; l < expected.length; l++) {
            double x = predicted(map, expected[l], p.middle());
            int best = -1;
            double bd = Double.POSITIVE_INFINITY;
            for (int j = 0; j < centres.length; j++) {
                double d = Math.abs(centres[j] - x);
                double tol = errors == null ? p.tolerance()
                        : Math.min(2 * p.tolerance(), Math.max(p.tolerance(), 3 * errors[j]));
                if (d <= tol && d < bd) {
                    bd = d;
                    best = j;
                }
            }
            peakOf[l] = best;
            dist[l] = bd;
            if (best >= 0) {
                int o = owner[best];
                if (o < 0 || dist[o] > bd) {
                    if (o >= 0) {
                        peakOf[o] = -1;
                    }
                    owner[best] = l;
                } else {
                    peakOf[l] = -1;
                }
            }
        }
        return peakOf;
    }

    private static double[] refit(double[] centres, double[] expected, int[] peakOf, Params p) {
        WeightedObservedPoints pts = new WeightedObservedPoints();
        int n = 0;
        for (int l = 0; l < expected.length; l++) {
            if (peakOf[l] >= 0) {
                pts.add(expected[l] - p.middle(), centres[peakOf[l]]);
                n++;
            }
        }
        int degree = Math.min(p.mapDegree(), n - 2);
        if (degree < 1) {
            return null;
        }
        double[] c = PolynomialCurveFitter.create(degree).fit(pts.toList());
        double[] map = new double[p.mapDegree() + 1];
        System.arraycopy(c, 0, map, 0, c.length);
        return Arrays.stream(map).allMatch(Double::isFinite) ? map : null;
    }

    private static double nearestDistance(double[] sorted, double x) {
        int i = Arrays.binarySearch(sorted, x);
        if (i >= 0) {
            return 0;
        }
        int ins = -i - 1;
        double d = Double.POSITIVE_INFINITY;
        if (ins < sorted.length) {
            d = sorted[ins] - x;
        }
        if (ins > 0) {
            d = Math.min(d, x - sorted[ins - 1]);
        }
        return d;
    }

    /** @return the refined map's prediction of where a line expected at column e falls */
    public static double predict(Result r, double e, Params p) {
        return predicted(r.map, e, p.middle());
    }
}
