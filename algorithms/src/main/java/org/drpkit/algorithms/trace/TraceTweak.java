package org.drpkit.algorithms.trace;

import org.drpkit.algorithms.calib.CalibFlag;
import org.drpkit.algorithms.concurrent.BlockWorkers;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.instrument.Region;
import org.drpkit.core.trace.TraceStatus;
import org.drpkit.core.trace.Traces;

/**
 * Fits a per-exposure shift (and optionally a scale) of the night's traces to the exposure itself, so the traces
 * follow flexure between the flat and the exposure (upstream never tweaks).
 *
 * <p>The model of the exposure is, in every used column, the sum of the live traces' profiles at
 * {@code y' = y + shift + scale (y - yRef)} with free heights. Each iteration solves the heights of every column
 * (Gauss-Seidel sweeps, neighbours subtracted) and then takes one Gauss-Newton step for shift and scale from all
 * columns together; the column blocks are summed in order, so the result does not depend on the thread count.
 * Works on any exposure with trace light (flats, arcs, science): columns where a trace has no light carry no
 * weight. Units: pixels; scale is dimensionless. The inputs are not modified.
 *
 * <pre>{@code
 * TraceTweak.Result r = TraceTweak.fit(science, nightTraces, TraceTweak.Params.defaults());
 * r.shift();                  // px
 * Traces t = r.traces();      // the night's traces moved onto this exposure
 * }</pre>
 */
public final class TraceTweak {

    private static final int COLUMNS_PER_BLOCK = 32;

    private TraceTweak() {
    }

    /**
     * @param columnStep use every columnStep-th column (default 4)
     * @param iterations Gauss-Newton iterations (default 6; stops earlier once the step is below 1e-5 px)
     * @param fitScale   also fit a scale about the middle of the traces (default false: shift only)
     * @param rejectBits flag bits that make a pixel unusable (default {@link CalibFlag#BAD_BITS})
     * @param parallel   use the available cores (results do not depend on it)
     */
    public record Params(int columnStep, int iterations, boolean fitScale, int rejectBits, boolean parallel) {
        /** Checks ranges. */
        public Params {
            if (columnStep < 1 || iterations < 1) {
                throw new IllegalArgumentException("bad tweak parameters: step " + columnStep + ", iterations "
                        + iterations);
            }
        }

        /** @return shift only, every 4th column, 6 iterations */
        public static Params defaults() {
            return new Params(4, 6, false, CalibFlag.BAD_BITS, true);
        }

        /** @return these parameters also fitting a scale */
        public Params withScale(boolean s) {
            return new Params(columnStep, iterations, s, rejectBits, parallel);
        }
    }

    /**
     * @param shift      fitted shift, px
     * @param shiftError its 1-sigma error from the weights, px
     * @param scale      fitted scale (0 unless fitted)
     * @param scaleError its error
     * @param yRef       the row the scale is about
     * @param columns    columns used
     * @param traces     the input traces moved by the fit
     */
    public record Result(double shift, double shiftError, double scale, double scaleError, double yRef, int columns,
            Traces traces) {
        @Override
        public String toString() {
            return String.format("TraceTweak.Result[shift %+.4f +- %.4f px, scale %+.2e +- %.1e about y %.1f, "
                    + "%d columns]",
                    shift, shiftError, scale, scaleError, yRef, columns);
        }
    }

