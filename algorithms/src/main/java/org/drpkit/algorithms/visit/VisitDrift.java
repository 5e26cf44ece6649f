package org.drpkit.algorithms.visit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.drpkit.algorithms.resample.LogGrid;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Spectra;

/**
 * How each exposure of a visit moved against the others: its wavelength shift (m/s) and its flux scale, measured on
 * the common grid against the combination of the other exposures (leave one out, so an exposure is not compared with
 * itself).
 *
 * <p>Per fibre row, the exposure is fitted as {@code f(x) = a c(x) + b c'(x)} by weighted linear least squares (ivar
 * of the exposure), with {@code c} the reference and {@code c'} a derivative per grid pixel (central difference):
 * {@code a} is the flux scale, {@code -b / a} the shift in grid pixels (positive: the exposure's features sit at
 * longer wavelengths than the reference says). A derivative taken from the noisy reference itself would bias the
 * shift toward 0 (regression dilution: 0.6 of an injected shift on simulated stars of S/N 50 per pixel), so with three
 * or more exposures the others are split in two halves (alternately) and the fit uses instrumental variables: the
 * derivative of one half as the regressor and the other half's as its instrument, whose noises are independent.
 * With two exposures there is nothing to split and the plain fit is used (its shift biased toward 0). The exposure's
 * shift and scale are the inverse-variance weighted means over the rows given; the shift in m/s is the pixels times
 * the grid's velocity step. Valid for shifts well below a pixel (the first-order expansion); a row whose reference
 * has no structure gives a large error and little weight. Errors come from the exposure's ivar, scaled up by the
 * scatter of the rows' values about the mean ({@code sqrt(chi2 / (rows - 1))} when above 1), which takes in the
 * references' noise and anything else that differs from row to row.
 *
 * <pre>{@code
 * List<VisitDrift.Drift> d = VisitDrift.measure(exposureSpectra, LogGrid.apogee(), starRows, VisitParams.defaults(), 2);
 * d.get(1).velocity();   // m/s against the other exposures
 * }</pre>
 */
public final class VisitDrift {

    private VisitDrift() {
    }

