package org.drpkit.fits.testing;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.drpkit.core.header.Card;
import org.drpkit.core.header.Header;
import org.drpkit.fits.ApogeeVisit;

/** Small synthetic APOGEE products for tests and fuzz seeds (never copies of real data). */
public final class ApogeeSamples {

    private ApogeeSamples() {
    }

    /** A small visit: 3 chips x 64 px, wavelength decreasing along each chip as in APOGEE products. */
    public static ApogeeVisit visit(boolean extras) {
        int chips = 3;
        int px = 64;
        int n = chips * px;
        SplittableRandom r = new SplittableRandom(4);
        float[] flux = new float[n];
        float[] err = new float[n];
        int[] mask = new int[n];
        double[] wave = new double[n];
        for (int k = 0; k < n; k++) {
            flux[k] = (float) (100 + r.nextGaussian());
            err[k] = (float) (1 + r.nextDouble());
            mask[k] = k % 17 == 0 ? 1 : 0;
            wave[k] = 16900 - 600 * (k / px) - 0.25 * (k % px);
        }
        Header primary = Header.builder().add("OBJID", "2M00000000+0000000").add("MJD5", 60000L).build();
        Optional<float[]> sky = extras ? Optional.of(flux.clone()) : Optional.empty();
        Optional<double[]> lsf = extras ? Optional.of(new double[chips * 5]) : Optional.empty();
        return new ApogeeVisit("x", primary, chips, px, flux, err, mask, wave, sky, Optional.empty(),
                extras ? Optional.of(err.clone()) : Optional.empty(), Optional.empty(), lsf, extras ? 5 : 0);
    }

    /** @return the axis-1 cards of a log-linear grid (as the resampling stage's grid writes them) */
    public static List<Card> logAxis(double log10Start, double log10Step) {
        return List.of(new Card("CTYPE1", "LOG-LINEAR", null), new Card("CRPIX1", 1L, null),
                new Card("CRVAL1", log10Start, null), new Card("CDELT1", log10Step, null),
                new Card("DC-FLAG", 1L, null));
    }
}
