package org.drpkit.algorithms.ramp;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.drpkit.algorithms.refcorr.SegmentLevels;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Ramp;

/**
 * Classical nonlinearity correction from per-pixel polynomial coefficients (missing upstream).
 *
 * <p>The measured signal of a read, {@code m = v - z} (DN above the pixel's reset level z), is replaced by the
 * linear signal {@code s = m + a_2 m^2 + ... + a_d m^d}. Coefficients are per-pixel maps or one polynomial for all
 * pixels. The reset level comes from a map when given (in the same zeropointed DN as the reads); otherwise it is
 * extrapolated back from the first used read: {@code z = v_first - m(t0 f)}, where {@code t0 = firstRead +
 * resetReads} read intervals separate the reset from the first used read and f is the median of the first three
 * differences, made linear with the polynomial's slope in their middle (the extrapolated level errs by about the
 * noise of that median times t0, which shifts linearised rates by about {@code 2 a_2 z_err} of themselves). Reads
 * must already be zeropointed; differences of the corrected reads are linear.
 *
 * <pre>{@code
 * Nonlinearity.Coefficients c = Nonlinearity.Coefficients.uniform(1.5e-6, 4.5e-12);   // a_2, a_3
 * Ramp linear = Nonlinearity.correct(zeropointed, plan, new Nonlinearity.Params(c, 1, Optional.empty()));
 * }</pre>
 */
public final class Nonlinearity {

    private Nonlinearity() {
    }

    /** Correction polynomial coefficients a_2 .. a_d, per pixel or uniform. */
    public static final class Coefficients {
        private final Image[] maps;
        private final double[] uniform;

        private Coefficients(Image[] maps, double[] uniform) {
            this.maps = maps;
            this.uniform = uniform;
        }

        /** @param maps a_2 .. a_d per pixel (index 0 holds a_2), units DN^(1-j), the ramp's shape */
        public static Coefficients perPixel(Image... maps) {
            if (maps.length == 0) {
                throw new IllegalArgumentException("at least a_2 is needed");
            }
            for (Image m : maps) {
                if (!m.sameShape(maps[0])) {
                    throw new IllegalArgumentException("coefficient maps differ in shape");
                }
            }
            return new Coefficients(maps.clone(), null);
        }

        /** @param a a_2 .. a_d for every pixel */
        public static Coefficients uniform(double... a) {
            if (a.length == 0) {
                throw new IllegalArgumentException("at least a_2 is needed");
            }
            return new Coefficients(null, a.clone());
        }

        /** @return the highest power d */
        public int degree() {
            return 1 + (maps != null ? maps.length : uniform.length);
        }

        void requireShape(int width, int height) {
            if (maps != null) {
                Rows.requireShape(maps[0], width, height, "nonlinearity coefficients");
            }
        }

        /** Fills {@code out[j][x]} with a_(j+2) of row y. */
        void row(int y, int width, float[][] out) {
            for (int j = 0; j < degree() - 1; j++) {
                if (maps == null) {
                    Arrays.fill(out[j], 0, width, (float) uniform[j]);
                } else {
                    System.arraycopy(maps[j].array(), maps[j].rowStart(y), out[j], 0, width);
                }
            }
        }

        @Override
        public String toString() {
            return "Coefficients[degree " + degree() + ", "
                    + (maps != null ? "per pixel" : Arrays.toString(uniform)) + "]";
        }
    }

    /**
     * @param coefficients the correction polynomial
     * @param resetReads   read intervals between the reset and read 0 (1 for the simulator and for APOGEE-like
     *                     timing, where read 0 ends one interval after the reset)
     * @param resetLevel   per-pixel reset level in zeropointed DN, if known; otherwise extrapolated
     */
    public record Params(Coefficients coefficients, double resetReads, Optional<Image> resetLevel) {
        /** Checks the values. */
        public Params {
            Objects.requireNonNull(coefficients, "coefficients");
            Objects.requireNonNull(resetLevel, "resetLevel");
            if (!(resetReads >= 0)) {
                throw new IllegalArgumentException("resetReads must be at least 0, got " + resetReads);
            }
        }
    }

