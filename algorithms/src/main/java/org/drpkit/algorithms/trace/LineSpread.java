package org.drpkit.algorithms.trace;

import java.util.Arrays;
import org.drpkit.algorithms.calib.CalibFlag;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.image.Spectra;
import org.drpkit.core.trace.ProfileShape;

/**
 * The line-spread function per fibre and chip region, measured from the isolated lines of an extracted arc (or
 * Fabry-Perot) exposure: the profile of the dispersion direction, as {@link TraceFinder} measures the spatial one.
 *
 * <p>In each fibre's spectrum, local maxima above {@link Params#minSignificance()} sigmas with no other such maximum
 * within {@link Params#isolation()} pixels are the lines. All lines of a fibre are fitted together (pixel-integrated
 * Gaussians, height, centre and width each, weighted by the inverse variance, neighbours subtracted: the trace
 * finder's per-column fitter run along x). Each region of {@link Params#regions()} equal column ranges gets the
 * inverse-variance weighted mean of its lines' widths, clipped at 4 sigma, with the larger of the formal error and the
 * scatter's. Units: pixels along x. The input is not modified.
 *
 * <pre>{@code
 * LineSpread.Result lsf = LineSpread.measure(arcSpectra, traces.fibres(), LineSpread.Params.defaults());
 * lsf.sigma(traces.indexOf(150), 2);   // rms width of fibre 150's LSF in the third region, px
 * }</pre>
 */
public final class LineSpread {

    private LineSpread() {
    }

    /**
     * @param regions         equal column ranges per fibre (default 4)
     * @param minSignificance a line's peak must exceed this many sigmas (default 20)
     * @param isolation       no other line within this many pixels (default 8)
     * @param initialWidth    first guess of the widths, px (default 1.2)
     * @param rejectBits      spectrum flags that leave a pixel out (default {@link CalibFlag#BAD_BITS})
     */
    public record Params(int regions, double minSignificance, int isolation, double initialWidth, int rejectBits) {
        /** Checks ranges. */
        public Params {
            if (regions < 1 || !(minSignificance > 0) || isolation < 3 || !(initialWidth > 0)) {
                throw new IllegalArgumentException("bad LSF parameters: " + regions + " regions, significance "
                        + minSignificance + ", isolation " + isolation + ", width " + initialWidth);
            }
        }

        /** @return 4 regions, 20 sigma, 8 px isolation, first width 1.2 px */
        public static Params defaults() {
            return new Params(4, 20, 8, 1.2, CalibFlag.BAD_BITS);
        }

        /** @return these parameters with another number of regions */
        public Params withRegions(int r) {
            return new Params(r, minSignificance, isolation, initialWidth, rejectBits);
        }
    }

    /**
     * The LSF of every fibre and region; entries without a line are NaN with error NaN and 0 lines.
     *
     * @param fibres  fibre number of each spectrum row
     * @param regions regions per fibre
     * @param pixels  pixels per spectrum (the regions split {@code [0, pixels)})
     * @param sigma   rms width, px, at {@code fibre * regions + region}
     * @param error   its 1-sigma error, px
     * @param lines   lines used
     */
    public record Result(int[] fibres, int regions, int pixels, double[] sigma, double[] error, int[] lines) {

        /** @return the LSF width of spectrum row i in region r, px */
        public double sigma(int i, int r) {
            return sigma[i * regions + r];
        }

        /** @return the median width over every fibre and region with lines, px */
        public double medianSigma() {
            return org.drpkit.algorithms.stats.RobustStats.median(sigma);
        }

        @Override
        public String toString() {
            int total = 0;
            for (int l : lines) {
                total += l;
            }
            return String.format("LineSpread.Result[%d fibres x %d regions, %d lines, median sigma %.4f px]",
                    fibres.length, regions, total, medianSigma());
        }
    }

