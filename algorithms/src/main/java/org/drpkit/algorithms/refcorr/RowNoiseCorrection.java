package org.drpkit.algorithms.refcorr;

import java.util.Arrays;
import org.drpkit.core.image.Ramp;
import org.drpkit.core.instrument.Chip;

/**
 * Removal of the correlated (1/f) noise that all outputs share, per row and per read difference, with an
 * NSClean-style (Rauscher 2023) low-order Fourier fit in pixel-clock time. Upstream has neither this nor the
 * reference-output correction; here they are one model.
 *
 * <p>At tick p of a row every output reads one pixel ({@link ReadoutClock}): the reference output column
 * {@code 2048 + p}, amplifiers 1 and 3 columns {@code x0 + p}, amplifiers 2 and 4 columns {@code x0 + 511 - p}
 * (flipped, as they read -x). Shared noise is a function of the tick, so the samples of a row (the reference
 * output, the reference columns, and optionally unilluminated science pixels) are projected in tick order on
 * {@code 1, cos, sin} of the first harmonics of the row (period: the ticks of a row, as NSClean's period is its
 * row; a doubled, zero-padded period makes the first sine nearly collinear with the constant and amplifies noise),
 * weighted by the number of samples per tick; the fitted model, its last harmonic at half weight (NSClean's
 * apodizer), is subtracted from every output at the same tick. Rows whose samples cover under half the ticks
 * (illuminated rows of a chip without a reference output) get a constant only.
 *
 * <p>Read differences, not reads, are corrected, so fixed per-pixel patterns cancel. Each sample's differences are
 * split into a level, their weighted mean with the read-noise-optimal weights {@code u_k ~ (k+1)(n-k)} (the weights
 * of a faint pixel's rate), and deviations from it. Levels of reference samples (no signal) give the part of the
 * model that reaches faint rates; deviations of all samples give how the noise varies between differences. The model
 * is {@code fit_ref(level) + fit_all(deviation)}: for a faint pixel the deviation part cancels exactly in the rate,
 * so unilluminated pixels, whose dark current is unknown, neither leak it into rates nor add their own noise there;
 * they sharpen the correction of single differences (jump detection, bright pixels). Samples more than
 * {@code clipSigma} noise sigmas from their level (jumps, hot pixels) are set to it.
 *
 * <p>The normal matrices come from the weights' spectrum: one real FFT per row (JTransforms, one instance per
 * {@link RowNoiseKernel}, which is why a kernel belongs to one thread); projections and synthesis are direct sums
 * over the few harmonics.
 *
 * <pre>{@code
 * RowNoiseCorrection.Result r =
 *         RowNoiseCorrection.correct(zeropointed, chip, 2, 46, RowNoiseParams.DEFAULTS, 25.0, 1.9);
 * r.ramp();    // corrected reads
 * }</pre>
 */
public final class RowNoiseCorrection {

    private RowNoiseCorrection() {
    }

    /**
     * The corrected ramp and what was done.
     *
     * @param ramp  reads with the shared noise removed from reads {@code firstRead+1 .. lastRead} (read
     *              {@code firstRead} is the anchor and is unchanged)
     * @param stats diagnostics
     */
    public record Result(Ramp ramp, RowNoiseStats stats) {
    }

    /**
     * Corrects an in-memory, zeropointed ramp.
     *
     * @param reads        zeropointed reads, DN. Not modified.
     * @param chip         the layout; the ramp must have its shape
     * @param firstRead    the anchor read (unchanged), 0-based
     * @param lastRead     the last read corrected, inclusive
     * @param params       which samples to use. Not modified.
     * @param readVariance DN^2 per read, for clipping
     * @param gain         e-/DN, for clipping
     * @return the corrected ramp (new arrays) and what was done
     */
    public static Result correct(Ramp reads, Chip chip, int firstRead, int lastRead, RowNoiseParams params,
            double readVariance, double gain) {
        Zeropoint.requireShape(reads, chip);
        int w = reads.width();
        int h = reads.height();
        int n = lastRead - firstRead;
        RowNoiseKernel kernel = new RowNoiseKernel(chip, params, n);
        float[][] out = new float[reads.reads()][];
        for (int k = 0; k < reads.reads(); k++) {
            out[k] = reads.read(k).toArray();
        }
        float[][] d = new float[n][w];
        int[] usable = new int[w];
        Arrays.fill(usable, n);
        float[] s2 = new float[w];
        float[] g = new float[w];
        Arrays.fill(s2, (float) readVariance);
        Arrays.fill(g, (float) gain);
        for (int y = 0; y < h; y++) {
            int b = y * w;
            for (int k = 0; k < n; k++) {
                float[] a = out[firstRead + k];
                float[] c = out[firstRead + k + 1];
                for (int x = 0; x < w; x++) {
                    d[k][x] = c[b + x] - a[b + x];
                }
            }
            kernel.correctRow(d, 0, y, usable, 0, s2, g);
            for (int k = 0; k < n; k++) {
                float[] a = out[firstRead + k];
                float[] c = out[firstRead + k + 1];
                for (int x = 0; x < w; x++) {
                    c[b + x] = a[b + x] + d[k][x];
                }
            }
        }
        return new Result(Ramp.of(w, h, reads.readTimes(), out), kernel.stats());
    }


}
