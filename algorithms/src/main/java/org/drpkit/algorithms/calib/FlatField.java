package org.drpkit.algorithms.calib;

import java.util.Locale;
import java.util.Objects;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.MaskedImage;

/**
 * The result of {@link FlatStack}: the pixel flat (pixel-to-pixel response, median 1 over the light-sensitive
 * area) with its inverse variance and mask, the illumination model it was separated from, and per-frame
 * diagnostics.
 *
 * <pre>{@code
 * FlatField f = FlatStack.build(flats, chip, dark.dark(), FlatParams.defaults());
 * f.flat().get(100, 200);   // response of pixel (100, 200), dimensionless
 * }</pre>
 *
 * @param flat         flux = pixel response (dimensionless, 1 outside the light-sensitive area and where NO_FLAT),
 *                     ivar = its inverse variance (0 = unknown), mask = LOW_FLAT_RESPONSE and NO_FLAT bits
 * @param model        the illumination pattern: the mean of the frames' fitted surfaces, median 1 over the
 *                     light-sensitive area, NaN outside it
 * @param frames       frames given
 * @param used         which frames entered the flat (false: lamp off)
 * @param frameLevels  each frame's median level (flux unit) over its good blocks
 * @param fitRms       each used frame's relative rms of block medians about its surface (NaN if unused)
 * @param blocksUsed   blocks that entered each frame's final fit
 * @param blocksClipped blocks dropped from each frame's fit as outliers
 * @param lowResponse  pixels flagged LOW_FLAT_RESPONSE
 * @param noFlat       light-sensitive pixels without any usable sample (NO_FLAT)
 * @param samples      usable samples (pixel x frame) that entered the stack
 * @param clipped      samples removed by sigma clipping
 * @param frameSigma   {@link FrameNoise#FROM_SCATTER}: pooled noise of one normalised frame pixel; NaN otherwise
 * @param params       the parameters used
 */
public record FlatField(MaskedImage flat, Image model, int frames, boolean[] used, double[] frameLevels,
        double[] fitRms, int[] blocksUsed, int[] blocksClipped, long lowResponse, long noFlat, long samples,
        long clipped, double frameSigma, FlatParams params) {

    /** Copies the arrays. */
    public FlatField {
        Objects.requireNonNull(flat, "flat");
        Objects.requireNonNull(model, "model");
        used = used.clone();
        frameLevels = frameLevels.clone();
        fitRms = fitRms.clone();
        blocksUsed = blocksUsed.clone();
        blocksClipped = blocksClipped.clone();
    }

    /** @return the pixel response (dimensionless) */
    public Image response() {
        return flat.flux();
    }

    /** @return the flat bad-pixel mask */
    public Mask mask() {
        return flat.mask();
    }

    /** @return a copy of the per-frame use flags */
    @Override
    public boolean[] used() {
        return used.clone();
    }

    /** @return a copy of the per-frame levels */
    @Override
    public double[] frameLevels() {
        return frameLevels.clone();
    }

    /** @return a copy of the per-frame fit rms */
    @Override
    public double[] fitRms() {
        return fitRms.clone();
    }

    /** @return a copy of the per-frame block counts */
    @Override
    public int[] blocksUsed() {
        return blocksUsed.clone();
    }

    /** @return a copy of the per-frame clipped-block counts */
    @Override
    public int[] blocksClipped() {
        return blocksClipped.clone();
    }

    /** @return the number of frames that entered the flat */
    public int framesUsed() {
        int n = 0;
        for (boolean u : used) {
            n += u ? 1 : 0;
        }
        return n;
    }

    @Override
    public String toString() {
        StringBuilder off = new StringBuilder();
        double rms = 0;
        for (int k = 0; k < frames; k++) {
            if (!used[k]) {
                off.append(off.length() == 0 ? "" : ",").append(k);
            } else {
                rms = Math.max(rms, fitRms[k]);
            }
        }
        return String.format(Locale.ROOT,
                "FlatField[%dx%d from %d of %d frames%s, degree %d on %d-px blocks, worst fit rms=%.3g,"
                        + " low response=%d, no flat=%d, clipped %d of %d samples (%.3f%%)%s]",
                flat.width(), flat.height(), framesUsed(), frames, off.length() == 0 ? "" : " (lamp off: " + off + ")",
                params.degree(), params.blockSize(), rms, lowResponse, noFlat, clipped, samples,
                samples == 0 ? 0.0 : 100.0 * clipped / samples,
                Double.isNaN(frameSigma) ? "" : String.format(Locale.ROOT, ", frame sigma=%.4g", frameSigma));
    }
}
