package org.drpkit.algorithms.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.drpkit.algorithms.resample.ChipScene.Line;
import org.drpkit.algorithms.resample.ChipScene.Truth;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.flag.ExtraFlag;
import org.drpkit.core.flag.PixelFlag;
import org.drpkit.core.image.Spectra;
import org.junit.jupiter.api.Test;

class ResampleTest {

    private static final LogGrid GRID = LogGrid.apogee();
    private static final int NOT_COVERED = ExtraFlag.NOT_COVERED.value();

    /** Flux-weighted centre (A) of {@code flux - continuum} over the output pixels with centres in [lo, hi]. */
    private static double centroid(ResampledSpectra r, int fibre, double continuum, double lo, double hi) {
        double[] e = r.grid().edges();
        Spectra s = r.spectra();
        double sw = 0;
        double sl = 0;
        for (int i = (int) Math.ceil(r.grid().pixelOf(lo)); r.grid().wavelength(i) <= hi; i++) {
            int k = s.index(fibre, i);
            assertTrue(s.ivar()[k] > 0, "pixel " + i + " in a line window is covered");
            double d = (s.flux()[k] - continuum) * (e[i + 1] - e[i]);
            sw += d;
            sl += d * r.grid().wavelength(i);
        }
        return sl / sw;
    }

    /** Integral of {@code flux - continuum} over whole output pixels from lo to hi (A), flux density x A. */
    private static double lineFlux(ResampledSpectra r, int fibre, double continuum, double lo, double hi) {
        double[] e = r.grid().edges();
        Spectra s = r.spectra();
        double sum = 0;
        for (int i = (int) Math.floor(r.grid().pixelOf(lo)); i <= (int) Math.ceil(r.grid().pixelOf(hi)); i++) {
            int k = s.index(fibre, i);
            assertTrue(s.ivar()[k] > 0, "pixel " + i + " in a line window is covered");
            sum += (s.flux()[k] - continuum) * (e[i + 1] - e[i]);
        }
        return sum;
    }

    private static double gridPixels(double dLambda, double lambda) {
        return dLambda / (lambda * Math.log(10) * GRID.log10Step());
    }

    /** Largest |flux-weighted centre - true centre| over every line and fibre, in grid pixels. */
    private static double worstCentreError(ResampleMethod m, double sigma, int sampling) throws DrpException {
        List<Line> lines = ChipScene.linesPerChip(sigma, 40);
        Truth truth = new Truth(100, lines);
        List<Spectra> chips = ChipScene.observe(3, truth, m == ResampleMethod.FLUX_CONSERVING, null, 0, sampling);
        ResampledSpectra r = Resample.exposure(chips, GRID, ResampleParams.defaults().withMethod(m), 2);
        double worst = 0;
        for (int f = 0; f < 3; f++) {
            for (Line l : lines) {
                double c = centroid(r, f, truth.continuum(), l.centre() - 6 * l.sigma(), l.centre() + 6 * l.sigma());
                worst = Math.max(worst, Math.abs(gridPixels(c - l.centre(), l.centre())));
            }
        }
        System.out.printf(Locale.ROOT, "%s, %d px per chip, lines of sigma %.2f A: largest centre error %.4f grid px"
                + "%n", m, ChipScene.PIXELS * sampling, sigma, worst);
        return worst;
    }

    @Test
    void lineCentresStayWithinAHundredthOfAGridPixelFromHalfPixelSampledChips() throws DrpException {
        // the apVisit case of the issue: 4096 px per chip; APOGEE's LSF sigma is about 0.25..0.5 A. Rebinning
        // represents a line by whole grid pixels, so its centre needs lines of at least 1.5 grid px sigma (0.35 A)
        for (ResampleMethod m : ResampleMethod.values()) {
            double[] sigmas = m == ResampleMethod.LANCZOS4 ? new double[] {0.25, 0.35, 0.5} : new double[] {0.35, 0.5};
            for (double sigma : sigmas) {
                double worst = worstCentreError(m, sigma, 2);
                assertTrue(worst < 0.01, m + ", sigma " + sigma + ": centre error " + worst + " grid px");
            }
        }
    }

