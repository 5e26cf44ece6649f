package org.drpkit.algorithms.wave;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;

/**
 * What the sky fibres of one chip of an exposure say about the sky: its spectrum (the median of the sky fibres, each
 * interpolated linearly in wavelength onto the reference fibre's columns with its own solution, so the slit's curve
 * does not blur the lines) and its flux across the field of view, one row per sky fibre: the OH-line flux relative
 * to the other sky fibres (each line's fitted flux over the median of that line in every sky fibre that found it,
 * combined as an inverse-variance weighted mean over the lines found in at least half of the fibres, then divided by
 * the median over fibres) and the continuum (the median of the fibre's spectrum over the chip, data units). A fibre
 * whose relative flux differs from 1 by more than its error sees a brighter sky, or has a throughput the fibre flat
 * has not removed; joined with the plug map's positions, the rows are the sky-flux pattern over the field. It works
 * on one chip's extracted spectra from the OH lines' fits; {@code algorithms.flux.SkyFlux} brings the sky fibres onto
 * one flux scale on the resampled grid (the whole spectrum, with connector-block terms) for fluxing.
 *
 * <pre>{@code
 * SkyLineFlux.Result s = SkyLineFlux.measure(skyFibres);   // one SkyLineFlux.Fibre per sky fibre of the chip
 * s.rows().get(0);       // SkyLineFlux.Row[fibre 300: line flux 1.0116 +- 0.0030 of the median (30 lines), continuum 5.257]
 * s.wavelength(); s.flux();   // the sky spectrum on the reference fibre's columns
 * }</pre>
 *
 * Pure function: no state, thread-safe, deterministic.
 */
public final class SkyLineFlux {

    private SkyLineFlux() {
    }

    /**
     * One sky fibre of the chip.
     *
     * @param fibre    fibre number
     * @param flux     its spectrum, data units per column; not modified
     * @param ivar     inverse variance per column (0 for a bad pixel); not modified
     * @param solution its wavelength solution for this exposure (e.g. after {@link SkyTweak})
     * @param lines    its sky lines ({@link SkyLines#find})
     */
    public record Fibre(int fibre, double[] flux, double[] ivar, ChipWavelength solution, SkyLines.Result lines) {

        /** Checks shapes. */
        public Fibre {
            Objects.requireNonNull(solution, "solution");
            Objects.requireNonNull(lines, "lines");
            if (flux.length != ivar.length) {
                throw new IllegalArgumentException(flux.length + " flux values, " + ivar.length + " ivar values");
            }
        }
    }

    /**
     * One sky fibre's row of the table.
     *
     * @param fibre          fibre number
     * @param lineFlux       OH-line flux relative to the median sky fibre
     * @param lineFluxError  its 1-sigma error (from the fitted line fluxes)
     * @param lines          lines that entered it
     * @param continuum      median of the spectrum over the chip, data units per column
     */
    public record Row(int fibre, double lineFlux, double lineFluxError, int lines, double continuum) {

        @Override
        public String toString() {
            return String.format("SkyLineFlux.Row[fibre %d: line flux %.4f +- %.4f of the median (%d lines), continuum"
                    + " %.4g]", fibre, lineFlux, lineFluxError, lines, continuum);
        }
    }

    /**
     * @param rows           one per sky fibre, in the order given
     * @param referenceFibre the fibre whose columns the sky spectrum is on
     * @param wavelength     the sky spectrum's wavelengths, Angstrom, per column of the reference fibre
     * @param flux           the sky spectrum (median over the sky fibres), data units per column
     * @param ivar           its inverse variance ((pi/2) times the mean variance over the fibres, divided by their
     *                       number); 0 where fewer than half of the fibres cover the column
     */
    public record Result(List<Row> rows, int referenceFibre, double[] wavelength, double[] flux, double[] ivar) {

        /** Copies the list. */
        public Result {
            rows = List.copyOf(rows);
        }

        @Override
        public String toString() {
            double[] r = rows.stream().mapToDouble(Row::lineFlux).filter(Double::isFinite).sorted().toArray();
            return String.format("SkyLineFlux.Result[%d sky fibres, line flux %.3f..%.3f of the median, spectrum on fibre"
                    + " %d's %d columns]", rows.size(), r.length == 0 ? Double.NaN : r[0],
                    r.length == 0 ? Double.NaN : r[r.length - 1], referenceFibre, wavelength.length);
        }
    }

