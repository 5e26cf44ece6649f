package org.drpkit.algorithms.wave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.drpkit.algorithms.sim.WavelengthModel;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Spectra;
import org.drpkit.core.lines.LineList;
import org.junit.jupiter.api.Test;

/**
 * Science exposures whose sky lines are off the night's solution by a known amount: an OH-like sky (30 lines a chip,
 * intensities over two decades, the brightest 20000 DN/read, continuum 5 DN/read) and a star continuum (300 DN/read)
 * in every second fibre, photon and read noise. The night's solution is the simulator's truth; the sky as the
 * exposure sees it is moved in wavelength (a velocity, a constant offset) or in columns (a dither). The recovered move
 * must agree with the injected one within the fit's own error, checked by the pulls of ten fibres.
 */
class SkyTweakTest {

    private static final int FIBRES = 10;
    private static final double STAR = 300;

    /** Per fibre, the tweak of an exposure whose sky is {@code lines} of the catalogue moved as given. */
    private static List<SkyTweak.Result> tweak(UnaryOperator<WavelengthModel> moved, double velocity, double add,
            DitherFit.Params p, long seed) throws DrpException {
        SimChips s = new SimChips(FIBRES, seed);
        Spectra[] sp = new Spectra[3];
        LineList[] catalogue = new LineList[3];
        for (int c = 0; c < 3; c++) {
            catalogue[c] = s.sky(c, seed * 3 + c);
            sp[c] = s.observe(c, moved, SimChips.shifted(catalogue[c], velocity, add), 20000, 5, STAR, seed * 5 + c);
        }
        List<LineList> all = List.of(catalogue);
        LineList oh = merge(all);
        List<SkyTweak.Result> out = new ArrayList<>();
        for (int k = 0; k < FIBRES; k++) {
            List<SkyTweak.ChipSpectrum> chips = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                chips.add(new SkyTweak.ChipSpectrum(c + 1, SimChips.row(sp[c], k, false), SimChips.row(sp[c], k, true),
                        s.truth(c, k)));
            }
            out.add(SkyTweak.fibre(chips, oh, SkyLines.Params.defaults(), p));
        }
        return out;
    }

    static LineList merge(List<LineList> lists) {
        int n = lists.stream().mapToInt(LineList::size).sum();
        double[] w = new double[n];
        double[] f = new double[n];
        int j = 0;
        for (LineList l : lists) {
            System.arraycopy(l.wavelength(), 0, w, j, l.size());
            System.arraycopy(l.intensity(), 0, f, j, l.size());
            j += l.size();
        }
        return new LineList("OH-like", w, f);
    }

    /** Asserts every fibre's velocity within 4 of its errors of the truth and the pulls' rms; returns the pulls. */
    private static double[] assertVelocities(List<SkyTweak.Result> fits, double truth, String what) {
        double[] pull = new double[fits.size()];
        for (int k = 0; k < fits.size(); k++) {
            DitherFit.Result d = fits.get(k).dither();
            pull[k] = (d.velocity() - truth) / d.velocityError();
            assertTrue(Math.abs(pull[k]) < 4, what + ", row " + k + ": " + fits.get(k));
            assertTrue(d.velocityError() < 100, "tens of m/s from the sky of one fibre: " + d);
            for (SkyLines.Result r : fits.get(k).found()) {
                assertTrue(r.found() >= 0.8 * r.searched().length, "most sky lines found: " + r);
            }
        }
        System.out.printf("%s: %s; velocity pulls rms %.2f%n", what, fits.get(0), SimChips.rms(pull));
        assertTrue(SimChips.rms(pull) > 0.45 && SimChips.rms(pull) < 1.7, "errors say what they are: "
                + SimChips.rms(pull));
        return pull;
    }

    @Test
    void recoversASkyVelocityOfThreeHundredMetresPerSecond() throws DrpException {
        List<SkyTweak.Result> fits = tweak(w -> w, 300, 0, DitherFit.Params.shift(), 7);
        assertVelocities(fits, 300, "sky at +300 m/s");
    }

    @Test
    void recoversAFiveHundredthsOfAnAngstromOffsetWithAScale() throws DrpException {
        List<SkyTweak.Result> fits = tweak(w -> w, 0, 0.05, DitherFit.Params.shiftAndScale(), 8);
        // a constant 0.05 A is c 0.05 / lambda: the mean over each fit's lines
        double[] pull = new double[FIBRES];
        SimChips s = new SimChips(FIBRES, 8);
        for (int k = 0; k < FIBRES; k++) {
            SkyTweak.Result r = fits.get(k);
            double v = 0;
            int n = 0;
            for (SkyLines.Result f : r.found()) {
                for (double l : f.lines().lambda()) {
                    v += WavelengthFit.C_METRES_PER_SECOND * 0.05 / l;
                    n++;
                }
            }
            v /= n;
            pull[k] = (r.dither().velocity() - v) / r.dither().velocityError();
            assertTrue(Math.abs(pull[k]) < 4, "row " + k + ": expected " + v + " m/s, " + r);
            // the tweaked green solution against the exposure's truth over its lines: a line of the catalogue's
            // lambda falls where the night's solution has lambda + 0.05, so the exposure's is the night's - 0.05 A
            ChipWavelength g = r.tweaked().get(1);
            double[] xs = r.found().get(1).lines().x();
            boolean[] used = r.dither().used()[1];
            for (int i = 0; i < xs.length; i++) {
                if (!used[i]) {
                    continue;
                }
                double x = xs[i];
                double d = Math.abs(g.wavelength(x) - s.truth(1, k).wavelength(x) + 0.05);
                double u = Math.abs(x - 1023.5) / 1024;
                double bound = 4 * 0.29 * (r.dither().shiftError() + u * r.dither().scaleError()) + 0.001;
                assertTrue(d < bound, "row " + k + ": tweaked solution within " + bound + " A of the truth at column "
                        + x + ": " + d);
            }
        }
        System.out.printf("sky offset 0.05 A: %s; velocity pulls rms %.2f%n", fits.get(0), SimChips.rms(pull));
        assertTrue(SimChips.rms(pull) < 1.7, "errors say what they are: " + SimChips.rms(pull));
    }

    @Test
    void recoversAHalfColumnDitherFromTheSky() throws DrpException {
        List<SkyTweak.Result> fits = tweak(w -> w.moved(0.5, 0), 0, 0, DitherFit.Params.shift(), 9);
        double[] pull = new double[FIBRES];
        for (int k = 0; k < FIBRES; k++) {
            DitherFit.Result d = fits.get(k).dither();
            pull[k] = (d.shift() - 0.5) / d.shiftError();
            assertTrue(Math.abs(pull[k]) < 4, "row " + k + ": " + d);
        }
        System.out.printf("sky dithered 0.5 columns: %s; shift pulls rms %.2f%n", fits.get(0), SimChips.rms(pull));
        assertTrue(SimChips.rms(pull) > 0.45 && SimChips.rms(pull) < 1.7, "errors say what they are: "
                + SimChips.rms(pull));
    }
}
