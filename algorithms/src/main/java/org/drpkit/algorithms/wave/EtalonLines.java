package org.drpkit.algorithms.wave;

import java.util.ArrayList;
import java.util.List;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;

/**
 * The etalon peaks of one chip of an exposure, identified with their orders through a reference solution and the
 * cavity: each peak's order is the integer nearest {@code 2L / lambda_ref(x) - eps}; a peak is used only when that is
 * within {@link FabryPerot#MAX_ORDER_OFFSET} of an integer (a move of more than a quarter of the peak spacing, about
 * 3 columns in the blue chip and 2.5 in the red, makes the orders unsure: find a coarse shift first), and it gets the
 * order's wavelength {@code 2L/(m + eps)}. The result feeds {@link DitherFit}: a night's etalon exposures measure
 * their dither against the nightly solution.
 *
 * <pre>{@code
 * ChipLines comb = EtalonLines.match(3, ArcPeaks.find(flux, ivar, ArcPeaks.Params.defaults()), night, cavity);
 * DitherFit.fit(List.of(comb), new ChipWavelength[] {null, null, night}, DitherFit.Params.shift());
 * }</pre>
 *
 * Pure function: no state, thread-safe, deterministic.
 */
public final class EtalonLines {

    private EtalonLines() {
    }

    /**
     * @param chip      CHIPNUM
     * @param peaks     the exposure's fitted peaks on this chip
     * @param reference the reference solution of this fibre and chip
     * @param cavity    the etalon's cavity (from the nightly {@link FabryPerot} fit)
     * @return the peaks with a sure order, at their orders' wavelengths
     * @throws DrpException {@code WAVE_TOO_FEW_LINES} when no peak has a sure order
     */
    public static ChipLines match(int chip, ArcPeaks.Result peaks, ChipWavelength reference, FabryPerot.Cavity cavity)
            throws DrpException {
        List<double[]> rows = new ArrayList<>();
        for (LinePeak p : peaks.peaks()) {
            double m = cavity.order(reference.wavelength(p.centre()));
            int order = (int) Math.rint(m);
            if (Math.abs(m - order) <= FabryPerot.MAX_ORDER_OFFSET && p.centreError() > 0
                    && Double.isFinite(p.centreError())) {
                rows.add(new double[] {p.centre(), p.centreError(), cavity.wavelength(order)});
            }
        }
        if (rows.isEmpty()) {
            throw new DrpException(WaveErrorCode.WAVE_TOO_FEW_LINES, Location.NOWHERE, "no etalon peak of chip " + chip
                    + " has a sure order (of " + peaks.peaks().size() + " peaks)");
        }
        return new ChipLines(chip, rows.stream().mapToDouble(r -> r[0]).toArray(),
                rows.stream().mapToDouble(r -> r[1]).toArray(), rows.stream().mapToDouble(r -> r[2]).toArray());
    }
}
