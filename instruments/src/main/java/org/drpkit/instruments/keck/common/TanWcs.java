package org.drpkit.instruments.keck.common;

import java.util.Optional;
import java.util.OptionalDouble;
import org.drpkit.core.header.Header;

/**
 * The tangent-plane WCS block the Keck archive writes for imaging frames (NIRC2, the KCWI guide camera), computed
 * once from the header: reference pixel at the image centre, reference value at RA/DEC, CD matrix from pixel scale
 * and position angle ({@link SkyWcs}), and RADECSYS from EQUINOX ({@code FK5} for 2000, else {@code FK4}). Each
 * instrument writes the block's values with the archive's comments and card order for that instrument.
 *
 * <pre>{@code
 * Optional<TanWcs> w = TanWcs.of(h, 0.009942, 0.448);   // NIRC2 narrow camera
 * w.get().ctype1();                                     // "RA---TAN"
 * }</pre>
 *
 * @param crpix1   CRPIX1, (NAXIS1 + 1) / 2 rounded to 2 decimals
 * @param crpix2   CRPIX2, (NAXIS2 + 1) / 2 rounded to 2 decimals
 * @param crval1   CRVAL1, RA in degrees
 * @param crval2   CRVAL2, DEC in degrees
 * @param cd       the CD matrix, degrees per pixel
 * @param radecsys {@code FK5} or {@code FK4}
 */
public record TanWcs(double crpix1, double crpix2, double crval1, double crval2, SkyWcs.Cd cd, String radecsys) {

    /**
     * The comments an instrument's archive code writes on the reference cards.
     *
     * @param crpix1 CRPIX1's comment
     * @param crpix2 CRPIX2's comment
     * @param crval1 CRVAL1's comment
     * @param crval2 CRVAL2's comment
     * @param ctype1 CTYPE1's comment
     * @param ctype2 CTYPE2's comment
     */
    public record Comments(String crpix1, String crpix2, String crval1, String crval2, String ctype1, String ctype2) {
    }

    /**
     * Writes CRPIX1, CRPIX2, CRVAL1, CRVAL2, CTYPE1 and CTYPE2, in that order, through the fix log.
     *
     * @return {@code b}
     */
    public Header.Builder writeReference(Header.Builder b, Comments c, String rule) {
        return b.fix("CRPIX1", crpix1, c.crpix1(), rule).fix("CRPIX2", crpix2, c.crpix2(), rule)
                .fix("CRVAL1", crval1, c.crval1(), rule).fix("CRVAL2", crval2, c.crval2(), rule)
                .fix("CTYPE1", ctype1(), c.ctype1(), rule).fix("CTYPE2", ctype2(), c.ctype2(), rule);
    }

    /** @return {@code RA---TAN} */
    public String ctype1() {
        return "RA---TAN";
    }

    /** @return {@code DEC--TAN} */
    public String ctype2() {
        return "DEC--TAN";
    }

    /**
     * @param scaleArcsec the pixel scale, arcsec per pixel
     * @param zeroPoint   the instrument's position-angle zero point, degrees
     * @return the block, or empty when the position angle (ROTMODE), RA or DEC is unknown
     */
    public static Optional<TanWcs> of(Header h, double scaleArcsec, double zeroPoint) {
        OptionalDouble pa = SkyWcs.positionAngle(h);
        OptionalDouble ra = Angles.raDegrees(h);
        OptionalDouble dec = Angles.decDegrees(h);
        if (pa.isEmpty() || ra.isEmpty() || dec.isEmpty()) {
            return Optional.empty();
        }
        double eq = Values.number(h, "EQUINOX").orElse(2000.0);
        return Optional.of(new TanWcs(Values.round(SkyWcs.centrePixel(h.getInt("NAXIS1").orElse(0)), 2),
                Values.round(SkyWcs.centrePixel(h.getInt("NAXIS2").orElse(0)), 2), ra.getAsDouble(), dec.getAsDouble(),
                SkyWcs.cd(scaleArcsec, pa.getAsDouble(), zeroPoint), eq == 2000.0 ? "FK5" : "FK4"));
    }
}
