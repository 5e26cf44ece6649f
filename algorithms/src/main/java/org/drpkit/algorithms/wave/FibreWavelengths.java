package org.drpkit.algorithms.wave;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.drpkit.algorithms.concurrent.BlockWorkers;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Spectra;
import org.drpkit.core.lines.ArcLine;

/**
 * Arc-lamp wavelength solutions of every fibre of one chip ({@link ArcCalibration} per spectrum row), on a fixed
 * number of workers; the result is the same for any worker count. A fibre whose solution cannot be made (no light,
 * too few lines) is kept with the reason, not dropped.
 *
 * <pre>{@code
 * FibreWavelengths w = FibreWavelengths.solve(2, arcSpectra, CalibFlag.BAD_BITS, une, ArcCalibration.Params
 *         .defaults().withDegree(3), 2);
 * w;                           // FibreWavelengths[chip 2: 71 of 72 fibres solved, median rms 0.0030 A (55 m/s) ...]
 * w.solution(10).orElseThrow().fit().solution().wavelength(300);
 * }</pre>
 */
public final class FibreWavelengths {

    private final int chip;
    private final ArcCalibration.ChipResult[] results;
    private final String[] failures;

    private FibreWavelengths(int chip, ArcCalibration.ChipResult[] results, String[] failures) {
        this.chip = chip;
        this.results = results;
        this.failures = failures;
    }

    /**
     * @param chip     CHIPNUM (1 red, 2 green, 3 blue)
     * @param spectra  extracted arc spectra, one row per fibre, columns of the chip
     * @param badBits  mask bits that exclude a pixel
     * @param lines    the arc line list
     * @param p        parameters
     * @param workers  worker threads (at least 1)
     * @return one solution (or failure) per row
     * @throws DrpException never for a single fibre's failure; only from the workers' machinery
     */
    public static FibreWavelengths solve(int chip, Spectra spectra, int badBits, List<ArcLine> lines,
            ArcCalibration.Params p, int workers) throws DrpException {
        Objects.requireNonNull(lines, "lines");
        int n = spectra.fibres();
        int w = spectra.pixels();
        float[] flux = spectra.flux();
        float[] ivar = spectra.ivar();
        int[] mask = spectra.mask();
        ArcCalibration.ChipResult[] out = new ArcCalibration.ChipResult[n];
        String[] why = new String[n];
        BlockWorkers.run(workers, n, null, () -> null, (state, k) -> {
            double[] f = new double[w];
            double[] iv = new double[w];
            for (int x = 0; x < w; x++) {
                int i = spectra.index(k, x);
                f[x] = flux[i];
                iv[x] = (mask[i] & badBits) == 0 && Float.isFinite(flux[i]) ? ivar[i] : 0;
            }
            try {
                out[k] = ArcCalibration.solve(chip, f, iv, lines, p);
            } catch (DrpException e) {
                why[k] = e.getMessage();
            }
        });
        return new FibreWavelengths(chip, out, why);
    }

    /** @return CHIPNUM */
    public int chip() {
        return chip;
    }

    /** @return number of rows */
    public int count() {
        return results.length;
    }

    /** @return the solution of row k, empty when it failed */
    public Optional<ArcCalibration.ChipResult> solution(int k) {
        return Optional.ofNullable(results[k]);
    }

    /** @return why row k has no solution, empty when it has one */
    public Optional<String> failure(int k) {
        return Optional.ofNullable(failures[k]);
    }

    /** @return the rows solved */
    public List<Integer> solved() {
        List<Integer> s = new ArrayList<>();
        for (int k = 0; k < results.length; k++) {
            if (results[k] != null) {
                s.add(k);
            }
        }
        return s;
    }