    /**
     * @param arc    extracted spectra of an arc or comb exposure; not modified
     * @param fibres fibre number of each row
     * @param p      parameters
     * @return the LSF per fibre and region
     * @throws DrpException {@code TRACE_SHAPE_MISMATCH} when the fibre list does not match the spectra
     */
    public static Result measure(Spectra arc, int[] fibres, Params p) throws DrpException {
        int n = arc.fibres();
        int w = arc.pixels();
        if (fibres.length != n) {
            throw new DrpException(TraceErrorCode.TRACE_SHAPE_MISMATCH, Location.NOWHERE, fibres.length
                    + " fibre numbers for " + n + " spectra");
        }
        int regions = p.regions();
        double[] sigma = new double[n * regions];
        double[] error = new double[n * regions];
        int[] count = new int[n * regions];
        Arrays.fill(sigma, Double.NaN);
        Arrays.fill(error, Double.NaN);
        for (int i = 0; i < n; i++) {
            double[] d = new double[w];
            double[] wt = new double[w];
            for (int x = 0; x < w; x++) {
                int k = i * w + x;
                float iv = arc.ivar()[k];
                float f = arc.flux()[k];
                boolean good = iv > 0 && Float.isFinite(f) && (arc.mask()[k] & p.rejectBits()) == 0;
                d[x] = good ? f : 0;
                wt[x] = good ? iv : 0;
            }
            int[] peaks = lines(d, wt, p);
            if (peaks.length == 0) {
                continue;
            }
            ColumnFit fit = new ColumnFit(peaks.length, 0, w);
            System.arraycopy(d, 0, fit.data(), 0, w);
            System.arraycopy(wt, 0, fit.weights(), 0, w);
            double[] h0 = new double[peaks.length];
            double[] mu0 = new double[peaks.length];
            double[] s0 = new double[peaks.length];
            boolean[] all = new boolean[peaks.length];
            for (int j = 0; j < peaks.length; j++) {
                mu0[j] = peaks[j];
                s0[j] = p.initialWidth();
                h0[j] = d[peaks[j]] * Math.sqrt(2 * Math.PI) * p.initialWidth();
                all[j] = true;
            }
            fit.begin(h0, mu0, s0, ProfileShape.GAUSSIAN, 0);
            fit.fit(all, ProfileShape.GAUSSIAN, 0, 20, 2, 0.3, 5);
            for (int r = 0; r < regions; r++) {
                int xa = (int) ((long) r * w / regions);
                int xb = (int) ((long) (r + 1) * w / regions);
                regionMean(fit, xa, xb, sigma, error, count, i * regions + r);
            }
        }
        return new Result(fibres.clone(), regions, w, sigma, error, count);
    }

    /** @return isolated significant local maxima, in increasing x */
    private static int[] lines(double[] d, double[] wt, Params p) {
        int w = d.length;
        int[] cand = new int[w];
        int c = 0;
        for (int x = 1; x < w - 1; x++) {
            if (wt[x] > 0 && d[x] * Math.sqrt(wt[x]) > p.minSignificance() && d[x] > d[x - 1] && d[x] >= d[x + 1]) {
                cand[c++] = x;
            }
        }
        int[] out = new int[c];
        int k = 0;
        for (int j = 0; j < c; j++) {
            boolean alone = (j == 0 || cand[j] - cand[j - 1] > p.isolation())
                    && (j == c - 1 || cand[j + 1] - cand[j] > p.isolation());
            if (alone && cand[j] >= p.isolation() && cand[j] < w - p.isolation()) {
                out[k++] = cand[j];
            }
        }
        return Arrays.copyOf(out, k);
    }

    private static void regionMean(ColumnFit fit, int xa, int xb, double[] sigma, double[] error, int[] count,
            int at) {
        int m = fit.mu.length;
        boolean[] use = new boolean[m];
        for (int j = 0; j < m; j++) {
            use[j] = !fit.failed[j] && fit.mu[j] >= xa && fit.mu[j] < xb && fit.varSigma[j] > 0;
        }
        for (int round = 0; round < 3; round++) {
            double sw = 0;
            double sx = 0;
            int n = 0;
            for (int j = 0; j < m; j++) {
                if (use[j]) {
                    double wj = 1 / fit.varSigma[j];
                    sw += wj;
                    sx += wj * fit.sigma[j];
                    n++;
                }
            }
            if (n == 0) {
                return;
            }
            double mean = sx / sw;
            double chi2 = 0;
            for (int j = 0; j < m; j++) {
                if (use[j]) {
                    double z = fit.sigma[j] - mean;
                    chi2 += z * z / fit.varSigma[j];
                }
            }
            double scale = n > 1 ? Math.max(1, chi2 / (n - 1)) : 1;
            sigma[at] = mean;
            error[at] = Math.sqrt(scale / sw);
            count[at] = n;
            boolean changed = false;
            for (int j = 0; j < m; j++) {
                if (use[j] && Math.abs(fit.sigma[j] - mean) > 4 * Math.sqrt(scale * fit.varSigma[j])) {
                    use[j] = false;
                    changed = true;
                }
            }
            if (!changed) {
                return;
            }
        }
    }
}