    /**
     * @param fibres the chip's sky fibres (at least 2), all with spectra of one length
     * @return the table and the sky spectrum
     * @throws DrpException {@code WAVE_SHAPE_MISMATCH} for fewer than 2 fibres or spectra of different lengths
     */
    public static Result measure(List<Fibre> fibres) throws DrpException {
        int nf = fibres.size();
        if (nf < 2) {
            throw new DrpException(WaveErrorCode.WAVE_SHAPE_MISMATCH, Location.NOWHERE, nf + " sky fibres: at least"
                    + " 2 are needed");
        }
        int n = fibres.get(0).flux().length;
        for (Fibre f : fibres) {
            if (f.flux().length != n) {
                throw new DrpException(WaveErrorCode.WAVE_SHAPE_MISMATCH, Location.NOWHERE, "fibre " + f.fibre()
                        + " has " + f.flux().length + " columns, fibre " + fibres.get(0).fibre() + " " + n);
            }
        }
        // each line's median flux over the fibres that found it
        Map<Double, List<Double>> byLine = new TreeMap<>();
        for (Fibre f : fibres) {
            double[] lam = f.lines().lines().lambda();
            double[] fl = f.lines().flux();
            for (int i = 0; i < lam.length; i++) {
                byLine.computeIfAbsent(lam[i], k -> new ArrayList<>()).add(fl[i]);
            }
        }
        Map<Double, Double> median = new TreeMap<>();
        for (Map.Entry<Double, List<Double>> e : byLine.entrySet()) {
            if (2 * e.getValue().size() >= nf) {
                double m = RobustStats.median(e.getValue().stream().mapToDouble(Double::doubleValue).toArray());
                if (m > 0) {
                    median.put(e.getKey(), m);
                }
            }
        }
        double[] rel = new double[nf];
        double[] err = new double[nf];
        int[] used = new int[nf];
        for (int k = 0; k < nf; k++) {
            SkyLines.Result s = fibres.get(k).lines();
            double[] lam = s.lines().lambda();
            double[] lf = s.flux();
            double[] le = s.fluxError();
            double sw = 0;
            double swr = 0;
            for (int i = 0; i < lam.length; i++) {
                Double m = median.get(lam[i]);
                double e = le[i] / (m == null ? 1 : m);
                if (m == null || !(e > 0) || !Double.isFinite(e)) {
                    continue;
                }
                sw += 1 / (e * e);
                swr += lf[i] / m / (e * e);
                used[k]++;
            }
            rel[k] = sw > 0 ? swr / sw : Double.NaN;
            err[k] = sw > 0 ? 1 / Math.sqrt(sw) : Double.NaN;
        }
        double norm = RobustStats.median(Arrays.stream(rel).filter(Double::isFinite).toArray());
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < nf; k++) {
            Fibre f = fibres.get(k);
            double[] good = new double[n];
            int g = 0;
            for (int x = 0; x < n; x++) {
                if (f.ivar()[x] > 0 && Double.isFinite(f.flux()[x])) {
                    good[g++] = f.flux()[x];
                }
            }
            rows.add(new Row(f.fibre(), rel[k] / norm, err[k] / norm, used[k],
                    g == 0 ? Double.NaN : RobustStats.median(Arrays.copyOf(good, g))));
        }
        // the sky spectrum on the columns of the fibre in the middle of the list
        Fibre ref = fibres.get(nf / 2);
        double[] wave = ref.solution().wavelengths(n);
        double[] sky = new double[n];
        double[] skyIvar = new double[n];
        double[][] values = new double[n][nf];
        double[][] vars = new double[n][nf];
        int[] count = new int[n];
        for (Fibre f : fibres) {
            double[] fw = f.solution().wavelengths(n);
            boolean increasing = fw[n - 1] > fw[0];
            for (int x = 0; x < n; x++) {
                double p = position(fw, wave[x], increasing);
                int i = (int) Math.floor(p);
                if (!(p >= 0) || i >= n - 1) {
                    continue;
                }
                double t = p - i;
                if (!(f.ivar()[i] > 0) || !(f.ivar()[i + 1] > 0)) {
                    continue;
                }
                values[x][count[x]] = (1 - t) * f.flux()[i] + t * f.flux()[i + 1];
                vars[x][count[x]] = (1 - t) * (1 - t) / f.ivar()[i] + t * t / f.ivar()[i + 1];
                count[x]++;
            }
        }
        for (int x = 0; x < n; x++) {
            if (2 * count[x] < nf || count[x] == 0) {
                sky[x] = Double.NaN;
                continue;
            }
            sky[x] = RobustStats.median(Arrays.copyOf(values[x], count[x]));
            double mv = 0;
            for (int j = 0; j < count[x]; j++) {
                mv += vars[x][j];
            }
            mv /= count[x];
            skyIvar[x] = count[x] / (Math.PI / 2 * mv);
        }
        return new Result(rows, ref.fibre(), wave, sky, skyIvar);
    }

    /** @return the fractional index where the monotonic wavelengths w reach lambda, NaN outside */
    private static double position(double[] w, double lambda, boolean increasing) {
        int lo = 0;
        int hi = w.length - 1;
        if (increasing ? lambda < w[lo] || lambda > w[hi] : lambda > w[lo] || lambda < w[hi]) {
            return Double.NaN;
        }
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (increasing ? w[mid] <= lambda : w[mid] >= lambda) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo + (lambda - w[lo]) / (w[hi] - w[lo]);
    }
}
