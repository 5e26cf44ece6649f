package org.drpkit.algorithms.ramp;

import org.drpkit.core.image.Ramp;
import org.drpkit.core.instrument.Chip;

/**
 * Slope fitting of an in-memory ramp whose reads are already corrected (zeropoint, row noise, nonlinearity), with
 * jump detection ({@link JumpDetection}'s test) run on the way. Single-threaded; {@link RampProcessor} is the streaming, parallel composition of every stage and
 * uses the same kernels, so both give identical results on the same corrected reads.
 *
 * <p>Estimators ({@link FitParams.Estimator}): GLS with the tridiagonal covariance of the differences
 * ({@code C_kk = 2 s^2 + max(f,0)/g}, {@code C_k,k+1 = -s^2}); complete ramps use tabulated weights (exact GLS for
 * the tabulated covariance, see the package notes), masked ramps a Thomas solve per jump-free segment. Or
 * OLS per segment with Fixsen weights (stcal), segments combined by inverse variance. The initial rate is the robust
 * rate of the jump test, never a median including saturated or jump differences (as upstream does).
 *
 * <pre>{@code
 * ReadPlan plan = ReadSelection.plan(ramp.reads(), ReadSelection.Params.UPSTREAM);
 * FitParams fit = FitParams.defaults(NoiseModel.UPSTREAM_DEFAULTS);
 * RampResult r = RampFit.fit(ramp, plan, null, JumpParams.DEFAULTS, fit, null);
 * }</pre>
 */
public final class RampFit {

    private RampFit() {
    }

    /**
     * @param reads      the corrected reads, DN. Not modified.
     * @param plan       the reads to fit; its read count must be the ramp's
     * @param saturation usable differences per pixel, or null when nothing saturates. Not modified.
     * @param jumps      jump detection parameters
     * @param fit        fit parameters; their noise maps must have the ramp's shape. Not modified.
     * @param chip       the layout (used to keep neighbour rates within a region of a row), or null
     * @return rate (DN/read), ivar, chi2, flags, jumps and last usable difference per pixel
     */
    public static RampResult fit(Ramp reads, ReadPlan plan, SaturationResult saturation, JumpParams jumps,
            FitParams fit, Chip chip) {
        int w = reads.width();
        int h = reads.height();
        fit.noise().requireShape(w, h, "ramp");
        if (plan.totalReads() != reads.reads()) {
            throw new IllegalArgumentException(plan + " does not match a ramp of " + reads.reads() + " reads");
        }
        int n = plan.differences();
        RowFitter rf = new RowFitter(plan, fit, jumps, RowFitter.Tables.of(n, reads.pattern()), w);
        RowFitter.Output out = RowFitter.Output.allocate(w * h);
        float[] buf = new float[w * n];
        int[] all = new int[w];
        java.util.Arrays.fill(all, n);
        for (int y = 0; y < h; y++) {
            Rows.differences(reads, plan.firstRead(), n, y, buf);
            rf.noiseRow(fit.noise(), y, w);
            int[] usable = saturation == null ? all : saturation.usableDifferences().array();
            int uOff = saturation == null ? 0 : y * w;
            rf.fitRow(buf, w, usable, uOff, Rows.regions(chip, y, w), out, y * w);
        }
        return RampResult.of(w, h, out, plan, reads.pattern(), fit, rf.counter.toStats());
    }
}
