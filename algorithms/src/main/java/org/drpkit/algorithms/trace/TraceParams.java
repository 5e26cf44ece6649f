package org.drpkit.algorithms.trace;

import java.util.Objects;
import org.drpkit.algorithms.calib.CalibFlag;
import org.drpkit.core.trace.ProfileShape;

/**
 * Parameters of {@link TraceFinder}.
 *
 * <pre>{@code
 * TraceParams p = TraceParams.defaults().withShape(ProfileShape.constant(0.03, 0.05)).withMinLampLevel(40);
 * }</pre>
 *
 * @param shape          profile shape the fits start from (default Gaussian)
 * @param fitShape       fit the profile shape (h3, h4 and their slopes) to the flat, then refit the columns with it
 *                       (default true; false keeps {@code shape})
 * @param crossColumns   half-width of the band of columns whose median makes the cross-section, px (default 10)
 * @param maxShift       largest offset of the flat from the nominal geometry searched, px (default 15)
 * @param matchTolerance a peak identifies a fibre when within this distance of its shifted nominal position, px
 *                       (default 1)
 * @param deadFraction   an identified peak lower than this fraction of the median peak is a dead fibre (0.05)
 * @param minLampLevel   lamp-off test: the half-width of the 16..84% range of good-pixel flux in the central
 *                       columns must reach this level, flux unit (default 10 DN/read, upstream's LCO value)
 * @param initialWidth   first guess of the widths, px (default 1)
 * @param minWidth       smallest width a fit may take, px (0.4)
 * @param maxWidth       largest width a fit may take, px (3)
 * @param maxMove        largest change of a centre from its guess within one column, px (1.5)
 * @param startSweeps    Gauss-Seidel sweeps at the starting column (20)
 * @param sweeps         sweeps at every other column (3)
 * @param degree         degree of the Legendre polynomials smoothing centres and widths along x (5)
 * @param clipSigma      per-column fits further than this many errors from the smooth curve are dropped (4)
 * @param rejectBits     flag bits that make a pixel unusable (default {@link CalibFlag#BAD_BITS})
 * @param parallel       sweep the two halves of the chip on two threads (results do not depend on it)
 */
public record TraceParams(ProfileShape shape, boolean fitShape, int crossColumns, double maxShift,
        double matchTolerance,
        double deadFraction, double minLampLevel, double initialWidth, double minWidth, double maxWidth,
        double maxMove, int startSweeps, int sweeps, int degree, double clipSigma, int rejectBits, boolean parallel) {

    /** Checks ranges. */
    public TraceParams {
        Objects.requireNonNull(shape, "shape");
        if (crossColumns < 0 || !(maxShift >= 0) || !(matchTolerance > 0) || !(deadFraction >= 0 && deadFraction < 1)
                || Double.isNaN(minLampLevel) || !(minWidth > 0 && initialWidth >= minWidth && maxWidth >= initialWidth)
                || !(maxMove > 0) || startSweeps < 1 || sweeps < 1 || degree < 0 || degree > 20 || !(clipSigma > 0)) {
            throw new IllegalArgumentException("bad trace parameters: " + this);
        }
    }

    /** @return the defaults (the profile shape fitted from a Gaussian start; see the parameter list) */
    public static TraceParams defaults() {
        return new TraceParams(ProfileShape.GAUSSIAN, true, 10, 15, 1, 0.05, 10, 1, 0.4, 3, 1.5, 20, 3, 5, 4,
                CalibFlag.BAD_BITS, true);
    }

    /** @return these parameters with a known profile shape, held fixed (not fitted) */
    public TraceParams withShape(ProfileShape s) {
        return new TraceParams(s, false, crossColumns, maxShift, matchTolerance, deadFraction, minLampLevel,
                initialWidth, minWidth, maxWidth, maxMove, startSweeps, sweeps, degree, clipSigma, rejectBits,
                parallel);
    }

    /** @return these parameters fitting the profile shape ({@code true}) or holding it ({@code false}) */
    public TraceParams withFitShape(boolean fit) {
        return new TraceParams(shape, fit, crossColumns, maxShift, matchTolerance, deadFraction, minLampLevel,
                initialWidth, minWidth, maxWidth, maxMove, startSweeps, sweeps, degree, clipSigma, rejectBits,
                parallel);
    }

    /** @return these parameters with another lamp-off level */
    public TraceParams withMinLampLevel(double level) {
        return new TraceParams(shape, fitShape, crossColumns, maxShift, matchTolerance, deadFraction, level,
                initialWidth, minWidth, maxWidth, maxMove, startSweeps, sweeps, degree, clipSigma, rejectBits,
                parallel);
    }

    /** @return these parameters with another degree of the smoothing along x */
    public TraceParams withDegree(int d) {
        return new TraceParams(shape, fitShape, crossColumns, maxShift, matchTolerance, deadFraction, minLampLevel,
                initialWidth, minWidth, maxWidth, maxMove, startSweeps, sweeps, d, clipSigma, rejectBits, parallel);
    }

    /** @return these parameters on one thread ({@code false}) or two */
    public TraceParams withParallel(boolean p) {
        return new TraceParams(shape, fitShape, crossColumns, maxShift, matchTolerance, deadFraction, minLampLevel,
                initialWidth, minWidth, maxWidth, maxMove, startSweeps, sweeps, degree, clipSigma, rejectBits, p);
    }
}
