package org.drpkit.algorithms.extract;

import java.util.Arrays;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.image.Spectra;

/**
 * Relative fibre throughputs from an extracted flat (quartz or dome) of one chip: upstream's relative fluxing, built
 * per chip (upstream uses the B chip's for all three).
 *
 * <p>A fibre's throughput is {@code rel_f = median_x(F_fx / M_x)}, with {@code M_x} a reference spectrum at column x
 * from the good fluxes (ivar > 0, no reject bit, flux > 0): the lamp's spectrum cancels column by column, so fibres
 * are compared at the same wavelengths. {@code M_x} is first the median over fibres of the flux, then (a second pass)
 * the median over fibres of each flux divided by its fibre's first throughput: fibres of equal expectation, where
 * the median of fibres of different throughputs is an order statistic whose fibres trade places with the noise (it
 * biased every throughput against the median fibre by -2.7 of their errors on a 2000 DN/read quartz). The result is
 * normalised to a mean of 1 over the middle half of the fibres that have light ({@link #unit}: the lit fibres ranked
 * by throughput, the first and last quarter left out). Each error is the median's over columns (from the ratios'
 * interquartile range) combined with the unit's, which every relative throughput shares (a fibre in the middle half is
 * counted in both: slightly conservative).
 *
 * <pre>{@code
 * FibreFlat.Throughput t = FibreFlat.of(Extraction.optimal(quartz, traces, ExtractParams.defaults()).spectra(),
 *         traces.fibres(), CalibFlag.BAD_BITS);
 * t.relative()[traces.indexOf(150)];   // about 1
 * }</pre>
 */
public final class FibreFlat {

    /** Fibres below this relative throughput are taken as without light and left out of the normalisation. */
    public static final double DARK_FIBRE = 0.07;

    private FibreFlat() {
    }

    /**
     * @param fibres   fibre number of each spectrum row
     * @param relative throughput relative to the mean of the middle half of the lit fibres (0 for a fibre without
     *                 good pixels)
     * @param error    1-sigma error of each: the scatter over columns, with the unit's added
     */
    public record Throughput(int[] fibres, double[] relative, double[] error) {
        @Override
        public String toString() {
            double lo = Double.POSITIVE_INFINITY;
            double hi = 0;
            for (double r : relative) {
                if (r > DARK_FIBRE) {
                    lo = Math.min(lo, r);
                    hi = Math.max(hi, r);
                }
            }
            return String.format("FibreFlat.Throughput[%d fibres, relative %.3f..%.3f]", fibres.length, lo, hi);
        }
    }

    /**
     * The unit of relative throughputs: the mean of the middle half of the values above {@link #DARK_FIBRE} times their
     * median (ranked, the first and last quarter left out), as {@link #of} normalises. A truth compared with
     * {@link Throughput#relative()} is divided by its own unit.
     *
     * <pre>{@code
     * double[] expected = model.throughput().clone();
     * double u = FibreFlat.unit(expected);   // then expected[i] / u against relative()[i]
     * }</pre>
     *
     * @param throughput throughputs (any scale); not modified
     * @return the unit, or 1 when no value is lit
     */
    public static double unit(double[] throughput) {
        double dark = DARK_FIBRE * RobustStats.median(throughput);
        double[] lit = Arrays.stream(throughput).filter(v -> v > dark).sorted().toArray();
        if (lit.length == 0) {
            return 1;
        }
        int a = lit.length / 4;
        int b = lit.length - 1 - lit.length / 4;
        double sum = 0;
        for (int q = a; q <= b; q++) {
            sum += lit[q];
        }
        return sum / (b - a + 1);
    }

    private static void ratios(float[] f, float[] iv, int[] m, int rejectBits, int n, int w, double[] colMedian,
            double[] rel, double[] err, float[] ratio, float[] rs) {
        for (int i = 0; i < n; i++) {
            int k = 0;
            for (int x = 0; x < w; x++) {
                int j = i * w + x;
                if (colMedian[x] > 0 && iv[j] > 0 && (m[j] & rejectBits) == 0) {
                    ratio[k++] = (float) (f[j] / colMedian[x]);
                }
            }
            if (k == 0) {
                rel[i] = 0;
                err[i] = 0;
                continue;
            }
            rel[i] = RobustStats.median(ratio, 0, k, rs);
            // error of a median: 1.2533 sigma / sqrt(k), sigma from the IQR
            err[i] = 1.2533 * RobustStats.iqrSigma(ratio, 0, k, rs) / Math.sqrt(k);
        }
    }

