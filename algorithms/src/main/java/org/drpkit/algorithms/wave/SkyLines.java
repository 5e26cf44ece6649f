package org.drpkit.algorithms.wave;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.lines.LineList;

/**
 * Sky (OH) emission lines of one chip of one science spectrum, found where a reference solution puts them: the
 * list's lines that fall on the chip and stand alone (no neighbour of at least {@link Params#blendRatio()} of their
 * intensity within {@link Params#isolation()} Angstrom, so a fitted centre is the line's and not a blend's) are
 * expected at the reference solution's column of their wavelength; the spectrum's peaks ({@link ArcPeaks}: pixel-
 * integrated Gaussians on a linear background, errors from the ivar) are matched to them by
 * {@link LineIdentification} (a global shift search of up to {@link Params#maxShift()} columns, then a linear map),
 * so an exposure dithered or flexed by a few columns is still identified. A stellar spectrum under the sky adds
 * peaks, but its absorption lines rarely make one that sits where an OH line is expected.
 *
 * <pre>{@code
 * LineList oh = LineListFiles.readSky(Path.of("../shared/data/apogee/APOGEE_lines.csv"));   // io-fits
 * SkyLines.Result s = SkyLines.find(2, flux, ivar, nightly, oh, SkyLines.Params.defaults());
 * s;            // SkyLines.Result[chip 2: 29 of 29 lines found, ... peaks, shift +0.50 columns]
 * s.lines();    // ChipLines for DitherFit
 * }</pre>
 *
 * Pure function: no state, thread-safe, deterministic.
 */
public final class SkyLines {

    private SkyLines() {
    }

    /**
     * @param peaks      peak finding and fitting
     * @param maxShift   largest shift against the reference searched, columns
     * @param tolerance  a peak within this many columns of a line's expected place (after the shift) matches it
     * @param isolation  a line with a neighbour this close (Angstrom) ...
     * @param blendRatio ... of at least this fraction of its intensity is not used
     * @param minIntensity lines fainter than this fraction of the chip's brightest are not searched
     * @param edge       columns at each end of the chip where no line is expected
     * @param columns    light-sensitive columns from column 0 (2048 on APOGEE; a spectrum may carry more, such as the
     *                   512 columns of the reference array, where no line is expected)
     */
    public record Params(ArcPeaks.Params peaks, double maxShift, double tolerance, double isolation, double blendRatio,
            double minIntensity, int edge, int columns) {

        /** Checks ranges. */
        public Params {
            Objects.requireNonNull(peaks, "peaks");
            if (!(maxShift >= 0) || !(tolerance > 0) || !(isolation >= 0) || !(blendRatio > 0) || !(minIntensity >= 0)
                    || edge < 0 || columns < 2 * edge + 2) {
                throw new IllegalArgumentException("sky-line parameters out of range: " + this);
            }
        }

        /**
         * @return default peaks, shifts up to 3 columns, 0.5-column tolerance, no neighbour of a tenth of the
         *         intensity within 1.2 A (about four columns), lines down to 1 % of the brightest, 16-column edges
         *         of APOGEE's 2048 light-sensitive columns
         */
        public static Params defaults() {
            return new Params(ArcPeaks.Params.defaults(), 3, 0.5, 1.2, 0.1, 0.01, 16, 2048);
        }

        /** @return these parameters with another largest shift, columns */
        public Params withMaxShift(double s) {
            return new Params(peaks, s, tolerance, isolation, blendRatio, minIntensity, edge, columns);
        }
    }