    @Test
    void lineCentresFromDetectorSampledChipsShiftByTheKernelsFirstMomentOnly() throws DrpException {
        // 2048 px per chip: a pixel is about one grid pixel, so the output's phase against the input drifts slowly
        // and a line sees one phase u; Lanczos-4 (normalised) moves a broad feature by its first moment delta(u)
        double moment = 0;
        double[] wt = new double[8];
        for (int s = 1; s < 1000; s++) {
            double u = s / 1000.0;
            LanczosKernel.weights(u, wt);
            double sw = 0;
            double sm = 0;
            for (int q = 0; q < 8; q++) {
                sw += wt[q];
                sm += wt[q] * (q - 3 - u);
            }
            moment = Math.max(moment, Math.abs(sm / sw));
        }
        System.out.printf(Locale.ROOT, "Lanczos-4 normalised kernel: largest first moment %.4f input px%n", moment);
        double lanczos = worstCentreError(ResampleMethod.LANCZOS4, 0.5, 1);
        double rebin = worstCentreError(ResampleMethod.FLUX_CONSERVING, 0.5, 1);
        // a grid pixel is 0.97..1.4 detector pixels wide over the three chips
        assertTrue(lanczos <= 1.05 * moment, "Lanczos " + lanczos + " vs first moment " + moment);
        assertTrue(rebin < 0.02, "flux-conserving " + rebin);
    }

    @Test
    void fluxConservingRebinKeepsIntegratedLineFluxToATenthOfAPercent() throws DrpException {
        List<Line> lines = ChipScene.linesPerChip(0.35, 25);
        Truth truth = new Truth(50, lines);
        List<Spectra> chips = ChipScene.observe(2, truth, true, null, 0);
        ResampledSpectra rebin = Resample.exposure(chips, GRID,
                ResampleParams.defaults().withMethod(ResampleMethod.FLUX_CONSERVING), 1);
        ResampledSpectra lanczos = Resample.exposure(chips, GRID, ResampleParams.defaults(), 1);
        double worstRebin = 0;
        double worstLanczos = 0;
        for (int f = 0; f < 2; f++) {
            for (Line l : lines) {
                double lo = l.centre() - 8 * l.sigma();
                double hi = l.centre() + 8 * l.sigma();
                worstRebin = Math.max(worstRebin, Math.abs(lineFlux(rebin, f, 50, lo, hi) / l.area() - 1));
                worstLanczos = Math.max(worstLanczos, Math.abs(lineFlux(lanczos, f, 50, lo, hi) / l.area() - 1));
            }
        }
        System.out.printf(Locale.ROOT, "integrated line flux vs truth (sigma 0.35 A, about 1.1 input px): "
                + "flux-conserving %.2e, Lanczos %.2e (largest relative error)%n", worstRebin, worstLanczos);
        assertTrue(worstRebin < 1e-3, "flux-conserving: " + worstRebin);
    }

    @Test
    void propagatedVarianceMatchesTheScatterOfNoiseRealisations() throws DrpException {
        int realisations = 400;
        SplittableRandom r = new SplittableRandom(11);
        double[] sigma = new double[3 * ChipScene.PIXELS];
        for (int k = 0; k < sigma.length; k++) {
            sigma[k] = 0.5 + 1.5 * r.nextDouble();
        }
        List<Spectra> chips = ChipScene.observe(realisations, new Truth(100, List.of()), false, sigma, 12);
        double sd = Math.sqrt(2.0 / realisations);
        for (ResampleMethod m : ResampleMethod.values()) {
            ResampledSpectra out = Resample.exposure(chips, GRID, ResampleParams.defaults().withMethod(m), 2);
            Spectra s = out.spectra();
            double sumRatio = 0;
            double worst = 0;
            int tested = 0;
            for (int i = 0; i < GRID.count(); i += 37) {
                if (s.ivar()[s.index(0, i)] == 0) {
                    continue;
                }
                double pull2 = 0; // the truth is 100 everywhere; each fibre has its own weights (slit curve)
                for (int f = 0; f < realisations; f++) {
                    double d = s.flux()[s.index(f, i)] - 100;
                    pull2 += d * d * s.ivar()[s.index(f, i)];
                }
                double ratio = pull2 / realisations;
                sumRatio += ratio;
                worst = Math.max(worst, Math.abs(ratio - 1) / sd);
                tested++;
            }
            double meanRatio = sumRatio / tested;
            System.out.printf(Locale.ROOT, "%s: %d output pixels x %d realisations: mean(pull^2) = "
                    + "%.4f (MC sd of the mean %.4f), worst pixel %.2f MC sd%n", m, tested, realisations, meanRatio,
                    sd / Math.sqrt(tested), worst);
            assertTrue(tested > 150, "enough covered pixels: " + tested);
            assertEquals(1, meanRatio, 4 * sd / Math.sqrt(tested), m + ": mean variance ratio");
            assertTrue(worst < 5, m + ": a pixel's variance ratio is " + worst + " MC sd off");
        }
    }

