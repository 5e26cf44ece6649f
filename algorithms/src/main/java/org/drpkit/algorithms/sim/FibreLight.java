package org.drpkit.algorithms.sim;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.drpkit.algorithms.trace.GaussHermite;
import org.drpkit.core.image.SizeGuard;
import org.drpkit.core.instrument.Region;

/**
 * The light entering each fibre, per column, before the fibre's throughput: {@code flux[i * columns + x]} is the
 * total flux of fibre i in column x, DN/read (integrated over its profile). Columns outside the light-sensitive
 * area are 0.
 *
 * <pre>{@code
 * FibreLight quartz = FibreLight.quartz(model, 3000);           // a quartz flat, the same spectrum in every fibre
 * FibreLight night = FibreLight.science(model, 11).withBright(10, 500);
 * }</pre>
 *
 * @param fibres  number of fibres (the model's)
 * @param columns chip width
 * @param flux    flux per fibre and column, DN/read (shared: treat as read-only)
 * @param kind    what the light is, for people
 */
public record FibreLight(int fibres, int columns, double[] flux, String kind) {

    /** Checks the shape. */
    public FibreLight {
        Objects.requireNonNull(kind, "kind");
        if (flux.length != SizeGuard.checkArray(columns, fibres)) {
            throw new IllegalArgumentException("flux must hold " + fibres + " x " + columns + " values");
        }
    }

    /**
     * A quartz lamp: a smooth spectrum, the same in every fibre, {@code level (1 + 0.15 u - 0.25 u^2)} with u from
     * -1 to 1 across the light-sensitive columns.
     *
     * @param level flux per fibre and column in the middle of the chip, DN/read
     */
    public static FibreLight quartz(SpectrographModel m, double level) {
        Region a = m.chip().lightSensitive();
        int w = m.chip().width();
        int n = m.fibres().length;
        double[] f = new double[SizeGuard.checkArray(w, n)];
        for (int x = a.x0(); x < a.x1(); x++) {
            double u = 2.0 * (x - a.x0()) / (a.width() - 1) - 1;
            double s = level * (1 + 0.15 * u - 0.25 * u * u);
            for (int i = 0; i < n; i++) {
                f[i * w + x] = s;
            }
        }
        return new FibreLight(n, w, f, "quartz " + level + " DN/read");
    }

    /**
     * A night-sky exposure: every fibre sees the sky (a continuum of 3 DN/read and 40 emission lines of 20..400
     * DN/read, Gaussian in x with an rms of 1.2 px); two fibres in three also see a star (a continuum of 20..600
     * DN/read with a gentle slope and 30 absorption lines of 10..50% depth).
     */
    public static FibreLight science(SpectrographModel m, long seed) {
        SplittableRandom r = new SplittableRandom(Seeds.mix(seed ^ 0x5C1E7CEL));
        Region a = m.chip().lightSensitive();
        int w = m.chip().width();
        int n = m.fibres().length;
        double[] sky = new double[w];
        double[] lx = new double[40];
        double[] la = new double[40];
        for (int k = 0; k < lx.length; k++) {
            lx[k] = a.x0() + r.nextDouble() * a.width();
            la[k] = Math.exp(Math.log(20) + r.nextDouble() * Math.log(20));
        }
        for (int x = a.x0(); x < a.x1(); x++) {
            sky[x] = 3 + lines(x, lx, la, 1.2);
        }
        double[] absX = new double[30];
        for (int k = 0; k < absX.length; k++) {
            absX[k] = a.x0() + r.nextDouble() * a.width();
        }
        double[] f = new double[SizeGuard.checkArray(w, n)];
        for (int i = 0; i < n; i++) {
            boolean star = i % 3 != 2;
            double level = star ? Math.exp(Math.log(20) + r.nextDouble() * Math.log(30)) : 0;
            double slope = 0.3 * (2 * r.nextDouble() - 1);
            double[] depth = new double[absX.length];
            for (int k = 0; k < depth.length; k++) {
                depth[k] = 0.1 + 0.4 * r.nextDouble();
            }
            double shift = 3 * r.nextGaussian(); // radial velocity, px
            for (int x = a.x0(); x < a.x1(); x++) {
                double u = 2.0 * (x - a.x0()) / (a.width() - 1) - 1;
                double s = sky[x];
                if (star) {
                    double absorb = 1;
                    for (int k = 0; k < absX.length; k++) {
                        double d = (x - absX[k] - shift) / 1.5;
                        absorb *= 1 - depth[k] * Math.exp(-0.5 * d * d);
                    }
                    s += level * (1 + slope * u) * absorb;
                }
                f[i * w + x] = s;
            }
        }
        return new FibreLight(n, w, f, "sky and stars, seed " + seed);
    }

