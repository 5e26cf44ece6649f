package org.drpkit.cli.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.drpkit.algorithms.calib.CalibFlag;
import org.drpkit.algorithms.wave.ArcCalibration;
import org.drpkit.algorithms.wave.ArcPeaks;
import org.drpkit.algorithms.wave.ChipWavelength;
import org.drpkit.algorithms.wave.FabryPerot;
import org.drpkit.algorithms.wave.FibreWavelengths;
import org.drpkit.algorithms.wave.WavelengthFit;
import org.drpkit.algorithms.sim.WavelengthModel;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Spectra;
import org.drpkit.instruments.apogee.ApogeeChip;

/**
 * The demo night's etalon step: each chip's extracted Fabry-Perot exposure is gathered with the chip's arc-lamp
 * solutions, then one cavity (L, eps) is fitted for the three chips together with one polynomial per fibre and chip
 * ({@link FabryPerot#fit}); the result is compared with the simulator's cavity and true wavelengths, and the arc
 * solutions are checked against it (the arc-minus-FPI figure of the wavelength issue). Not thread-safe: one per night.
 *
 * <pre>{@code
 * NightEtalon etalon = new NightEtalon();
 * etalon.add(ApogeeChip.R, traces.fibres(), fpiSpectra, arcWavelengths, regularised, scene.wavelength());
 * ...                                   // the other chips
 * NightEtalon.Result r = etalon.fit();  // r.lengthError() against Scene.ETALON_LENGTH
 * }</pre>
 */
public final class NightEtalon {

    private record ChipInput(ApogeeChip chip, int[] fibres, int[] row, ChipWavelength[] arc, double[][] arcRange,
            WavelengthModel truth, int columns) {
    }

    private final List<ChipInput> chips = new ArrayList<>();
    private final List<FabryPerot.Fibre> fibres = new ArrayList<>();

    /**
     * The etalon and arc of one chip, every fibre with an arc solution (others are left out and counted).
     *
     * @param fibres      the fibre of each row
     * @param fpi         the etalon exposure's extracted spectra, DN/read
     * @param arc         the arc-lamp solution of each row
     * @param regularised the arc solutions written (regularised across the slit), for the cross-check
     * @param truth       the true wavelength of every fibre and column
     */
    void add(ApogeeChip chip, int[] fibres, Spectra fpi, FibreWavelengths arc, ChipWavelength[] regularised,
            WavelengthModel truth) throws DrpException {
        int[] row = new int[fibres.length];
        double[][] range = new double[fibres.length][];
        for (int k = 0; k < fibres.length; k++) {
            row[k] = -1;
            if (arc.solution(k).isEmpty()) {
                continue;
            }
            ArcCalibration.ChipResult a = arc.solution(k).get();
            double[] flux = new double[fpi.pixels()];
            double[] ivar = new double[fpi.pixels()];
            for (int x = 0; x < flux.length; x++) {
                int i = fpi.index(k, x);
                float f = fpi.flux()[i];
                boolean good = (fpi.mask()[i] & CalibFlag.BAD_BITS) == 0 && Float.isFinite(f);
                flux[x] = good ? f : 0;
                ivar[x] = good ? fpi.ivar()[i] : 0;
            }
            ArcPeaks.Result peaks = ArcPeaks.find(flux, ivar, ArcPeaks.Params.defaults());
            row[k] = this.fibres.size();
            this.fibres.add(FabryPerot.Fibre.of(peaks, a));
            range[k] = usedRange(a);
        }
        chips.add(new ChipInput(chip, fibres.clone(), row, regularised, range, truth, fpi.pixels()));
    }