    /**
     * @param chip      CHIPNUM
     * @param searched  wavelengths of the lines searched, Angstrom
     * @param expected  their columns in the reference solution
     * @param peaks     the spectrum's fitted peaks
     * @param id        which peak is which searched line
     * @param lines     the identified lines (centre, error, wavelength), for {@link DitherFit}
     * @param flux      the identified lines' fitted fluxes, data units x columns, in the order of {@code lines}
     * @param fluxError their 1-sigma errors
     */
    public record Result(int chip, double[] searched, double[] expected, ArcPeaks.Result peaks,
            LineIdentification.Result id, ChipLines lines, double[] flux, double[] fluxError) {

        /** Copies the arrays. */
        public Result {
            searched = searched.clone();
            expected = expected.clone();
            flux = flux.clone();
            fluxError = fluxError.clone();
        }

        @Override
        public double[] searched() {
            return searched.clone();
        }

        @Override
        public double[] expected() {
            return expected.clone();
        }

        @Override
        public double[] flux() {
            return flux.clone();
        }

        @Override
        public double[] fluxError() {
            return fluxError.clone();
        }

        /** @return lines identified */
        public int found() {
            return lines.size();
        }

        @Override
        public String toString() {
            return String.format("SkyLines.Result[chip %d: %d of %d lines found, %d peaks, shift %+.2f columns]", chip,
                    found(), searched.length, peaks.peaks().size(), id.shift());
        }
    }

    /**
     * @param chip      CHIPNUM of the spectrum
     * @param flux      the spectrum, data units per column
     * @param ivar      its inverse variance (0 for a bad pixel), or null to estimate the noise from the data
     * @param reference the reference solution of this fibre and chip
     * @param lines     the sky-line list (any range: the chip's lines are taken)
     * @param p         parameters
     * @return the identified lines
     * @throws DrpException from {@link ArcPeaks#find} (too few good pixels)
     */
    public static Result find(int chip, double[] flux, double[] ivar, ChipWavelength reference, LineList lines,
            Params p) throws DrpException {
        int n = Math.min(flux.length, p.columns());
        double a = reference.wavelength(p.edge());
        double b = reference.wavelength(n - 1 - p.edge());
        LineList on = lines.between(Math.min(a, b) - p.isolation(), Math.max(a, b) + p.isolation());
        double[] lw = on.wavelength();
        double[] li = on.intensity();
        double brightest = 0;
        for (int i = 0; i < lw.length; i++) {
            if (lw[i] >= Math.min(a, b) && lw[i] <= Math.max(a, b)) {
                brightest = Math.max(brightest, li[i]);
            }
        }
        List<double[]> keep = new ArrayList<>();
        for (int i = 0; i < lw.length; i++) {
            if (lw[i] < Math.min(a, b) || lw[i] > Math.max(a, b) || li[i] < p.minIntensity() * brightest
                    || li[i] <= 0) {
                continue;
            }
            boolean alone = true;
            for (int j = 0; j < lw.length && alone; j++) {
                alone = j == i || Math.abs(lw[j] - lw[i]) > p.isolation() || li[j] < p.blendRatio() * li[i];
            }
            if (alone) {
                keep.add(new double[] {lw[i], reference.column(lw[i])});
            }
        }
        double[] searched = keep.stream().mapToDouble(r -> r[0]).toArray();
        double[] expected = keep.stream().mapToDouble(r -> r[1]).toArray();
        ArcPeaks.Result peaks = ArcPeaks.find(flux, ivar, p.peaks());
        LineIdentification.Result id = LineIdentification.identify(peaks.centres(), peaks.centreErrors(), expected,
                new LineIdentification.Params(p.maxShift(), 0.05, 0, 0, p.tolerance(), 1, reference.middle()));
        int[] of = id.peakOf();
        List<LinePeak> at = new ArrayList<>();
        List<Double> lam = new ArrayList<>();
        for (int l = 0; l < of.length; l++) {
            if (of[l] >= 0 && Double.isFinite(peaks.peaks().get(of[l]).centreError())) {
                at.add(peaks.peaks().get(of[l]));
                lam.add(searched[l]);
            }
        }
        ChipLines found = new ChipLines(chip, at.stream().mapToDouble(LinePeak::centre).toArray(),
                at.stream().mapToDouble(q -> Math.max(q.centreError(), 1e-6)).toArray(),
                lam.stream().mapToDouble(Double::doubleValue).toArray());
        return new Result(chip, searched, expected, peaks, id, found,
                at.stream().mapToDouble(LinePeak::flux).toArray(), at.stream().mapToDouble(LinePeak::fluxError)
                        .toArray());
    }
}
