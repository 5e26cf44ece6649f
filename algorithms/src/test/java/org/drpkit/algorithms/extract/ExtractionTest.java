package org.drpkit.algorithms.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.drpkit.algorithms.calib.CalibFlag;
import org.drpkit.algorithms.sim.FibreLight;
import org.drpkit.algorithms.sim.SpectrographFrame;
import org.drpkit.algorithms.sim.SpectrographModel;
import org.drpkit.algorithms.sim.SpectrographSimulator;
import org.drpkit.algorithms.trace.GaussHermite;
import org.drpkit.algorithms.trace.TraceFinder;
import org.drpkit.algorithms.trace.TraceParams;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.flag.ExtraFlag;
import org.drpkit.core.flag.PixelFlag;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.image.Spectra;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.H2rgLayout;
import org.drpkit.core.trace.Traces;
import org.junit.jupiter.api.Test;

class ExtractionTest {

    static final Chip SMALL = H2rgLayout.chip("G", 512, 128, 4, 4, 18);
    /** Effective gain of a 24-read science rate, DN/read: 1.9 e-/DN x 23 differences. */
    static final double GAIN = 1.9 * 23;
    static final double READ_VARIANCE = 0.02;

    /** Pull statistics of spectra against true fluxes (good pixels only). */
    record PullStats(double mean, double std, long n, long beyond5) {
        static PullStats of(Spectra s, Traces truth) {
            double sum = 0;
            double sq = 0;
            long n = 0;
            long far = 0;
            int w = s.pixels();
            for (int i = 0; i < s.fibres(); i++) {
                for (int x = truth.x0(); x < truth.x1(); x++) {
                    int k = i * w + x;
                    if (s.ivar()[k] <= 0) {
                        continue;
                    }
                    double pull = (s.flux()[k] - truth.height(i, x)) * Math.sqrt(s.ivar()[k]);
                    sum += pull;
                    sq += pull * pull;
                    n++;
                    far += Math.abs(pull) > 5 ? 1 : 0;
                }
            }
            double mean = sum / n;
            return new PullStats(mean, Math.sqrt(sq / n - mean * mean), n, far);
        }
    }

    /** @return an image holding trace i's pixel fractions within +-half of its centre in columns x0..x1-1 */
    private static Image profileImage(Traces t, int i, int x0, int x1, int half) {
        Image profile = Image.zeros(SMALL.width(), SMALL.height());
        double[] frac = new double[2 * half + 1];
        for (int x = x0; x < x1; x++) {
            double mu = t.centre(i, x);
            int y0 = (int) Math.rint(mu) - half;
            GaussHermite.fractions(mu, t.sigma(i, x), t.shape().h3(x, mu), t.shape().h4(x, mu), y0, frac.length, frac);
            for (int k = 0; k < frac.length; k++) {
                profile.set(x, y0 + k, (float) frac[k]);
            }
        }
        return profile;
    }

    private static MaskedImage noiseless(Image light) {
        float[] iv = new float[light.array().length];
        for (int i = 0; i < iv.length; i++) {
            iv[i] = (float) (1 / (READ_VARIANCE + Math.max(0, light.array()[i]) / GAIN));
        }
        return MaskedImage.of(light, Image.of(light.width(), light.height(), iv),
                Mask.zeros(light.width(), light.height()));
    }

    @Test
    void optimalFluxPullsAreUnbiasedWithUnitWidthOverAllFibres() throws DrpException {
        SpectrographModel m = SpectrographModel.apogee(SMALL, 41);
        SpectrographFrame f = SpectrographSimulator.render(m, FibreLight.science(m, 2));
        MaskedImage img = SpectrographSimulator.observe(f.light(), GAIN, READ_VARIANCE, 3);
        ExtractionResult r = Extraction.optimal(img, f.truth(), ExtractParams.defaults());
        PullStats s = PullStats.of(r.spectra(), f.truth());
        System.out.println("optimal, true traces: " + s + " " + r);
        assertTrue(Math.abs(s.mean()) < 0.02, s.toString());
        assertEquals(1, s.std(), 0.03, s.toString());
        assertEquals(0, r.failed());
        assertEquals(1, r.chi2PerPixel(), 0.03);
    }

