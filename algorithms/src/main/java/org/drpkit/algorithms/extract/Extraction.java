package org.drpkit.algorithms.extract;

import java.util.Optional;
import org.drpkit.algorithms.concurrent.BlockWorkers;
import org.drpkit.algorithms.extract.ExtractionResult.Method;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.flag.PixelFlag;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.image.SizeGuard;
import org.drpkit.core.image.Spectra;
import org.drpkit.core.trace.Traces;

/**
 * 2D to 1D: the flux of every fibre in every column of a calibrated image.
 *
 * <p><b>Optimal</b> ({@link #optimal}): in each column the image is modelled as the sum of all traces' pixel-integrated
 * Gauss-Hermite profiles (centre, width and shape from the {@link Traces}) times their fluxes, and the weighted
 * least-squares fluxes of all traces are solved together: the normal matrix is banded (a trace overlaps only its
 * neighbours), so the column's system is factored exactly (LDL^T on the band) instead of upstream's two Jacobi passes.
 * A bright fibre's wings are then assigned to it and not to its neighbours. The inverse variance of a flux is
 * {@code 1 / (A^-1)_ii}: its variance with the neighbours' fluxes free (the correct marginal error; upstream inflates
 * instead). Weights are the image's ivar, or re-estimated from the model ({@link VarianceModel}, Horne). Flags:
 * the OR of the flags of pixels where the profile fraction is at least {@link ExtractParams#flagThreshold()};
 * NO_GOOD_PIXELS when no good pixel carries the trace; EXTRACTION_FAILED when the data do not determine the flux
 * (e.g. two traces on the same pixels), flux and ivar 0; WIDE_PROFILE above {@link ExtractParams#wideNeff()};
 * NONFINITE_INPUT ({@code ExtraFlag}) where a NaN or infinite pixel under the profile was left out (it counts as 0 in
 * the residual image, which there holds minus the model).
 * Also returns the 2D model and the residual.
 *
 * <p><b>Boxcar</b> ({@link #boxcar}): the sum of the good pixels {@code round(centre) +- boxcarHalfWidth}, its
 * variance the sum of theirs, flags ORed; flagged pixels are left out (the flux is then low by their share).
 *
 * <p>Columns are independent: they are processed in blocks on all cores and the result does not depend on the thread
 * count. Columns outside the traces' range get flux 0, ivar 0 and NO_GOOD_PIXELS. Units: the image's flux unit
 * (e.g. DN/read) per fibre and column, integrated over the profile. The inputs are not modified.
 *
 * <pre>{@code
 * ExtractionResult r = Extraction.optimal(cal, traces, ExtractParams.defaults());
 * r.spectra().fluxOf(traces.indexOf(150));   // fibre 150, DN/read per column
 * }</pre>
 */
public final class Extraction {

    /** Columns gathered and solved per task. */
    static final int BLOCK = 16;
    /** Most neighbours on either side whose windows may overlap a trace's. */
    static final int MAX_BAND = 8;
    /** Most pixels on either side of a trace's centre used. */
    static final int MAX_HALF = 30;

    private Extraction() {
    }

    /**
     * Optimal extraction of all traces, neighbours deblended.
     *
     * @param image calibrated image: flux, ivar (0 = unknown), flags; not modified
     * @param traces the traces (same width as the image); not modified
     * @param p     parameters
     * @return spectra, model, residual and diagnostics
     * @throws DrpException {@code EXTRACT_SHAPE_MISMATCH} when image and traces differ in width
     */
    public static ExtractionResult optimal(MaskedImage image, Traces traces, ExtractParams p) throws DrpException {
        return run(image, traces, p, Method.OPTIMAL);
    }

    /**
     * Boxcar extraction of all traces.
     *
     * @see #optimal(MaskedImage, Traces, ExtractParams)
     */
    public static ExtractionResult boxcar(MaskedImage image, Traces traces, ExtractParams p) throws DrpException {
        return run(image, traces, p, Method.BOXCAR);
    }

    private static ExtractionResult run(MaskedImage image, Traces traces, ExtractParams p, Method method)
            throws DrpException {
        if (image.width() != traces.columns()) {
            throw new DrpException(ExtractErrorCode.EXTRACT_SHAPE_MISMATCH, Location.NOWHERE, "the image is "
                    + image.width() + " columns wide, the traces (chip " + traces.chip() + ") "
                    + traces.columns());
        }
        int w = image.width();
        int h = image.height();
        int n = traces.count();
        int len = SizeGuard.checkArray(w, n);
        float[] flux = new float[len];
        float[] ivar = new float[len];
        int[] mask = new int[len];
        boolean optimal = method == Method.OPTIMAL;
        float[] model = optimal ? new float[SizeGuard.checkArray(w, h)] : null;
        float[] resid = optimal ? new float[model.length] : null;
        int noGood = PixelFlag.NO_GOOD_PIXELS.value();
        for (int x = 0; x < w; x++) {
            if (x < traces.x0() || x >= traces.x1()) {
                for (int i = 0; i < n; i++) {
                    mask[i * w + x] = noGood;
                }
            }
        }
        int x0 = traces.x0();
        int blocks = (traces.x1() - x0 + BLOCK - 1) / BLOCK;
        double[][] partial = new double[blocks][2];
        BlockWorkers.run(p.parallel() ? Runtime.getRuntime().availableProcessors() : 1,
                blocks, null, () -> new ColumnSolver(n, h, p), (s, b) -> {
                    int xa = x0 + b * BLOCK;
                    int xb = Math.min(traces.x1(), xa + BLOCK);
                    s.gather(image, xa, xb);
                    for (int x = xa; x < xb; x++) {
                        if (optimal) {
                            s.optimal(traces, x, x - xa, flux, ivar, mask, partial[b]);
                        } else {
                            s.boxcar(traces, x, x - xa, flux, ivar, mask);
                        }
                    }
                    if (optimal) {
                        s.scatter(image, xa, xb, model, resid);
                    }
                });
        long failed = 0;
        long none = 0;
        long wide = 0;
        for (int m : mask) {
            failed += (m & PixelFlag.EXTRACTION_FAILED.value()) != 0 ? 1 : 0;
            none += (m & noGood) != 0 ? 1 : 0;
            wide += (m & PixelFlag.WIDE_PROFILE.value()) != 0 ? 1 : 0;
        }
        double chi2 = 0;
        double pix = 0;
        for (double[] q : partial) {
            chi2 += q[0];
            pix += q[1];
        }
        Spectra spectra = Spectra.of(n, w, flux, ivar, mask, null);
        return new ExtractionResult(spectra, optimal ? Optional.of(Image.of(w, h, model)) : Optional.empty(),
                optimal ? Optional.of(Image.of(w, h, resid)) : Optional.empty(), method, failed, none, wide,
                optimal && pix > 0 ? chi2 / pix : Double.NaN);
    }
}