    /**
     * The solutions regularised across the slit: each polynomial coefficient is fitted, over the solved rows, with a
     * polynomial of degree {@code degree} in the fibre number, and every row gets the smooth model's coefficients
     * (also a row that had no solution of its own: it sits between fibres that have one). All coefficients are fitted
     * over the same rows, so the model is the least-squares smoothing of the wavelength curves themselves; rows are
     * rejected whole, in rounds, when their curve's rms distance from the model between the lines (the median first
     * and last line used) exceeds
     * {@value #REGULARISE_CLIP} robust scales (1.4826 times the median distance). Clipping each coefficient on its
     * own, as an earlier version did, mixed coefficients from different sets of fibres; their errors are strongly
     * correlated (a line-centre error moves c0 and c2 together), so the mixture was up to six times worse than a
     * single fibre's solution on one demo chip. The optics change slowly along the slit, so this averages the
     * line-centre noise of many fibres; a fibre with its own real offset (a fibre connector moved) needs a per-fibre
     * term this model does not have.
     *
     * @param fibres fibre number of each row
     * @param degree degree in the fibre number (0..5)
     * @return one solution per row
     * @throws DrpException {@code WAVE_TOO_FEW_LINES} when fewer than degree + 2 rows are solved
     */
    public ChipWavelength[] regularised(int[] fibres, int degree) throws DrpException {
        if (fibres.length != results.length || degree < 0 || degree > 5) {
            throw new IllegalArgumentException(fibres.length + " fibre numbers for " + results.length
                    + " rows, degree " + degree);
        }
        ChipWavelength[] own = new ChipWavelength[results.length];
        List<Double> firsts = new ArrayList<>();
        List<Double> lasts = new ArrayList<>();
        for (int k = 0; k < own.length; k++) {
            if (results[k] == null) {
                continue;
            }
            own[k] = results[k].fit().solution();
            double[] range = results[k].usedRange();
            if (!Double.isNaN(range[0])) {
                firsts.add(range[0]);
                lasts.add(range[1]);
            }
        }
        double from = firsts.isEmpty() ? Double.NaN : RobustStats.median(firsts.stream().mapToDouble(d -> d).toArray());
        double to = lasts.isEmpty() ? Double.NaN : RobustStats.median(lasts.stream().mapToDouble(d -> d).toArray());
        return smoothAcrossSlit(own, fibres, degree, from, to);
    }

