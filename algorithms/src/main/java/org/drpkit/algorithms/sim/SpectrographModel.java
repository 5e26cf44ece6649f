package org.drpkit.algorithms.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.drpkit.algorithms.trace.NominalTraces;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.Region;
import org.drpkit.core.trace.ProfileShape;

/**
 * The optics of a fibre spectrograph on one chip, with the truth for every quantity: where each fibre's trace runs,
 * how wide it is, the shape of its profile and how much light the fibre passes.
 *
 * <p>Fibre i (0-based, increasing y) sits at {@code y0[i]} on the reference column {@code xRef}. With
 * {@code t = (x - xRef) / 1000} and {@code v = (y0[i] - yMid) / 1000} (yMid the middle of the light-sensitive
 * area), its trace centre is {@code y0[i] + tilt t + (bow + bowY v) t^2 + cubic t^3} and its rms width
 * {@code sigma0 (1 + sigmaX t^2 + sigmaY v)}, pixels: smooth curves along x that change slowly from fibre to fibre.
 * The profile is Gauss-Hermite ({@link ProfileShape}); wings of neighbours overlap. Throughput 0 is a dead fibre.
 *
 * <pre>{@code
 * SpectrographModel m = SpectrographModel.apogee(H2rgLayout.chip("G", 512, 128, 4, 4, 18), 7);
 * m.fibres().length;          // the fibres whose traces fall in the 512-pixel cut
 * m.centre(0, 100);           // y of the first trace at column 100
 * m.withDead(250).withShift(0.3);
 * }</pre>
 *
 * @param chip       the chip; light falls on its light-sensitive area
 * @param fibres     fibre number of each trace (APOGEE fiberID: 300 at the bottom of the chip)
 * @param y0         centre of each trace on the reference column, pixels, increasing
 * @param throughput relative throughput of each fibre (1 typical, 0 dead)
 * @param xRef       the reference column
 * @param tilt       linear term of the trace curve, px per 1000 columns
 * @param bow        quadratic term, px per (1000 columns)^2
 * @param bowY       change of the quadratic term per 1000 rows
 * @param cubic      cubic term, px per (1000 columns)^3
 * @param sigma0     rms width at the reference column in the middle of the chip, px
 * @param sigmaX     relative change of the width per (1000 columns)^2
 * @param sigmaY     relative change of the width per 1000 rows
 * @param shape      Gauss-Hermite shape of the profiles
 */
