package org.drpkit.algorithms.qa;

import java.util.List;
import java.util.Objects;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.SizeGuard;
import org.drpkit.core.instrument.Region;

/**
 * Assembles the images of a detector mosaic (one per CCD or amplifier) into one frame for a preview: each tile's data
 * section is copied to its place, optionally flipped and with a per-row bias (the median of the row's over- or
 * pre-scan columns) subtracted. The frame spans the tiles' bounding box; pixels no tile covers are NaN (drawn black).
 * Pure and thread-safe.
 *
 * <pre>{@code
 * Image m = Mosaic.assemble(List.of(
 *         Mosaic.Tile.of(ccd1, Region.of(0, 0, 2048, 4096), 0, 0),
 *         Mosaic.Tile.of(ccd2, Region.of(0, 0, 2048, 4096), 2048, 0)));
 * m.get(2048 + 10, 5) == ccd2.get(10, 5);   // true
 * }</pre>
 */
public final class Mosaic {

    private Mosaic() {
    }

    /**
     * One tile.
     *
     * @param image  the tile's pixels (not modified)
     * @param data   the section of {@code image} that is copied (its DATASEC), inside the image
     * @param x0     the frame column of the section's first copied pixel after flipping (frame pixels)
     * @param y0     the frame row of the section's first copied row after flipping
     * @param flipX  the section's columns run right to left in the frame
     * @param flipY  the section's rows run top to bottom in the frame
     * @param bias   the columns whose per-row median is subtracted from the row (over- or pre-scan), or null for none;
     *               only its x range is used, at each data row
     */
    public record Tile(Image image, Region data, int x0, int y0, boolean flipX, boolean flipY, Region bias) {

        /** Checks that the sections lie inside the image. */
        public Tile {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(data, "data");
            if (data.x1() > image.width() || data.y1() > image.height() || data.width() == 0 || data.height() == 0) {
                throw new IllegalArgumentException("data section " + data + " outside the " + image.width() + "x"
                        + image.height() + " tile");
            }
            if (bias != null && (bias.x1() > image.width() || bias.width() == 0)) {
                throw new IllegalArgumentException("bias section " + bias + " outside the tile");
            }
            if (x0 < 0 || y0 < 0) {
                throw new IllegalArgumentException("tile placed at negative " + x0 + "," + y0);
            }
        }

        /** @return a tile copied unflipped, without bias subtraction */
        public static Tile of(Image image, Region data, int x0, int y0) {
            return new Tile(image, data, x0, y0, false, false, null);
        }
    }

    /**
     * @return the assembled frame, its origin at the smallest tile position
     * @throws IllegalArgumentException when there is no tile or the frame would be larger than an array can hold
     */
    public static Image assemble(List<Tile> tiles) {
        if (tiles.isEmpty()) {
            throw new IllegalArgumentException("no tiles");
        }
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        long maxX = 0;
        long maxY = 0;
        for (Tile t : tiles) {
            minX = Math.min(minX, t.x0());
            minY = Math.min(minY, t.y0());
            maxX = Math.max(maxX, (long) t.x0() + t.data().width());
            maxY = Math.max(maxY, (long) t.y0() + t.data().height());
        }
        int w = (int) (maxX - minX);
        int h = (int) (maxY - minY);
        SizeGuard.checkArray(w, h);
        float[] out = new float[w * h];
        java.util.Arrays.fill(out, Float.NaN);
        for (Tile t : tiles) {
            copy(t, out, w, t.x0() - minX, t.y0() - minY);
        }
        return Image.wrap(out, 0, w, h);
    }

    private static void copy(Tile t, float[] out, int w, int fx, int fy) {
        Image im = t.image();
        float[] a = im.array();
        int off = im.offset();
        int iw = im.width();
        Region d = t.data();
        Region b = t.bias();
        float[] scratch = b == null ? null : new float[b.width()];
        for (int r = 0; r < d.height(); r++) {
            int sy = d.y0() + r;
            int src = off + sy * iw;
            float level = 0;
            if (b != null) {
                System.arraycopy(a, src + b.x0(), scratch, 0, b.width());
                level = (float) org.drpkit.algorithms.stats.RobustStats.median(scratch, 0, scratch.length,
                        new float[scratch.length]);
                if (Float.isNaN(level)) {
                    level = 0;
                }
            }
            int ty = fy + (t.flipY() ? d.height() - 1 - r : r);
            int dst = ty * w + fx;
            if (!t.flipX()) {
                for (int c = 0; c < d.width(); c++) {
                    out[dst + c] = a[src + d.x0() + c] - level;
                }
            } else {
                int last = d.width() - 1;
                for (int c = 0; c < d.width(); c++) {
                    out[dst + last - c] = a[src + d.x0() + c] - level;
                }
            }
        }
    }

    /**
     * @return the image turned a quarter as numpy's {@code rot90} turns the row-major array (the archive's HIRES and
     *         DEIMOS previews): data pixel (x, y) goes to (y, width - 1 - x), a clockwise turn as drawn with the
     *         origin at the lower left; the result is {@code height} wide and {@code width} high
     */
    public static Image rotate90(Image image) {
        int w = image.width();
        int h = image.height();
        float[] a = image.array();
        int off = image.offset();
        SizeGuard.checkArray(w, h);
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            int src = off + y * w;
            for (int x = 0; x < w; x++) {
                out[(w - 1 - x) * h + y] = a[src + x];
            }
        }
        return Image.wrap(out, 0, h, w);
    }
}
