package org.drpkit.algorithms.extract;

import java.util.Optional;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Spectra;

/**
 * Extracted spectra and the extraction's diagnostics.
 *
 * @param spectra      one row per trace (in the traces' order): flux (integrated over the profile, the image's
 *                     flux unit, e.g. DN/read), inverse variance, flags
 * @param model        the 2D model of the image (sum of every trace's profile times its flux); empty for boxcar
 * @param residual     image minus model; empty for boxcar
 * @param method       how the spectra were extracted
 * @param failed       spectrum pixels flagged EXTRACTION_FAILED (the amplitude is not determined by the data)
 * @param noGoodPixels spectrum pixels flagged NO_GOOD_PIXELS
 * @param wideProfile  spectrum pixels flagged WIDE_PROFILE
 * @param chi2PerPixel weighted squared residual of the good pixels inside the trace windows per degree of freedom
 *                     (pixels minus fluxes solved; about 1 when model and errors are right; NaN for boxcar)
 */
public record ExtractionResult(Spectra spectra, Optional<Image> model, Optional<Image> residual, Method method,
        long failed, long noGoodPixels, long wideProfile, double chi2PerPixel) {

    /** Extraction methods. */
    public enum Method {
        /** All traces' amplitudes of a column solved together (neighbour deblending). */
        OPTIMAL,
        /** Sum of the pixels around the trace centre. */
        BOXCAR
    }

    @Override
    public String toString() {
        return String.format("ExtractionResult[%s, %s, failed %d, no good pixels %d, wide %d, chi2/dof %.3f]",
                method, spectra, failed, noGoodPixels, wideProfile, chi2PerPixel);
    }
}
