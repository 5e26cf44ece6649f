package org.drpkit.algorithms.flux;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.drpkit.algorithms.resample.LogGrid;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.image.Spectra;

/**
 * One physical flux number per exposure, and per night, from standards of known H magnitude: the zero point
 * {@code ZP = H + 2.5 log10(counts)}, with {@code counts} a standard's sky-subtracted flux (median over the band's
 * grid pixels) in the relatively fluxed spectra, so that a spectrum's flux in DN/read per pixel times
 * {@link Scale#fluxPerCount()} is its flux density in erg/s/cm^2/A.
 *
 * <p>This is a grey calibration: one number for the whole H band, from the 2MASS H zero point
 * ({@link #H_ZERO_POINT}, for a spectrum flat in F_lambda across the band); no colour term, no telluric absorption
 * and no change of dispersion along the chips (the relative fluxing's unit is per pixel). Standards whose zero point
 * lies more than 3 robust sigmas (and 0.05 mag) from the median are left out; the exposure's zero point is the mean
 * of the rest, its error their scatter over the square root of their number.
 *
 * <pre>{@code
 * SkyScale sky = SkyFlux.fit(resampled, fibres, skyRows, SkyFluxParams.defaults());
 * Spectra fluxed = sky.apply(resampled);
 * StandardFlux.Scale s = StandardFlux.fit(fluxed, grid, standardRows, hMagnitudes, sky.sky());
 * s.fluxPerCount();   // erg/s/cm^2/A per DN/read per pixel
 * }</pre>
 */
public final class StandardFlux {

    /** H-band flux density of magnitude 0, erg/s/cm^2/A (2MASS H, Cohen, Wheaton and Megeath 2003). */
    public static final double H_ZERO_POINT = 1.133e-10;
    /** The band whose median flux is taken, Angstrom (the APOGEE chips' span). */
    public static final double BAND_MIN = 15100;
    /** Upper end of the band, Angstrom. */
    public static final double BAND_MAX = 16950;

    private StandardFlux() {
    }

    /**
     * One exposure's flux scale.
     *
     * @param zeroPoint      H magnitude that gives 1 DN/read per pixel in the relatively fluxed spectra
     * @param zeroPointError its 1-sigma error, mag
     * @param rows           the standard rows given
     * @param perStandard    each standard's zero point, mag (NaN without usable pixels)
     * @param used           whether each was used
     */
    public record Scale(double zeroPoint, double zeroPointError, int[] rows, double[] perStandard, boolean[] used) {
        /** @return erg/s/cm^2/A of one DN/read per pixel: {@code H_ZERO_POINT 10^(-0.4 zeroPoint)} */
        public double fluxPerCount() {
            return H_ZERO_POINT * Math.pow(10, -0.4 * zeroPoint);
        }

        /** @return the relative 1-sigma error of {@link #fluxPerCount()} */
        public double fluxPerCountRelativeError() {
            return 0.4 * Math.log(10) * zeroPointError;
        }

        @Override
        public String toString() {
            int n = 0;
            for (boolean u : used) {
                n += u ? 1 : 0;
            }
            return String.format(Locale.ROOT, "StandardFlux.Scale[zero point H = %.4f +- %.4f mag from %d of %d "
                    + "standards: 1 DN/read per pixel = %.4e erg/s/cm^2/A +- %.2f%%]", zeroPoint, zeroPointError, n,
                    rows.length, fluxPerCount(), 100 * fluxPerCountRelativeError());
        }
    }