    /**
     * Arc or comb lines of equal profile in every fibre: Gaussian line-spread functions integrated over pixels.
     *
     * @param lineX     line centres, columns
     * @param amplitude integrated flux of each line, DN/read per fibre
     * @param lsfSigma  rms width of the line-spread function along x, px
     */
    public static FibreLight lines(SpectrographModel m, double[] lineX, double[] amplitude, double lsfSigma) {
        Region a = m.chip().lightSensitive();
        int w = m.chip().width();
        int n = m.fibres().length;
        double[] f = new double[SizeGuard.checkArray(w, n)];
        double[] spectrum = new double[w];
        int half = (int) Math.ceil(8 * lsfSigma);
        double[] frac = new double[2 * half + 1];
        for (int k = 0; k < lineX.length; k++) {
            int c = (int) Math.rint(lineX[k]);
            GaussHermite.fractions(lineX[k], lsfSigma, 0, 0, c - half, frac.length, frac);
            for (int j = 0; j < frac.length; j++) {
                int x = c - half + j;
                if (x >= a.x0() && x < a.x1()) {
                    spectrum[x] += amplitude[k] * frac[j];
                }
            }
        }
        for (int x = a.x0(); x < a.x1(); x++) {
            for (int i = 0; i < n; i++) {
                f[i * w + x] = spectrum[x];
            }
        }
        return new FibreLight(n, w, f, lineX.length + " lines, LSF sigma " + lsfSigma + " px");
    }

    /**
     * An arc lamp: {@code count} lines of 200..2000 DN/read per fibre at positions drawn from the seed, at least 16
     * columns apart, with a Gaussian line-spread function of rms {@code lsfSigma} px (pixel-integrated).
     */
    public static FibreLight arc(SpectrographModel m, int count, double lsfSigma, long seed) {
        SplittableRandom r = new SplittableRandom(Seeds.mix(seed ^ 0xA2CL));
        Region a = m.chip().lightSensitive();
        double[] x = new double[count];
        double[] amp = new double[count];
        int k = 0;
        for (int tries = 0; k < count && tries < 100 * count; tries++) {
            double c = a.x0() + 10 + r.nextDouble() * (a.width() - 20);
            boolean free = true;
            for (int j = 0; j < k; j++) {
                free &= Math.abs(x[j] - c) >= 16;
            }
            if (free) {
                x[k] = c;
                amp[k++] = 200 + 1800 * r.nextDouble();
            }
        }
        return lines(m, java.util.Arrays.copyOf(x, k), java.util.Arrays.copyOf(amp, k), lsfSigma);
    }

    private static double lines(double x, double[] lx, double[] peak, double sigma) {
        double s = 0;
        for (int k = 0; k < lx.length; k++) {
            double d = (x - lx[k]) / sigma;
            if (Math.abs(d) < 8) {
                s += peak[k] * Math.exp(-0.5 * d * d);
            }
        }
        return s;
    }

    /** @return this light with one fibre's flux multiplied by a factor (a bright star) */
    public FibreLight withBright(int fibreIndex, double factor) {
        double[] f = flux.clone();
        for (int x = 0; x < columns; x++) {
            f[fibreIndex * columns + x] *= factor;
        }
        return new FibreLight(fibres, columns, f, kind + ", fibre index " + fibreIndex + " x" + factor);
    }

    /** @return this light plus another (e.g. a science exposure's stars with Fabry-Perot light) */
    public FibreLight plus(FibreLight other) {
        if (other.fibres != fibres || other.columns != columns) {
            throw new IllegalArgumentException("lights of different shapes");
        }
        double[] f = flux.clone();
        for (int i = 0; i < f.length; i++) {
            f[i] += other.flux[i];
        }
        return new FibreLight(fibres, columns, f, kind + " + " + other.kind);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FibreLight l && l.fibres == fibres && l.columns == columns && Arrays.equals(flux, l.flux);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(flux);
    }

    @Override
    public String toString() {
        return "FibreLight[" + fibres + " fibres x " + columns + " columns, " + kind + "]";
    }
}