    /**
     * @param exposure calibrated exposure (flux, ivar, flags); not modified
     * @param traces   the traces to move (e.g. the night's, from a flat); not modified
     * @param p        parameters
     * @return the shift, scale and moved traces
     * @throws DrpException {@code TRACE_SHAPE_MISMATCH} when the exposure's width differs from the traces',
     *                      {@code TRACE_TWEAK_FAILED} when no column carries trace light
     */
    public static Result fit(MaskedImage exposure, Traces traces, Params p) throws DrpException {
        if (exposure.width() != traces.columns()) {
            throw new DrpException(TraceErrorCode.TRACE_SHAPE_MISMATCH, Location.NOWHERE, "the exposure is "
                    + exposure.width() + " columns wide, the traces " + traces.columns());
        }
        int n = traces.count();
        boolean[] live = new boolean[n];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int mid = (traces.x0() + traces.x1()) / 2;
        for (int i = 0; i < n; i++) {
            live[i] = traces.status()[i] == TraceStatus.LIVE;
            lo = Math.min(lo, traces.centre(i, mid));
            hi = Math.max(hi, traces.centre(i, mid));
        }
        double yRef = 0.5 * (lo + hi);
        Region rows = Region.of(traces.x0(), 0, traces.x1() - traces.x0(), exposure.height());
        int cols = (traces.x1() - traces.x0() + p.columnStep() - 1) / p.columnStep();
        int blocks = (cols + COLUMNS_PER_BLOCK - 1) / COLUMNS_PER_BLOCK;
        double shift = 0;
        double scale = 0;
        double[] err = {Double.NaN, Double.NaN};
        for (int it = 0; it < p.iterations(); it++) {
            double[][] partial = new double[blocks][5];
            double s0 = shift;
            double k0 = scale;
            BlockWorkers.run(p.parallel() ? Runtime.getRuntime().availableProcessors() : 1, blocks, null,
                    () -> new Scratch(n, exposure.height()), (sc, b) -> {
                        double[] nrm = new double[3];
                        double[] g = new double[2];
                        for (int c = b * COLUMNS_PER_BLOCK; c < Math.min(cols, (b + 1) * COLUMNS_PER_BLOCK); c++) {
                            int x = traces.x0() + c * p.columnStep();
                            for (int i = 0; i < n; i++) {
                                double y = traces.centre(i, x);
                                sc.mu[i] = y + s0 + k0 * (y - yRef);
                                sc.sigma[i] = traces.sigma(i, x);
                            }
                            TraceFinder.gather(exposure, x, rows, p.rejectBits(), sc.fit);
                            sc.fit.begin(sc.zero, sc.mu, sc.sigma, traces.shape(), x);
                            sc.fit.fitHeights(live, traces.shape(), x, 3);
                            sc.fit.shiftNormals(live, traces.shape(), x, yRef, nrm, g);
                        }
                        double[] out = partial[b];
                        out[0] = nrm[0];
                        out[1] = nrm[1];
                        out[2] = nrm[2];
                        out[3] = g[0];
                        out[4] = g[1];
                    });
            double a11 = 0;
            double a12 = 0;
            double a22 = 0;
            double g1 = 0;
            double g2 = 0;
            for (double[] q : partial) {
                a11 += q[0];
                a12 += q[1];
                a22 += q[2];
                g1 += q[3];
                g2 += q[4];
            }
            if (!(a11 > 0)) {
                throw new DrpException(TraceErrorCode.TRACE_TWEAK_FAILED, Location.NOWHERE,
                        "no trace light in the exposure to fit a shift to");
            }
            double ds;
            double dk = 0;
            if (p.fitScale()) {
                double det = a11 * a22 - a12 * a12;
                if (!(det > 0)) {
                    throw new DrpException(TraceErrorCode.TRACE_TWEAK_FAILED, Location.NOWHERE,
                            "shift and scale cannot be separated (all light at one row?)");
                }
                ds = (a22 * g1 - a12 * g2) / det;
                dk = (a11 * g2 - a12 * g1) / det;
                err[0] = Math.sqrt(a22 / det);
                err[1] = Math.sqrt(a11 / det);
            } else {
                ds = g1 / a11;
                err[0] = Math.sqrt(1 / a11);
            }
            shift += ds;
            scale += dk;
            if (Math.abs(ds) < 1e-5 && Math.abs(dk * (hi - lo)) < 1e-5) {
                break;
            }
        }
        return new Result(shift, err[0], scale, p.fitScale() ? err[1] : 0, yRef, cols,
                traces.moved(shift, scale, yRef));
    }

    /** One worker's scratch. */
    private static final class Scratch {
        final ColumnFit fit;
        final double[] mu;
        final double[] sigma;
        final double[] zero;

        Scratch(int n, int height) {
            fit = new ColumnFit(n, 0, height);
            mu = new double[n];
            sigma = new double[n];
            zero = new double[n];
        }
    }

}