    private static double[] usedRange(ArcCalibration.ChipResult a) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        boolean[] used = a.fit().used();
        double[] x = a.centres();
        for (int i = 0; i < x.length; i++) {
            if (used[i]) {
                lo = Math.min(lo, x[i]);
                hi = Math.max(hi, x[i]);
            }
        }
        return new double[] {lo, hi};
    }

    /**
     * One chip's check.
     *
     * @param fibres          fibres in the joint fit
     * @param fpiVsTruth      per fitted fibre, rms of the etalon solution against the true wavelengths between its
     *                        outermost etalon peaks, Angstrom
     * @param arcMinusFpi     per fitted fibre, rms of the written arc solution against the etalon solution between the
     *                        arc's outermost used lines, Angstrom
     * @param lambda          a wavelength of the chip (its middle), Angstrom, for m/s
     */
    public record ChipCheck(int fibres, double[] fpiVsTruth, double[] arcMinusFpi, double lambda) {

        /** @return the median of {@code v} */
        public double median(double[] v) {
            return RobustStats.median(v);
        }

        /** @return the largest of {@code v} */
        public double worst(double[] v) {
            return Arrays.stream(v).max().orElse(Double.NaN);
        }

        /** @return a wavelength difference at this chip as a velocity, m/s */
        public double ms(double angstrom) {
            return WavelengthFit.C_METRES_PER_SECOND * angstrom / lambda;
        }

        @Override
        public String toString() {
            return String.format("%d fibres; etalon solution vs truth median %.5f A (%.1f m/s), worst %.5f A "
                    + "(%.1f m/s); arc minus etalon median %.5f A (%.1f m/s)", fibres, median(fpiVsTruth),
                    ms(median(fpiVsTruth)), worst(fpiVsTruth), ms(worst(fpiVsTruth)), median(arcMinusFpi),
                    ms(median(arcMinusFpi)));
        }
    }

    /**
     * The night's etalon solution against the truth.
     *
     * @param fit       the joint fit
     * @param chips     each chip's check
     * @param solutions each chip's solution per row: the etalon's, or the arc's (regularised) for a row left out
     */
    public record Result(FabryPerot.Result fit, Map<ApogeeChip, ChipCheck> chips,
            Map<ApogeeChip, ChipWavelength[]> solutions) {

        /** @return fitted minus true cavity length over the true length */
        public double relativeLengthError() {
            return (fit.cavity().length() - Scene.ETALON_LENGTH) / Scene.ETALON_LENGTH;
        }

        @Override
        public String toString() {
            FabryPerot.Cavity c = fit.cavity();
            return String.format("cavity L %.2f +- %.2f A (true %.2f: %+.2e relative, %.1f quoted errors), eps %.5f "
                    + "+- %.5f (true %.3f); %d etalon peaks in %d fibre-chips, chi2/dof %.2f", c.length(),
                    c.lengthError(), Scene.ETALON_LENGTH, relativeLengthError(),
                    (c.length() - Scene.ETALON_LENGTH) / c.lengthError(), c.phase(), c.phaseError(),
                    Scene.ETALON_PHASE, fit.peaksUsed(), fit.solutions().length, fit.reducedChi2());
        }
    }

    /**
     * @return the joint fit from the spec's nominal APO cavity and its checks
     * @throws DrpException when the fit fails (too few lines, no convergence)
     */
    Result fit() throws DrpException {
        FabryPerot.Result r = FabryPerot.fit(fibres, FabryPerot.Cavity.apo(), 3);
        Map<ApogeeChip, ChipCheck> out = new EnumMap<>(ApogeeChip.class);
        Map<ApogeeChip, ChipWavelength[]> solutions = new EnumMap<>(ApogeeChip.class);
        for (ChipInput c : chips) {
            ChipWavelength[] best = c.arc().clone();
            for (int k = 0; k < best.length; k++) {
                if (c.row()[k] >= 0) {
                    best[k] = r.solution(c.row()[k]);
                }
            }
            solutions.put(c.chip(), best);
            List<Double> vsTruth = new ArrayList<>();
            List<Double> arcMinus = new ArrayList<>();
            for (int k = 0; k < c.fibres().length; k++) {
                if (c.row()[k] < 0) {
                    continue;
                }
                ChipWavelength s = r.solution(c.row()[k]);
                int fibre = c.fibres()[k];
                double[] px = fibres.get(c.row()[k]).peakX();
                vsTruth.add(rms(s, x -> c.truth().wavelength(fibre, x), Arrays.stream(px).min().orElse(0),
                        Arrays.stream(px).max().orElse(-1)));
                ChipWavelength a = c.arc()[k];
                arcMinus.add(rms(s, a::wavelength, c.arcRange()[k][0], c.arcRange()[k][1]));
            }
            int mid = c.fibres()[c.fibres().length / 2];
            out.put(c.chip(), new ChipCheck(vsTruth.size(), vsTruth.stream().mapToDouble(Double::doubleValue)
                    .toArray(), arcMinus.stream().mapToDouble(Double::doubleValue).toArray(),
                    c.truth().wavelength(mid, (c.columns() - 1) / 2.0)));
        }
        return new Result(r, out, solutions);
    }

    private static double rms(ChipWavelength s, java.util.function.DoubleUnaryOperator other, double lo, double hi) {
        double ss = 0;
        int n = 0;
        for (int x = (int) Math.ceil(lo); x <= hi; x++) {
            double d = s.wavelength(x) - other.applyAsDouble(x);
            ss += d * d;
            n++;
        }
        return n > 0 ? Math.sqrt(ss / n) : Double.NaN;
    }
}