    /**
     * One exposure's drift.
     *
     * @param exposure      index of the exposure
     * @param velocity      wavelength shift against the others, m/s
     * @param velocityError its 1-sigma error, m/s (from the ivar)
     * @param fluxScale     flux against the others (1: the same)
     * @param fluxError     its 1-sigma error
     * @param rows          rows that entered
     */
    public record Drift(int exposure, double velocity, double velocityError, double fluxScale, double fluxError,
            int rows) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "exposure %d: %+.1f +- %.1f m/s, flux x %.4f +- %.4f (%d rows)",
                    exposure, velocity, velocityError, fluxScale, fluxError, rows);
        }
    }

    /**
     * @param exposures the exposures on {@code grid} (at least 2), same rows; not modified
     * @param grid      their grid
     * @param rows      the rows to measure on (fibres with light; stars for velocities)
     * @param p         the combination's parameters for the references
     * @param workers   worker threads for the combinations
     * @return one drift per exposure, in order
     * @throws DrpException as {@link VisitCombine#combine(List, LogGrid, VisitParams, int)}
     */
    public static List<Drift> measure(List<Spectra> exposures, LogGrid grid, int[] rows, VisitParams p, int workers)
            throws DrpException {
        if (exposures.size() < 2) {
            throw new IllegalArgumentException("drifts need at least 2 exposures, not " + exposures.size());
        }
        List<Drift> out = new ArrayList<>();
        for (int e = 0; e < exposures.size(); e++) {
            List<Spectra> others = new ArrayList<>(exposures);
            others.remove(e);
            Spectra ref = VisitCombine.combine(others, grid, p, workers).spectra();
            Spectra regressor = ref;
            Spectra instrument = ref;
            if (others.size() >= 2) {
                List<Spectra> a = new ArrayList<>();
                List<Spectra> b = new ArrayList<>();
                for (int k = 0; k < others.size(); k++) {
                    (k % 2 == 0 ? a : b).add(others.get(k));
                }
                regressor = VisitCombine.combine(a, grid, p, workers).spectra();
                instrument = VisitCombine.combine(b, grid, p, workers).spectra();
            }
            out.add(against(e, exposures.get(e), ref, regressor, instrument, grid, rows, p.badBits()));
        }
        return out;
    }

    /**
     * Instrumental-variable fit of {@code f = a c + b d} with instruments {@code (c, e)}: {@code c} the reference,
     * {@code d} the regressor's central difference, {@code e} the instrument's.
     */
    static Drift against(int index, Spectra exp, Spectra ref, Spectra regressor, Spectra instrument, LogGrid grid,
            int[] rows, int badBits) {
        int px = grid.count();
        double swShift = 0;
        double swsShift = 0;
        double swScale = 0;
        double swsScale = 0;
        int used = 0;
        double[] rowShift = new double[rows.length];
        double[] rowVarShift = new double[rows.length];
        double[] rowScale = new double[rows.length];
        double[] rowVarScale = new double[rows.length];
        for (int row : rows) {
            if (row < 0 || row >= exp.fibres()) {
                throw new IllegalArgumentException("row " + row + " outside " + exp.fibres() + " rows");
            }
            // Z^T W X (rows: instruments c, e; columns: regressors c, d), Z^T W f and Z^T W Z
            double zcc = 0;
            double zcd = 0;
            double zec = 0;
            double zed = 0;
            double zcf = 0;
            double zef = 0;
            double zzcc = 0;
            double zzce = 0;
            double zzee = 0;
            int base = row * px;
            for (int x = 1; x < px - 1; x++) {
                int j = base + x;
                float w = exp.ivar()[j];
                if (!(w > 0) || !Float.isFinite(exp.flux()[j]) || (exp.mask()[j] & badBits) != 0
                        || !(ref.ivar()[j] > 0) || !covered(regressor, j) || !covered(instrument, j)) {
                    continue;
                }
                double c = ref.flux()[j];
                double d = 0.5 * (regressor.flux()[j + 1] - regressor.flux()[j - 1]);
                double e = 0.5 * (instrument.flux()[j + 1] - instrument.flux()[j - 1]);
                double f = exp.flux()[j];
                zcc += w * c * c;
                zcd += w * c * d;
                zec += w * e * c;
                zed += w * e * d;
                zcf += w * c * f;
                zef += w * e * f;
                zzcc += w * c * c;
                zzce += w * c * e;
                zzee += w * e * e;
            }
            // M = Z^T W X = [[zcc, zcd], [zec, zed]]; beta = M^-1 Z^T W f; cov = M^-1 (Z^T W Z) M^-T
            double det = zcc * zed - zcd * zec;
            if (!(Math.abs(det) > 0) || !(zcc > 0)) {
                continue;
            }
            double i00 = zed / det;
            double i01 = -zcd / det;
            double i10 = -zec / det;
            double i11 = zcc / det;
            double a = i00 * zcf + i01 * zef;
            double b = i10 * zcf + i11 * zef;
            if (!(a > 0)) {
                continue;
            }
            double varA = i00 * i00 * zzcc + 2 * i00 * i01 * zzce + i01 * i01 * zzee;
            double varB = i10 * i10 * zzcc + 2 * i10 * i11 * zzce + i11 * i11 * zzee;
            double shift = -b / a;
            double varShift = varB / (a * a);
            swShift += 1 / varShift;
            swsShift += shift / varShift;
            swScale += 1 / varA;
            swsScale += a / varA;
            rowShift[used] = shift;
            rowVarShift[used] = varShift;
            rowScale[used] = a;
            rowVarScale[used] = varA;
            used++;
        }
        double v = grid.kmPerSecondPerPixel() * 1000;
        if (used == 0 || !(swShift > 0)) {
            return new Drift(index, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double shift = swsShift / swShift;
        double scale = swsScale / swScale;
        // the errors from the exposure's ivar leave out the references' noise: scale them by the rows' scatter
        double chiShift = 0;
        double chiScale = 0;
        for (int r = 0; r < used; r++) {
            chiShift += (rowShift[r] - shift) * (rowShift[r] - shift) / rowVarShift[r];
            chiScale += (rowScale[r] - scale) * (rowScale[r] - scale) / rowVarScale[r];
        }
        double fShift = used > 1 ? Math.max(1, Math.sqrt(chiShift / (used - 1))) : 1;
        double fScale = used > 1 ? Math.max(1, Math.sqrt(chiScale / (used - 1))) : 1;
        return new Drift(index, v * shift, fShift * v / Math.sqrt(swShift), scale, fScale / Math.sqrt(swScale), used);
    }

    private static boolean covered(Spectra s, int j) {
        return s.ivar()[j - 1] > 0 && s.ivar()[j + 1] > 0;
    }
}
