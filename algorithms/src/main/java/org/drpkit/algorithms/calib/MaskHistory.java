package org.drpkit.algorithms.calib;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;

/**
 * The history of a chip's bad-pixel mask over many nights: per night, how many pixels are bad (by cause) and how
 * many appeared or disappeared since the night before; per pixel, how often it was bad and how it evolved. Every
 * pixel falls in exactly one class: never bad, always bad, became bad (one good-to-bad change), healed (one
 * bad-to-good change) or intermittent (two or more changes).
 *
 * <pre>{@code
 * MaskHistory h = MaskHistory.of(List.of("60001", "60002", "60003"), List.of(m1, m2, m3));
 * h.intermittent();   // pixels that flicker between good and bad
 * }</pre>
 *
 * @param width        mask width
 * @param height       mask height
 * @param nights       one summary per mask, in the given (time) order
 * @param badFraction  per pixel, the fraction of nights it was bad (any cause)
 * @param neverBad     pixels never bad
 * @param alwaysBad    pixels bad every night
 * @param becameBad    pixels that turned bad once and stayed bad
 * @param healed       pixels that turned good once and stayed good
 * @param intermittent pixels that changed state two or more times
 */
public record MaskHistory(int width, int height, List<Night> nights, Image badFraction, long neverBad,
        long alwaysBad, long becameBad, long healed, long intermittent) {

    /**
     * One night of the history.
     *
     * @param label       the night's label (e.g. an MJD)
     * @param bad         pixels bad (any cause)
     * @param appeared    bad tonight, good the night before (0 for the first night)
     * @param disappeared good tonight, bad the night before (0 for the first night)
     * @param byCause     pixels bad per cause name, in bit order
     */
    public record Night(String label, long bad, long appeared, long disappeared, Map<String, Long> byCause) {

        /** Copies the map. */
        public Night {
            byCause = Collections.unmodifiableMap(new LinkedHashMap<>(byCause));
        }
    }

    /** Copies the list. */
    public MaskHistory {
        nights = List.copyOf(nights);
    }

    /** Builds the history with the default causes, {@link CalibFlag#CALIBRATION_CAUSES}. */
    public static MaskHistory of(List<String> labels, List<Mask> masks) throws DrpException {
        return of(labels, masks, CalibFlag.CALIBRATION_CAUSES);
    }

    /**
     * @param labels    one label per mask
     * @param masks     the masks in time order, all of one shape
     * @param causeBits the bits that count as bad
     * @throws DrpException {@code CALIB_NO_FRAMES} for no mask, {@code CALIB_SHAPE_MISMATCH} for masks of different
     *                      shapes
     */
    public static MaskHistory of(List<String> labels, List<Mask> masks, int causeBits) throws DrpException {
        if (masks.isEmpty()) {
            throw new DrpException(CalibErrorCode.CALIB_NO_FRAMES, Location.NOWHERE, "no masks");
        }
        if (labels.size() != masks.size()) {
            throw new IllegalArgumentException(labels.size() + " labels for " + masks.size() + " masks");
        }
        Mask first = masks.get(0);
        for (int t = 1; t < masks.size(); t++) {
            if (!masks.get(t).sameShape(first)) {
                throw new DrpException(CalibErrorCode.CALIB_SHAPE_MISMATCH, Location.NOWHERE, "mask " + labels.get(t)
                        + " is " + masks.get(t).width() + "x" + masks.get(t).height() + ", mask " + labels.get(0)
                        + " is " + first.width() + "x" + first.height());
            }
        }
        int w = first.width();
        int h = first.height();
        int n = masks.size();
        int[] bitList = MaskDiff.bits(causeBits);
        long[] bad = new long[n];
        long[] up = new long[n];
        long[] down = new long[n];
        long[][] byCause = new long[n][bitList.length];
        float[] fraction = new float[w * h];
        long[] classes = new long[5];
        int[][] arrays = new int[n][];
        for (int t = 0; t < n; t++) {
            arrays[t] = masks.get(t).array();
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int nBad = 0;
                int changes = 0;
                boolean prev = false;
                boolean last = false;
                for (int t = 0; t < n; t++) {
                    int m = arrays[t][masks.get(t).rowStart(y) + x] & causeBits;
                    boolean isBad = m != 0;
                    if (isBad) {
                        nBad++;
                        bad[t]++;
                        for (int k = 0; k < bitList.length; k++) {
                            if ((m & bitList[k]) != 0) {
                                byCause[t][k]++;
                            }
                        }
                    }
                    if (t > 0 && isBad != prev) {
                        changes++;
                        if (isBad) {
                            up[t]++;
                        } else {
                            down[t]++;
                        }
                    }
                    prev = isBad;
                    last = isBad;
                }
                fraction[y * w + x] = (float) nBad / n;
                classes[nBad == 0 ? 0 : nBad == n ? 1 : changes >= 2 ? 4 : last ? 2 : 3]++;
            }
        }
        List<Night> nights = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            Map<String, Long> causes = new LinkedHashMap<>();
            for (int k = 0; k < bitList.length; k++) {
                causes.put(CalibFlag.nameOfBit(Integer.numberOfTrailingZeros(bitList[k])), byCause[t][k]);
            }
            nights.add(new Night(labels.get(t), bad[t], up[t], down[t], causes));
        }
        return new MaskHistory(w, h, nights, Image.of(w, h, fraction), classes[0], classes[1], classes[2], classes[3],
                classes[4]);
    }

    /** @return a table with one line per night, for a person */
    public String table() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-24s %9s %9s %11s%n", "night", "bad",
                "appeared", "disappeared"));
        for (Night nt : nights) {
            sb.append(String.format(Locale.ROOT, "%-24s %9d %9d %11d%n", nt.label(), nt.bad(), nt.appeared(),
                    nt.disappeared()));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "MaskHistory[%dx%d over %d nights: never bad=%d, always bad=%d,"
                + " became bad=%d, healed=%d, intermittent=%d]", width, height, nights.size(), neverBad, alwaysBad,
                becameBad, healed, intermittent);
    }
}
