package org.drpkit.algorithms.calib;

import java.util.List;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.flag.PixelFlag;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.Region;

/**
 * Applies a dark and a flat to a 2D rate image (upstream {@code process_2Dcal}), propagating the inverse variance.
 *
 * <ul>
 *   <li><b>Dark</b>, over the whole frame: {@code flux -= dark} where the dark mask has DARK_CORRECTED, and the dark's
 *       variance is <i>added</i> to the pixel's ({@code 1/ivar = 1/ivar_rate + 1/ivar_dark}); upstream leaves ivar
 *       unchanged. A pixel without a dark estimate (NO_DARK) is left as it is.
 *   <li><b>Flat</b>, on the chip's light-sensitive area only: {@code flux /= flat} and
 *       {@code var = (var + flux^2 var_flat) / flat^2}, with {@code flux} already divided (upstream:
 *       {@code ivar *= flat^2}, which drops the flat's own error). Where the flat is not positive the flux and ivar
 *       become 0 (the pixel carries LOW_FLAT_RESPONSE from the flat mask).
 *   <li><b>Flags</b>: the OR of the rate's flags, the dark mask, the flat mask and any extra masks.
 * </ul>
 * The per-exposure bits (ONE_JUMP, MANY_JUMPS, BAD_CHI2, PARTIAL_SATURATION, FULL_SATURATION) are set by the ramp
 * stage in the rate's flags; they are carried through the OR and never re-derived here. An ivar of 0 anywhere in the
 * chain (unknown) gives an output ivar of 0. Units: the rate's flux unit (DN/read) and its inverse square.
 *
 * <pre>{@code
 * CalibratedImage cal = Calibrate.apply(rate, chip, dark.dark(), flat.flat(), List.of());
 * cal.image().ivar();   // includes the dark's variance
 * }</pre>
 */
public final class Calibrate {

    private static final int BAND_PIXELS = 1 << 18;

    private Calibrate() {
    }

    /** Applies a dark and a flat calibration built by {@link DarkStack} and {@link FlatStack}. */
    public static CalibratedImage apply(MaskedImage rate, Chip chip, DarkCalibration dark, FlatField flat)
            throws DrpException {
        return apply(rate, chip, dark == null ? null : dark.dark(), flat == null ? null : flat.flat(), List.of());
    }

    /**
     * Calibrates a rate image.
     *
     * @param rate  flux (DN/read), ivar ((DN/read)^-2, 0 = unknown) and the ramp stage's flags
     * @param chip  the chip (its light-sensitive area is where the flat applies)
     * @param dark  dark rate, its ivar and mask, or null to skip dark subtraction
     * @param flat  pixel flat, its ivar and mask, or null to skip flat fielding
     * @param masks further bad-pixel masks to OR in (e.g. a static mask), possibly empty
     * @return the calibrated image and its error-budget diagnostics
     * @throws DrpException {@code CALIB_SHAPE_MISMATCH} when the inputs do not share the chip's shape
     */
    public static CalibratedImage apply(MaskedImage rate, Chip chip, MaskedImage dark, MaskedImage flat,
            List<Mask> masks) throws DrpException {
        int w = chip.width();
        int h = chip.height();
        requireShape(rate.flux(), w, h, "the rate image");
        if (dark != null) {
            requireShape(dark.flux(), w, h, "the dark");
        }
        if (flat != null) {
            requireShape(flat.flux(), w, h, "the flat");
        }
        for (int i = 0; i < masks.size(); i++) {
            if (masks.get(i).width() != w || masks.get(i).height() != h) {
                throw new DrpException(CalibErrorCode.CALIB_SHAPE_MISMATCH, Location.NOWHERE, "extra mask " + i
                        + " is " + masks.get(i).width() + "x" + masks.get(i).height() + ", chip " + chip.name()
                        + " is " + w + "x" + h);
            }
        }
        Mask[] extra = masks.toArray(new Mask[0]);
        float[] flux = new float[w * h];
        float[] ivar = new float[w * h];
        int[] bits = new int[w * h];
        int bandRows = RowBands.rowsFor(w, BAND_PIXELS);
        int bands = (h + bandRows - 1) / bandRows;
        double[][] partial = new double[bands][5];
        RowBands.run(0, h, bandRows, w * (long) h > (1 << 20),
                () -> (y0, rows) -> band(rate, chip.lightSensitive(), dark, flat, extra, y0, rows, flux, ivar, bits,
                        partial[y0 / bandRows]));
        double zero = 0;
        double bad = 0;
        double nShare = 0;
        double darkShare = 0;
        double flatShare = 0;
        for (double[] p : partial) { // summed in band order: the same for any thread count
            zero += p[0];
            bad += p[1];
            nShare += p[2];
            darkShare += p[3];
            flatShare += p[4];
        }
        MaskedImage out = MaskedImage.of(Image.of(w, h, flux), Image.of(w, h, ivar), Mask.of(w, h, bits));
        return new CalibratedImage(out, dark != null, flat != null, (long) zero, (long) bad,
                nShare == 0 ? Double.NaN : darkShare / nShare, nShare == 0 ? Double.NaN : flatShare / nShare);
    }

