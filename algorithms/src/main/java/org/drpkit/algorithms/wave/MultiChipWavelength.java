package org.drpkit.algorithms.wave;

import java.util.Arrays;
import org.drpkit.algorithms.stats.Polynomials;

/**
 * The spec's wavelength model of one fibre over the three chips (section 2.17): one polynomial
 * {@code lambda = sum_k a_k v^k} (Angstrom) in a coordinate v that runs across all three chips, each chip mapped into
 * it by an offset and a scale, {@code v = o_c + s_c u} with {@code u = (x - 1023.5) / 2048} (x the 0-based column).
 * The green chip (CHIPNUM 2) defines the coordinate: o = 0, s = 1. The red chip sits near v = -1.07 and the blue
 * near v = +1.0755 (APO; {@link #START_OFFSET_RED}, {@link #START_OFFSET_BLUE}). The spec's u uses 1-based columns
 * about 1024, i.e. the same coordinate moved by half a column.
 *
 * <p>Because the three chips share one polynomial, a chip with few lines (sky lines) borrows the shape of the
 * others; the per-chip view {@link #chip(int)} is the exact same function written as a {@link ChipWavelength}, so
 * everything that takes a chip's solution (resampling, {@link DitherFit}) takes this model too.
 *
 * <pre>{@code
 * MultiChipWavelength w = MultiChipFit.fit(List.of(red, green, blue), MultiChipFit.Params.sky()).model();
 * w.wavelength(1, 1000);        // red chip, column 1000, Angstrom
 * w.offset(1);                  // about -1.07
 * ChipWavelength b = w.chip(3); // the blue chip as a polynomial in (x - 1023.5) / 1024
 * }</pre>
 *
 * @param coeff  a_0..a_d, Angstrom
 * @param offset o_c of chips 1..3 at index c - 1 (index 1 is 0)
 * @param scale  s_c of chips 1..3 at index c - 1 (index 1 is 1)
 */
public record MultiChipWavelength(double[] coeff, double[] offset, double[] scale) {

    /** Starting offset of the red chip at APO (the spec's o_R). */
    public static final double START_OFFSET_RED = -1.070;
    /** Starting offset of the blue chip at APO (the spec's o_B). */
    public static final double START_OFFSET_BLUE = 1.0755;
    /** Columns per unit of u. */
    public static final double COLUMNS_PER_U = 2048;
    /** The column where u = 0. */
    public static final double MIDDLE = 1023.5;

    /** Checks the values and the green chip's identity map; copies the arrays. */
    public MultiChipWavelength {
        coeff = coeff.clone();
        offset = offset.clone();
        scale = scale.clone();
        if (coeff.length == 0 || offset.length != 3 || scale.length != 3
                || !Arrays.stream(coeff).allMatch(Double::isFinite) || !Arrays.stream(offset).allMatch(Double::isFinite)
                || !Arrays.stream(scale).allMatch(s -> s > 0 && Double.isFinite(s))) {
            throw new IllegalArgumentException("a multi-chip model needs finite coefficients, 3 offsets and 3 positive"
                    + " scales");
        }
        if (offset[1] != 0 || scale[1] != 1) {
            throw new IllegalArgumentException("the green chip defines the coordinate: offset 0, scale 1");
        }
    }

    /**
     * @param coeff a_0..a_d, Angstrom
     * @return the model with the spec's APO starting offsets and unit scales
     */
    public static MultiChipWavelength apoStart(double[] coeff) {
        return new MultiChipWavelength(coeff, new double[] {START_OFFSET_RED, 0, START_OFFSET_BLUE},
                new double[] {1, 1, 1});
    }

    @Override
    public double[] coeff() {
        return coeff.clone();
    }

    @Override
    public double[] offset() {
        return offset.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    /** @return o_c of CHIPNUM c */
    public double offset(int chip) {
        return offset[index(chip)];
    }

    /** @return s_c of CHIPNUM c */
    public double scale(int chip) {
        return scale[index(chip)];
    }

    /** @return the model coordinate v of column x of CHIPNUM c */
    public double v(int chip, double x) {
        int i = index(chip);
        return offset[i] + scale[i] * (x - MIDDLE) / COLUMNS_PER_U;
    }

    /** @return the vacuum wavelength at column x of CHIPNUM c, Angstrom */
    public double wavelength(int chip, double x) {
        return Polynomials.value(coeff, v(chip, x));
    }

    /**
     * @return CHIPNUM c's solution as a polynomial in {@code (x - 1023.5) / 1024}: the same function, exactly
     *         (composition with the chip's affine map)
     */
    public ChipWavelength chip(int chip) {
        int i = index(chip);
        double half = COLUMNS_PER_U / 2;
        return new ChipWavelength(Polynomials.composeAffine(coeff, offset[i], scale[i] * half / COLUMNS_PER_U), MIDDLE,
                half);
    }

    private static int index(int chip) {
        if (chip < 1 || chip > 3) {
            throw new IllegalArgumentException("CHIPNUM is 1, 2 or 3, not " + chip);
        }
        return chip - 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultiChipWavelength m && Arrays.equals(m.coeff, coeff) && Arrays.equals(m.offset, offset)
                && Arrays.equals(m.scale, scale);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(coeff) * 31 + Arrays.hashCode(offset);
    }

    @Override
    public String toString() {
        return String.format("MultiChipWavelength[degree %d, %.3f A at the green middle; red o %.6f s %.6f, blue o"
                + " %.6f s %.6f]", coeff.length - 1, coeff[0], offset[0], scale[0], offset[2], scale[2]);
    }
}
