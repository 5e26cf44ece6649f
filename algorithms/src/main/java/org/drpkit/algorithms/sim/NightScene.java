package org.drpkit.algorithms.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.drpkit.core.image.SizeGuard;
import org.drpkit.core.image.Spectra;

/**
 * A night of extracted, wavelength-calibrated 1D spectra with known truth, for visit combination and fluxing: the
 * three APOGEE chips ({@link WavelengthModel#apogee}, 2048 columns each), a plate of fibres of three kinds, dithered
 * science exposures and an internal flat, without the detector (Gaussian noise of the photon and read variance, ivar
 * from the true variance, as {@link FibreLight#observe}).
 *
 * <p><b>Fibres</b> (row i, fibre number {@code 1 + 300 i / n}, connector block {@code (fibre - 1) / 30}): every third
 * row ({@code i % 3 == 2}) sees only sky ({@code sky_apogee}); of the other rows every fifth group is a telluric
 * standard ({@code standard_apogee}, a featureless continuum of H magnitude 8.5..10) and the rest science stars (H
 * 9..12, a gentle slope and 25 absorption lines of 10..50 % depth and 1 A rms, each star moved by its own radial
 * velocity). A star's signal is {@code F0 10^(-0.4 H) / fluxPerCount()} DN/read per pixel times its shape (1 for a
 * standard), with {@code F0} the H-band zero point {@link #H_ZERO_POINT}.
 *
 * <p><b>Sky</b>: the same in every fibre, a continuum of {@code skyContinuum} DN/read per pixel and 40 emission
 * lines of 50..500 DN/read at their peak (0.6 A rms).
 *
 * <p><b>Throughput</b> of row i on chip c: {@code spectrograph(i, c) connector(i)}: the spectrograph part 0.85..1.15
 * per fibre with a few per cent between chips, which an internal (quartz) flat sees; and a connector-stage term
 * 0.93..1.07 per block of 30 fibres, which only light through the telescope's fibre run (sky, stars) sees.
 *
 * <p><b>Exposures</b>: exposure e is dithered by {@code 0.5 (e % 2)} columns (column x sees the wavelength of
 * {@code x - 0.5 (e % 2)}, and its wavelength array says so), with transparency {@code transparency(e)}. Its flux at
 * row i, chip c, column x is {@code transparency(e) T(i, c) (star_i(lambda) + sky(lambda))} plus noise.
 *
 * <pre>{@code
 * NightScene night = NightScene.of(90, 4, 30, 0.0, 7);
 * List<Spectra> chips = night.exposure(0);            // chips a, b, c with wavelengths
 * night.signal(12, 16000.0);                          // true star flux at 16000 A, DN/read per pixel
 * }</pre>
 */
public final class NightScene {

    /** H-band flux density of magnitude 0, erg/s/cm^2/A (2MASS H, Cohen et al. 2003: 1.133e-13 W cm^-2 um^-1). */
    public static final double H_ZERO_POINT = 1.133e-10;
    /** Fibres per connector block (an MTP connector of 30 fibres). */
    public static final int BLOCK = 30;
    /** Gain of the noise model, e-/DN. */
    public static final double GAIN = 1.9;
    /** Read noise per pixel of the noise model, DN/read. */
    public static final double READ_NOISE = 5;
    /** Columns per chip. */
    public static final int COLUMNS = 2048;
    /** The chips, in order: a (red), b (green), c (blue). */
    public static final List<String> CHIPS = List.of("a", "b", "c");

    private final int n;
    private final int exposures;
    private final double skyContinuum;
    private final double transparencyScatter;
    private final long seed;
    private final int[] fibreNumbers;
    private final String[] category;
    private final double[] hMag;
    private final double[] slope;
    private final double[] velocity;
    private final double[] lineLambda;
    private final double[][] lineDepth;
    private final double[] skyLambda;
    private final double[] skyPeak;
    private final double[][] spectrograph;
    private final double[] connectorBlock;
    private final double[] transparency;
    private final WavelengthModel[] wave;
    private final double fluxPerCount;

