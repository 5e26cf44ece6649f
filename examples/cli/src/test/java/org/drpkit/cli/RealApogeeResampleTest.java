package org.drpkit.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.drpkit.algorithms.resample.LogGrid;
import org.drpkit.algorithms.resample.Resample;
import org.drpkit.algorithms.resample.ResampleMethod;
import org.drpkit.algorithms.resample.ResampleParams;
import org.drpkit.algorithms.resample.ResampledSpectra;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Spectra;
import org.drpkit.core.testing.SharedData;
import org.drpkit.fits.ApogeeSpectrumFiles;
import org.drpkit.fits.ApogeeStar;
import org.drpkit.fits.ApogeeVisit;
import org.junit.jupiter.api.Test;

/**
 * The real-product check: the apVisit resampled onto the apStar's grid keeps the flux-weighted wavelength of
 * its strong absorption lines to 0.01 pixel of that grid.
 *
 * <p>Lines are chosen on the input, robustly: a running median over 81 usable pixels is the continuum; a line is a
 * local minimum (lowest of its 7 neighbours) 15..90% below the continuum (deeper is a sky-line residual), its depth
 * at least 6 times its noise, with no bad pixel (bits 0..6) and no SIG_SKYLINE pixel within +-1.6 A and at least 40
 * pixels from a chip end; the 40 of highest depth S/N are kept. The weight is continuum minus flux times a Gaussian
 * taper (sigma 0.4 A, cut at +-1.6 A) centred on the input's minimum, the continuum being the line through the running
 * median at the window's ends: the same function of wavelength for both samplings, summed over each one's pixels.
 *
 * <p>At this spectrum's signal-to-noise a single line's centre moves by up to a few hundredths of a pixel between two
 * samplings of the same noisy data, so the tolerance is split: the inverse-variance mean shift over the lines (the
 * systematic part) must be below 0.01 px and within 4 of its errors, and each line within 4.5 of its own noise, which
 * is measured by repeating the measurement on 40 copies of the spectrum with its noise (ERROR) added again. The stars
 * of the two files differ; only the apStar's grid is used.
 */
class RealApogeeResampleTest {

    /** APOGEE_PIXMASK bit 12: near a sky line with significant flux against the object's. */
    private static final int SIG_SKYLINE = 1 << 12;
    /** Sigma of the taper around a line, Angstrom (the window is +-4 sigma). */
    private static final double TAPER = 0.4;

    /** Continuum: running median of the usable pixels within +-40 px (NaN where none). */
    private static double[] continuum(Spectra chip, int bad) {
        int n = chip.pixels();
        double[] c = new double[n];
        double[] buf = new double[81];
        for (int x = 0; x < n; x++) {
            int m = 0;
            for (int k = Math.max(0, x - 40); k <= Math.min(n - 1, x + 40); k++) {
                if ((chip.mask()[k] & bad) == 0 && chip.ivar()[k] > 0) {
                    buf[m++] = chip.flux()[k];
                }
            }
            Arrays.sort(buf, 0, m);
            c[x] = m == 0 ? Double.NaN : buf[m / 2];
        }
        return c;
    }

    /**
     * Flux-weighted wavelength of (continuum - flux) under a Gaussian taper of sigma {@link #TAPER} centred on
     * {@code lc}, summed over the pixels within 4 sigma, each weighted by its width (the midpoint rule: for an
     * integrand that falls smoothly to zero and is sampled at about its own width, the sum equals the integral to
     * far below the tolerance, on either sampling).
     */
    private static double centre(double[] lam, double[] f, double lc, double ca, double cb) {
        double a = lc - 4 * TAPER;
        double b = lc + 4 * TAPER;
        double s0 = 0;
        double s1 = 0;
        for (int k = 1; k + 1 < lam.length; k++) {
            if (lam[k] < a || lam[k] > b) {
                continue;
            }
            double width = 0.5 * Math.abs(lam[k + 1] - lam[k - 1]);
            double z = (lam[k] - lc) / TAPER;
            double w = Math.exp(-0.5 * z * z) * (ca + (cb - ca) * (lam[k] - a) / (b - a) - f[k]) * width;
            s0 += w;
            s1 += w * lam[k];
        }
        return s1 / s0;
    }

