package org.drpkit.algorithms.wave;

import java.util.Arrays;

/**
 * Identified lines of one chip of one spectrum: where each was found and its known wavelength. The input of the
 * fits that tie several chips or exposures together ({@link MultiChipFit}, {@link DitherFit}).
 *
 * <pre>{@code
 * ChipLines g = ChipLines.of(arcResult);   // from an arc solution's identified lines
 * new ChipLines(2, new double[] {100.2, 900.7}, new double[] {0.01, 0.02}, new double[] {16400.1, 16180.3});
 * }</pre>
 *
 * @param chip   CHIPNUM (1 red, 2 green, 3 blue)
 * @param x      line centres, columns (0-based)
 * @param sigmaX their 1-sigma errors, columns (positive)
 * @param lambda their vacuum wavelengths, Angstrom
 */
public record ChipLines(int chip, double[] x, double[] sigmaX, double[] lambda) {

    /** Checks the chip, the lengths and the values; copies the arrays. */
    public ChipLines {
        if (chip < 1 || chip > 3) {
            throw new IllegalArgumentException("CHIPNUM is 1, 2 or 3, not " + chip);
        }
        if (x.length != sigmaX.length || x.length != lambda.length) {
            throw new IllegalArgumentException(x.length + " centres, " + sigmaX.length + " errors, " + lambda.length
                    + " wavelengths");
        }
        x = x.clone();
        sigmaX = sigmaX.clone();
        lambda = lambda.clone();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !(sigmaX[i] > 0) || !Double.isFinite(sigmaX[i]) || !(lambda[i] > 0)) {
                throw new IllegalArgumentException("line " + i + ": x " + x[i] + ", error " + sigmaX[i]
                        + ", wavelength " + lambda[i]);
            }
        }
    }

    /** @return the identified lines an arc solution used (its clipped lines left out) */
    public static ChipLines of(ArcCalibration.ChipResult arc) {
        boolean[] used = arc.fit().used();
        double[] cx = arc.centres();
        double[] cs = arc.centreErrors();
        int n = 0;
        for (boolean u : used) {
            n += u ? 1 : 0;
        }
        double[] x = new double[n];
        double[] s = new double[n];
        double[] l = new double[n];
        int j = 0;
        for (int i = 0; i < used.length; i++) {
            if (used[i]) {
                x[j] = cx[i];
                s[j] = Math.max(cs[i], 1e-6);
                l[j++] = arc.found().get(i).wavelength();
            }
        }
        return new ChipLines(arc.chip(), x, s, l);
    }

    /** @return number of lines */
    public int size() {
        return x.length;
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] sigmaX() {
        return sigmaX.clone();
    }

    @Override
    public double[] lambda() {
        return lambda.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChipLines c && c.chip == chip && Arrays.equals(c.x, x) && Arrays.equals(c.sigmaX, sigmaX)
                && Arrays.equals(c.lambda, lambda);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(x) * 31 + chip;
    }

    @Override
    public String toString() {
        return "ChipLines[chip " + chip + ", " + x.length + " lines]";
    }
}