    @Test
    void pullsStayUnbiasedWithTracesFoundOnAFlat() throws DrpException {
        SpectrographModel m = SpectrographModel.apogee(SMALL, 42);
        MaskedImage flat = SpectrographSimulator.observe(SpectrographSimulator.render(m, FibreLight.quartz(m, 3000))
                .light(), 19, 0.03, 4);
        // the shape is fitted to the flat, not given
        Traces traces = TraceFinder.find(flat, SMALL.lightSensitive(), "G", m.nominal(), TraceParams.defaults())
                .traces();
        SpectrographFrame f = SpectrographSimulator.render(m, FibreLight.science(m, 5));
        MaskedImage img = SpectrographSimulator.observe(f.light(), GAIN, READ_VARIANCE, 6);
        PullStats s = PullStats.of(Extraction.optimal(img, traces, ExtractParams.defaults()).spectra(), f.truth());
        System.out.println("optimal, traces from the flat: " + s);
        assertTrue(Math.abs(s.mean()) < 0.02, s.toString());
        assertEquals(1, s.std(), 0.03, s.toString());
    }

    @Test
    void varianceOfIsolatedFibresIsWithinFivePercentOfTheCramerRaoBound() throws DrpException {
        SpectrographModel all = SpectrographModel.apogee(SMALL, 43);
        int[] dead = new int[all.fibres().length / 2];
        for (int k = 0; k < dead.length; k++) {
            dead[k] = all.fibres()[2 * k + 1]; // every other fibre dark: the rest are isolated (13 px apart)
        }
        SpectrographModel m = all.withDead(dead);
        SpectrographFrame f = SpectrographSimulator.render(m, FibreLight.quartz(m, 400));
        MaskedImage img = SpectrographSimulator.observe(f.light(), GAIN, READ_VARIANCE, 7);
        ExtractionResult r = Extraction.optimal(img, f.truth(), ExtractParams.defaults());
        Traces t = f.truth();
        double chi2 = 0;
        double reported = 0;
        int n = 0;
        double[] frac = new double[41];
        int w = SMALL.width();
        for (int i = 0; i < t.count(); i += 2) {
            for (int x = t.x0(); x < t.x1(); x++) {
                // the bound for one amplitude with a known profile and Gaussian noise: 1 / sum(p^2 / var)
                double mu = t.centre(i, x);
                int y0 = (int) Math.rint(mu) - 20;
                GaussHermite.fractions(mu, t.sigma(i, x), t.shape().h3(x, mu), t.shape().h4(x, mu), y0, 41, frac);
                double info = 0;
                for (int k = 0; k < 41; k++) {
                    if (y0 + k < 0 || y0 + k >= SMALL.height()) {
                        continue;
                    }
                    double light = f.light().get(x, y0 + k);
                    info += frac[k] * frac[k] / (READ_VARIANCE + light / GAIN);
                }
                double bound = 1 / info;
                double err = r.spectra().flux()[i * w + x] - t.height(i, x);
                chi2 += err * err / bound;
                reported += 1 / (r.spectra().ivar()[i * w + x] * bound);
                n++;
            }
        }
        System.out.printf("isolated fibres: empirical variance / Cramer-Rao %.4f, reported / Cramer-Rao %.4f, n %d%n",
                chi2 / n, reported / n, n);
        assertEquals(1, chi2 / n, 0.05);
        assertEquals(1, reported / n, 0.05);
    }

    @Test
    void brightNeighbourLeaksLessThanATenthPercentIntoFaintFibres() throws DrpException {
        // wide profiles (sigma 1.8 px at 6.6 px spacing) so that neighbours really overlap
        SpectrographModel m = SpectrographModel.apogee(SMALL, 44).withProfile(1.8, SpectrographModel.apogee(SMALL, 44)
                .shape());
        int bright = 20;
        FibreLight light = FibreLight.quartz(m, 10).withBright(bright, 1000);
        SpectrographFrame f = SpectrographSimulator.render(m, light);
        MaskedImage img = noiseless(f.light());
        Spectra s = Extraction.optimal(img, f.truth(), ExtractParams.defaults()).spectra();
        Traces t = f.truth();
        int x = 250;
        double brightFlux = t.height(bright, x);
        double leak = Math.max(Math.abs(s.flux()[(bright - 1) * SMALL.width() + x] - t.height(bright - 1, x)),
                Math.abs(s.flux()[(bright + 1) * SMALL.width() + x] - t.height(bright + 1, x))) / brightFlux;
        // the same fibre extracted alone (Horne, its own profile, the bright neighbour not modelled) leaks
        int nb = bright + 1;
        Image profile = profileImage(t, nb, x, x + 1, 15);
        Spectra alone = HorneExtraction.extract(img, profile, Optional.empty(), CalibFlag.BAD_BITS, 0.001);
        double leakAlone = (alone.flux()[x] - t.height(nb, x)) / brightFlux;
        System.out.printf("cross-talk from a bright neighbour: deblended %.2e, Horne alone %.2e of its flux%n", leak,
                leakAlone);
        assertTrue(leak < 1e-3, "deblended leak " + leak);
        assertTrue(leakAlone > 1e-3, "the test must be able to fail: a lone extraction leaks " + leakAlone);
    }

