package org.drpkit.algorithms.sim;

import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;

/**
 * What the simulator knows about a simulated exposure, for tests: the true rate, the noise, the static maps and
 * every injected jump. Arrays are shared, not copied: treat them as read-only.
 *
 * @param rate               true rate per pixel, DN/read (light + dark current + hot pixels; 0 on reference pixels)
 * @param gain               e-/DN
 * @param readNoise          white read noise per read, DN
 * @param readVariance       white read variance per read including quantisation, DN^2
 * @param oneOverFRms        rms of the shared 1/f noise, DN
 * @param saturation         raw saturation level per pixel, DN
 * @param firstSaturatedRead per pixel, the first read whose noiseless raw level exceeds 0.9 x saturation (the
 *                           upstream fudge), or the number of reads (an int image held in a {@code Mask})
 * @param nonlinearity       c2 per pixel, 1/DN: measured signal {@code m = s + c2 s^2} for true signal s (DN)
 * @param hotPixels          1 for hot pixels (an int image)
 * @param jumps              the injected jumps
 * @param drift              bias drift per read and output, DN ({@code drift[read][output]})
 * @param outputOffset       static offset per output, DN
 * @param resetAnomaly       per pixel, the reset anomaly's level in read 0, DN (0 where there is none); read k has
 *                           {@code resetAnomaly exp(-k / resetAnomalyReads)} added
 * @param resetAnomalyReads  its e-folding, reads
 */
public record SimTruth(Image rate, double gain, double readNoise, double readVariance, double oneOverFRms,
        Image saturation, Mask firstSaturatedRead, Image nonlinearity, Mask hotPixels, Jumps jumps, double[][] drift,
        double[] outputOffset, Image resetAnomaly, double resetAnomalyReads) {

    /**
     * @param k difference index from the reset (reads k to k+1)
     * @return the reset anomaly's contribution to difference k per pixel, DN:
     *         {@code A (exp(-(k+1)/tau) - exp(-k/tau))}
     */
    public Image resetExcess(int k) {
        float[] a = resetAnomaly.array();
        float[] e = new float[a.length];
        double f = Math.exp(-(k + 1) / resetAnomalyReads) - Math.exp(-k / resetAnomalyReads);
        for (int i = 0; i < a.length; i++) {
            e[i] = (float) (a[i] * f);
        }
        return Image.of(resetAnomaly.width(), resetAnomaly.height(), e);
    }

    /**
     * Injected jumps (cosmic rays). Jump i adds {@code amplitude[i]} DN of charge between read {@code read[i] - 1}
     * and read {@code read[i]} of pixel {@code pixel[i] = y * width + x}, i.e. to difference {@code read[i] - 1} of
     * the full ramp. Only jumps after the first read are listed (earlier charge is invisible in differences).
     *
     * @param pixel     pixel index, row-major
     * @param read      first read containing the charge, at least 1
     * @param amplitude charge in DN (before nonlinearity)
     */
    public record Jumps(int[] pixel, int[] read, float[] amplitude) {
        /** @return the number of jumps */
        public int count() {
            return pixel.length;
        }
    }

    /**
     * @param firstRead first read used (0-based)
     * @param lastRead  last read used (inclusive)
     * @return per pixel, the differences of reads {@code firstRead..lastRead} before the first saturated read
     */
    public int[] usableDifferences(int firstRead, int lastRead) {
        int[] f = firstSaturatedRead.array();
        int[] out = new int[f.length];
        int n = lastRead - firstRead;
        for (int i = 0; i < f.length; i++) {
            out[i] = Math.max(0, Math.min(n, f[i] - firstRead - 1));
        }
        return out;
    }

    /**
     * The correction polynomial that inverts the quadratic nonlinearity: for a measured signal m (DN),
     * {@code s = m + sum_{j=2..degree} a_j m^j} with {@code a_j = Catalan(j-1) (-c2)^(j-1)}, the series of
     * {@code (-1 + sqrt(1 + 4 c2 m)) / (2 c2)}. Its truncation error is about {@code Catalan(degree) (-c2 m)^degree m}.
     *
     * @param degree highest power, at least 2
     * @return maps of a_2 .. a_degree (index 0 holds a_2), per pixel
     */
    public Image[] linearityCoefficients(int degree) {
        if (degree < 2) {
            throw new IllegalArgumentException("degree must be at least 2, got " + degree);
        }
        Image[] maps = new Image[degree - 1];
        float[] c2 = nonlinearity.array();
        for (int j = 2; j <= degree; j++) {
            float[] a = new float[c2.length];
            double catalan = catalan(j - 1);
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) (catalan * Math.pow(-c2[i], j - 1));
            }
            maps[j - 2] = Image.of(nonlinearity.width(), nonlinearity.height(), a);
        }
        return maps;
    }

    private static double catalan(int k) {
        double c = 1;
        for (int i = 0; i < k; i++) {
            c = c * 2 * (2 * i + 1) / (i + 2);
        }
        return c;
    }

    @Override
    public String toString() {
        return "SimTruth[" + rate.width() + "x" + rate.height() + ", gain " + gain + " e-/DN, read noise " + readNoise
                + " DN, 1/f " + oneOverFRms + " DN, " + jumps.count() + " jumps]";
    }
}
