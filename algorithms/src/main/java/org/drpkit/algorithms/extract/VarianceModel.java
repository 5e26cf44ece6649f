package org.drpkit.algorithms.extract;

import java.util.Arrays;
import java.util.Optional;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.instrument.Region;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Pixel variance re-estimated from the extraction's own model (Horne 1986): {@code var = readVariance +
 * m / gain + (relative m)^2} with {@code m = max(model, 0)} (the last term: errors proportional to the flux, such as
 * a pixel flat's), so the weights do not carry the noise of the data (variance from the data biases faint
 * flux low). The fluxes are then unbiased (at S/N 5 within 0.01 sigma, {@code ExtractionTest}); the reported
 * inverse variance follows the estimate, so pulls made with it lean negative at low S/N (bright estimates get larger
 * errors).
 *
 * <pre>{@code
 * VarianceModel v = new VarianceModel(1.9 * 46, 0.02, 2);   // a 47-read rate: gain x differences
 * VarianceModel w = VarianceModel.estimate(cal, chip.lightSensitive(), CalibFlag.BAD_BITS, 2).orElseThrow();
 * }</pre>
 *
 * @param gain         flux units per photon-variance unit: the photon variance of a pixel is {@code model / gain}
 *                     (for a rate in DN/read over N differences use about {@code gain_e_per_DN x N})
 * @param readVariance variance of a pixel without light, flux unit squared
 * @param relative     relative error proportional to the flux (e.g. of the pixel flat), 0 for none
 * @param iterations   re-solves with the re-estimated variance (at least 1)
 */
public record VarianceModel(double gain, double readVariance, double relative, int iterations) {

    /** Checks ranges. */
    public VarianceModel {
        if (!(gain > 0) || !(readVariance > 0) || !(relative >= 0) || iterations < 1) {
            throw new IllegalArgumentException("bad variance model: gain " + gain + ", read variance " + readVariance
                    + ", relative " + relative + ", iterations " + iterations);
        }
    }

    /** A model of photon and read noise only. */
    public VarianceModel(double gain, double readVariance, int iterations) {
        this(gain, readVariance, 0, iterations);
    }

    /** Equal-count flux bins of {@link #estimate}. */
    static final int BINS = 40;
    /** Most pixels {@link #estimate} samples. */
    static final int MAX_SAMPLES = 200_000;

    /**
     * Estimates the variance model of a calibrated image from its own inverse variances: good pixels of the area are
     * sorted by flux into {@value #BINS} equal-count bins, and {@code var = readVariance + flux / gain +
     * (relative flux)^2} is fitted by least squares to the bins' median flux and median {@code 1/ivar} (bins of
     * positive flux). Weights built from it do
     * not depend on each pixel's own noise, which data-derived ivar does (and so biases fluxes low).
     *
     * @param image      calibrated image; not modified
     * @param area       the pixels to sample (e.g. the light-sensitive area)
     * @param rejectBits flag bits that leave a pixel out
     * @param iterations the re-solves the model will be used for
     * @return the model, or empty when the fit is not a variance model (read variance or 1/gain not positive)
     */
    public static Optional<VarianceModel> estimate(MaskedImage image, Region area, int rejectBits, int iterations) {
        long total = (long) area.width() * area.height();
        int stride = (int) Math.max(1, total / MAX_SAMPLES);
        int cap = (int) Math.min(total, MAX_SAMPLES + area.width());
        double[][] pairs = new double[cap][];
        int n = 0;
        long k = 0;
        for (int y = area.y0(); y < area.y1(); y++) {
            for (int x = area.x0(); x < area.x1(); x++, k++) {
                if (k % stride != 0 || n >= cap) {
                    continue;
                }
                float iv = image.ivar().get(x, y);
                float f = image.flux().get(x, y);
                if (iv > 0 && Float.isFinite(f) && Float.isFinite(iv) && (image.mask().get(x, y) & rejectBits) == 0) {
                    pairs[n++] = new double[] {f, 1 / iv};
                }
            }
        }
        if (n < 4 * BINS) {
            return Optional.empty();
        }
        double[][] s = Arrays.copyOf(pairs, n);
        Arrays.sort(s, (a, b) -> Double.compare(a[0], b[0]));
        double[] ata = new double[9];
        double[] atb = new double[3];
        int used = 0;
        double[] fs = new double[n / BINS + 1];
        double[] vs = new double[fs.length];
        for (int b = 0; b < BINS; b++) {
            int from = (int) ((long) b * n / BINS);
            int to = (int) ((long) (b + 1) * n / BINS);
            int m = to - from;
            for (int i = 0; i < m; i++) {
                fs[i] = s[from + i][0];
                vs[i] = s[from + i][1];
            }
            Arrays.sort(fs, 0, m);
            Arrays.sort(vs, 0, m);
            double fm = fs[m / 2];
            double vm = vs[m / 2];
            if (!(fm > 0)) {
                continue;
            }
            // relative residuals: each bin's variance counts by its size
            double[] row = {1 / vm, fm / vm, fm * fm / vm};
            for (int i = 0; i < 3; i++) {
                atb[i] += row[i];
                for (int j = 0; j < 3; j++) {
                    ata[i * 3 + j] += row[i] * row[j];
                }
            }
            used++;
        }
        if (used < 4) {
            return Optional.empty();
        }
        DMatrixRMaj c = new DMatrixRMaj(3, 1);
        if (!CommonOps_DDRM.solve(new DMatrixRMaj(3, 3, true, ata), new DMatrixRMaj(3, 1, true, atb), c)) {
            return Optional.empty();
        }
        double read = c.get(0);
        double slope = c.get(1);
        double quad = Math.max(0, c.get(2));
        if (!(slope > 0) || !(read > 0)) {
            return Optional.empty();
        }
        return Optional.of(new VarianceModel(1 / slope, read, Math.sqrt(quad), iterations));
    }

    /** @return the variance of a pixel whose model flux is m */
    public double variance(double m) {
        double p = Math.max(0, m);
        return readVariance + p / gain + relative * relative * p * p;
    }

    @Override
    public String toString() {
        return String.format("VarianceModel[var = %.4g + flux / %.4g + (%.4g flux)^2, %d iterations]", readVariance,
                gain, relative, iterations);
    }
}
