package org.drpkit.algorithms.ramp;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.flag.PixelFlag;
import org.drpkit.core.image.ReadPattern;

/**
 * The fit of one pixel's ramp, for checking drpkit against other implementations by hand or in JShell: the same
 * kernels as {@link RampProcessor} (jump detection, GLS or Fixsen OLS under the pattern's covariance), on one ramp
 * given as a {@code double[]} of reads, with the pixel's own rate in the covariance ({@link
 * FitParams.CovarianceRate#SELF}: a lone pixel has no neighbours). Every read passed is fitted (drop reads before
 * calling); there is no saturation map, a NaN or infinite read drops the differences that touch it. Values are
 * those the processor stores in its float images (float precision).
 *
 * <pre>{@code
 * PixelFit f = PixelFit.of(new double[] {1000, 1021, 1039, 1062, 1080, 1101}, ReadPattern.singleFrames(10.6), 1.9, 5);
 * f.rate();                            // DN/read
 * f.varPoisson() + f.varRead();        // the rate's variance, (DN/read)^2
 * }</pre>
 *
 * @param rate       the rate, DN per read interval (DN/read for single frames)
 * @param varPoisson the Poisson part of its variance, (DN/read)^2 (see {@link RampResult#varPoisson()})
 * @param varRead    the read-noise part, (DN/read)^2 (see {@link RampResult#varRead()})
 * @param chi2       chi2 of the used differences about the rate under their covariance
 * @param jumps      the differences dropped as jumps, 0-based (difference k is read k to read k+1), ascending
 * @param flags      {@link PixelFlag} bits as in {@link RampResult#flags()}
 */
public record PixelFit(double rate, double varPoisson, double varRead, double chi2, int[] jumps, int flags) {

    /** Copies the jump indices. */
    public PixelFit {
        jumps = jumps.clone();
    }

    /** @return the jump indices (a copy) */
    @Override
    public int[] jumps() {
        return jumps.clone();
    }

    /** @return the rate's total variance, {@code varPoisson + varRead}, (DN/read)^2 */
    public double variance() {
        return varPoisson + varRead;
    }

    /**
     * GLS with jump detection at the defaults ({@link JumpParams#DEFAULTS}).
     *
     * @param reads     the reads (groups) of one pixel, DN, at least two. Not modified.
     * @param pattern   frames per read and skipped frames
     * @param gain      e-/DN
     * @param readNoise read noise of one frame, DN
     * @return the fit
     * @throws DrpException {@code RAMP_TOO_SHORT} for fewer than two reads
     */
    public static PixelFit of(double[] reads, ReadPattern pattern, double gain, double readNoise) throws DrpException {
        return of(reads, pattern, FitParams.defaults(NoiseModel.of(gain, readNoise * readNoise)), JumpParams.DEFAULTS);
    }

    /**
     * @param reads   the reads (groups) of one pixel, DN, at least two. Not modified.
     * @param pattern frames per read and skipped frames
     * @param fit     estimator and scalar noise (maps are ignored); the covariance rate is always the pixel's own
     * @param jumps   jump detection
     * @return the fit
     * @throws DrpException {@code RAMP_TOO_SHORT} for fewer than two reads
     */
    public static PixelFit of(double[] reads, ReadPattern pattern, FitParams fit, JumpParams jumps)
            throws DrpException {
        Objects.requireNonNull(pattern, "pattern");
        if (reads.length < ReadSelection.MIN_READS) {
            throw new DrpException(RampErrorCode.RAMP_TOO_SHORT, Location.NOWHERE,
                    "a ramp of " + reads.length + " read(s) has no read difference");
        }
        int n = reads.length - 1;
        float[] d = new float[n];
        for (int k = 0; k < n; k++) {
            d[k] = (float) (reads[k + 1] - reads[k]);
        }
        NoiseModel noise = NoiseModel.of(fit.noise().gain(), fit.noise().readVariance());
        FitParams self = fit.withNoise(noise).withCovarianceRate(FitParams.CovarianceRate.SELF);
        ReadPlan plan = new ReadPlan(reads.length, 0, n, ReadPlan.Method.SUTR);
        RowFitter rf = new RowFitter(plan, self, jumps, RowFitter.Tables.of(n, pattern), 1);
        rf.noiseRow(noise, 0, 1);
        RowFitter.Output out = RowFitter.Output.allocate(1);
        rf.fitRow(d, 1, new int[] {n}, 0, new int[] {0, 1}, out, 0);
        int[] found = new int[n];
        int count = 0;
        for (int k = 0; k < n; k++) {
            if ((rf.excl[k >>> 6] & (1L << k)) != 0 && Float.isFinite(d[k])) {
                found[count++] = k;
            }
        }
        return new PixelFit(out.rate()[0], out.varPoisson()[0], out.varRead()[0], out.chi2()[0],
                Arrays.copyOf(found, count), out.flags()[0]);
    }

    /**
     * @return e.g. {@code PixelFit[rate=20.1439 +- 1.91, variance 2.20 Poisson + 1.45 read, chi2 0.1840, jumps [],
     *         flags -]}
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PixelFit[rate=%.6g +- %.3g, variance %.3g Poisson + %.3g read, chi2 %.4g, "
                + "jumps %s, flags %s]", rate, Math.sqrt(variance()), varPoisson, varRead, chi2,
                Arrays.toString(jumps), flags == 0 ? "-" : PixelFlag.describe(flags));
    }
}