    /**
     * @param reads  zeropointed reads, DN. Not modified.
     * @param plan   the reads to linearise
     * @param params the polynomial and reset level; maps must have the ramp's shape. Not modified.
     * @return a new ramp whose reads {@code plan.firstRead() .. lastRead()} are linearised (others copied)
     */
    public static Ramp correct(Ramp reads, ReadPlan plan, Params params) {
        int w = reads.width();
        int h = reads.height();
        params.coefficients().requireShape(w, h);
        params.resetLevel().ifPresent(m -> Rows.requireShape(m, w, h, "reset level"));
        float[][] out = new float[reads.reads()][];
        for (int k = 0; k < reads.reads(); k++) {
            out[k] = reads.read(k).toArray();
        }
        Kernel kernel = new Kernel(params, plan, w);
        for (int y = 0; y < h; y++) {
            kernel.correctRow(out, plan.firstRead(), y * w, y);
        }
        return Ramp.of(w, h, reads.readTimes(), out);
    }

    /**
     * Row kernel, read-major: one instance per thread. Quadratic and cubic corrections run in float, in loops the
     * JIT vectorises (float rounding, 6e-8 relative, is far below the photon noise of any corrected level).
     */
    static final class Kernel {
        private final Params params;
        private final int n;
        private final double t0;
        private final int width;
        private final float[][] a;
        private final float[] zero;
        private final float[] prev;
        private final float[] cur;
        private float[][] levelRows;

        Kernel(Params params, ReadPlan plan, int width) {
            this.params = params;
            this.n = plan.differences();
            this.t0 = plan.firstRead() + params.resetReads();
            this.width = width;
            a = new float[params.coefficients().degree() - 1][width];
            zero = new float[width];
            prev = new float[width];
            cur = new float[width];
        }

        /**
         * For the processor, in one pass per read: subtracts the zeropoint levels, linearises, and differences.
         * Reads come from {@code src[j][srcOff[j] + x]} (j = 0..n); difference k goes to {@code dst[k][dstOff + x]}
         * (DN, linear). Read j loses its zeropoint levels ({@code levels}, read j of the plan), or none for null.
         * {@code dst[k]} may be the buffer of read k (the streaming path differences in place): read k is consumed
         * before it is written.
         */
        void linearDifferences(float[][] src, int[] srcOff, float[][] dst, int dstOff, int y, SegmentLevels level) {
            params.coefficients().row(y, width, a);
            int deg = a.length;
            expandLevels(level);
            if (params.resetLevel().isPresent()) {
                Image r = params.resetLevel().get();
                System.arraycopy(r.array(), r.rowStart(y), zero, 0, width);
            } else if (deg == 2 && level != null && n >= 3) {
                cubicResetLevels(src, srcOff, level);
            } else {
                for (int x = 0; x < width; x++) {
                    zero[x] = (float) resetLevel(src, srcOff, x, deg, levelRows);
                }
            }
            linearise(src[0], srcOff[0], levelRows == null ? null : levelRows[0], deg, prev);
            for (int k = 0; k < n; k++) {
                float[] hi = src[k + 1];
                int ho = srcOff[k + 1];
                float[] out = dst[k];
                if (deg == 2 && level != null) {
                    float[] a2 = a[0];
                    float[] a3 = a[1];
                    float[] l = levelRows[k + 1];
                    for (int x = 0; x < width; x++) {
                        float m = hi[ho + x] - l[x] - zero[x];
                        float lin = zero[x] + m + m * m * (a2[x] + m * a3[x]);
                        out[dstOff + x] = lin - prev[x];
                        prev[x] = lin;
                    }
                } else {
                    linearise(hi, ho, levelRows == null ? null : levelRows[k + 1], deg, cur);
                    for (int x = 0; x < width; x++) {
                        out[dstOff + x] = cur[x] - prev[x];
                        prev[x] = cur[x];
                    }
                }
            }
        }

        /** Full-width level rows, built once per kernel from the segments (the row loops run faster on arrays). */
        private void expandLevels(SegmentLevels level) {
            if (level == null || levelRows != null) {
                return;
            }
            levelRows = new float[level.reads()][width];
            for (int j = 0; j < level.reads(); j++) {
                for (int sgm = 0; sgm < level.segments(); sgm++) {
                    java.util.Arrays.fill(levelRows[j], level.start(sgm), level.end(sgm), level.level(j, sgm));
                }
            }
        }

        /** Subtracts a level row (if any) and linearises one read row into {@code out}. */
        private void linearise(float[] r, int off, float[] l, int deg, float[] out) {
            for (int x = 0; x < width; x++) {
                float v = l == null ? r[off + x] : r[off + x] - l[x];
                double m = v - zero[x];
                out[x] = (float) (zero[x] + poly(m, x, deg));
            }
        }

