package org.drpkit.algorithms.extract;

import org.drpkit.algorithms.trace.GaussHermite;
import org.drpkit.core.flag.ExtraFlag;
import org.drpkit.core.flag.PixelFlag;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.trace.ProfileShape;
import org.drpkit.core.trace.Traces;

/**
 * One worker's scratch and the per-column kernels of {@link Extraction} (package-private). A block of columns is
 * gathered from the row-major image into column-major buffers (reading whole row segments), solved column by
 * column, and the model and residual scattered back.
 */
final class ColumnSolver {

    /** A non-finite pixel under a profile is left out and named in the spectrum's flags. */
    private static final int NONFINITE = ExtraFlag.NONFINITE_INPUT.value();

    private final int n;
    private final int h;
    private final ExtractParams p;
    private final double[][] d;
    private final double[][] wt;
    private final int[][] bits;
    private final double[][] mod;
    private final double[][] prof;
    private final int[] lo;
    private final int[] len;
    private final boolean[] skip;
    private final double[] var;
    private final double[] fx;
    private final double[] wy;
    private final BandedSystem sys;

    ColumnSolver(int traces, int height, ExtractParams p) {
        n = traces;
        h = height;
        this.p = p;
        d = new double[Extraction.BLOCK][h];
        wt = new double[Extraction.BLOCK][h];
        bits = new int[Extraction.BLOCK][h];
        mod = new double[Extraction.BLOCK][h];
        prof = new double[n][2 * Extraction.MAX_HALF + 1];
        lo = new int[n];
        len = new int[n];
        skip = new boolean[n];
        var = new double[n];
        fx = new double[n];
        wy = new double[h];
        sys = new BandedSystem(Math.max(1, n), Extraction.MAX_BAND);
    }

    /** Copies columns xa..xb-1 of the image into the column buffers (bad pixels get weight 0). */
    void gather(MaskedImage img, int xa, int xb) {
        float[] f = img.flux().array();
        float[] iv = img.ivar().array();
        int[] m = img.mask().array();
        int reject = p.rejectBits();
        for (int y = 0; y < h; y++) {
            int rf = img.flux().rowStart(y);
            int ri = img.ivar().rowStart(y);
            int rm = img.mask().rowStart(y);
            for (int x = xa; x < xb; x++) {
                int c = x - xa;
                double v = f[rf + x];
                double i = iv[ri + x];
                int b = m[rm + x];
                boolean good = (b & reject) == 0 && i > 0 && i < Double.POSITIVE_INFINITY && Double.isFinite(v);
                d[c][y] = Double.isFinite(v) ? v : 0;
                wt[c][y] = good ? i : 0;
                bits[c][y] = Double.isFinite(v) ? b : b | NONFINITE;
            }
        }
    }

    /** Writes the model and residual of columns xa..xb-1. */
    void scatter(MaskedImage img, int xa, int xb, float[] model, float[] resid) {
        int w = img.width();
        for (int y = 0; y < h; y++) {
            for (int x = xa; x < xb; x++) {
                int c = x - xa;
                model[y * w + x] = (float) mod[c][y];
                resid[y * w + x] = (float) (d[c][y] - mod[c][y]);
            }
        }
    }

    /** Profiles, windows, flags of column x (buffer c); returns the half-bandwidth. */
    private int profiles(Traces t, int x, int c, int[] mask, int w) {
        ProfileShape shape = t.shape();
        int band = 0;
        for (int i = 0; i < n; i++) {
            double mu = t.centre(i, x);
            double s = t.sigma(i, x);
            len[i] = 0;
            skip[i] = false;
            if (!Double.isFinite(mu) || !(s > 0)) {
                mask[i * w + x] |= PixelFlag.NO_GOOD_PIXELS.value() | PixelFlag.EXTRACTION_FAILED.value();
                skip[i] = true;
                continue;
            }
            int ctr = (int) Math.rint(mu);
            int half = Math.min(Extraction.MAX_HALF, (int) Math.ceil(p.windowSigmas() * s) + 1);
            int a = Math.max(0, ctr - half);
            int b = Math.min(h - 1, ctr + half);
            if (b < a) {
                mask[i * w + x] |= PixelFlag.NO_GOOD_PIXELS.value();
                skip[i] = true;
                continue;
            }
            lo[i] = a;
            len[i] = b - a + 1;
            GaussHermite.fractions(mu, s, shape.h3(x, mu), shape.h4(x, mu), a, len[i], prof[i]);
            int bitsOr = 0;
            double sumSq = 0;
            double[] pi = prof[i];
            int[] bc = bits[c];
            for (int k = 0; k < len[i]; k++) {
                sumSq += pi[k] * pi[k];
                if (pi[k] >= p.flagThreshold()) {
                    bitsOr |= bc[a + k];
                }
            }
            if (Math.sqrt(1 / sumSq) > p.wideNeff()) {
                bitsOr |= PixelFlag.WIDE_PROFILE.value();
            }
            mask[i * w + x] |= bitsOr;
        }
        for (int i = 0; i < n; i++) {
            if (len[i] == 0) {
                continue;
            }
            int hi = lo[i] + len[i] - 1;
            for (int j = i + 1; j < n && j - i <= Extraction.MAX_BAND; j++) {
                if (len[j] > 0 && lo[j] <= hi && lo[j] + len[j] - 1 >= lo[i]) {
                    band = Math.max(band, j - i);
                }
            }
        }
        return band;
    }