    @Test
    void horneWithTheTraceProfileEqualsTheBandedSolveForAnIsolatedFibre() throws DrpException {
        SpectrographModel m = SpectrographModel.apogee(SMALL, 45);
        int keep = 30;
        int[] dead = new int[m.fibres().length - 1];
        for (int i = 0, k = 0; i < m.fibres().length; i++) {
            if (i != keep) {
                dead[k++] = m.fibres()[i];
            }
        }
        SpectrographModel one = m.withDead(dead);
        SpectrographFrame f = SpectrographSimulator.render(one, FibreLight.science(one, 3));
        MaskedImage img = SpectrographSimulator.observe(f.light(), GAIN, READ_VARIANCE, 8);
        Spectra banded = Extraction.optimal(img, f.truth(), ExtractParams.defaults()).spectra();
        Traces t = f.truth();
        Image profile = profileImage(t, keep, t.x0(), t.x1(), 5);
        // other traces' windows hold only noise: they take a little of it, so agree to a small fraction of sigma
        Spectra horne = HorneExtraction.extract(img, profile, Optional.empty(), CalibFlag.BAD_BITS, 0.001);
        int w = SMALL.width();
        for (int x = t.x0(); x < t.x1(); x += 7) {
            double sigma = 1 / Math.sqrt(banded.ivar()[keep * w + x]);
            assertEquals(banded.flux()[keep * w + x], horne.flux()[x], 0.05 * sigma, "column " + x);
        }
    }

    @Test
    void flagsColumnsWithoutGoodPixelsAndCarriesPixelFlags() throws DrpException {
        SpectrographModel m = SpectrographModel.apogee(SMALL, 46);
        SpectrographFrame f = SpectrographSimulator.render(m, FibreLight.quartz(m, 500));
        MaskedImage img = noiseless(f.light());
        Traces t = f.truth();
        int x = 100;
        int i = 12;
        int c = (int) Math.rint(t.centre(i, x));
        for (int y = c - 8; y <= c + 8; y++) {
            img.mask().set(x, y, PixelFlag.HOT_PIXEL.value());
        }
        img.mask().set(x + 1, c, PixelFlag.PARTIAL_SATURATION.value()); // not a bad bit: used and reported
        ExtractionResult r = Extraction.optimal(img, t, ExtractParams.defaults());
        int w = SMALL.width();
        int k = i * w + x;
        assertTrue(PixelFlag.isSet(r.spectra().mask()[k], PixelFlag.NO_GOOD_PIXELS));
        assertTrue(PixelFlag.isSet(r.spectra().mask()[k], PixelFlag.HOT_PIXEL));
        assertEquals(0, r.spectra().ivar()[k]);
        assertTrue(PixelFlag.isSet(r.spectra().mask()[k + 1], PixelFlag.PARTIAL_SATURATION));
        assertEquals(t.height(i, x + 1), r.spectra().flux()[k + 1], 1e-4 * t.height(i, x + 1));
        // the neighbours of the lost trace are still right (its light is gone from the model, not from theirs)
        assertEquals(t.height(i + 2, x), r.spectra().flux()[(i + 2) * w + x], 1e-3 * t.height(i + 2, x));
        assertEquals(1, r.noGoodPixels() - countNoGoodOutsideArea(r.spectra(), t));
    }

