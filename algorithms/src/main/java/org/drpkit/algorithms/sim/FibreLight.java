package org.drpkit.algorithms.sim;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.drpkit.algorithms.trace.GaussHermite;
import org.drpkit.core.image.SizeGuard;
import org.drpkit.core.image.Spectra;
import org.drpkit.core.instrument.Region;
import org.drpkit.core.lines.LineList;

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
        return starsAndSky(m, seed, true, 0);
    }

    /**
     * The stars of {@link #science} without its sky (the same draws from the seed: the same stars in the same
     * fibres), moved {@code shift} columns along x: fibres that see no star are 0. Add a sky at wavelengths
     * ({@link #nightSky} with {@link OhLines}) for a science exposure whose sky lines a wavelength solution can use.
     *
     * <pre>{@code
     * FibreLight stars = FibreLight.stars(m, 11, 0.006);   // an exposure drifted by 0.006 columns
     * FibreLight night = stars.plus(FibreLight.nightSky(m, wave.moved(0.006, 0), lsf, OhLines.synthetic(), 1200, 3));
     * }</pre>
     *
     * @param shift columns the whole spectrum falls further along x (an exposure's zero-point drift)
     */
    public static FibreLight stars(SpectrographModel m, long seed, double shift) {
        return starsAndSky(m, seed, false, shift);
    }

    private static FibreLight starsAndSky(SpectrographModel m, long seed, boolean withSky, double shift) {
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
        if (withSky) {
            for (int x = a.x0(); x < a.x1(); x++) {
                sky[x] = 3 + lines(x, lx, la, 1.2);
            }
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
            double rv = 3 * r.nextGaussian(); // radial velocity, px
            for (int x = a.x0(); x < a.x1(); x++) {
                double xs = x - shift;
                double u = 2.0 * (xs - a.x0()) / (a.width() - 1) - 1;
                double s = sky[x];
                if (star) {
                    double absorb = 1;
                    for (int k = 0; k < absX.length; k++) {
                        double d = (xs - absX[k] - rv) / 1.5;
                        absorb *= 1 - depth[k] * Math.exp(-0.5 * d * d);
                    }
                    s += level * (1 + slope * u) * absorb;
                }
                f[i * w + x] = s;
            }
        }
        return new FibreLight(n, w, f, (withSky ? "sky and stars, seed " : "stars, seed ") + seed
                + (shift == 0 ? "" : String.format(java.util.Locale.ROOT, ", moved %+.4f columns", shift)));
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

    /**
     * A lamp of known lines seen through the spectrograph: every line of the list that falls on the chip, at the
     * column where each fibre sees its wavelength ({@link WavelengthModel#column}), spread along x with the fibre's
     * Gauss-Hermite LSF of the region the line falls in (pixel-integrated), on top of a flat continuum.
     *
     * <pre>{@code
     * LineList une = LineListFiles.readArc(Path.of("UNe.vac.apogee"));          // io-fits
     * WavelengthModel wave = WavelengthModel.apogee("b", 0);
     * LsfModel lsf = LsfModel.varying(m.fibres(), m.chip().width(), 4, 1.3, 0.04, 0.03);
     * FibreLight arc = FibreLight.lamp(m, wave, lsf, une, 2000, 0);
     * }</pre>
     *
     * @param wave      wavelength of every fibre and column
     * @param lsf       the line-spread function per fibre (in the model's order) and region
     * @param lines     the lines, Angstrom; intensities relative; not modified
     * @param brightest integrated flux of the list's brightest line on the chip, DN/read per fibre
     * @param continuum flux added to every light-sensitive column, DN/read
     */
    public static FibreLight lamp(SpectrographModel m, WavelengthModel wave, LsfModel lsf, LineList lines,
            double brightest, double continuum) {
        Region a = m.chip().lightSensitive();
        int w = m.chip().width();
        int n = m.fibres().length;
        if (lsf.fibres().length != n || lsf.columns() != w) {
            throw new IllegalArgumentException("LSF truth for " + lsf.fibres().length + " fibres x " + lsf.columns()
                    + " columns, model has " + n + " x " + w);
        }
        double l0 = wave.wavelength(m.fibres()[0], a.x0() - 20);
        double l1 = wave.wavelength(m.fibres()[0], a.x1() + 20);
        LineList on = lines.between(Math.min(l0, l1), Math.max(l0, l1));
        double scale = on.maxIntensity() > 0 ? brightest / on.maxIntensity() : 0;
        double[] lambda = on.wavelength();
        double[] inten = on.intensity();
        double[] f = new double[SizeGuard.checkArray(w, n)];
        double[] frac = new double[64];
        for (int i = 0; i < n; i++) {
            for (int x = a.x0(); x < a.x1(); x++) {
                f[i * w + x] = continuum;
            }
            for (int k = 0; k < lambda.length; k++) {
                double x = wave.column(m.fibres()[i], lambda[k]);
                int r = lsf.regionOf(x);
                double s = lsf.sigma(i, r);
                int half = Math.min(31, (int) Math.ceil(8 * s));
                int c = (int) Math.rint(x);
                if (c + half < a.x0() || c - half >= a.x1() || inten[k] == 0) {
                    continue;
                }
                GaussHermite.fractions(x, s, lsf.h3(i, r), lsf.h4(i, r), c - half, 2 * half + 1, frac);
                for (int j = 0; j <= 2 * half; j++) {
                    int xx = c - half + j;
                    if (xx >= a.x0() && xx < a.x1()) {
                        f[i * w + xx] += scale * inten[k] * frac[j];
                    }
                }
            }
        }
        return new FibreLight(n, w, f, on.size() + " " + lines.name() + " lines, brightest " + brightest
                + " DN/read, continuum " + continuum + " DN/read");
    }

    /**
     * The lines of a Fabry-Perot etalon: transmission peaks at {@code lambda_k = path / k} for integer orders k,
     * all of equal intensity 1.
     *
     * @param lo   shortest wavelength, Angstrom
     * @param hi   longest wavelength, Angstrom
     * @param path optical path difference 2 n d of the etalon, Angstrom (spacing lambda^2 / path)
     */
    public static LineList fabryPerotLines(double lo, double hi, double path) {
        if (!(lo > 0) || !(hi > lo) || !(path > hi)) {
            throw new IllegalArgumentException("Fabry-Perot range " + lo + ".." + hi + " A, path " + path + " A");
        }
        long k0 = (long) Math.ceil(path / hi);
        long k1 = (long) Math.floor(path / lo);
        int count = Math.toIntExact(Math.max(0, k1 - k0 + 1));
        double[] w = new double[count];
        double[] f = new double[count];
        for (int j = 0; j < count; j++) {
            w[j] = path / (k0 + j);
            f[j] = 1;
        }
        return new LineList("Fabry-Perot", w, f);
    }

    /**
     * A Fabry-Perot comb over the chip: peaks about {@code spacing} columns apart in the chip's middle, each of
     * {@code flux} DN/read per fibre, through the LSF truth.
     */
    public static FibreLight fabryPerot(SpectrographModel m, WavelengthModel wave, LsfModel lsf, double spacing,
            double flux) {
        int fibre = m.fibres()[m.fibres().length / 2];
        double mid = m.chip().width() / 2.0;
        double lambda = wave.wavelength(fibre, mid);
        double path = lambda * lambda / (spacing * Math.abs(wave.dispersion(fibre, mid)));
        double l0 = wave.wavelength(fibre, m.chip().width() + 40.0);
        double l1 = wave.wavelength(fibre, -40.0);
        return lamp(m, wave, lsf, fabryPerotLines(Math.min(l0, l1), Math.max(l0, l1), path), flux, 0);
    }

    /**
     * The night sky: OH emission lines (a list read from {@code APOGEE_lines.csv} with io-fits'
     * {@code LineListFiles.readSky}) on a flat continuum, the same in every fibre, through the LSF truth.
     *
     * @param brightest integrated flux of the brightest OH line on the chip, DN/read per fibre
     * @param continuum sky continuum, DN/read per column
     */
    public static FibreLight nightSky(SpectrographModel m, WavelengthModel wave, LsfModel lsf, LineList oh,
            double brightest, double continuum) {
        return lamp(m, wave, lsf, oh, brightest, continuum);
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

    /**
     * The light as extracted 1D spectra would show it, without a detector: each fibre and column drawn from a Gaussian
     * of the photon and read variance, ivar from the true variance.
     *
     * <pre>{@code
     * Spectra arc = FibreLight.lamp(m, wave, lsf, une, 200000, 0).observe(1.9, 12, 4);
     * }</pre>
     *
     * @param gain      electrons per DN
     * @param readNoise read noise per fibre and column, DN
     * @param seed      noise seed
     * @return fibres x columns spectra, mask 0, no wavelengths
     */
    public Spectra observe(double gain, double readNoise, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] f = new float[flux.length];
        float[] iv = new float[flux.length];
        for (int i = 0; i < f.length; i++) {
            double var = Math.max(flux[i], 0) / gain + readNoise * readNoise;
            f[i] = (float) (flux[i] + Math.sqrt(var) * rnd.nextGaussian());
            iv[i] = (float) (1 / var);
        }
        return Spectra.of(fibres, columns, f, iv, new int[flux.length], null);
    }

    /** @return the first {@code n} fibres of this light */
    public FibreLight first(int n) {
        if (n < 1 || n > fibres) {
            throw new IllegalArgumentException("1.." + fibres + " fibres, not " + n);
        }
        return new FibreLight(n, columns, Arrays.copyOf(flux, n * columns), kind);
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