    private static void band(MaskedImage rate, Region area, MaskedImage dark, MaskedImage flat, Mask[] extra, int y0,
            int rows, float[] outFlux, float[] outIvar, int[] outBits, double[] stats) {
        int w = rate.width();
        float[] rf = rate.flux().array();
        float[] ri = rate.ivar().array();
        int[] rm = rate.mask().array();
        float[] df = dark == null ? null : dark.flux().array();
        float[] di = dark == null ? null : dark.ivar().array();
        int[] dm = dark == null ? null : dark.mask().array();
        float[] ff = flat == null ? null : flat.flux().array();
        float[] fi = flat == null ? null : flat.ivar().array();
        int[] fm = flat == null ? null : flat.mask().array();
        int corrected = PixelFlag.DARK_CORRECTED.value();
        int[] extraRow = new int[extra.length];
        long zero = 0;
        long bad = 0;
        long nShare = 0;
        double darkShare = 0;
        double flatShare = 0;
        for (int y = y0; y < y0 + rows; y++) {
            int r0 = rate.flux().rowStart(y);
            int r1 = rate.ivar().rowStart(y);
            int r2 = rate.mask().rowStart(y);
            int d0 = dark == null ? 0 : dark.flux().rowStart(y);
            int d1 = dark == null ? 0 : dark.ivar().rowStart(y);
            int d2 = dark == null ? 0 : dark.mask().rowStart(y);
            int f0 = flat == null ? 0 : flat.flux().rowStart(y);
            int f1 = flat == null ? 0 : flat.ivar().rowStart(y);
            int f2 = flat == null ? 0 : flat.mask().rowStart(y);
            boolean areaRow = y >= area.y0() && y < area.y1();
            int ax0 = areaRow ? area.x0() : 0;
            int ax1 = areaRow ? area.x1() : 0;
            int o = y * w;
            for (int e = 0; e < extra.length; e++) {
                extraRow[e] = extra[e].rowStart(y);
            }
            for (int x = 0; x < w; x++) {
                double f = rf[r0 + x];
                double iv = ri[r1 + x];
                double varRate = iv > 0 ? 1 / iv : Double.POSITIVE_INFINITY;
                double var = varRate;
                double varDark = 0;
                int m = rm[r2 + x];
                if (dark != null) {
                    int dmask = dm[d2 + x];
                    m |= dmask;
                    if ((dmask & corrected) != 0) {
                        f -= df[d0 + x];
                        double ivd = di[d1 + x];
                        varDark = ivd > 0 ? 1 / ivd : Double.POSITIVE_INFINITY;
                        var += varDark;
                    }
                }
                double flatTerm = 0;
                if (flat != null) {
                    m |= fm[f2 + x];
                    if (x >= ax0 && x < ax1) {
                        double fl = ff[f0 + x];
                        if (fl > 0 && fl < Double.POSITIVE_INFINITY) {
                            double ivf = fi[f1 + x];
                            f /= fl;
                            flatTerm = ivf > 0 ? f * f / ivf : Double.POSITIVE_INFINITY;
                            var = (var + flatTerm) / (fl * fl);
                            flatTerm /= fl * fl;
                        } else {
                            f = 0;
                            var = Double.POSITIVE_INFINITY;
                        }
                    }
                }
                for (int e = 0; e < extra.length; e++) {
                    m |= extra[e].array()[extraRow[e] + x];
                }
                float ivOut = var > 0 && var < Double.POSITIVE_INFINITY ? (float) (1 / var) : 0f;
                outFlux[o + x] = (float) f;
                outIvar[o + x] = ivOut;
                outBits[o + x] = m;
                if (ivOut == 0) {
                    zero++;
                }
                if ((m & CalibFlag.BAD_BITS) != 0) {
                    bad++;
                }
                if (x >= ax0 && x < ax1 && ivOut > 0 && varRate < Double.POSITIVE_INFINITY) {
                    nShare++;
                    darkShare += varDark / (varRate + varDark);
                    flatShare += flatTerm * ivOut;
                }
            }
        }
        stats[0] = zero;
        stats[1] = bad;
        stats[2] = nShare;
        stats[3] = darkShare;
        stats[4] = flatShare;
    }

    private static void requireShape(Image img, int w, int h, String what) throws DrpException {
        if (img.width() != w || img.height() != h) {
            throw new DrpException(CalibErrorCode.CALIB_SHAPE_MISMATCH, Location.NOWHERE, what + " is " + img.width()
                    + "x" + img.height() + " but the chip is " + w + "x" + h);
        }
    }
}