    /**
     * @param flat       the extracted flat (one row per fibre); not modified
     * @param fibres     fibre number of each row
     * @param rejectBits spectrum flag bits that leave a pixel out
     * @return the relative throughputs
     * @throws DrpException {@code EXTRACT_NO_GOOD_PIXELS} when no column has a good pixel
     */
    public static Throughput of(Spectra flat, int[] fibres, int rejectBits) throws DrpException {
        int n = flat.fibres();
        int w = flat.pixels();
        if (fibres.length != n) {
            throw new IllegalArgumentException(fibres.length + " fibre numbers for " + n + " spectra");
        }
        float[] f = flat.flux();
        float[] iv = flat.ivar();
        int[] m = flat.mask();
        double[] colMedian = new double[w];
        float[] buf = new float[n];
        float[] scratch = new float[n];
        int cols = 0;
        for (int x = 0; x < w; x++) {
            int k = 0;
            for (int i = 0; i < n; i++) {
                int j = i * w + x;
                if (iv[j] > 0 && (m[j] & rejectBits) == 0 && f[j] > 0) {
                    buf[k++] = f[j];
                }
            }
            colMedian[x] = k == 0 ? Double.NaN : RobustStats.median(buf, 0, k, scratch);
            cols += k == 0 ? 0 : 1;
        }
        if (cols == 0) {
            throw new DrpException(ExtractErrorCode.EXTRACT_NO_GOOD_PIXELS, Location.NOWHERE,
                    "the flat's spectra have no good pixel");
        }
        double[] rel = new double[n];
        double[] err = new double[n];
        float[] ratio = new float[w];
        float[] rs = new float[w];
        ratios(f, iv, m, rejectBits, n, w, colMedian, rel, err, ratio, rs);
        // second pass: the column reference is the median of the fibres' fluxes each divided by its throughput, so
        // every fibre in it has the same expectation (the first pass's median of fluxes is an order statistic of
        // fibres of different throughputs: the fibres near the median one trade places with the noise)
        for (int x = 0; x < w; x++) {
            int k = 0;
            for (int i = 0; i < n; i++) {
                int j = i * w + x;
                if (rel[i] > 0 && iv[j] > 0 && (m[j] & rejectBits) == 0 && f[j] > 0) {
                    buf[k++] = (float) (f[j] / rel[i]);
                }
            }
            colMedian[x] = k == 0 ? Double.NaN : RobustStats.median(buf, 0, k, scratch);
        }
        ratios(f, iv, m, rejectBits, n, w, colMedian, rel, err, ratio, rs);
        double dark = DARK_FIBRE * RobustStats.median(rel);
        Integer[] order = new Integer[n];
        int lit = 0;
        for (int i = 0; i < n; i++) {
            if (rel[i] > dark) {
                order[lit++] = i;
            }
        }
        Arrays.sort(order, 0, lit, (a, b) -> Double.compare(rel[a], rel[b]));
        // the unit is the mean of the middle half of the lit fibres: robust against odd fibres like a median, but its
        // error averages down (a median fibre's error, shared by every relative throughput, gave pulls of rms 1.24
        // against the truth where the mean of the middle half gives 1.02)
        double norm = 1;
        double normErr = 0;
        if (lit > 0) {
            int a = lit / 4;
            int b = lit - 1 - lit / 4;
            double sum = 0;
            double var = 0;
            for (int q = a; q <= b; q++) {
                sum += rel[order[q]];
                var += err[order[q]] * err[order[q]];
            }
            norm = sum / (b - a + 1);
            normErr = Math.sqrt(var) / (b - a + 1);
        }
        for (int i = 0; i < n; i++) {
            err[i] = Math.hypot(err[i], rel[i] * normErr / norm) / norm;
            rel[i] /= norm;
        }
        return new Throughput(fibres.clone(), rel, err);
    }
}