    /** A selected absorption feature: its chip, the taper centre (A), the continuum at the window's ends, S/N. */
    private record Feature(int chip, double centre, double contLo, double contHi, double depth, double sn) {
    }

    private static double[] asDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** Strong, clean absorption features of the input, strongest (depth S/N) first, at most {@code max}. */
    private static List<Feature> select(List<Spectra> chips, int bad, int max) {
        List<Feature> found = new ArrayList<>();
        for (int c = 0; c < chips.size(); c++) {
            Spectra chip = chips.get(c);
            int n = chip.pixels();
            double[] lam = chip.wavelength().orElseThrow();
            float[] f = chip.flux();
            double[] cont = continuum(chip, bad);
            int reach = (int) Math.ceil(4 * TAPER / Math.abs(lam[1] - lam[0])) + 1;
            for (int x = 40; x < n - 40; x++) {
                boolean minimum = true;
                for (int k = x - 3; k <= x + 3; k++) {
                    minimum &= k == x || f[k] > f[x];
                }
                double depth = cont[x] - f[x];
                double sn = depth * Math.sqrt(chip.ivar()[x]);
                // physical absorption: 15..90% deep (deeper is a sky-line residual), depth 6 sigma or more
                if (!minimum || !(depth > 0.15 * cont[x]) || depth > 0.9 * cont[x] || !(sn > 6)) {
                    continue;
                }
                boolean clean = true; // no bad pixel and no significant sky line (SIG_SKYLINE) in the window
                for (int k = x - reach; k <= x + reach; k++) {
                    clean &= (chip.mask()[k] & (bad | SIG_SKYLINE)) == 0 && chip.ivar()[k] > 0;
                }
                if (clean) {
                    found.add(new Feature(c, lam[x], cont[nearest(lam, lam[x] - 4 * TAPER)],
                            cont[nearest(lam, lam[x] + 4 * TAPER)], depth / cont[x], sn));
                }
            }
        }
        found.sort((p, q) -> Double.compare(q.sn(), p.sn()));
        return new ArrayList<>(found.subList(0, Math.min(max, found.size())));
    }

    /** Centre on the resampled spectrum minus centre on the input, grid pixels; NaN when not covered. */
    private static double shift(Feature l, List<Spectra> chips, ResampledSpectra r) {
        LogGrid g = r.grid();
        int ia = (int) Math.floor(g.pixelOf(l.centre() - 4 * TAPER)) - 1;
        int ib = (int) Math.ceil(g.pixelOf(l.centre() + 4 * TAPER)) + 1;
        if (ia < 0 || ib >= g.count()) {
            return Double.NaN;
        }
        for (int i = ia; i <= ib; i++) {
            if (r.spectra().ivar()[i] == 0) {
                return Double.NaN;
            }
        }
        Spectra chip = chips.get(l.chip());
        double in = centre(chip.wavelength().orElseThrow(), asDoubles(chip.flux()), l.centre(), l.contLo(),
                l.contHi());
        double out = centre(g.wavelengths(), asDoubles(r.spectra().flux()), l.centre(), l.contLo(), l.contHi());
        return g.pixelOf(out) - g.pixelOf(in);
    }

    /** The chips with Gaussian noise of their own ERROR added (the usable pixels). */
    private static List<Spectra> noisier(List<Spectra> chips, SplittableRandom rng) {
        List<Spectra> out = new ArrayList<>();
        for (Spectra s : chips) {
            float[] f = s.flux().clone();
            for (int k = 0; k < f.length; k++) {
                if (s.ivar()[k] > 0) {
                    f[k] += (float) (rng.nextGaussian() / Math.sqrt(s.ivar()[k]));
                }
            }
            out.add(Spectra.of(s.fibres(), s.pixels(), f, s.ivar(), s.mask(), s.wavelength().orElseThrow()));
        }
        return out;
    }

