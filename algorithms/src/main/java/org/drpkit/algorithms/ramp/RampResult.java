package org.drpkit.algorithms.ramp;

import java.util.Objects;
import org.drpkit.core.flag.ExtraFlag;
import org.drpkit.core.flag.PixelFlag;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.image.ReadPattern;

/**
 * The 2D product of a ramp fit (upstream {@code ar2D}), one value per pixel.
 *
 * <p>Flags set here, and only here (the 2D calibration ORs them with its own masks and does not re-derive them):
 * {@code ONE_JUMP} (one difference dropped as a jump), {@code MANY_JUMPS} (more than one),
 * {@code BAD_CHI2} (chi2 per degree of freedom above the threshold, with {@code dof = used differences - 1}),
 * {@code PARTIAL_SATURATION} (fewer usable differences than planned, including none) and
 * {@code FULL_SATURATION} (none usable because of saturation), plus {@link #NONFINITE_INPUT} (bit 15, a drpkit
 * extension) when a read was NaN or infinite and the differences touching it were dropped. A pixel with no usable
 * difference has rate 0 and ivar 0.
 *
 * <pre>{@code
 * RampResult r = RampProcessor.process(source, chip, params);
 * r.rate().get(100, 200);          // DN/read
 * r.stats();                       // counts for QA
 * }</pre>
 *
 * @param rate     fitted rate, DN/read (not multiplied by gain); for groups of several frames DN per group interval
 *                 (divide by {@link ReadPattern#groupTime()} for DN/s)
 * @param ivar     inverse variance of the rate, (DN/read)^-2, from the pixel's own photon and read noise; the error of the
 *                 per-read reference zeropoint, common to an amplifier's pixels, is not in it
 * @param chi2     chi2 of the differences about the rate under their covariance (dimensionless)
 * @param flags    {@link PixelFlag} bits (and {@link #NONFINITE_INPUT})
 * @param jumps    number of differences dropped as jumps (an int image held in a {@code Mask})
 * @param lastDiff number of usable differences before saturation, 0..{@code plan.differences()} (an int image);
 *                 for DCS too (upstream stores the last read there instead)
 * @param varPoisson the Poisson (photon) part of the rate's variance, (DN/read)^2: the total variance {@code 1/ivar}
 *                 minus {@code varRead}, i.e. the photon covariance of the differences (at the covariance rate the fit
 *                 used: the pixel's own clipped rate with {@code SELF}, the neighbours' unclipped rate with
 *                 {@code NEIGHBOURS}) propagated through the fit's weights. stcal's VAR_POISSON instead takes the
 *                 median first difference of the pixel over all integrations and the uniform-weight formula
 *                 {@code rate/(tgroup g (n-1))} per segment; drpkit's is the variance of the weights actually used.
 *                 Negative where the neighbours' rate is negative (down to half the read part, where the total is
 *                 floored); 0 without data
 * @param varRead  the read-noise part of the rate's variance, (DN/read)^2: the variance the fit's weights give with
 *                 read noise alone ({@code s^2 u'Tu}, T the read-noise structure of the differences; for Fixsen OLS
 *                 {@code s^2 sum a_i^2} per segment). stcal's VAR_RNOISE is the uniform-weight OLS formula
 *                 {@code 12 s^2/((n^3 - n) tgroup^2)}, not the variance of its Fixsen weights; 0 without data.
 *                 {@code varPoisson + varRead = 1/ivar} to float rounding
 * @param plan     the reads used
 * @param pattern  the readout pattern the fit modelled
 * @param fit      the fit parameters used
 * @param stats    counts for QA
 */
public record RampResult(Image rate, Image ivar, Image chi2, Mask flags, Mask jumps, Mask lastDiff, Image varPoisson,
        Image varRead, ReadPlan plan, ReadPattern pattern, FitParams fit, RampStats stats) {

    /** Bit 15 (free in the APOGEE table): a read of the pixel was NaN or infinite; those differences were dropped. */
    public static final int NONFINITE_INPUT = ExtraFlag.NONFINITE_INPUT.value();

    /** Checks that every image has the rate's shape. */
    public RampResult {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(fit, "fit");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(pattern, "pattern");
        for (var g : java.util.List.of(ivar, chi2, flags, jumps, lastDiff, varPoisson, varRead)) {
            if (!rate.sameShape(g)) {
                throw new IllegalArgumentException("result images differ in shape");
            }
        }
    }

    /** Wraps a fit's output arrays (shared, not copied). */
    static RampResult of(int w, int h, RowFitter.Output out, ReadPlan plan, ReadPattern pattern, FitParams fit,
            RampStats stats) {
        return new RampResult(Image.of(w, h, out.rate()), Image.of(w, h, out.ivar()), Image.of(w, h, out.chi2()),
                Mask.of(w, h, out.flags()), Mask.of(w, h, out.jumps()), Mask.of(w, h, out.lastDiff()),
                Image.of(w, h, out.varPoisson()), Image.of(w, h, out.varRead()), plan, pattern, fit, stats);
    }

    /** @return rate, inverse variance and flags as one masked image (shares the arrays) */
    public MaskedImage toMaskedImage() {
        return MaskedImage.of(rate, ivar, flags);
    }

    /** @return e.g. {@code RampResult[2560x2048, GLS (SELF), ReadPlan[...], RampStats[...]]} */
    @Override
    public String toString() {
        return "RampResult[" + rate.width() + "x" + rate.height() + ", " + fit.estimator() + " ("
                + fit.covarianceRate() + "), " + plan + (pattern.isSingleFrame() ? "" : ", " + pattern) + ", " + stats
                + "]";
    }
}