    /**
     * The smoothing of {@link #regularised} on its own: solutions of one polynomial basis (same degree, middle and
     * half-width), null for a row without one; a row's distance from the model is measured over columns
     * {@code from .. to}, where the lines constrain the solutions (their extrapolations would hide a real outlier
     * under their noise). NaN limits: the polynomial's whole range.
     */
    static ChipWavelength[] smoothAcrossSlit(ChipWavelength[] own, int[] fibres, int degree, double from, double to)
            throws DrpException {
        List<Integer> s = new ArrayList<>();
        for (int k = 0; k < own.length; k++) {
            if (own[k] != null) {
                s.add(k);
            }
        }
        if (s.size() < degree + 2) {
            throw new DrpException(WaveErrorCode.WAVE_TOO_FEW_LINES, org.drpkit.core.error.Location.NOWHERE,
                    s.size() + " fibres solved, too few for a degree " + degree + " model across the slit");
        }
        ChipWavelength first = own[s.get(0)];
        int nc = first.coeff().length;
        int m = s.size();
        double[] f = s.stream().mapToDouble(k -> fibres[k]).toArray();
        double lo = Arrays.stream(f).min().orElse(0);
        double hi = Arrays.stream(f).max().orElse(0);
        double mid = 0.5 * (lo + hi);
        double half = Math.max(1, 0.5 * (hi - lo));
        double[] v = Arrays.stream(f).map(q -> (q - mid) / half).toArray();
        double[][] y = new double[nc][m];
        for (int i = 0; i < m; i++) {
            double[] c = own[s.get(i)].coeff();
            for (int c0 = 0; c0 < nc; c0++) {
                y[c0][i] = c[c0];
            }
        }
        // the wavelength basis u^c at 17 columns spread over from..to (u = (x - middle) / halfWidth)
        double uFrom = Double.isNaN(from) || !(from < to) ? -1 : (from - first.middle()) / first.halfWidth();
        double uTo = Double.isNaN(from) || !(from < to) ? 1 : (to - first.middle()) / first.halfWidth();
        double[][] basis = new double[17][nc];
        for (int j = 0; j < basis.length; j++) {
            double u = uFrom + (uTo - uFrom) * j / (basis.length - 1);
            double p = 1;
            for (int c0 = 0; c0 < nc; c0++) {
                basis[j][c0] = p;
                p *= u;
            }
        }
        boolean[] keep = new boolean[m];
        Arrays.fill(keep, true);
        double[][] smooth = new double[nc][];
        for (int round = 0; round < 10; round++) {
            for (int c0 = 0; c0 < nc; c0++) {
                smooth[c0] = WavelengthFit.leastSquares(v, y[c0], null, keep, degree);
            }
            double[] dist = new double[m];
            double[] kept = new double[m];
            int nk = 0;
            for (int i = 0; i < m; i++) {
                double ss = 0;
                for (double[] b : basis) {
                    double d = 0;
                    for (int c0 = 0; c0 < nc; c0++) {
                        d += (y[c0][i] - poly(smooth[c0], v[i])) * b[c0];
                    }
                    ss += d * d;
                }
                dist[i] = Math.sqrt(ss / basis.length);
                if (keep[i]) {
                    kept[nk++] = dist[i];
                }
            }
            double scale = RobustStats.SIGMA_PER_MAD * RobustStats.median(Arrays.copyOf(kept, nk));
            boolean[] next = new boolean[m];
            int left = 0;
            for (int i = 0; i < m; i++) {
                next[i] = scale == 0 || dist[i] <= REGULARISE_CLIP * scale;
                left += next[i] ? 1 : 0;
            }
            if (left < degree + 2 || Arrays.equals(next, keep)) {
                break;
            }
            keep = next;
        }
        ChipWavelength[] out = new ChipWavelength[own.length];
        for (int k = 0; k < out.length; k++) {
            double vk = (fibres[k] - mid) / half;
            double[] a = new double[nc];
            for (int c0 = 0; c0 < nc; c0++) {
                a[c0] = poly(smooth[c0], vk);
            }
            out[k] = new ChipWavelength(a, first.middle(), first.halfWidth());
        }
        return out;
    }

    private static double poly(double[] c, double v) {
        double t = 0;
        for (int j = c.length - 1; j >= 0; j--) {
            t = t * v + c[j];
        }
        return t;
    }

    /** Clipping threshold of {@link #regularised}, robust sigmas. */
    public static final double REGULARISE_CLIP = 3;

    /** @return the median over solved rows of the residual rms, Angstrom (NaN when none is solved) */
    public double medianRms() {
        double[] r = solved().stream().mapToDouble(k -> results[k].fit().rms()).toArray();
        return r.length == 0 ? Double.NaN : RobustStats.median(r);
    }

    @Override
    public String toString() {
        List<Integer> s = solved();
        int[] used = s.stream().mapToInt(k -> results[k].linesUsed()).sorted().toArray();
        double lam = s.isEmpty() ? Double.NaN : results[s.get(0)].fit().meanWavelength();
        return String.format("FibreWavelengths[chip %d: %d of %d fibres solved, median rms %.4f A (%.0f m/s), lines"
                + " used %s]", chip, s.size(), results.length, medianRms(),
                WavelengthFit.C_METRES_PER_SECOND * medianRms() / lam,
                used.length == 0 ? "none" : used[0] + ".." + used[used.length - 1]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FibreWavelengths f && f.chip == chip && Arrays.equals(f.failures, failures)
                && Arrays.deepEquals(coefficients(f), coefficients(this));
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(coefficients(this));
    }

    private static double[][] coefficients(FibreWavelengths f) {
        double[][] c = new double[f.results.length][];
        for (int k = 0; k < c.length; k++) {
            c[k] = f.results[k] == null ? null : f.results[k].fit().solution().coeff();
        }
        return c;
    }
}
