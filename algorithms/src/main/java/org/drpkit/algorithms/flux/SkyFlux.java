package org.drpkit.algorithms.flux;

import java.util.Arrays;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.image.Spectra;

/**
 * The sky's part of relative fluxing: every sky fibre sees the same sky, so after the fibre flat
 * ({@link RelativeFlux}) what is left between them is light lost before the spectrograph (the telescope's fibre
 * run and its connector stages), which an internal flat never sees.
 *
 * <p>Works on one exposure on a common wavelength grid (resampled, chips combined; the spectra already divided by
 * their fibre flat). The median sky is the median over the sky rows at each grid pixel; each sky row's ratio is the
 * sum of its flux over the sum of the median sky at its usable pixels (a ratio of sums: unbiased by noise, unlike a
 * mean of ratios); then the median sky is taken again of each sky row divided by its ratio, and the ratios once more.
 * Sky rows far from the others ({@link SkyFluxParams#outlierSigma()}: a star in a sky fibre) are left out. Each
 * connector block's term is the weighted mean of the ratios of its sky fibres; with connector terms on (the default)
 * it divides every fibre of the block, sky fibres included, so all fibres share the median sky fibre's flux scale
 * (a block without a sky fibre keeps 1). The scatter of the sky fibres' ratios within their blocks against their
 * errors is the check ({@link SkyScale#rmsBlocks()}). Inputs are not modified.
 *
 * <pre>{@code
 * SkyScale s = SkyFlux.fit(resampled, rowFibres, skyRows, SkyFluxParams.defaults());
 * Spectra fluxed = s.apply(resampled);
 * }</pre>
 */
public final class SkyFlux {

    /** Sky rows needed at a pixel for the median sky there. */
    public static final int MIN_SKY_ROWS = 3;

    private SkyFlux() {
    }

