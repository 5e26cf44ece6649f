package org.drpkit.instruments.apogee;

/**
 * APOGEE fibre numbering. The survey's {@code fiberID} runs 1..300; on the detector the fibres are stacked along y
 * in the opposite order, {@code index = 301 - fiberID} (1..300, increasing with y); the two-site index is
 * {@code (site - 1) * 300 + index} with APO = 1 and LCO = 2.
 *
 * <pre>{@code
 * Fibers.detectorIndex(1);                     // 300
 * Fibers.adjustedIndex(ApogeeSite.LCO, 1);     // 301
 * }</pre>
 */
public final class Fibers {

    /** Fibres per spectrograph. */
    public static final int COUNT = 300;

    private Fibers() {
    }

    /** @return the on-detector index (1..300) of a fibre id (1..300) */
    public static int detectorIndex(int fiberId) {
        check(fiberId, "fiberID");
        return COUNT + 1 - fiberId;
    }

    /** @return the fibre id (1..300) of an on-detector index (1..300) */
    public static int fiberId(int detectorIndex) {
        check(detectorIndex, "detector index");
        return COUNT + 1 - detectorIndex;
    }

    /** @return the index over both sites, 1..600 */
    public static int adjustedIndex(ApogeeSite site, int detectorIndex) {
        check(detectorIndex, "detector index");
        return (site.index() - 1) * COUNT + detectorIndex;
    }

    private static void check(int i, String what) {
        if (i < 1 || i > COUNT) {
            throw new IllegalArgumentException(what + " must be 1.." + COUNT + ": " + i);
        }
    }
}