public record SpectrographModel(Chip chip, int[] fibres, double[] y0, double[] throughput, double xRef, double tilt,
        double bow, double bowY, double cubic, double sigma0, double sigmaX, double sigmaY, ProfileShape shape) {

    /** APOGEE fibres per chip. */
    public static final int APOGEE_FIBRES = 300;
    /** Fibres per bundle (block) along the slit. */
    public static final int BUNDLE = 30;
    /** Spacing of neighbouring traces within a bundle, px (APOGEE median about 6.6). */
    public static final double SPACING = 6.58;
    /** Spacing across a gap between bundles, px (APOGEE range 6.1..9.3). */
    public static final double GAP_SPACING = 9.3;
    /** First trace above the bottom of the light-sensitive area, px (APOGEE: y ~ 29 on a 4-pixel border). */
    public static final double FIRST_TRACE = 25;

    /** Checks lengths. */
    public SpectrographModel {
        Objects.requireNonNull(chip, "chip");
        Objects.requireNonNull(shape, "shape");
        if (fibres.length != y0.length || fibres.length != throughput.length) {
            throw new IllegalArgumentException("one position and throughput per fibre");
        }
        if (!(sigma0 > 0)) {
            throw new IllegalArgumentException("width must be positive: " + sigma0);
        }
    }

    /**
     * The APOGEE slit on a chip: 300 fibres in 10 bundles of 30 ({@link #SPACING} within, {@link #GAP_SPACING}
     * between bundles) laid out from {@link #FIRST_TRACE} above the bottom of the light-sensitive area; on a smaller
     * chip only the fibres whose whole trace falls at least 8 px inside the area are kept (a cut of the geometry).
     * Curvature, width variation, profile shape (h3 about 0.03, h4 about 0.05) and throughputs (about 1 +- 0.08) are
     * drawn from the seed; no fibre is dead.
     */
    public static SpectrographModel apogee(Chip chip, long seed) {
        SplittableRandom r = new SplittableRandom(Seeds.mix(seed ^ 0x0971C5L));
        Region a = chip.lightSensitive();
        double xRef = a.x0() + (a.width() - 1) / 2.0;
        double tilt = 1.5 * (2 * r.nextDouble() - 1);
        double bow = 2.0 + r.nextDouble();
        double bowY = 0.5 * (2 * r.nextDouble() - 1);
        double cubic = 0.4 * (2 * r.nextDouble() - 1);
        double sigma0 = 1.05 + 0.1 * r.nextDouble();
        ProfileShape shape = new ProfileShape(0.03, 0.01, -0.01, 0.05, 0.02, 0.01);
        List<Double> ys = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        NominalTraces slit = apogeeSlit(chip);
        SpectrographModel probe = new SpectrographModel(chip, new int[0], new double[0], new double[0], xRef, tilt,
                bow, bowY, cubic, sigma0, 0.08, 0.05, shape);
        for (int i = 0; i < APOGEE_FIBRES; i++) {
            double y = slit.y()[i];
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int x = a.x0(); x < a.x1(); x += Math.max(1, a.width() / 64)) {
                double c = probe.curve(y, x);
                lo = Math.min(lo, c);
                hi = Math.max(hi, c);
            }
            double c = probe.curve(y, a.x1() - 1);
            lo = Math.min(lo, c);
            hi = Math.max(hi, c);
            if (lo >= a.y0() + 8 && hi <= a.y1() - 9) {
                ys.add(y);
                ids.add(slit.fibres()[i]);
            }
        }
        int n = ys.size();
        double[] y0 = new double[n];
        int[] id = new int[n];
        double[] thr = new double[n];
        for (int i = 0; i < n; i++) {
            y0[i] = ys.get(i);
            id[i] = ids.get(i);
            thr[i] = Math.max(0.5, Math.min(1.5, 1 + 0.08 * r.nextGaussian()));
        }
        return new SpectrographModel(chip, id, y0, thr, xRef, tilt, bow, bowY, cubic, sigma0, 0.08, 0.05, shape);
    }

    /**
     * The nominal APOGEE slit on a chip: all 300 fibres at their straight-slit positions on the middle column of the
     * light-sensitive area (bundles and gaps as {@link #apogee}), without curvature; trace finding identifies peaks
     * against it and lists the fibres it places off the chip.
     */
    public static NominalTraces apogeeSlit(Chip chip) {
        Region a = chip.lightSensitive();
        double[] y = new double[APOGEE_FIBRES];
        int[] id = new int[APOGEE_FIBRES];
        double yy = a.y0() + FIRST_TRACE;
        for (int i = 0; i < APOGEE_FIBRES; i++) {
            if (i > 0) {
                yy += i % BUNDLE == 0 ? GAP_SPACING : SPACING;
            }
            y[i] = yy;
            id[i] = APOGEE_FIBRES - i;
        }
        return new NominalTraces(id, y, a.x0() + (a.width() - 1) / 2.0);
    }

    private double curve(double yAtRef, double x) {
        double t = (x - xRef) * 1e-3;
        double v = (yAtRef - yMid()) * 1e-3;
        return yAtRef + t * (tilt + t * (bow + bowY * v + t * cubic));
    }

    private double yMid() {
        Region a = chip.lightSensitive();
        return a.y0() + (a.height() - 1) / 2.0;
    }

    /** @return the true centre of trace i at column x, pixels */
    public double centre(int i, double x) {
        return curve(y0[i], x);
    }

    /** @return the true rms width of trace i at column x, pixels */
    public double sigma(int i, double x) {
        double t = (x - xRef) * 1e-3;
        double v = (y0[i] - yMid()) * 1e-3;
        return sigma0 * (1 + sigmaX * t * t + sigmaY * v);
    }

    /** @return the index of a fibre, or -1 */
    public int indexOf(int fibre) {
        for (int i = 0; i < fibres.length; i++) {
            if (fibres[i] == fibre) {
                return i;
            }
        }
        return -1;
    }

    /** @return the nominal geometry: every fibre's centre on the reference column (dead fibres included) */
    public NominalTraces nominal() {
        double[] y = new double[fibres.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = centre(i, xRef);
        }
        return new NominalTraces(fibres, y, xRef);
    }

    /** @return this model with the given fibres dead (throughput 0) */
    public SpectrographModel withDead(int... dead) {
        double[] t = throughput.clone();
        for (int f : dead) {
            int i = indexOf(f);
            if (i < 0) {
                throw new IllegalArgumentException("fibre " + f + " is not on this chip");
            }
            t[i] = 0;
        }
        return withThroughput(t);
    }

    /** @return this model with other throughputs */
    public SpectrographModel withThroughput(double[] t) {
        return new SpectrographModel(chip, fibres, y0, t.clone(), xRef, tilt, bow, bowY, cubic, sigma0, sigmaX, sigmaY,
                shape);
    }

    /** @return this model with every trace moved by dy pixels along y (flexure) */
    public SpectrographModel withShift(double dy) {
        double[] y = y0.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += dy;
        }
        return new SpectrographModel(chip, fibres, y, throughput, xRef, tilt, bow, bowY, cubic, sigma0, sigmaX, sigmaY,
                shape);
    }

    /** @return this model with another width at the reference column and another profile shape */
    public SpectrographModel withProfile(double width, ProfileShape s) {
        return new SpectrographModel(chip, fibres, y0, throughput, xRef, tilt, bow, bowY, cubic, width, sigmaX,
                sigmaY, s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpectrographModel m && chip.equals(m.chip) && Arrays.equals(fibres, m.fibres)
                && Arrays.equals(y0, m.y0) && Arrays.equals(throughput, m.throughput) && xRef == m.xRef
                && tilt == m.tilt && bow == m.bow && bowY == m.bowY && cubic == m.cubic && sigma0 == m.sigma0
                && sigmaX == m.sigmaX && sigmaY == m.sigmaY && shape.equals(m.shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(chip, Arrays.hashCode(fibres), Arrays.hashCode(y0), sigma0);
    }

    @Override
    public String toString() {
        int dead = 0;
        for (double t : throughput) {
            dead += t == 0 ? 1 : 0;
        }
        return String.format("SpectrographModel[chip %s, %d fibres (%d dead), y %.1f..%.1f, tilt %.2f bow %.2f "
                + "cubic %.2f px/kpx^k, sigma %.3f px, %s]", chip.name(), fibres.length, dead,
                fibres.length == 0 ? Double.NaN : y0[0], fibres.length == 0 ? Double.NaN : y0[y0.length - 1], tilt,
                bow, cubic, sigma0, shape);
    }
}
