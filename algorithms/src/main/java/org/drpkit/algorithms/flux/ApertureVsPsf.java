package org.drpkit.algorithms.flux;

import java.util.Arrays;
import java.util.Locale;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.image.Spectra;

/**
 * Fibre-aperture against PSF fluxing of the sky fibres, a QA number: the same exposure extracted twice, as the sum
 * of the pixels in a fixed aperture about each trace (boxcar: the fibre-aperture flux) and with the trace's profile
 * (optimal extraction: the PSF flux, the whole profile's flux), compared fibre by fibre over the sky fibres, whose
 * light is the same smooth sky in every fibre.
 *
 * <p>Per sky row the ratio {@code sum(aperture) / sum(psf)} over the pixels good in both (ivar above 0, none of the
 * bad bits). For a correct profile model it is the fraction of the profile inside the aperture (plus what the
 * neighbours' wings put there), so its median says how much light the aperture misses, and its scatter across the sky
 * fibres how much the profile model differs from fibre to fibre; a PSF-fluxed sky fibre off the others while its
 * aperture flux is not points at its profile, not at its throughput.
 *
 * <pre>{@code
 * Spectra box = Extraction.boxcar(frame, traces, p).spectra();
 * Spectra psf = Extraction.optimal(frame, traces, p).spectra();
 * ApertureVsPsf.Result r = ApertureVsPsf.compare(box, psf, skyRows, CalibFlag.BAD_BITS);
 * r.median();   // e.g. 0.975: the aperture holds 97.5 % of the PSF flux
 * }</pre>
 */
public final class ApertureVsPsf {

    private ApertureVsPsf() {
    }

    /**
     * @param rows   the sky rows compared
     * @param ratio  aperture flux over PSF flux of each (NaN without common good pixels)
     * @param error  1-sigma error of each, from the ivars as if the two were independent (an upper bound: they share
     *               their pixels)
     * @param median median ratio over the sky rows with a ratio
     * @param scatter robust (IQR) sigma of the ratios, relative to the median
     */
    public record Result(int[] rows, double[] ratio, double[] error, double median, double scatter) {
        @Override
        public String toString() {
            long n = Arrays.stream(ratio).filter(Double::isFinite).count();
            return String.format(Locale.ROOT, "ApertureVsPsf[%d sky fibres: aperture / PSF flux median %.4f, scatter "
                    + "%.2f%% across fibres]", n, median, 100 * scatter);
        }
    }

    /**
     * @param aperture the boxcar extraction (rows x columns); not modified
     * @param psf      the optimal extraction of the same frame and traces; not modified
     * @param skyRows  rows of sky fibres
     * @param badBits  flag bits that leave a pixel out
     * @return per-fibre ratios and their summary
     * @throws DrpException {@code FLUX_SHAPE_MISMATCH} when the extractions differ in shape or a row is out of range;
     *                      {@code FLUX_TOO_FEW_REFERENCES} when no sky row has a common good pixel
     */
    public static Result compare(Spectra aperture, Spectra psf, int[] skyRows, int badBits) throws DrpException {
        if (aperture.fibres() != psf.fibres() || aperture.pixels() != psf.pixels()) {
            throw new DrpException(FluxErrorCode.FLUX_SHAPE_MISMATCH, Location.NOWHERE, "aperture extraction " + aperture
                    + " and PSF extraction " + psf + " differ in shape");
        }
        int px = psf.pixels();
        double[] ratio = new double[skyRows.length];
        double[] error = new double[skyRows.length];
        for (int q = 0; q < skyRows.length; q++) {
            int row = skyRows[q];
            if (row < 0 || row >= psf.fibres()) {
                throw new DrpException(FluxErrorCode.FLUX_SHAPE_MISMATCH, Location.NOWHERE, "sky row " + row
                        + " is not among the " + psf.fibres() + " rows");
            }
            double sa = 0;
            double sp = 0;
            double va = 0;
            double vp = 0;
            for (int j = row * px; j < (row + 1) * px; j++) {
                if (good(aperture, j, badBits) && good(psf, j, badBits)) {
                    sa += aperture.flux()[j];
                    sp += psf.flux()[j];
                    va += 1 / aperture.ivar()[j];
                    vp += 1 / psf.ivar()[j];
                }
            }
            ratio[q] = sp > 0 ? sa / sp : Double.NaN;
            error[q] = sp > 0 ? Math.abs(ratio[q]) * Math.sqrt(va / (sa * sa) + vp / (sp * sp)) : Double.NaN;
        }
        float[] finite = new float[ratio.length];
        int k = 0;
        for (double r : ratio) {
            if (Double.isFinite(r)) {
                finite[k++] = (float) r;
            }
        }
        if (k == 0) {
            throw new DrpException(FluxErrorCode.FLUX_TOO_FEW_REFERENCES, Location.NOWHERE, "none of the "
                    + skyRows.length + " sky rows has a pixel good in both extractions");
        }
        float[] scratch = new float[k];
        double median = RobustStats.median(finite, 0, k, scratch);
        double scatter = k > 1 ? RobustStats.iqrSigma(finite, 0, k, scratch) / median : 0;
        return new Result(skyRows.clone(), ratio, error, median, scatter);
    }

    private static boolean good(Spectra s, int j, int badBits) {
        float iv = s.ivar()[j];
        return iv > 0 && Float.isFinite(iv) && Float.isFinite(s.flux()[j]) && (s.mask()[j] & badBits) == 0;
    }
}