    @Test
    void badPixelsAndOtherChipsNeverReachAnOutputPixel() throws DrpException {
        List<Spectra> chips = ChipScene.observe(1, new Truth(10, List.of()), false, null, 0);
        // each chip its own constant, so a kernel reaching across a chip gap would show in the flux
        float[] level = {10, 1000, 100000};
        SplittableRandom r = new SplittableRandom(3);
        List<Spectra> marked = new ArrayList<>();
        int badCount = 0;
        for (int c = 0; c < 3; c++) {
            Spectra s = chips.get(c);
            float[] flux = s.flux().clone();
            float[] ivar = s.ivar().clone();
            int[] mask = s.mask().clone();
            java.util.Arrays.fill(flux, level[c]);
            for (int x = 0; x < ChipScene.PIXELS; x++) {
                double u = r.nextDouble();
                if (u < 0.02) {
                    flux[x] = 1e9f;
                    mask[x] = PixelFlag.HOT_PIXEL.value();
                    badCount++;
                } else if (u < 0.03) {
                    flux[x] = Float.NaN;
                    badCount++;
                } else if (u < 0.04) {
                    flux[x] = -1e9f;
                    ivar[x] = 0;
                    badCount++;
                } else if (u < 0.05) {
                    mask[x] = PixelFlag.PARTIAL_SATURATION.value(); // informational: used, and its flag carried
                }
            }
            marked.add(Spectra.of(1, ChipScene.PIXELS, flux, ivar, mask, s.wavelength().orElseThrow()));
        }
        for (ResampleMethod m : ResampleMethod.values()) {
            ResampledSpectra out = Resample.fibre(marked, 0, GRID, ResampleParams.defaults().withMethod(m));
            Spectra s = out.spectra();
            int covered = 0;
            int hotFlagged = 0;
            int carried = 0;
            for (int i = 0; i < GRID.count(); i++) {
                double lambda = GRID.wavelength(i);
                int chip = lambda > 16440 ? 0 : lambda > 15830 ? 1 : 2;
                int mk = s.mask()[i];
                if (s.ivar()[i] > 0) {
                    covered++;
                    assertEquals(level[chip], s.flux()[i], 1e-3 * level[chip], m + " pixel " + i + " at " + lambda);
                    assertFalse((mk & (NOT_COVERED | PixelFlag.HOT_PIXEL.value())) != 0);
                    carried += (mk & PixelFlag.PARTIAL_SATURATION.value()) != 0 ? 1 : 0;
                } else {
                    assertEquals(0f, s.flux()[i]);
                    assertTrue((mk & NOT_COVERED) != 0);
                    hotFlagged += (mk & PixelFlag.HOT_PIXEL.value()) != 0 ? 1 : 0;
                }
            }
            System.out.printf(Locale.ROOT, "%s with %d of 6144 input pixels bad: %d of 8700 output pixels covered, "
                    + "%d uncovered ones name HOT_PIXEL, %d carry PARTIAL_SATURATION%n", m, badCount, covered,
                    hotFlagged, carried);
            assertTrue(hotFlagged > 0 && carried > 0);
            assertTrue(covered > 5000, "most of the chips' range stays covered: " + covered);
        }
    }

