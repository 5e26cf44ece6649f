package org.drpkit.algorithms.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.drpkit.core.image.Image;
import org.junit.jupiter.api.Test;

/** {@link ZScale} against values derived by hand and against astropy's ZScaleInterval. */
class ZScaleTest {

    /** A ramp v = 200 y + x over 200x150 pixels: 30000 finite values, 0 .. 29999. */
    static Image ramp() {
        float[] v = new float[200 * 150];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        return Image.wrap(v, 0, 200, 150);
    }

    /**
     * Gaussian noise, mean 1000, sigma 10, from a 64-bit LCG and Box-Muller, the same generator as the Python script
     * that produced the astropy reference (see {@link #astropyReference()}).
     */
    static Image noise(int w, int h, long seed) {
        float[] v = new float[w * h];
        long s = seed;
        for (int i = 0; i < v.length; i++) {
            s = s * 6364136223846793005L + 1442695040888963407L;
            double u1 = 1.0 - (s >>> 11) / (double) (1L << 53);
            s = s * 6364136223846793005L + 1442695040888963407L;
            double u2 = (s >>> 11) / (double) (1L << 53);
            v[i] = (float) (1000.0 + 10.0 * (Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2)));
        }
        return Image.wrap(v, 0, w, h);
    }

    @Test
    void linearRampGivesLimitsFromTheSlopeOverTheContrast() {
        // 30000 values, stride 30: samples 0, 30, .. 29970 (1000), a perfect line of slope 30 per rank; median 14985,
        // centre rank 499. Contrast 1: low = 14985 - 498 * 30 = 45, high = min(29970, 14985 + 501 * 30) = 29970.
        ZScale.Result one = ZScale.of(ramp(), new ZScale.Params(1000, 1.0, 0.5, 5, 2.5, 5));
        assertEquals(45.0, one.low(), 1e-9, one.toString());
        assertEquals(29970.0, one.high(), 1e-9);
        assertEquals(1000, one.kept(), "a perfect line rejects nothing");
        assertEquals(30.0, one.slope(), 1e-9);
        // contrast 0.25: slope 120, both limits clip to the sample range
        ZScale.Result q = ZScale.of(ramp(), ZScale.Params.DEFAULTS);
        assertEquals(0.0, q.low(), 1e-9);
        assertEquals(29970.0, q.high(), 1e-9);
        // a region: rows 10..19 hold 2000 .. 3999, stride 2, samples 2000 .. 3998, slope 2; median 2999, centre 499:
        // contrast 1 gives low 2999 - 498 * 2 = 2003, high min(3998, 2999 + 501 * 2 = 4001) = 3998
        ZScale.Result r = ZScale.of(ramp(), 0, 10, 200, 10, new ZScale.Params(1000, 1.0, 0.5, 5, 2.5, 5));
        assertEquals(2003.0, r.low(), 1e-9, r.toString());
        assertEquals(3998.0, r.high(), 1e-9);
    }

    @Test
    void gaussianNoiseLimitsScaleWithSigmaAndFollowTheMean() {
        Image n = noise(300, 200, 12345);
        ZScale.Result z = ZScale.of(n, ZScale.Params.DEFAULTS);
        assertTrue(z.low() < 1000 && z.high() > 1000, z.toString());
        // limits are a fixed number of sigmas from the mean: scaling the data by 3 and shifting it by 500 maps them
        float[] a = n.toArray();
        for (int i = 0; i < a.length; i++) {
            a[i] = 3 * (a[i] - 1000) + 1500;
        }
        ZScale.Result s = ZScale.of(Image.wrap(a, 0, 300, 200), ZScale.Params.DEFAULTS);
        assertEquals(3 * (z.low() - 1000) + 1500, s.low(), 1e-2);
        assertEquals(3 * (z.high() - 1000) + 1500, s.high(), 1e-2);
        // the interval spans a few sigma: (high - low) between 4 and 10 sigma
        assertTrue(z.high() - z.low() > 40 && z.high() - z.low() < 100, z.toString());
    }

    /**
     * Published reference: astropy 5.2.1 (numpy 1.24.2, Debian python3-astropy), {@code ZScaleInterval().get_limits}
     * on the float32 arrays of {@link #ramp()}, {@link #noise} (300x200, seed 12345) and the same noise with 5000 DN
     * added to every 37th pixel (row-major), computed with (apt-get install python3-astropy; /usr/bin/python3):
     * <pre>
     * w, h = 300, 200; noise = (1000.0 + 10.0 * g).astype(np.float32).reshape(h, w)  # g: the LCG Box-Muller above
     * ZScaleInterval().get_limits(noise); stars = noise.ravel().copy(); stars[::37] += 5000.0
     * </pre>
     * giving ramp (0.0, 29970.0), noise (968.76965, 1038.5963), noise with stars (968.76965, 1061.8074960152342).
     */
    @Test
    void astropyReference() {
        ZScale.Result r = ZScale.of(ramp(), ZScale.Params.DEFAULTS);
        assertEquals(0.0, r.low(), 1e-9);
        assertEquals(29970.0, r.high(), 1e-9);
        Image n = noise(300, 200, 12345);
        ZScale.Result z = ZScale.of(n, ZScale.Params.DEFAULTS);
        assertEquals(968.76965, z.low(), 1e-4, z.toString());
        assertEquals(1038.5963, z.high(), 1e-4, z.toString());
        float[] a = n.toArray();
        for (int i = 0; i < a.length; i += 37) {
            a[i] += 5000f;
        }
        ZScale.Result st = ZScale.of(Image.wrap(a, 0, 300, 200), ZScale.Params.DEFAULTS);
        assertEquals(968.76965, st.low(), 1e-4, st.toString());
        assertEquals(1061.8074960152342, st.high(), 1e-6, st.toString());
    }

    @Test
    void noFinitePixelGivesNaN() {
        ZScale.Result r = ZScale.of(Image.filled(4, 4, Float.NaN), ZScale.Params.DEFAULTS);
        assertTrue(Double.isNaN(r.low()) && Double.isNaN(r.high()));
    }
}
