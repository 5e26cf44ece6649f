package org.drpkit.instruments.keck.common;

import java.util.OptionalDouble;
import org.drpkit.core.header.Header;

/**
 * The dome-flat telescope position of the Keck archive: elevation strictly within (66.99, 67.03) degrees on
 * Keck I or (44.99, 45.03) on Keck II, and the dome turned 83 to 93 degrees (exclusive) from the telescope azimuth.
 *
 * <pre>{@code
 * DomeFlat.isAtDomeFlat(header, 2);   // EL 45.0009, AZ 58.0, DOMEPOSN 147.49 -> true
 * }</pre>
 */
public final class DomeFlat {

    private DomeFlat() {
    }

    /**
     * @param telescope 1 (Keck I) or 2 (Keck II)
     * @return true when EL, AZ and DOMEPOSN place the telescope at the dome-flat position; false when any is absent
     */
    public static boolean isAtDomeFlat(Header h, int telescope) {
        OptionalDouble el = Values.number(h, "EL");
        OptionalDouble az = Values.number(h, "AZ");
        OptionalDouble dome = Values.number(h, "DOMEPOSN");
        if (el.isEmpty() || az.isEmpty() || dome.isEmpty()) {
            return false;
        }
        double e = el.getAsDouble();
        boolean elOk = telescope == 1 ? e > 66.99 && e < 67.03 : telescope == 2 && e > 44.99 && e < 45.03;
        double a = ((az.getAsDouble() % 360.0) + 360.0) % 360.0;
        double diff = Math.abs(dome.getAsDouble() - a);
        return elOk && diff > 83.0 && diff < 93.0;
    }
}