    @Test
    void chipGapsAreNotCovered() throws DrpException {
        List<Spectra> chips = ChipScene.observe(1, new Truth(10, List.of()), false, null, 0);
        double[][] range = new double[3][];
        for (int c = 0; c < 3; c++) {
            double[] l = chips.get(c).wavelength().orElseThrow();
            range[c] = new double[] {l[l.length - 1], l[0]}; // decreasing with x
        }
        for (ResampleMethod m : ResampleMethod.values()) {
            Spectra s = Resample.fibre(chips, 0, GRID, ResampleParams.defaults().withMethod(m)).spectra();
            int gapPixels = 0;
            for (int i = 0; i < GRID.count(); i++) {
                double lambda = GRID.wavelength(i);
                // beyond a chip's outermost pixel centre by more than half an input pixel (at most 0.34 A) and
                // half an output pixel, nothing can reach (rebinning's pixel edges)
                double reach = 0.5 * 0.34 + 0.5 * (GRID.wavelength(i + 1.0) - lambda);
                boolean inChip = false;
                for (double[] r : range) {
                    inChip |= lambda >= r[0] - reach && lambda <= r[1] + reach;
                }
                if (!inChip) {
                    gapPixels++;
                    assertEquals(0f, s.ivar()[i], m + " pixel " + i + " at " + lambda + " A is in a gap");
                    assertEquals(NOT_COVERED, s.mask()[i]);
                }
            }
            assertTrue(gapPixels > 800, "gap pixels " + gapPixels);
        }
    }

    @Test
    void outputWavelengthsEqualToInputPixelsTakeThosePixelsExactly() throws DrpException {
        int first = 1000;
        int n = 3000;
        double[] lambda = new double[n];
        float[] flux = new float[n];
        float[] ivar = new float[n];
        SplittableRandom r = new SplittableRandom(8);
        for (int x = 0; x < n; x++) {
            lambda[x] = GRID.wavelength(first + n - 1 - x); // decreasing, on the grid exactly
            flux[x] = (float) (100 + 10 * r.nextGaussian());
            ivar[x] = (float) (0.5 + r.nextDouble());
        }
        Spectra chip = Spectra.of(1, n, flux, ivar, new int[n], lambda);
        for (ResampleMethod m : new ResampleMethod[] {ResampleMethod.LANCZOS4}) {
            ResampledSpectra out = Resample.fibre(List.of(chip), 0, GRID, ResampleParams.defaults().withMethod(m));
            assertEquals(n, out.coveredPixels(), "every exact hit is kept");
            for (int x = 0; x < n; x++) {
                int i = first + n - 1 - x;
                assertEquals(flux[x], out.spectra().flux()[i]);
                assertEquals(ivar[x], out.spectra().ivar()[i], 1e-6 * ivar[x]);
            }
        }
    }

    @Test
    void fibresWithoutUsableDataGiveIvarZeroAndNotCoveredWithoutNaN() throws DrpException {
        List<Spectra> chips = ChipScene.observe(4, new Truth(10, List.of()), false, null, 0);
        List<Spectra> broken = new ArrayList<>();
        for (Spectra s : chips) {
            float[] flux = s.flux().clone();
            float[] ivar = s.ivar().clone();
            double[] lambda = s.wavelength().orElseThrow().clone();
            int px = s.pixels();
            for (int x = 0; x < px; x++) {
                ivar[x] = 0; // fibre 0: no information
                flux[px + x] = Float.NaN; // fibre 1: NaN flux
                lambda[2 * px + x] = 9000 + x; // fibre 2: off the grid
            }
            broken.add(Spectra.of(4, px, flux, ivar, s.mask(), lambda));
        }
        for (ResampleMethod m : ResampleMethod.values()) {
            ResampledSpectra out = Resample.exposure(broken, GRID, ResampleParams.defaults().withMethod(m), 2);
            assertEquals(3, out.emptyFibres(), out.toString());
            Spectra s = out.spectra();
            for (int f = 0; f < 3; f++) {
                for (int i = 0; i < GRID.count(); i++) {
                    int k = s.index(f, i);
                    assertEquals(0f, s.flux()[k]);
                    assertEquals(0f, s.ivar()[k]);
                    assertTrue((s.mask()[k] & NOT_COVERED) != 0);
                }
            }
            for (int k = 0; k < s.flux().length; k++) {
                assertTrue(Float.isFinite(s.flux()[k]) && Float.isFinite(s.ivar()[k]));
            }
        }
    }