    /** Assembles the normal equations of column c with weights wy; returns nothing, flags traces without data. */
    private void assemble(int c, double[] wy, int band) {
        sys.reset(n, band);
        double[] a = sys.a;
        double[] dc = d[c];
        for (int i = 0; i < n; i++) {
            if (len[i] == 0) {
                continue;
            }
            double[] pi = prof[i];
            int li = lo[i];
            double aii = 0;
            double bi = 0;
            for (int k = 0; k < len[i]; k++) {
                double wk = wy[li + k];
                double q = wk * pi[k];
                aii += q * pi[k];
                bi += q * dc[li + k];
            }
            a[sys.at(i, 0)] = aii;
            sys.b[i] = bi;
            int hi = li + len[i];
            for (int k = 1; k <= band && i + k < n; k++) {
                int j = i + k;
                if (len[j] == 0) {
                    continue;
                }
                int from = Math.max(li, lo[j]);
                int to = Math.min(hi, lo[j] + len[j]);
                double s = 0;
                double[] pj = prof[j];
                for (int y = from; y < to; y++) {
                    s += wy[y] * pi[y - li] * pj[y - lo[j]];
                }
                a[sys.at(i, k)] = s;
            }
        }
    }

    /** Solves the assembled system; traces without data or undetermined are decoupled and marked. */
    private void solve(int x, int w, int[] mask, boolean mark) {
        for (int i = 0; i < n; i++) {
            if (len[i] == 0 || skip[i]) {
                sys.decouple(i);
                skip[i] = true;
            } else if (!(sys.a[sys.at(i, 0)] > 0)) {
                sys.decouple(i);
                skip[i] = true;
                if (mark) {
                    mask[i * w + x] |= PixelFlag.NO_GOOD_PIXELS.value();
                }
            }
        }
        int bad;
        while ((bad = sys.factor()) >= 0) {
            sys.decouple(bad);
            skip[bad] = true;
            if (mark) {
                mask[bad * w + x] |= PixelFlag.EXTRACTION_FAILED.value();
            }
        }
        sys.solve();
        sys.inverseDiagonal(var);
        System.arraycopy(sys.x, 0, fx, 0, n);
    }

    /** Optimal extraction of column x (buffer c). */
    void optimal(Traces t, int x, int c, float[] flux, float[] ivar, int[] mask, double[] chi2) {
        int w = t.columns();
        int band = profiles(t, x, c, mask, w);
        double[] model = mod[c];
        assemble(c, wt[c], band);
        solve(x, w, mask, true);
        if (p.variance().isPresent()) {
            VarianceModel vm = p.variance().get();
            for (int it = 0; it < vm.iterations(); it++) {
                fillModel(model);
                for (int y = 0; y < h; y++) {
                    wy[y] = wt[c][y] > 0 ? 1 / vm.variance(model[y]) : 0;
                }
                assemble(c, wy, band);
                solve(x, w, mask, false);
            }
            // the chi-square below uses the re-estimated weights
            fillModel(model);
            double[] wc = wt[c];
            for (int y = 0; y < h; y++) {
                wc[y] = wy[y];
            }
        } else {
            fillModel(model);
        }
        for (int i = 0; i < n; i++) {
            int k = i * w + x;
            if (skip[i]) {
                flux[k] = 0;
                ivar[k] = 0;
            } else {
                flux[k] = (float) fx[i];
                ivar[k] = var[i] > 0 ? (float) (1 / var[i]) : 0;
            }
        }
        double s = 0;
        double npix = 0;
        double[] dc = d[c];
        double[] wc = wt[c];
        for (int y = 0; y < h; y++) {
            if (wc[y] > 0 && model[y] != 0) {
                double r = dc[y] - model[y];
                s += wc[y] * r * r;
                npix++;
            }
        }
        int solved = 0;
        for (int i = 0; i < n; i++) {
            solved += skip[i] ? 0 : 1;
        }
        chi2[0] += s;
        chi2[1] += npix - solved;
    }

    private void fillModel(double[] model) {
        java.util.Arrays.fill(model, 0);
        for (int i = 0; i < n; i++) {
            if (skip[i]) {
                continue;
            }
            double f = fx[i];
            double[] pi = prof[i];
            for (int k = 0; k < len[i]; k++) {
                model[lo[i] + k] += f * pi[k];
            }
        }
    }

    /** Boxcar extraction of column x (buffer c). */
    void boxcar(Traces t, int x, int c, float[] flux, float[] ivar, int[] mask) {
        int w = t.columns();
        int hw = p.boxcarHalfWidth();
        for (int i = 0; i < n; i++) {
            int k = i * w + x;
            double mu = t.centre(i, x);
            if (!Double.isFinite(mu)) {
                mask[k] |= PixelFlag.NO_GOOD_PIXELS.value() | PixelFlag.EXTRACTION_FAILED.value();
                continue;
            }
            int ctr = (int) Math.rint(mu);
            double sum = 0;
            double v = 0;
            int good = 0;
            int b = 0;
            for (int y = Math.max(0, ctr - hw); y <= Math.min(h - 1, ctr + hw); y++) {
                b |= bits[c][y];
                if (wt[c][y] > 0) {
                    sum += d[c][y];
                    v += 1 / wt[c][y];
                    good++;
                }
            }
            if (good == 0) {
                b |= PixelFlag.NO_GOOD_PIXELS.value();
            }
            mask[k] |= b;
            flux[k] = good == 0 ? 0 : (float) sum;
            ivar[k] = good == 0 ? 0 : (float) (1 / v);
        }
    }
}