    /**
     * A night's flux scale from its exposures' scales.
     *
     * @param zeroPoint   mean zero point over the exposures, mag
     * @param error       its 1-sigma error (the exposures' errors combined)
     * @param rms         rms of the exposures' zero points about the mean, mag: the night's flux stability
     * @param exposures   exposures combined
     */
    public record Night(double zeroPoint, double error, double rms, int exposures) {
        /** @return erg/s/cm^2/A of one DN/read per pixel */
        public double fluxPerCount() {
            return H_ZERO_POINT * Math.pow(10, -0.4 * zeroPoint);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "StandardFlux.Night[zero point H = %.4f +- %.4f mag over %d exposures "
                    + "(rms %.4f mag, %.2f%% in flux): 1 DN/read per pixel = %.4e erg/s/cm^2/A]", zeroPoint, error,
                    exposures, rms, 100 * 0.4 * Math.log(10) * rms, fluxPerCount());
        }
    }

    /**
     * @param fluxed       relatively fluxed spectra of one exposure on {@code grid}; not modified
     * @param grid         their grid
     * @param rows         the standards' rows
     * @param hMagnitudes  their H magnitudes
     * @param sky          the sky per grid pixel on the same scale ({@link SkyScale#sky()}), or null for none
     * @return the exposure's scale
     * @throws DrpException {@code FLUX_SHAPE_MISMATCH} for rows or magnitudes that do not fit;
     *                      {@code FLUX_TOO_FEW_REFERENCES} when no standard has usable pixels in the band
     */
    public static Scale fit(Spectra fluxed, LogGrid grid, int[] rows, double[] hMagnitudes, float[] sky)
            throws DrpException {
        int px = fluxed.pixels();
        if (px != grid.count() || rows.length != hMagnitudes.length || (sky != null && sky.length != px)) {
            throw new DrpException(FluxErrorCode.FLUX_SHAPE_MISMATCH, Location.NOWHERE, "spectra of " + px
                    + " px on a grid of " + grid.count() + ", " + rows.length + " standard rows with "
                    + hMagnitudes.length + " magnitudes" + (sky == null ? "" : ", sky of " + sky.length + " px"));
        }
        int x0 = Math.max(0, (int) Math.ceil(grid.pixelOf(BAND_MIN)));
        int x1 = Math.min(px, (int) Math.floor(grid.pixelOf(BAND_MAX)) + 1);
        double[] zp = new double[rows.length];
        boolean[] used = new boolean[rows.length];
        float[] buf = new float[Math.max(1, x1 - x0)];
        float[] scratch = new float[buf.length];
        for (int q = 0; q < rows.length; q++) {
            if (rows[q] < 0 || rows[q] >= fluxed.fibres()) {
                throw new DrpException(FluxErrorCode.FLUX_SHAPE_MISMATCH, Location.NOWHERE, "standard row " + rows[q]
                        + " is not among the " + fluxed.fibres() + " rows");
            }
            int k = 0;
            for (int x = x0; x < x1; x++) {
                int j = rows[q] * px + x;
                float iv = fluxed.ivar()[j];
                if (iv > 0 && Float.isFinite(iv) && Float.isFinite(fluxed.flux()[j])
                        && (sky == null || Float.isFinite(sky[x]))) {
                    buf[k++] = fluxed.flux()[j] - (sky == null ? 0 : sky[x]);
                }
            }
            double counts = k == 0 ? Double.NaN : RobustStats.median(buf, 0, k, scratch);
            zp[q] = counts > 0 && Double.isFinite(hMagnitudes[q]) ? hMagnitudes[q] + 2.5 * Math.log10(counts)
                    : Double.NaN;
            used[q] = Double.isFinite(zp[q]);
        }
        double[] good = Arrays.stream(zp).filter(Double::isFinite).toArray();
        if (good.length == 0) {
            throw new DrpException(FluxErrorCode.FLUX_TOO_FEW_REFERENCES, Location.NOWHERE, "none of the "
                    + rows.length + " standards has a positive sky-subtracted flux in " + BAND_MIN + ".." + BAND_MAX
                    + " A and a finite magnitude");
        }
        double med = RobustStats.median(good);
        double[] dev = Arrays.stream(good).map(v -> Math.abs(v - med)).toArray();
        double limit = Math.max(0.05, 3 * RobustStats.SIGMA_PER_MAD * RobustStats.median(dev));
        double sum = 0;
        int n = 0;
        for (int q = 0; q < zp.length; q++) {
            used[q] = used[q] && Math.abs(zp[q] - med) <= limit;
            if (used[q]) {
                sum += zp[q];
                n++;
            }
        }
        double mean = sum / n;
        double var = 0;
        for (int q = 0; q < zp.length; q++) {
            if (used[q]) {
                var += (zp[q] - mean) * (zp[q] - mean);
            }
        }
        double error = n > 1 ? Math.sqrt(var / (n - 1) / n) : Double.NaN;
        return new Scale(mean, error, rows.clone(), zp, used);
    }

    /**
     * @param exposures the night's exposure scales
     * @return their mean zero point (weighted by the inverse squared errors where all are finite, else plain), its
     *         error and the rms across the night
     */
    public static Night night(List<Scale> exposures) {
        if (exposures.isEmpty()) {
            throw new IllegalArgumentException("no exposure scale");
        }
        boolean weighted = exposures.stream().allMatch(s -> s.zeroPointError() > 0);
        double sw = 0;
        double swz = 0;
        for (Scale s : exposures) {
            double w = weighted ? 1 / (s.zeroPointError() * s.zeroPointError()) : 1;
            sw += w;
            swz += w * s.zeroPoint();
        }
        double mean = swz / sw;
        double rms = 0;
        for (Scale s : exposures) {
            rms += (s.zeroPoint() - mean) * (s.zeroPoint() - mean) / exposures.size();
        }
        double error = weighted ? 1 / Math.sqrt(sw) : Math.sqrt(rms / exposures.size());
        return new Night(mean, error, Math.sqrt(rms), exposures.size());
    }
}
