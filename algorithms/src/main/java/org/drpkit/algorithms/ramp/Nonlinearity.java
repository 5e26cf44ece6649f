package org.drpkit.algorithms.ramp;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Ramp;

/**
 * Stage 5: classical nonlinearity correction from per-pixel polynomial coefficients (missing upstream).
 *
 * <p>The measured signal of a read, {@code m = v - z} (DN above the pixel's reset level z), is replaced by the
 * linear signal {@code s = m + a_2 m^2 + ... + a_d m^d}. Coefficients are per-pixel maps or one polynomial for
 * all pixels. The reset level comes from a map when given (in the same zeropointed DN as the reads); otherwise it is
 * extrapolated back from the first used read: {@code z = v_first - m(t0 f)}, where {@code t0 = firstRead +
 * resetReads} read intervals separate the reset from the first used read and f is the median of the first three
 * differences, re-estimated once after linearising (the extrapolated level errs by about the noise of that median
 * times t0, which shifts linearised rates by about {@code 2 a_2 z_err} of themselves). Reads must already be
 * zeropointed; differences of the corrected reads are linear.
 *
 * <pre>{@code
 * Nonlinearity.Params p = new Nonlinearity.Params(Nonlinearity.Coefficients.uniform(1.5e-6, 4.5e-12), 1, Optional.empty());
 * Ramp linear = Nonlinearity.correct(zeropointed, plan, p);
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
            return "Coefficients[degree " + degree() + ", " + (maps != null ? "per pixel" : Arrays.toString(uniform)) + "]";
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

    /** @return a new ramp whose reads {@code plan.firstRead() .. lastRead()} are linearised (others copied) */
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

    /** Row kernel, read-major: one instance per thread. */
    static final class Kernel {
        private final Params params;
        private final int n;
        private final double t0;
        private final int width;
        private final float[][] a;
        private final float[] zero;

        Kernel(Params params, ReadPlan plan, int width) {
            this.params = params;
            this.n = plan.differences();
            this.t0 = plan.firstRead() + params.resetReads();
            this.width = width;
            a = new float[params.coefficients().degree() - 1][width];
            zero = new float[width];
        }

        /**
         * Linearises reads {@code v[first + j][off + x]}, j = 0..n, of row y in place.
         */
        void correctRow(float[][] v, int first, int off, int y) {
            params.coefficients().row(y, width, a);
            int deg = a.length;
            if (params.resetLevel().isPresent()) {
                Image r = params.resetLevel().get();
                System.arraycopy(r.array(), r.rowStart(y), zero, 0, width);
            } else {
                for (int x = 0; x < width; x++) {
                    zero[x] = (float) resetLevel(v, first, off + x, x, deg);
                }
            }
            for (int j = 0; j <= n; j++) {
                float[] r = v[first + j];
                for (int x = 0; x < width; x++) {
                    double m = r[off + x] - zero[x];
                    r[off + x] = (float) (zero[x] + poly(m, x, deg));
                }
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

        private double resetLevel(float[][] v, int first, int i, int x, int deg) {
            double v0 = v[first][i];
            double f = firstRate(v, first, i, Double.NaN, x, deg);
            double z = v0 - t0 * f;
            f = firstRate(v, first, i, z, x, deg);
            double target = t0 * f;
            double m = target;
            for (int it = 0; it < 3; it++) {
                m -= (poly(m, x, deg) - target) / slope(m, x, deg);
            }
            return v0 - m;
        }

        /** Median of the first three differences; linearised about {@code z} unless z is NaN. */
        private double firstRate(float[][] v, int first, int i, double z, int x, int deg) {
            double d0 = diff(v, first, 0, i, z, x, deg);
            if (n == 1) {
                return d0;
            }
            double d1 = diff(v, first, 1, i, z, x, deg);
            if (n == 2) {
                return 0.5 * (d0 + d1);
            }
            double d2 = diff(v, first, 2, i, z, x, deg);
            return Math.max(Math.min(d0, d1), Math.min(Math.max(d0, d1), d2));
        }

        private double diff(float[][] v, int first, int j, int i, double z, int x, int deg) {
            double lo = v[first + j][i];
            double hi = v[first + j + 1][i];
            return Double.isNaN(z) ? hi - lo : poly(hi - z, x, deg) - poly(lo - z, x, deg);
        }
    }
}
