package org.drpkit.algorithms.wave;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.lines.LineList;

/**
 * The sky-line tweak of one fibre of a science exposure: its OH lines are found on every chip given, where the
 * night's reference solution expects them ({@link SkyLines}), and one shift (optionally with a scale) common to the
 * chips is fitted against that solution ({@link DitherFit}); the exposure's solution of each chip is the reference
 * moved by it. This is the spec's per-exposure dither against the nightly solution, measured on the sky itself.
 *
 * <pre>{@code
 * SkyTweak.Result t = SkyTweak.fibre(List.of(new SkyTweak.ChipSpectrum(1, fR, ivR, nightR),
 *         new SkyTweak.ChipSpectrum(2, fG, ivG, nightG), new SkyTweak.ChipSpectrum(3, fB, ivB, nightB)), oh,
 *         SkyLines.Params.defaults(), DitherFit.Params.shift());
 * t.dither().shift();       // columns
 * t.tweaked().get(1);       // the green chip's solution of this exposure
 * }</pre>
 *
 * Pure function: no state, thread-safe, deterministic.
 */
public final class SkyTweak {

    private SkyTweak() {
    }

    /**
     * One chip of the fibre's spectrum with the night's solution of that fibre and chip.
     *
     * @param chip      CHIPNUM
     * @param flux      data units per column; not modified
     * @param ivar      inverse variance (0 for a bad pixel), or null; not modified
     * @param reference the night's solution
     */
    public record ChipSpectrum(int chip, double[] flux, double[] ivar, ChipWavelength reference) {

        /** Checks the chip and the reference. */
        public ChipSpectrum {
            Objects.requireNonNull(flux, "flux");
            Objects.requireNonNull(reference, "reference");
            if (chip < 1 || chip > 3) {
                throw new IllegalArgumentException("CHIPNUM is 1, 2 or 3, not " + chip);
            }
        }
    }

    /**
     * @param found   the lines of each chip, in the order given
     * @param dither  the fitted move against the reference
     * @param tweaked each chip's solution of this exposure, in the order given
     */
    public record Result(List<SkyLines.Result> found, DitherFit.Result dither, List<ChipWavelength> tweaked) {

        /** Copies the lists. */
        public Result {
            found = List.copyOf(found);
            tweaked = List.copyOf(tweaked);
        }

        @Override
        public String toString() {
            return "SkyTweak.Result[" + found.stream().map(r -> r.chip() + ": " + r.found() + "/"
                    + r.searched().length).toList() + " lines, " + dither + "]";
        }
    }

    /**
     * @param chips the fibre's chips, each at most once
     * @param lines the sky-line list
     * @param sp    line finding
     * @param dp    the dither fit
     * @return the lines, the move and the tweaked solutions
     * @throws DrpException {@code WAVE_TOO_FEW_LINES} when too few sky lines are found for the move; from
     *                      {@link SkyLines#find}
     */
    public static Result fibre(List<ChipSpectrum> chips, LineList lines, SkyLines.Params sp, DitherFit.Params dp)
            throws DrpException {
        ChipWavelength[] ref = new ChipWavelength[3];
        List<SkyLines.Result> found = new ArrayList<>();
        List<ChipLines> matched = new ArrayList<>();
        for (ChipSpectrum c : chips) {
            if (ref[c.chip() - 1] != null) {
                throw new IllegalArgumentException("chip " + c.chip() + " given twice");
            }
            ref[c.chip() - 1] = c.reference();
            SkyLines.Result r = SkyLines.find(c.chip(), c.flux(), c.ivar(), c.reference(), lines, sp);
            found.add(r);
            matched.add(r.lines());
        }
        DitherFit.Result d = DitherFit.fit(matched, ref, dp);
        List<ChipWavelength> tweaked = new ArrayList<>();
        for (ChipSpectrum c : chips) {
            tweaked.add(d.apply(c.reference()));
        }
        return new Result(found, d, tweaked);
    }
}
