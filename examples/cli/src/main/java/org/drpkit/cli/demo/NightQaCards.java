package org.drpkit.cli.demo;

import java.util.ArrayList;
import java.util.List;
import org.drpkit.algorithms.calib.CalibFlag;
import org.drpkit.algorithms.calib.DarkCalibration;
import org.drpkit.algorithms.calib.FlatField;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.algorithms.wave.ChipWavelength;
import org.drpkit.algorithms.wave.FibreWavelengths;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.Region;
import org.drpkit.core.trace.Traces;

/**
 * The night QA keywords the demo writes into the primary headers of its dark, flat and arc products, where
 * {@code drpkit almanac trends} (the library's {@code QaMetric.forInstrument("APOGEE")}) reads them back across nights:
 * <ul>
 *   <li>dark ({@code darkRate}): {@code DARKMED} (median dark rate over the light-sensitive area, DN/read),
 *       {@code DARKSIG} (its IQR sigma), {@code NHOT} (pixels flagged hot), {@code NBADPIX} (light-sensitive pixels with a bad flag);
 *   <li>flat ({@code flatFraction}): {@code FLATLVL} (median lamp level of the frames used, DN/read), {@code FLATRMS}
 *       (IQR sigma of the pixel response over the light-sensitive pixels left unflagged), {@code NLOWRESP} (pixels
 *       flagged low response), {@code NBADPIX};
 *   <li>arc ({@code ar1D} of the arc): {@code WAVEREF} (the written solution's wavelength at column {@code REFCOL} of
 *       fibre {@code REFFIBRE}, the middle trace, Angstrom), {@code WAVERMS} (median line-residual rms over the
 *       fibres, Angstrom), {@code NWSOLVED} (fibres solved).
 * </ul>
 *
 * <pre>{@code
 * NightQaCards.dark(Header.builder().add("CHIP", "R"), dark, chip).build().getDouble("DARKMED");
 * }</pre>
 */
final class NightQaCards {

    private NightQaCards() {
    }

    /** @return the builder with the dark's QA cards added */
    static Header.Builder dark(Header.Builder h, DarkCalibration dark, Chip chip) {
        return h.add("DARKMED", dark.level(), "median dark rate, light-sensitive area (DN/read)")
                .add("DARKSIG", dark.sigma(), "IQR sigma of the dark rate (DN/read)")
                .add("NHOT", (long) dark.hot(), "pixels flagged HOT_PIXEL")
                .add("NBADPIX", bad(dark.dark(), chip), "light-sensitive pixels with a bad flag in the dark's mask");
    }

    /** @return the builder with the flat's QA cards added */
    static Header.Builder flat(Header.Builder h, FlatField flat, Chip chip) {
        List<Double> levels = new ArrayList<>();
        for (int i = 0; i < flat.used().length; i++) {
            if (flat.used()[i]) {
                levels.add(flat.frameLevels()[i]);
            }
        }
        double level = levels.isEmpty() ? Double.NaN
                : RobustStats.median(levels.stream().mapToDouble(Double::doubleValue).toArray());
        Region a = chip.lightSensitive();
        MaskedImage f = flat.flat();
        float[] good = new float[a.width() * a.height()];
        int n = 0;
        for (int y = a.y0(); y < a.y1(); y++) {
            for (int x = a.x0(); x < a.x1(); x++) {
                if ((f.mask().get(x, y) & CalibFlag.BAD_BITS) == 0) {
                    good[n++] = f.flux().get(x, y);
                }
            }
        }
        double rms = n == 0 ? Double.NaN : RobustStats.iqrSigma(java.util.Arrays.copyOf(good, n));
        return h.add("FLATLVL", level, "median lamp level of the frames used (DN/read)")
                .add("FLATRMS", rms, "IQR sigma of the pixel response, unflagged pixels")
                .add("NLOWRESP", (long) flat.lowResponse(), "pixels flagged LOW_FLAT_RESPONSE")
                .add("NBADPIX", bad(f, chip), "light-sensitive pixels with a bad flag in the flat's mask");
    }

    /** @return the builder with the arc's wavelength QA cards added */
    static Header.Builder wavelengths(Header.Builder h, FibreWavelengths w, ChipWavelength[] written, Traces traces) {
        int row = traces.count() / 2;
        int col = (traces.x0() + traces.x1()) / 2;
        return h.add("WAVEREF", written[row].wavelength(col), "wavelength at REFCOL of REFFIBRE (Angstrom)")
                .add("REFFIBRE", (long) traces.fibres()[row], "fibre of WAVEREF")
                .add("REFCOL", (long) col, "column of WAVEREF")
                .add("WAVERMS", w.medianRms(), "median line residual rms over fibres (Angstrom)")
                .add("NWSOLVED", (long) w.solved().size(), "fibres with a wavelength solution");
    }

    /** @return light-sensitive pixels with a bad flag (the border and reference outputs are not counted) */
    private static long bad(MaskedImage m, Chip chip) {
        Region a = chip.lightSensitive();
        long n = 0;
        for (int y = a.y0(); y < a.y1(); y++) {
            for (int x = a.x0(); x < a.x1(); x++) {
                if ((m.mask().get(x, y) & CalibFlag.BAD_BITS) != 0) {
                    n++;
                }
            }
        }
        return n;
    }
}
