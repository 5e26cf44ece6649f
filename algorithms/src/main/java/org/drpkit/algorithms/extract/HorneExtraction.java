package org.drpkit.algorithms.extract;

import java.util.Optional;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.flag.PixelFlag;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.image.Spectra;

/**
 * Optimal extraction of one trace with a profile the caller gives (Horne 1986), usable on its own: for a long slit,
 * an isolated fibre, or any profile drpkit does not model.
 *
 * <p>In each column x the profile P (an image of the data's shape, taken as non-negative and normalised here to sum
 * to 1 over the column's good and bad pixels alike) gives {@code f = sum(w P D) / sum(w P^2)} and
 * {@code var(f) = 1 / sum(w P^2)}, with w the inverse variance of good pixels (0 elsewhere). With a
 * {@link VarianceModel} the weights are re-estimated from {@code f P} and the sums repeated, as Horne does. Flags as
 * {@link Extraction}: the OR of pixel flags where P is at least the threshold, NO_GOOD_PIXELS without a good pixel
 * under the profile. Units: the data's flux unit per column. The inputs are not modified.
 *
 * <pre>{@code
 * Spectra s = HorneExtraction.extract(slit, profile, Optional.empty(), CalibFlag.BAD_BITS, 0.001);
 * s.fluxOf(0);   // one spectrum
 * }</pre>
 */
public final class HorneExtraction {

    private HorneExtraction() {
    }

    /**
     * @param data          flux, variance as ivar (0 = unknown) and flags; not modified
     * @param profile       the spatial profile, the data's shape (any normalisation; negative values count as 0);
     *                      not modified
     * @param variance      re-estimate the variance from the model, or empty to use the data's ivar
     * @param rejectBits    flag bits that make a pixel unusable
     * @param flagThreshold pixel flags are ORed where the normalised profile reaches this
     * @return one spectrum of the data's width
     * @throws DrpException {@code EXTRACT_SHAPE_MISMATCH} when profile and data differ in shape
     */
    public static Spectra extract(MaskedImage data, Image profile, Optional<VarianceModel> variance, int rejectBits,
            double flagThreshold) throws DrpException {
        if (!data.flux().sameShape(profile)) {
            throw new DrpException(ExtractErrorCode.EXTRACT_SHAPE_MISMATCH, Location.NOWHERE, "profile is "
                    + profile.width() + "x" + profile.height() + ", data " + data.width() + "x" + data.height());
        }
        int w = data.width();
        int h = data.height();
        float[] flux = new float[w];
        float[] ivar = new float[w];
        int[] mask = new int[w];
        double[] pc = new double[h];
        double[] wc = new double[h];
        double[] dc = new double[h];
        for (int x = 0; x < w; x++) {
            double norm = 0;
            int bits = 0;
            for (int y = 0; y < h; y++) {
                double pv = profile.get(x, y);
                pc[y] = pv > 0 ? pv : 0;
                norm += pc[y];
                double iv = data.ivar().get(x, y);
                double v = data.flux().get(x, y);
                int b = data.mask().get(x, y);
                boolean good = (b & rejectBits) == 0 && iv > 0 && Double.isFinite(v) && Double.isFinite(iv);
                wc[y] = good ? iv : 0;
                dc[y] = v;
            }
            if (!(norm > 0)) {
                mask[x] = PixelFlag.NO_GOOD_PIXELS.value();
                continue;
            }
            for (int y = 0; y < h; y++) {
                pc[y] /= norm;
                if (pc[y] >= flagThreshold) {
                    bits |= data.mask().get(x, y);
                }
            }
            double[] fv = weighted(pc, wc, dc, h);
            if (variance.isPresent() && fv[1] > 0) {
                VarianceModel vm = variance.get();
                double[] wm = new double[h];
                for (int it = 0; it < vm.iterations(); it++) {
                    for (int y = 0; y < h; y++) {
                        wm[y] = wc[y] > 0 ? 1 / vm.variance(fv[0] * pc[y]) : 0;
                    }
                    fv = weighted(pc, wm, dc, h);
                }
            }
            if (!(fv[1] > 0)) {
                bits |= PixelFlag.NO_GOOD_PIXELS.value();
            } else {
                flux[x] = (float) fv[0];
                ivar[x] = (float) fv[1];
            }
            mask[x] = bits;
        }
        return Spectra.of(1, w, flux, ivar, mask, null);
    }

    /** @return {flux, ivar} = {sum(w P D) / sum(w P^2), sum(w P^2)} */
    private static double[] weighted(double[] pc, double[] wc, double[] dc, int h) {
        double num = 0;
        double den = 0;
        for (int y = 0; y < h; y++) {
            double q = wc[y] * pc[y];
            num += q * dc[y];
            den += q * pc[y];
        }
        return new double[] {den > 0 ? num / den : 0, den};
    }
}
