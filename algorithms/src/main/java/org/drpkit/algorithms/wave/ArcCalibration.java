package org.drpkit.algorithms.wave;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.lines.ArcLine;

/**
 * The wavelength solution of one chip from an arc-lamp spectrum and an APOGEE arc line list: peaks are found and
 * fitted ({@link ArcPeaks}), identified with the list's lines from their XPIX columns with a global shift and stretch
 * search ({@link LineIdentification}), and a robust weighted polynomial is fitted to the identified lines
 * ({@link WavelengthFit}). By default only the lines the list marks USEWAVE = 1 are identified and fitted.
 *
 * <pre>{@code
 * List<ArcLine> une = LineListFiles.readArcLines(Path.of("../shared/data/apogee/UNe.vac.apogee"));
 * ArcCalibration.ChipResult g = ArcCalibration.solve(2, flux, null, une, ArcCalibration.Params.defaults());
 * g;   // ArcCalibration.ChipResult[chip 2: 65 of 73 lines found, 62 used, 3 rejected, rms 0.0352 A ...]
 * g.fit().solution().wavelength(1024);
 * }</pre>
 *
 * Pure function: no state, thread-safe, deterministic.
 */
public final class ArcCalibration {

    private ArcCalibration() {
    }

    /**
     * @param peaks          peak finding and fitting
     * @param identification line identification
     * @param degree         degree of the wavelength polynomial
     * @param useWaveOnly    only lines with USEWAVE = 1
     */
    public record Params(ArcPeaks.Params peaks, LineIdentification.Params identification, int degree,
            boolean useWaveOnly) {

        /** Checks the parts. */
        public Params {
            Objects.requireNonNull(peaks, "peaks");
            Objects.requireNonNull(identification, "identification");
            if (degree < 1 || degree > 6) {
                throw new IllegalArgumentException("degree must be 1..6, not " + degree);
            }
        }

        /** @return default peaks and identification, a quartic, USEWAVE lines only */
        public static Params defaults() {
            return new Params(ArcPeaks.Params.defaults(), LineIdentification.Params.defaults(), 4, true);
        }

        /** @return these parameters with another degree */
        public Params withDegree(int d) {
            return new Params(peaks, identification, d, useWaveOnly);
        }
    }

    /**
     * @param chip           the chip (CHIPNUM)
     * @param lines          the list's lines of this chip that were searched
     * @param peaks          the fitted peaks
     * @param identification which peak is which line
     * @param fit            the wavelength fit over the identified lines, in their order in {@link #found()}
     * @param found          the identified lines
     * @param centres        their fitted centres, columns
     * @param centreErrors   the centres' 1-sigma errors, columns
     */
    public record ChipResult(int chip, List<ArcLine> lines, ArcPeaks.Result peaks,
            LineIdentification.Result identification, WavelengthFit.Result fit, List<ArcLine> found,
            double[] centres, double[] centreErrors) {

        /** Copies the lists and the arrays. */
        public ChipResult {
            lines = List.copyOf(lines);
            found = List.copyOf(found);
            centres = centres.clone();
            centreErrors = centreErrors.clone();
        }

        @Override
        public double[] centres() {
            return centres.clone();
        }

        @Override
        public double[] centreErrors() {
            return centreErrors.clone();
        }

        /** @return lines identified */
        public int linesFound() {
            return found.size();
        }

        /** @return lines the fit used */
        public int linesUsed() {
            return fit.linesUsed();
        }

        /**
         * @return the columns of the first and last line the fit used, {@code {first, last}}: where the solution is
         *         constrained (outside, it extrapolates); NaNs when fewer than two lines were used
         */
        public double[] usedRange() {
            boolean[] used = fit.used();
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < centres.length; i++) {
                if (used[i]) {
                    lo = Math.min(lo, centres[i]);
                    hi = Math.max(hi, centres[i]);
                }
            }
            return lo < hi ? new double[] {lo, hi} : new double[] {Double.NaN, Double.NaN};
        }

        /** @return lines identified but clipped by the fit */
        public List<ArcLine> rejected() {
            List<ArcLine> out = new ArrayList<>();
            boolean[] used = fit.used();
            for (int i = 0; i < used.length; i++) {
                if (!used[i]) {
                    out.add(found.get(i));
                }
            }
            return out;
        }

        /** @return lines searched for but not identified */
        public List<ArcLine> missing() {
            List<ArcLine> out = new ArrayList<>(lines);
            out.removeAll(found);
            return out;
        }

        @Override
        public String toString() {
            return String.format("ArcCalibration.ChipResult[chip %d: %d of %d lines found, %d used, %d rejected,"
                    + " shift %+.2f columns, rms %.4f A (%.0f m/s), weighted rms %.4f A]", chip, linesFound(),
                    lines.size(), linesUsed(), found.size() - linesUsed(), identification.shift(), fit.rms(),
                    fit.rmsMetresPerSecond(), fit.weightedRms());
        }
    }

    /**
     * @param chip  CHIPNUM of the spectrum (1 red, 2 green, 3 blue)
     * @param flux  the arc spectrum of this chip, data units per column
     * @param ivar  its inverse variance, or null to estimate the noise from the data
     * @param lines an arc line list (any chips; this chip's lines are used)
     * @param p     parameters
     * @return the solution with its lines found, used and rejected
     * @throws DrpException from {@link ArcPeaks#find} and {@link WavelengthFit#fit}
     */
    public static ChipResult solve(int chip, double[] flux, double[] ivar, List<ArcLine> lines, Params p)
            throws DrpException {
        List<ArcLine> mine = lines.stream().filter(l -> l.chip() == chip && (l.useWave() || !p.useWaveOnly()))
                .toList();
        ArcPeaks.Result peaks = ArcPeaks.find(flux, ivar, p.peaks());
        double[] expected = mine.stream().mapToDouble(ArcLine::xpix).toArray();
        LineIdentification.Result id = LineIdentification.identify(peaks.centres(), peaks.centreErrors(), expected,
                p.identification());
        int[] of = id.peakOf();
        List<ArcLine> found = new ArrayList<>();
        List<LinePeak> at = new ArrayList<>();
        for (int l = 0; l < of.length; l++) {
            if (of[l] >= 0) {
                found.add(mine.get(l));
                at.add(peaks.peaks().get(of[l]));
            }
        }
        double[] x = at.stream().mapToDouble(LinePeak::centre).toArray();
        double[] sx = at.stream().mapToDouble(LinePeak::centreError).toArray();
        double[] lam = found.stream().mapToDouble(ArcLine::wavelength).toArray();
        WavelengthFit.Result fit = WavelengthFit.fit(x, lam, sx, p.degree());
        return new ChipResult(chip, mine, peaks, id, fit, found, x, sx);
    }
}
