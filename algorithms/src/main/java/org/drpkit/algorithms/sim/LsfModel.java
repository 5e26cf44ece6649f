package org.drpkit.algorithms.sim;

import java.util.Arrays;

/**
 * The simulator's line-spread function, known truth: a Gauss-Hermite profile along x (sigma, h3, h4) per fibre and
 * chip region, constant within a region. Region r of {@code regions} covers columns
 * {@code [r * columns / regions, (r + 1) * columns / regions)}, the regions {@code LineSpread} measures.
 *
 * <pre>{@code
 * LsfModel lsf = LsfModel.varying(model.fibres(), chip.width(), 4, 1.3, 0.04, 0.03);
 * lsf.sigma(0, 2);          // rms-parameter of the first fibre's LSF in the third region, px
 * lsf.regionOf(700.4);      // the region of a column
 * }</pre>
 *
 * @param fibres  fibre number of each row (the spectrograph model's order)
 * @param columns chip width
 * @param regions regions per fibre
 * @param sigma   Gaussian sigma of the LSF, px along x, at {@code i * regions + r}
 * @param h3      He3 coefficient, same layout
 * @param h4      He4 coefficient, same layout
 */
public record LsfModel(int[] fibres, int columns, int regions, double[] sigma, double[] h3, double[] h4) {

    /** Checks shapes and values; copies the arrays. */
    public LsfModel {
        fibres = fibres.clone();
        sigma = sigma.clone();
        h3 = h3.clone();
        h4 = h4.clone();
        int n = fibres.length * regions;
        if (regions < 1 || columns < regions || sigma.length != n || h3.length != n || h4.length != n) {
            throw new IllegalArgumentException("LSF truth needs " + fibres.length + " x " + regions + " values");
        }
        for (int k = 0; k < n; k++) {
            if (!(sigma[k] > 0) || !Double.isFinite(sigma[k] + h3[k] + h4[k])) {
                throw new IllegalArgumentException("bad LSF at " + k + ": " + sigma[k] + ", " + h3[k] + ", " + h4[k]);
            }
        }
    }

    /**
     * An LSF that changes smoothly across the chip and the slit: with u from -1 to 1 over the region centres and
     * {@code v = (fibre - 150.5) / 149.5}, {@code sigma = sigma0 (1 + 0.12 u + 0.08 v^2)}, {@code h3 = h3 u} and
     * {@code h4 = h4 (1 + 0.5 v)}.
     */
    public static LsfModel varying(int[] fibres, int columns, int regions, double sigma0, double h3, double h4) {
        int n = fibres.length;
        double[] s = new double[n * regions];
        double[] a = new double[s.length];
        double[] b = new double[s.length];
        for (int i = 0; i < n; i++) {
            double v = (fibres[i] - 150.5) / 149.5;
            for (int r = 0; r < regions; r++) {
                double u = regions == 1 ? 0 : 2.0 * r / (regions - 1) - 1;
                s[i * regions + r] = sigma0 * (1 + 0.12 * u + 0.08 * v * v);
                a[i * regions + r] = h3 * u;
                b[i * regions + r] = h4 * (1 + 0.5 * v);
            }
        }
        return new LsfModel(fibres, columns, regions, s, a, b);
    }

    /** @return the same Gaussian LSF (h3 = h4 = 0) everywhere */
    public static LsfModel gaussian(int[] fibres, int columns, int regions, double sigma) {
        double[] s = new double[fibres.length * regions];
        Arrays.fill(s, sigma);
        return new LsfModel(fibres, columns, regions, s, new double[s.length], new double[s.length]);
    }

    /** @return the region of column x (clamped to the chip) */
    public int regionOf(double x) {
        int r = (int) Math.floor(x * regions / columns);
        return Math.max(0, Math.min(regions - 1, r));
    }

    /** @return sigma of row i in region r, px */
    public double sigma(int i, int r) {
        return sigma[i * regions + r];
    }

    /** @return h3 of row i in region r */
    public double h3(int i, int r) {
        return h3[i * regions + r];
    }

    /** @return h4 of row i in region r */
    public double h4(int i, int r) {
        return h4[i * regions + r];
    }

    @Override
    public double[] sigma() {
        return sigma.clone();
    }

    @Override
    public double[] h3() {
        return h3.clone();
    }

    @Override
    public double[] h4() {
        return h4.clone();
    }

    @Override
    public int[] fibres() {
        return fibres.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LsfModel m && Arrays.equals(m.fibres, fibres) && m.columns == columns
                && m.regions == regions && Arrays.equals(m.sigma, sigma) && Arrays.equals(m.h3, h3)
                && Arrays.equals(m.h4, h4);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sigma) + 31 * Arrays.hashCode(h4);
    }

    @Override
    public String toString() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double s : sigma) {
            lo = Math.min(lo, s);
            hi = Math.max(hi, s);
        }
        return String.format("LsfModel[%d fibres x %d regions, sigma %.3f..%.3f px]", fibres.length, regions, lo, hi);
    }
}