        /**
         * The reset level of pixel x, extrapolated back from the first used read: the median of the first three
         * raw differences, corrected to linear by the polynomial's slope in their middle, times the read intervals
         * since the reset, inverted through the polynomial (first-order inverse and one Newton step).
         */
        private double resetLevel(float[][] src, int[] srcOff, int x, int deg, float[][] level) {
            double v0 = value(src, srcOff, 0, x, level);
            double d0 = value(src, srcOff, 1, x, level) - v0;
            double f;
            if (n == 1) {
                f = d0;
            } else {
                double d1 = value(src, srcOff, 2, x, level) - value(src, srcOff, 1, x, level);
                if (n == 2) {
                    f = 0.5 * (d0 + d1);
                } else {
                    double d2 = value(src, srcOff, 3, x, level) - value(src, srcOff, 2, x, level);
                    f = Math.max(Math.min(d0, d1), Math.min(Math.max(d0, d1), d2));
                }
            }
            double mid = (t0 + 1.5) * f;
            double target = t0 * f * slope(mid, x, deg);
            double m = target * (1 - a[0][x] * target);
            m -= (poly(m, x, deg) - target) / slope(m, x, deg);
            return v0 - m;
        }

        /** {@link #resetLevel} for a cubic polynomial, for the whole row in float loops the JIT vectorises. */
        private void cubicResetLevels(float[][] src, int[] srcOff, SegmentLevels level) {
            float[] r0 = src[0];
            float[] r1 = src[1];
            float[] r2 = src[2];
            float[] r3 = src[3];
            int o0 = srcOff[0];
            int o1 = srcOff[1];
            int o2 = srcOff[2];
            int o3 = srcOff[3];
            float[] a2 = a[0];
            float[] a3 = a[1];
            float t = (float) t0;
            float tm = (float) (t0 + 1.5);
            for (int sgm = 0; sgm < level.segments(); sgm++) {
              float l0 = level.level(0, sgm);
              float l1 = level.level(1, sgm);
              float l2 = level.level(2, sgm);
              float l3 = level.level(3, sgm);
              int x1 = level.end(sgm);
              for (int x = level.start(sgm); x < x1; x++) {
                float v0 = r0[o0 + x] - l0;
                float v1 = r1[o1 + x] - l1;
                float v2 = r2[o2 + x] - l2;
                float v3 = r3[o3 + x] - l3;
                float d0 = v1 - v0;
                float d1 = v2 - v1;
                float d2 = v3 - v2;
                float f = Math.max(Math.min(d0, d1), Math.min(Math.max(d0, d1), d2));
                float mid = tm * f;
                float target = t * f * (1 + mid * (2 * a2[x] + 3 * a3[x] * mid));
                float m = target * (1 - a2[x] * target);
                float poly = m + m * m * (a2[x] + m * a3[x]);
                float slope = 1 + m * (2 * a2[x] + 3 * a3[x] * m);
                m -= (poly - target) / slope;
                zero[x] = v0 - m;
              }
            }
        }

        private static double value(float[][] src, int[] srcOff, int j, int x, float[][] level) {
            return src[j][srcOff[j] + x] - (level == null ? 0 : level[j][x]);
        }

        /**
         * Linearises reads {@code v[first + j][off + x]}, j = 0..n, of row y in place.
         */
        void correctRow(float[][] v, int first, int off, int y) {
            params.coefficients().row(y, width, a);
            int deg = a.length;
            float[][] src = new float[n + 1][];
            int[] srcOff = new int[n + 1];
            for (int j = 0; j <= n; j++) {
                src[j] = v[first + j];
                srcOff[j] = off;
            }
            if (params.resetLevel().isPresent()) {
                Image r = params.resetLevel().get();
                System.arraycopy(r.array(), r.rowStart(y), zero, 0, width);
            } else {
                for (int x = 0; x < width; x++) {
                    zero[x] = (float) resetLevel(src, srcOff, x, deg, null);
                }
            }
            for (int j = 0; j <= n; j++) {
                linearise(v[first + j], off, null, deg, cur);
                System.arraycopy(cur, 0, v[first + j], off, width);
            }
        }

        private double poly(double m, int x, int deg) {
            double acc = a[deg - 1][x];
            for (int j = deg - 2; j >= 0; j--) {
                acc = a[j][x] + m * acc;
            }
            return m + m * m * acc;
        }

        private double slope(double m, int x, int deg) {
            double acc = 0;
            for (int j = deg - 1; j >= 0; j--) {
                acc = (j + 2) * a[j][x] + m * acc;
            }
            return 1 + m * acc;
        }
    }
}