    @Test
    void aNanPixelIsLeftOutAndNamedWithoutSpoilingTheFlux() throws DrpException {
        SpectrographModel m = SpectrographModel.apogee(SMALL, 53);
        SpectrographFrame f = SpectrographSimulator.render(m, FibreLight.quartz(m, 500));
        MaskedImage img = noiseless(f.light());
        Traces t = f.truth();
        int x = 300;
        int i = 7;
        img.flux().set(x, (int) Math.rint(t.centre(i, x)), Float.NaN);
        ExtractionResult r = Extraction.optimal(img, t, ExtractParams.defaults());
        int k = i * SMALL.width() + x;
        assertTrue(ExtraFlag.NONFINITE_INPUT.isSetIn(r.spectra().mask()[k]), "flag " + r.spectra().mask()[k]);
        assertEquals(t.height(i, x), r.spectra().flux()[k], 1e-4 * t.height(i, x));
        assertTrue(r.spectra().ivar()[k] > 0);
        assertTrue(Float.isFinite(r.residual().orElseThrow().get(x, (int) Math.rint(t.centre(i, x)))));
    }

    private static long countNoGoodOutsideArea(Spectra s, Traces t) {
        return (long) t.count() * (s.pixels() - (t.x1() - t.x0()));
    }

    @Test
    void boxcarSumsTheWindowAroundTheCentre() throws DrpException {
        SpectrographModel m = SpectrographModel.apogee(SMALL, 47);
        SpectrographFrame f = SpectrographSimulator.render(m, FibreLight.quartz(m, 500));
        MaskedImage img = noiseless(f.light());
        ExtractionResult r = Extraction.boxcar(img, f.truth(), ExtractParams.defaults());
        int x = 200;
        int i = 9;
        int c = (int) Math.rint(f.truth().centre(i, x));
        double sum = 0;
        double var = 0;
        for (int y = c - 2; y <= c + 2; y++) {
            sum += img.flux().get(x, y);
            var += 1 / img.ivar().get(x, y);
        }
        int k = i * SMALL.width() + x;
        assertEquals(sum, r.spectra().flux()[k], 1e-4 * sum);
        assertEquals(1 / var, r.spectra().ivar()[k], 1e-4 / var);
        assertTrue(r.model().isEmpty());
    }

    @Test
    void resultDoesNotDependOnTheThreadCount() throws DrpException {
        SpectrographModel m = SpectrographModel.apogee(SMALL, 48);
        SpectrographFrame f = SpectrographSimulator.render(m, FibreLight.science(m, 1));
        MaskedImage img = SpectrographSimulator.observe(f.light(), GAIN, READ_VARIANCE, 9);
        ExtractionResult a = Extraction.optimal(img, f.truth(), ExtractParams.defaults());
        ExtractionResult b = Extraction.optimal(img, f.truth(), ExtractParams.defaults().withParallel(false));
        assertArrayEquals(a.spectra().flux(), b.spectra().flux());
        assertArrayEquals(a.spectra().ivar(), b.spectra().ivar());
        assertArrayEquals(a.residual().orElseThrow().array(), b.residual().orElseThrow().array());
    }

    @Test
    void refusesTracesOfAnotherWidth() {
        SpectrographModel m = SpectrographModel.apogee(SMALL, 49);
        Traces t = SpectrographSimulator.render(m, FibreLight.quartz(m, 1)).truth();
        MaskedImage other = MaskedImage.of(Image.zeros(100, SMALL.height()), Image.zeros(100, SMALL.height()),
                Mask.zeros(100, SMALL.height()));
        DrpException e = assertThrows(DrpException.class, () -> Extraction.optimal(other, t,
                ExtractParams.defaults()));
        assertEquals(ExtractErrorCode.EXTRACT_SHAPE_MISMATCH, e.code());
    }

