package org.drpkit.algorithms.calib;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.image.Mask;

/**
 * Compares two bad-pixel masks of one chip: which bad pixels are new, which are gone and which persist, for each
 * cause (flag bit) and for any cause.
 *
 * <pre>{@code
 * MaskComparison c = MaskDiff.compare(oldDark.mask(), newDark.mask());
 * c.cause("HOT_PIXEL").appeared();
 * }</pre>
 */
public final class MaskDiff {

    private MaskDiff() {
    }

    /** Compares with the default causes, {@link CalibFlag#CALIBRATION_CAUSES}. */
    public static MaskComparison compare(Mask before, Mask after) throws DrpException {
        return compare(before, after, CalibFlag.CALIBRATION_CAUSES);
    }

    /**
     * @param before     the older mask
     * @param after      the newer mask
     * @param causeBits  the bits that count as bad-pixel causes; each set bit is reported on its own
     * @return counts per cause and in total, and the pixels that changed
     * @throws DrpException {@code CALIB_SHAPE_MISMATCH} when the masks differ in shape
     */
    public static MaskComparison compare(Mask before, Mask after, int causeBits) throws DrpException {
        if (!before.sameShape(after)) {
            throw new DrpException(CalibErrorCode.CALIB_SHAPE_MISMATCH, Location.NOWHERE, "masks are "
                    + before.width() + "x" + before.height() + " and " + after.width() + "x" + after.height());
        }
        int w = before.width();
        int h = before.height();
        int[] bitList = bits(causeBits);
        long[][] counts = new long[bitList.length + 1][4]; // before, after, persistent, appeared
        int[] up = new int[16];
        int[] down = new int[16];
        int nUp = 0;
        int nDown = 0;
        int[] a = before.array();
        int[] b = after.array();
        for (int y = 0; y < h; y++) {
            int ia = before.rowStart(y);
            int ib = after.rowStart(y);
            for (int x = 0; x < w; x++) {
                int ma = a[ia + x] & causeBits;
                int mb = b[ib + x] & causeBits;
                if ((ma | mb) == 0) {
                    continue;
                }
                for (int k = 0; k < bitList.length; k++) {
                    tally(counts[k], (ma & bitList[k]) != 0, (mb & bitList[k]) != 0);
                }
                tally(counts[bitList.length], ma != 0, mb != 0);
                if (ma == 0) {
                    if (nUp == up.length) {
                        up = Arrays.copyOf(up, 2 * nUp);
                    }
                    up[nUp++] = y * w + x;
                } else if (mb == 0) {
                    if (nDown == down.length) {
                        down = Arrays.copyOf(down, 2 * nDown);
                    }
                    down[nDown++] = y * w + x;
                }
            }
        }
        List<MaskComparison.Change> causes = new ArrayList<>();
        for (int k = 0; k < bitList.length; k++) {
            causes.add(change(CalibFlag.nameOfBit(Integer.numberOfTrailingZeros(bitList[k])), bitList[k], counts[k]));
        }
        return new MaskComparison(w, h, causes, change("ANY", causeBits, counts[bitList.length]),
                Arrays.copyOf(up, nUp), Arrays.copyOf(down, nDown));
    }

    private static void tally(long[] c, boolean inA, boolean inB) {
        if (inA) {
            c[0]++;
        }
        if (inB) {
            c[1]++;
        }
        if (inA && inB) {
            c[2]++;
        } else if (inB) {
            c[3]++;
        }
    }

    private static MaskComparison.Change change(String name, int bits, long[] c) {
        return new MaskComparison.Change(name, bits, c[0], c[1], c[2], c[3], c[0] - c[2]);
    }

    /** @return the single-bit values set in {@code mask}, lowest first */
    static int[] bits(int mask) {
        int[] out = new int[Integer.bitCount(mask)];
        int rest = mask;
        for (int k = 0; rest != 0; k++) {
            out[k] = Integer.lowestOneBit(rest);
            rest &= rest - 1;
        }
        return out;
    }
}
