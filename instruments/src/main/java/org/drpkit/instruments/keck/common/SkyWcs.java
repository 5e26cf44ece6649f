package org.drpkit.instruments.keck.common;

import java.util.OptionalDouble;
import org.drpkit.core.header.Header;

/**
 * The tangent-plane WCS the Keck archive writes for imagers: the sky position angle from the rotator mode, and
 * the CD matrix from pixel scale and position angle.
 *
 * <pre>{@code
 * double pa = SkyWcs.positionAngle(h).orElseThrow();       // ROTMODE 'position angle' -> ROTPOSN
 * SkyWcs.Cd cd = SkyWcs.cd(0.039686, pa, 0.7);             // NIRC2 wide camera
 * }</pre>
 */
public final class SkyWcs {

    private SkyWcs() {
    }

    /**
     * The CD matrix in degrees per pixel.
     *
     * @param cd11 CD1_1
     * @param cd12 CD1_2
     * @param cd21 CD2_1
     * @param cd22 CD2_2
     */
    public record Cd(double cd11, double cd12, double cd21, double cd22) {
    }

    /**
     * The position angle (degrees) by the first four letters of ROTMODE: {@code posi} = ROTPOSN, {@code vert} =
     * ROTPOSN + PARANTEL (PARANG when PARANTEL is blank), {@code stat} = ROTPOSN + PARANTEL - EL.
     *
     * @return the angle, or empty for another mode or missing keywords
     */
    public static OptionalDouble positionAngle(Header h) {
        String mode = Values.lower(h, "ROTMODE");
        mode = mode.length() >= 4 ? mode.substring(0, 4) : mode;
        OptionalDouble rot = Values.number(h, "ROTPOSN");
        OptionalDouble par = Values.number(h, "PARANTEL");
        if (par.isEmpty()) {
            par = Values.number(h, "PARANG");
        }
        if (rot.isEmpty()) {
            return OptionalDouble.empty();
        }
        switch (mode) {
            case "posi":
                return rot;
            case "vert":
                return par.isPresent() ? OptionalDouble.of(rot.getAsDouble() + par.getAsDouble()) : OptionalDouble.empty();
            case "stat":
                OptionalDouble el = Values.number(h, "EL");
                return par.isPresent() && el.isPresent()
                        ? OptionalDouble.of(rot.getAsDouble() + par.getAsDouble() - el.getAsDouble())
                        : OptionalDouble.empty();
            default:
                return OptionalDouble.empty();
        }
    }

    /**
     * The archive's CD matrix: theta = -(pa - zeroPoint) degrees; CD1_1 = -s cos(theta)/3600, CD2_2 =
     * s cos(theta)/3600, CD1_2 = CD2_1 = -s sin(theta)/3600.
     *
     * @param scaleArcsec pixel scale in arcsec per pixel
     * @param pa          position angle in degrees
     * @param zeroPoint   the instrument's position-angle zero point in degrees
     */
    public static Cd cd(double scaleArcsec, double pa, double zeroPoint) {
        double theta = Math.toRadians(-(pa - zeroPoint));
        double c = scaleArcsec * Math.cos(theta) / 3600.0;
        double s = scaleArcsec * Math.sin(theta) / 3600.0;
        return new Cd(-c, -s, -s, c);
    }

    /** @return the FITS reference pixel of an axis of {@code n} pixels: (n + 1) / 2 */
    public static double centrePixel(int n) {
        return (n + 1) / 2.0;
    }
}