    @Test
    void varianceFromTheModelRemovesTheFaintFluxBiasOfDataWeights() throws DrpException {
        SpectrographModel m = SpectrographModel.apogee(SMALL, 50);
        SpectrographFrame f = SpectrographSimulator.render(m, FibreLight.quartz(m, 20));
        double gain = 1.9;
        MaskedImage img = SpectrographSimulator.observe(f.light(), gain, 0.5, 10);
        // the error of each flux with the true weights: the yardstick of the biases below
        Spectra ideal = Extraction.optimal(img, f.truth(), ExtractParams.defaults()).spectra();
        // weights from the noisy data themselves, as a naive pipeline would make them
        float[] iv = img.ivar().array();
        for (int i = 0; i < iv.length; i++) {
            iv[i] = (float) (1 / (0.5 + Math.max(0, img.flux().array()[i]) / gain));
        }
        Spectra naive = Extraction.optimal(img, f.truth(), ExtractParams.defaults()).spectra();
        Spectra horne = Extraction.optimal(img, f.truth(), ExtractParams.defaults()
                .withVariance(new VarianceModel(gain, 0.5, 2))).spectra();
        double naiveBias = PullStats.of(withIvar(naive, ideal), f.truth()).mean();
        PullStats h = PullStats.of(withIvar(horne, ideal), f.truth());
        System.out.printf("faint fibres (S/N ~ 5): flux bias in true sigmas: data weights %.4f, model variance %.4f "
                + "(std %.4f)%n", naiveBias, h.mean(), h.std());
        assertTrue(naiveBias < -0.3, "data weights bias faint flux low: " + naiveBias);
        assertTrue(Math.abs(h.mean()) < 0.02, h.toString());
        assertEquals(1, h.std(), 0.03, h.toString());
    }

    @Test
    void varianceModelEstimatedFromTheImageRecoversGainReadAndFlatTerms() {
        SpectrographModel m = SpectrographModel.apogee(SMALL, 52);
        Image light = SpectrographSimulator.render(m, FibreLight.science(m, 4)).light();
        MaskedImage img = SpectrographSimulator.observe(light, GAIN, READ_VARIANCE, 12);
        // add a 2% flat-like term to the stated variance (the noise itself does not matter to the estimate)
        float[] iv = img.ivar().array();
        for (int i = 0; i < iv.length; i++) {
            double l = Math.max(0, light.array()[i]);
            iv[i] = (float) (1 / (1 / iv[i] + 4e-4 * l * l));
        }
        VarianceModel v = VarianceModel.estimate(img, SMALL.lightSensitive(), CalibFlag.BAD_BITS, 2).orElseThrow();
        System.out.println("estimated " + v);
        assertEquals(GAIN, v.gain(), 0.05 * GAIN);
        assertEquals(READ_VARIANCE, v.readVariance(), 0.1 * READ_VARIANCE);
        assertEquals(0.02, v.relative(), 0.002);
    }

    private static Spectra withIvar(Spectra s, Spectra ivarFrom) {
        return Spectra.of(s.fibres(), s.pixels(), s.flux(), ivarFrom.ivar(), s.mask(), null);
    }

    @Test
    void fibreFlatRecoversRelativeThroughputsWithinHalfAPercent() throws DrpException {
        SpectrographModel m = SpectrographModel.apogee(SMALL, 51);
        SpectrographFrame f = SpectrographSimulator.render(m, FibreLight.quartz(m, 2000));
        MaskedImage img = SpectrographSimulator.observe(f.light(), 19, 0.03, 11);
        Spectra s = Extraction.optimal(img, f.truth(), ExtractParams.defaults()).spectra();
        FibreFlat.Throughput t = FibreFlat.of(s, m.fibres(), CalibFlag.BAD_BITS);
        double[] truth = m.throughput().clone();
        double unit = FibreFlat.unit(truth);
        double worst = 0;
        double pull = 0;
        double pull2 = 0;
        for (int i = 0; i < truth.length; i++) {
            worst = Math.max(worst, Math.abs(t.relative()[i] / (truth[i] / unit) - 1));
            double z = (t.relative()[i] - truth[i] / unit) / t.error()[i];
            pull += z / truth.length;
            pull2 += z * z / truth.length;
        }
        System.out.printf("fibre flat: worst relative throughput error %.4f%% over %d fibres, pulls mean %.3f rms %.3f%n",
                100 * worst, truth.length, pull, Math.sqrt(pull2));
        assertTrue(worst < 0.005, "worst " + worst);
        // the quoted errors against the truth: 71 pulls, whose rms scatters by 1/sqrt(2 * 71) = 0.08 and mean by 0.12
        // (the median fibre as the unit gave a mean of -2.7 and an rms of 3.0)
        assertEquals(1, Math.sqrt(pull2), 0.25, "pull rms");
        assertEquals(0, pull, 0.4, "pull mean");
    }

}
