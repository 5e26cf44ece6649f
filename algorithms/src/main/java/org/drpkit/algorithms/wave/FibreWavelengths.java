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
     * polynomial of degree {@code degree} in the fibre number, with rounds of clipping of rows beyond
     * {@value #REGULARISE_CLIP} robust sigmas (1.4826 MAD), and every row gets the smooth model's coefficients (also a
     * row that had no solution of its own: it sits between fibres that have one). The optics change slowly along the
     * slit, so this averages the line-centre noise of many fibres; a fibre with its own real offset (a fibre
     * connector moved) needs a per-fibre term this model does not have.
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
        List<Integer> s = solved();
        if (s.size() < degree + 2) {
            throw new DrpException(WaveErrorCode.WAVE_TOO_FEW_LINES, org.drpkit.core.error.Location.NOWHERE,
                    s.size() + " fibres solved, too few for a degree " + degree + " model across the slit");
        }
        ChipWavelength first = results[s.get(0)].fit().solution();
        int nc = first.coeff().length;
        double[] f = s.stream().mapToDouble(k -> fibres[k]).toArray();
        double mid = 0.5 * (Arrays.stream(f).min().orElse(0) + Arrays.stream(f).max().orElse(0));
        double half = Math.max(1, 0.5 * (Arrays.stream(f).max().orElse(0) - Arrays.stream(f).min().orElse(0)));
        double[][] smooth = new double[nc][];
        for (int c = 0; c < nc; c++) {
            int cc = c;
            double[] y = s.stream().mapToDouble(k -> results[k].fit().solution().coeff()[cc]).toArray();
            double[] v = Arrays.stream(f).map(q -> (q - mid) / half).toArray();
            smooth[c] = WavelengthFit.robustPolynomial(v, y, degree, REGULARISE_CLIP);
        }
        ChipWavelength[] out = new ChipWavelength[results.length];
        for (int k = 0; k < out.length; k++) {
            double v = (fibres[k] - mid) / half;
            double[] a = new double[nc];
            for (int c = 0; c < nc; c++) {
                double t = 0;
                for (int j = smooth[c].length - 1; j >= 0; j--) {
                    t = t * v + smooth[c][j];
                }
                a[c] = t;
            }
            out[k] = new ChipWavelength(a, first.middle(), first.halfWidth());
        }
        return out;
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