    private NightScene(int n, int exposures, double skyContinuum, double transparencyScatter, long seed) {
        if (n < 3 || n > 300 || exposures < 1 || exposures > 100 || !(skyContinuum >= 0)
                || !(transparencyScatter >= 0)) {
            throw new IllegalArgumentException("a night of 3..300 fibres and 1..100 exposures, sky >= 0: " + n + ", "
                    + exposures + ", " + skyContinuum);
        }
        this.n = n;
        this.exposures = exposures;
        this.skyContinuum = skyContinuum;
        this.transparencyScatter = transparencyScatter;
        this.seed = seed;
        SplittableRandom r = new SplittableRandom(Seeds.mix(seed ^ 0x416E1C4EL));
        fibreNumbers = new int[n];
        category = new String[n];
        hMag = new double[n];
        slope = new double[n];
        velocity = new double[n];
        lineLambda = new double[25];
        lineDepth = new double[n][lineLambda.length];
        for (int k = 0; k < lineLambda.length; k++) {
            lineLambda[k] = 15150 + r.nextDouble() * 1800;
        }
        skyLambda = new double[40];
        skyPeak = new double[skyLambda.length];
        for (int k = 0; k < skyLambda.length; k++) {
            skyLambda[k] = 15150 + r.nextDouble() * 1800;
            skyPeak[k] = 50 + 450 * r.nextDouble();
        }
        spectrograph = new double[n][CHIPS.size()];
        connectorBlock = new double[300 / BLOCK];
        for (int b = 0; b < connectorBlock.length; b++) {
            connectorBlock[b] = 0.93 + 0.14 * r.nextDouble();
        }
        for (int i = 0; i < n; i++) {
            fibreNumbers[i] = 1 + 300 * i / n;
            boolean sky = i % 3 == 2;
            boolean standard = !sky && (i / 3) % 5 == 0;
            category[i] = sky ? "sky_apogee" : standard ? "standard_apogee" : "science";
            hMag[i] = sky ? Double.NaN : standard ? 8.5 + 1.5 * r.nextDouble() : 9 + 3 * r.nextDouble();
            slope[i] = standard || sky ? 0 : 0.2 * (2 * r.nextDouble() - 1);
            velocity[i] = standard || sky ? 0 : 30 * r.nextGaussian();
            for (int k = 0; k < lineLambda.length; k++) {
                lineDepth[i][k] = standard || sky ? 0 : 0.1 + 0.4 * r.nextDouble();
            }
            double t = 0.85 + 0.3 * r.nextDouble();
            for (int c = 0; c < CHIPS.size(); c++) {
                spectrograph[i][c] = t * (1 + 0.03 * (2 * r.nextDouble() - 1));
            }
        }
        transparency = new double[exposures];
        for (int e = 0; e < exposures; e++) {
            transparency[e] = 1 + transparencyScatter * r.nextGaussian();
        }
        wave = new WavelengthModel[CHIPS.size()];
        for (int c = 0; c < wave.length; c++) {
            wave[c] = WavelengthModel.apogee(CHIPS.get(c), 0);
        }
        // an H = 11 star gives 200 DN/read per pixel
        fluxPerCount = H_ZERO_POINT * Math.pow(10, -0.4 * 11) / 200;
    }

    /**
     * @param fibres              rows (3..300), spread over fibre numbers 1..300
     * @param exposures           science exposures (1..100), alternately undithered and dithered by half a column
     * @param skyContinuum        sky continuum, DN/read per pixel
     * @param transparencyScatter rms of the exposures' transparency about 1 (0: all 1)
     * @param seed                the seed of everything
     * @return the night
     */
    public static NightScene of(int fibres, int exposures, double skyContinuum, double transparencyScatter,
            long seed) {
        return new NightScene(fibres, exposures, skyContinuum, transparencyScatter, seed);
    }

    /** @return rows */
    public int fibres() {
        return n;
    }

    /** @return exposures */
    public int exposures() {
        return exposures;
    }

    /** @return the fibre number of every row (a new array) */
    public int[] fibreNumbers() {
        return fibreNumbers.clone();
    }

    /** @return row i's fibre-map category: {@code science}, {@code standard_apogee} or {@code sky_apogee} */
    public String category(int i) {
        return category[i];
    }

    /** @return row i's H magnitude (NaN for a sky fibre) */
    public double hMagnitude(int i) {
        return hMag[i];
    }

    /** @return the night's true flux scale: erg/s/cm^2/A of one DN/read per pixel above the atmosphere */
    public double fluxPerCount() {
        return fluxPerCount;
    }

    /** @return the spectrograph part of row i's throughput on chip c (0 a, 1 b, 2 c): what an internal flat sees */
    public double spectrograph(int i, int c) {
        return spectrograph[i][c];
    }

    /** @return row i's connector-stage term */
    public double connector(int i) {
        return connectorBlock[(fibreNumbers[i] - 1) / BLOCK];
    }

    /** @return row i's total throughput on chip c */
    public double throughput(int i, int c) {
        return spectrograph[i][c] * connector(i);
    }

    /** @return exposure e's transparency */
    public double transparency(int e) {
        return transparency[e];
    }

