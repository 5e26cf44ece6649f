package org.drpkit.algorithms.ramp;

import org.drpkit.core.image.Image;
import org.drpkit.core.image.Ramp;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.Region;

/** Row helpers shared by the in-memory stages and the processor. */
final class Rows {

    private Rows() {
    }

    /**
     * @return the boundaries {@code 0 = b0 < b1 < ... = width} of the regions of row y whose pixels share a nature:
     *         left reference columns, light-sensitive pixels, right reference columns, reference output (or the
     *         whole science row for the border rows); one region when {@code chip} is null
     */
    static int[] regions(Chip chip, int y, int width) {
        if (chip == null) {
            return new int[] {0, width};
        }
        int size = chip.referenceOutput().map(Region::x0).orElse(width);
        int b = chip.referenceBorder();
        int[] tmp = new int[6];
        int m = 0;
        tmp[m++] = 0;
        boolean borderRow = y < b || y >= chip.height() - b;
        if (b > 0 && !borderRow) {
            tmp[m++] = b;
            tmp[m++] = size - b;
        }
        if (size < width) {
            tmp[m++] = size;
        }
        tmp[m++] = width;
        return java.util.Arrays.copyOf(tmp, m);
    }

    /** Writes the n differences of reads {@code first..first+n} of row y, pixel-major: {@code out[x*n + k]}. */
    static void differences(Ramp reads, int first, int n, int y, float[] out) {
        int w = reads.width();
        float[][] planes = new float[n + 1][];
        int[] base = new int[n + 1];
        for (int j = 0; j <= n; j++) {
            Image img = reads.read(first + j);
            planes[j] = img.array();
            base[j] = img.rowStart(y);
        }
        for (int x = 0; x < w; x++) {
            int o = x * n;
            float prev = planes[0][base[0] + x];
            for (int k = 0; k < n; k++) {
                float cur = planes[k + 1][base[k + 1] + x];
                out[o + k] = cur - prev;
                prev = cur;
            }
        }
    }

    /** Checks that an optional map has the ramp's shape. */
    static void requireShape(Image map, int width, int height, String what) {
        if (map != null && (map.width() != width || map.height() != height)) {
            throw new IllegalArgumentException(what + " is " + map.width() + "x" + map.height() + ", the ramp is "
                    + width + "x" + height);
        }
    }
}