    /**
     * @param s         one exposure on a common grid, rows x pixels; not modified
     * @param rowFibres fibre number of each row (for the connector blocks)
     * @param skyRows   the rows of sky fibres (0-based)
     * @param p         parameters
     * @return ratios, connector terms and the median sky
     * @throws DrpException {@code FLUX_SHAPE_MISMATCH} for a row list or fibre list that does not fit the spectra;
     *                      {@code FLUX_TOO_FEW_REFERENCES} with fewer than {@link #MIN_SKY_ROWS} sky rows or no
     *                      pixel where that many have data
     */
    public static SkyScale fit(Spectra s, int[] rowFibres, int[] skyRows, SkyFluxParams p) throws DrpException {
        int rows = s.fibres();
        int px = s.pixels();
        if (rowFibres.length != rows) {
            throw new DrpException(FluxErrorCode.FLUX_SHAPE_MISMATCH, Location.NOWHERE, rowFibres.length
                    + " fibre numbers for " + rows + " spectrum rows");
        }
        int maxFibre = 0;
        for (int f : rowFibres) {
            maxFibre = Math.max(maxFibre, f);
        }
        for (int r : skyRows) {
            if (r < 0 || r >= rows) {
                throw new DrpException(FluxErrorCode.FLUX_SHAPE_MISMATCH, Location.NOWHERE, "sky row " + r
                        + " is not among the " + rows + " rows");
            }
        }
        int n = skyRows.length;
        if (n < MIN_SKY_ROWS) {
            throw new DrpException(FluxErrorCode.FLUX_TOO_FEW_REFERENCES, Location.NOWHERE, n
                    + " sky fibres; the sky scale needs at least " + MIN_SKY_ROWS);
        }
        double[] ratio = new double[n];
        Arrays.fill(ratio, 1);
        boolean[] used = new boolean[n];
        Arrays.fill(used, true);
        double[] err = new double[n];
        boolean[] outlier = new boolean[n];
        float[] sky = new float[px];
        for (int pass = 0; pass < 3; pass++) {
            medianSky(s, skyRows, ratio, used, p.badBits(), sky);
            ratios(s, skyRows, sky, p.badBits(), ratio, err);
            for (int k = 0; k < n; k++) {
                used[k] = Double.isFinite(ratio[k]) && ratio[k] > 0 && !outlier[k];
            }
            if (pass == 1) {
                rejectOutliers(ratio, err, used, outlier, p.outlierSigma());
            }
        }
        int usedCount = 0;
        for (boolean u : used) {
            usedCount += u ? 1 : 0;
        }
        if (usedCount < MIN_SKY_ROWS) {
            throw new DrpException(FluxErrorCode.FLUX_TOO_FEW_REFERENCES, Location.NOWHERE, "only " + usedCount
                    + " of " + n + " sky fibres have usable pixels and agree with the others");
        }
        int blocks = Math.max(1, (maxFibre - 1) / p.blockSize() + 1);
        double[] sw = new double[blocks];
        double[] swr = new double[blocks];
        int[] count = new int[blocks];
        for (int k = 0; k < n; k++) {
            if (used[k]) {
                int b = Math.max(0, (rowFibres[skyRows[k]] - 1) / p.blockSize());
                double w = 1 / (err[k] * err[k]);
                sw[b] += w;
                swr[b] += w * ratio[k];
                count[b]++;
            }
        }
        double[] term = new double[blocks];
        double[] termErr = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            term[b] = count[b] > 0 ? swr[b] / sw[b] : Double.NaN;
            termErr[b] = count[b] > 0 ? 1 / Math.sqrt(sw[b]) : Double.NaN;
        }
        double mean = 0;
        double expected = 0;
        for (int k = 0; k < n; k++) {
            if (used[k]) {
                mean += ratio[k] / usedCount;
                expected += err[k] * err[k] / (ratio[k] * ratio[k]) / usedCount;
            }
        }
        double before = 0;
        double within = 0;
        int inBlocks = 0;
        for (int k = 0; k < n; k++) {
            if (used[k]) {
                before += (ratio[k] / mean - 1) * (ratio[k] / mean - 1) / usedCount;
                int b = Math.max(0, (rowFibres[skyRows[k]] - 1) / p.blockSize());
                if (count[b] >= 2) {
                    // the term includes this fibre: scale the residual to what an independent one would show
                    double d = (ratio[k] / term[b] - 1) * Math.sqrt(count[b] / (count[b] - 1.0));
                    within += d * d;
                    inBlocks++;
                }
            }
        }
        double rmsBlocks = inBlocks > 0 ? Math.sqrt(within / inBlocks) : Double.NaN;
        double inflate = rmsBlocks > Math.sqrt(expected) ? rmsBlocks / Math.sqrt(expected) : 1;
        for (int k = 0; k < n; k++) {
            err[k] *= inflate;
        }
        for (int b = 0; b < blocks; b++) {
            termErr[b] *= inflate;
        }
        return new SkyScale(rowFibres.clone(), skyRows.clone(), ratio, err, used, p.blockSize(), term, termErr, count,
                p.connectorTerms(), p.ownSkyRatio(), sky, Math.sqrt(before), rmsBlocks, Math.sqrt(expected));
    }

    private static boolean usable(Spectra s, int j, int badBits) {
        float iv = s.ivar()[j];
        return iv > 0 && Float.isFinite(iv) && Float.isFinite(s.flux()[j]) && (s.mask()[j] & badBits) == 0;
    }

    private static void medianSky(Spectra s, int[] skyRows, double[] ratio, boolean[] used, int badBits,
            float[] sky) throws DrpException {
        int px = s.pixels();
        float[] buf = new float[skyRows.length];
        float[] scratch = new float[skyRows.length];
        int covered = 0;
        for (int x = 0; x < px; x++) {
            int k = 0;
            for (int q = 0; q < skyRows.length; q++) {
                int j = skyRows[q] * px + x;
                if (used[q] && usable(s, j, badBits)) {
                    buf[k++] = (float) (s.flux()[j] / ratio[q]);
                }
            }
            sky[x] = k >= MIN_SKY_ROWS ? (float) RobustStats.median(buf, 0, k, scratch) : Float.NaN;
            covered += k >= MIN_SKY_ROWS ? 1 : 0;
        }
        if (covered == 0) {
            throw new DrpException(FluxErrorCode.FLUX_TOO_FEW_REFERENCES, Location.NOWHERE, "no pixel where "
                    + MIN_SKY_ROWS + " sky fibres have data");
        }
    }

    private static void ratios(Spectra s, int[] skyRows, float[] sky, int badBits, double[] ratio, double[] err) {
        int px = s.pixels();
        for (int q = 0; q < skyRows.length; q++) {
            double sf = 0;
            double ss = 0;
            double var = 0;
            for (int x = 0; x < px; x++) {
                int j = skyRows[q] * px + x;
                if (Float.isFinite(sky[x]) && usable(s, j, badBits)) {
                    sf += s.flux()[j];
                    ss += sky[x];
                    var += 1 / s.ivar()[j];
                }
            }
            ratio[q] = ss > 0 ? sf / ss : Double.NaN;
            err[q] = ss > 0 ? Math.sqrt(var) / ss : Double.NaN;
        }
    }

    private static void rejectOutliers(double[] ratio, double[] err, boolean[] used, boolean[] outlier,
            double limit) {
        double[] r = new double[ratio.length];
        int k = 0;
        for (int q = 0; q < ratio.length; q++) {
            if (used[q]) {
                r[k++] = ratio[q];
            }
        }
        if (k < MIN_SKY_ROWS) {
            return;
        }
        double[] a = Arrays.copyOf(r, k);
        double med = RobustStats.median(a);
        double[] dev = new double[k];
        for (int q = 0; q < k; q++) {
            dev[q] = Math.abs(a[q] - med);
        }
        double sigma = RobustStats.SIGMA_PER_MAD * RobustStats.median(dev);
        for (int q = 0; q < ratio.length; q++) {
            if (used[q] && Math.abs(ratio[q] - med) > limit * Math.max(sigma, err[q])) {
                used[q] = false;
                outlier[q] = true;
            }
        }
    }
}