    /** @return exposure e's dither, columns (0 or 0.5) */
    public double dither(int e) {
        return 0.5 * (e % 2);
    }

    /** @return the wavelength model of chip c */
    public WavelengthModel wavelengths(int c) {
        return wave[c];
    }

    /** @return row i's star at wavelength lambda (Angstrom) above the atmosphere, DN/read per pixel (0 for sky) */
    public double signal(int i, double lambda) {
        if (Double.isNaN(hMag[i])) {
            return 0;
        }
        double level = H_ZERO_POINT * Math.pow(10, -0.4 * hMag[i]) / fluxPerCount;
        double shape = 1 + slope[i] * (lambda - 16000) / 1000;
        double doppler = 1 + velocity[i] / 299_792.458;
        for (int k = 0; k < lineLambda.length; k++) {
            if (lineDepth[i][k] > 0) {
                double d = (lambda - lineLambda[k] * doppler) / 1.0;
                if (Math.abs(d) < 8) {
                    shape *= 1 - lineDepth[i][k] * Math.exp(-0.5 * d * d);
                }
            }
        }
        return level * shape;
    }

    /** @return the sky at wavelength lambda (Angstrom), DN/read per pixel, the same in every fibre */
    public double sky(double lambda) {
        double s = skyContinuum;
        for (int k = 0; k < skyLambda.length; k++) {
            double d = (lambda - skyLambda[k]) / 0.6;
            if (Math.abs(d) < 8) {
                s += skyPeak[k] * Math.exp(-0.5 * d * d);
            }
        }
        return s;
    }

    /**
     * The expected flux of row i on chip c at wavelength lambda in exposure e, before noise, DN/read per pixel.
     */
    public double expected(int e, int i, int c, double lambda) {
        return transparency[e] * throughput(i, c) * (signal(i, lambda) + sky(lambda));
    }

    /**
     * Exposure e as extracted spectra: one {@link Spectra} per chip (a, b, c), rows x 2048 columns, flux and ivar
     * in DN/read per pixel, flags 0, the wavelength of every pixel (Angstrom, dither included).
     */
    public List<Spectra> exposure(int e) {
        if (e < 0 || e >= exposures) {
            throw new IllegalArgumentException("exposure " + e + " of " + exposures);
        }
        List<Spectra> out = new ArrayList<>();
        for (int c = 0; c < CHIPS.size(); c++) {
            SplittableRandom r = Seeds.stream(seed, 0x7157L, 1000L * e + c);
            int len = SizeGuard.checkArray(COLUMNS, n);
            float[] f = new float[len];
            float[] iv = new float[len];
            double[] lambda = new double[len];
            for (int i = 0; i < n; i++) {
                for (int x = 0; x < COLUMNS; x++) {
                    int j = i * COLUMNS + x;
                    double l = wave[c].wavelength(fibreNumbers[i], x - dither(e));
                    double mean = expected(e, i, c, l);
                    double var = Math.max(mean, 0) / GAIN + READ_NOISE * READ_NOISE;
                    lambda[j] = l;
                    f[j] = (float) (mean + Math.sqrt(var) * r.nextGaussian());
                    iv[j] = (float) (1 / var);
                }
            }
            out.add(Spectra.of(n, COLUMNS, f, iv, new int[len], lambda));
        }
        return out;
    }

    /**
     * An internal (quartz) flat of chip c: {@code level (1 + 0.15 u - 0.25 u^2) spectrograph(i, c)} DN/read per pixel
     * (u from -1 to 1 across the chip) plus noise; the connector terms are not in it. No wavelengths.
     */
    public Spectra flat(int c, double level) {
        SplittableRandom r = Seeds.stream(seed, 0xF1A7L, c);
        int len = SizeGuard.checkArray(COLUMNS, n);
        float[] f = new float[len];
        float[] iv = new float[len];
        for (int i = 0; i < n; i++) {
            for (int x = 0; x < COLUMNS; x++) {
                double u = 2.0 * x / (COLUMNS - 1) - 1;
                double mean = level * (1 + 0.15 * u - 0.25 * u * u) * spectrograph[i][c];
                double var = Math.max(mean, 0) / GAIN + READ_NOISE * READ_NOISE;
                f[i * COLUMNS + x] = (float) (mean + Math.sqrt(var) * r.nextGaussian());
                iv[i * COLUMNS + x] = (float) (1 / var);
            }
        }
        return Spectra.of(n, COLUMNS, f, iv, new int[len], null);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "NightScene[%d fibres, %d exposures, sky continuum %.1f DN/read, "
                + "transparency scatter %.3f, seed %d]", n, exposures, skyContinuum, transparencyScatter, seed);
    }
}
