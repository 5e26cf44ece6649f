package org.drpkit.algorithms.refcorr;

import java.util.Arrays;

/**
 * Per-read reference levels, DN: what zeropointing ({@link Zeropoint}) subtracts from each read.
 *
 * <p>For read j (index into the reads measured, {@code firstRead + j} of the ramp): {@code reference[j]} is
 * subtracted from the reference output, {@code science[j] + amplifier[j][a]} from the pixels of amplifier a. Chips
 * without a reference output or a reference border have zeros where the level cannot be measured.
 *
 * @param firstRead first read measured (0-based in the ramp)
 * @param reference median of the reference output, per read (upstream {@code ref_zpt_out})
 * @param science   median of the left and right reference columns, per read (upstream {@code sci_zpt_out})
 * @param amplifier offsets per read and amplifier after re-centring on the first and last amplifiers (upstream
 *                  {@code amp_off_vec})
 */
public record ZeropointLevels(int firstRead, double[] reference, double[] science, double[][] amplifier) {

    /** Checks that every array covers the same reads. */
    public ZeropointLevels {
        if (reference.length != science.length || amplifier.length != science.length) {
            throw new IllegalArgumentException("level arrays differ in length");
        }
    }

    /** @return the number of reads measured */
    public int reads() {
        return science.length;
    }

    /** @return levels of zero (no correction) for {@code reads} reads and {@code amplifiers} amplifiers */
    public static ZeropointLevels none(int firstRead, int reads, int amplifiers) {
        return new ZeropointLevels(firstRead, new double[reads], new double[reads], new double[reads][amplifiers]);
    }

    /**
     * Fills {@code out[x]} with the level to subtract from column x of read j, for a row of {@code clock}'s chip.
     *
     * @param j     read index among the reads measured
     * @param clock the chip's outputs. Not modified.
     * @param width pixels per row
     * @param out   Modified: {@code out[0 .. width)} receives the levels, DN (0 where no output reads)
     */
    public void fillRow(int j, ReadoutClock clock, int width, float[] out) {
        Arrays.fill(out, 0, width, 0f);
        int ref = clock.referenceOutput();
        for (int o = 0; o < clock.outputs(); o++) {
            float v = (float) (o == ref ? reference[j] : science[j] + amplifier[j][o]);
            int x0 = clock.x0(o);
            Arrays.fill(out, x0, Math.min(width, x0 + clock.width(o)), v);
        }
    }

    /** @return e.g. {@code ZeropointLevels[45 reads from 2, science 11987.0..12003.5 DN, ...]} */
    @Override
    public String toString() {
        return "ZeropointLevels[" + reads() + " reads from " + firstRead + ", science " + range(science)
                + " DN, reference " + range(reference) + " DN, " + (amplifier.length == 0 ? 0 : amplifier[0].length)
                + " amplifiers]";
    }

    private static String range(double[] a) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return a.length == 0 ? "none" : lo + ".." + hi;
    }
}