    @Test
    void visitResampledOntoTheStarsGridKeepsStrongLineCentresToAHundredthOfAPixel() throws DrpException {
        Path vf = SharedData.require("apogee/apVisit-2M00452143+1634446-0.fits");
        Path sf = SharedData.require("apogee/apStar-r6-2M03290406+3117075.fits");
        ApogeeVisit visit = ApogeeSpectrumFiles.readVisit(vf);
        ApogeeStar star = ApogeeSpectrumFiles.readStar(sf);
        LogGrid grid = LogGrid.fromHeader(star.fluxHeader());
        int bad = ApogeeSpectrumFiles.PIXMASK_BAD_BITS;
        List<Spectra> chips = visit.chips();
        List<Feature> features = select(chips, bad, 40);
        int realisations = 40;
        for (ResampleMethod method : ResampleMethod.values()) {
            ResampleParams p = ResampleParams.defaults().withBadBits(bad).withMethod(method);
            ResampledSpectra r = Resample.exposure(chips, grid, p, 2);
            double[] shift = new double[features.size()];
            for (int l = 0; l < shift.length; l++) {
                shift[l] = shift(features.get(l), chips, r);
            }
            // the shift's own noise: the same measurement on the spectrum with its noise once more
            double[] s1 = new double[shift.length];
            double[] s2 = new double[shift.length];
            SplittableRandom rng = new SplittableRandom(7);
            for (int k = 0; k < realisations; k++) {
                List<Spectra> noisy = noisier(chips, rng);
                ResampledSpectra rn = Resample.exposure(noisy, grid, p, 2);
                for (int l = 0; l < shift.length; l++) {
                    double d = shift(features.get(l), noisy, rn);
                    s1[l] += d;
                    s2[l] += d * d;
                }
            }
            double sw = 0;
            double swx = 0;
            double worstPull = 0;
            double worst = 0;
            int used = 0;
            StringBuilder lines = new StringBuilder();
            for (int l = 0; l < shift.length; l++) {
                if (Double.isNaN(shift[l])) {
                    continue;
                }
                double m = s1[l] / realisations;
                double sigma = Math.sqrt(s2[l] / realisations - m * m);
                Feature f = features.get(l);
                lines.append(String.format(Locale.ROOT, "  %.3f A depth %.2f S/N %.1f: shift %+.4f px, noise %.4f%n",
                        f.centre(), f.depth(), f.sn(), shift[l], sigma));
                sw += 1 / (sigma * sigma);
                swx += shift[l] / (sigma * sigma);
                worstPull = Math.max(worstPull, Math.abs(shift[l]) / sigma);
                worst = Math.max(worst, Math.abs(shift[l]));
                used++;
            }
            double mean = swx / sw;
            double err = 1 / Math.sqrt(sw);
            System.out.printf(Locale.ROOT, "real apVisit -> apStar grid, %s: %d strong absorption lines, weighted "
                    + "mean centre shift %+.4f +- %.4f grid px, largest single shift %.4f px (%.1f of its noise)%n%s",
                    method, used, mean, err, worst, worstPull, lines);
            assertTrue(used >= 10, "strong lines used: " + used);
            assertTrue(Math.abs(mean) < 0.01, method + ": mean centre shift " + mean + " grid px");
            assertTrue(Math.abs(mean) < 4 * err, method + ": mean shift " + mean + " is " + mean / err + " sigma");
            assertTrue(worstPull < 4.5, method + ": a line moved " + worstPull + " times its noise");
        }
    }

    private static int nearest(double[] lam, double l) {
        int best = 0;
        for (int k = 1; k < lam.length; k++) {
            if (Math.abs(lam[k] - l) < Math.abs(lam[best] - l)) {
                best = k;
            }
        }
        return best;
    }
}
