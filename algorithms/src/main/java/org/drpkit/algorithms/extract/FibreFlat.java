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
 * <p>A fibre's throughput is {@code rel_f = median_x(F_fx / M_x)}, with {@code M_x} the median over fibres of the
 * good flux at column x (ivar > 0, no reject bit, flux > 0): the lamp's spectrum cancels column by column, so fibres
 * are compared at the same wavelengths. The result is normalised to a median of 1 over the fibres that have light.
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
     * @param relative throughput relative to the median fibre (0 for a fibre without good pixels)
     * @param error    1-sigma error of each, from the scatter over columns
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
        for (int i = 0; i < n; i++) {
            int k = 0;
            for (int x = 0; x < w; x++) {
                int j = i * w + x;
                if (colMedian[x] > 0 && iv[j] > 0 && (m[j] & rejectBits) == 0) {
                    ratio[k++] = (float) (f[j] / colMedian[x]);
                }
            }
            if (k == 0) {
                continue;
            }
            rel[i] = RobustStats.median(ratio, 0, k, rs);
            // error of a median: 1.2533 sigma / sqrt(k), sigma from the IQR
            err[i] = 1.2533 * RobustStats.iqrSigma(ratio, 0, k, rs) / Math.sqrt(k);
        }
        double dark = DARK_FIBRE * RobustStats.median(rel);
        double[] lit = Arrays.stream(rel).filter(r -> r > dark).toArray();
        double norm = lit.length == 0 ? 1 : RobustStats.median(lit);
        for (int i = 0; i < n; i++) {
            rel[i] /= norm;
            err[i] /= norm;
        }
        return new Throughput(fibres.clone(), rel, err);
    }
}