    @Test
    void resultIsIdenticalForOneTwoAndThreeWorkers() throws DrpException {
        SplittableRandom r = new SplittableRandom(5);
        double[] sigma = new double[3 * ChipScene.PIXELS];
        for (int k = 0; k < sigma.length; k++) {
            sigma[k] = 1 + r.nextDouble();
        }
        List<Spectra> chips = ChipScene.observe(37, new Truth(100, ChipScene.linesPerChip(0.4, 30)), false, sigma, 6);
        for (ResampleMethod m : ResampleMethod.values()) {
            ResampleParams p = ResampleParams.defaults().withMethod(m);
            ResampledSpectra one = Resample.exposure(chips, GRID, p, 1);
            for (int w : new int[] {2, 3}) {
                ResampledSpectra many = Resample.exposure(chips, GRID, p, w);
                assertArrayEquals(one.spectra().flux(), many.spectra().flux());
                assertArrayEquals(one.spectra().ivar(), many.spectra().ivar());
                assertArrayEquals(one.spectra().mask(), many.spectra().mask());
                assertEquals(one.toString(), many.toString());
            }
            ResampledSpectra single = Resample.fibre(chips, 20, GRID, p);
            float[] row = one.spectra().fluxOf(20);
            assertArrayEquals(row, single.spectra().fluxOf(0));
        }
    }

    @Test
    void wavelengthsThatAreNotMonotonicLeaveTheChipOut() throws DrpException {
        List<Spectra> chips = ChipScene.observe(2, new Truth(10, List.of()), false, null, 0);
        Spectra a = chips.get(0);
        double[] lambda = a.wavelength().orElseThrow().clone();
        lambda[ChipScene.PIXELS + 700] = lambda[ChipScene.PIXELS + 690]; // fibre 1: a fold
        List<Spectra> folded = List.of(Spectra.of(2, a.pixels(), a.flux(), a.ivar(), a.mask(), lambda),
                chips.get(1), chips.get(2));
        ResampledSpectra out = Resample.exposure(folded, GRID, ResampleParams.defaults(), 1);
        assertEquals(1, out.unusableChips());
        Spectra s = out.spectra();
        int i = (int) Math.round(GRID.pixelOf(16700));
        assertTrue(s.ivar()[s.index(0, i)] > 0);
        assertEquals(0f, s.ivar()[s.index(1, i)]);
        assertTrue(out.toString().contains("1 chips with unusable wavelengths"), out.toString());
    }

    @Test
    void chipsWithoutWavelengthsOrWithOtherFibreCountsAreRefused() {
        List<Spectra> chips = ChipScene.observe(2, new Truth(10, List.of()), false, null, 0);
        Spectra bare = Spectra.zeros(2, 100);
        DrpException e = assertThrows(DrpException.class, () -> Resample.exposure(List.of(chips.get(0), bare),
                GRID, ResampleParams.defaults(), 1));
        assertEquals(ResampleErrorCode.RESAMPLE_NO_WAVELENGTH, e.code());
        Spectra three = Spectra.zeros(3, 100).withWavelength(new double[300]);
        e = assertThrows(DrpException.class, () -> Resample.exposure(List.of(chips.get(0), three), GRID,
                ResampleParams.defaults(), 1));
        assertEquals(ResampleErrorCode.RESAMPLE_SHAPE_MISMATCH, e.code());
        e = assertThrows(DrpException.class, () -> Resample.fibre(chips, 2, GRID, ResampleParams.defaults()));
        assertEquals(ResampleErrorCode.RESAMPLE_SHAPE_MISMATCH, e.code());
    }

    @Test
    void lanczosWeightsFromTheAngleSumEqualTheKernelsDefinition() {
        double[] wt = new double[8];
        for (double u : new double[] {1e-9, 0.1, 0.25, 0.5, 0.77, 0.999999}) {
            LanczosKernel.weights(u, wt);
            for (int q = 0; q < 8; q++) {
                assertEquals(LanczosKernel.lanczos(u + 3 - q), wt[q], 1e-9, "u " + u + " tap " + q);
            }
        }
        assertEquals(1, LanczosKernel.lanczos(0));
        assertEquals(0, LanczosKernel.lanczos(4.5));
    }
}
