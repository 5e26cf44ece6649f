package org.drpkit.algorithms.qa;

/**
 * An 8-bit grey preview of a frame, row 0 at the top of the picture (so FITS row 0 is the bottom row: origin at
 * the lower left, as the archive draws its previews).
 *
 * @param width        pixels per row
 * @param height       rows
 * @param gray         {@code width * height} grey levels (0 black .. 255 white, read as unsigned), row-major
 * @param finitePixels pixels that were finite (the others are black)
 * @param low          the smallest finite pixel value (pixel units), NaN when none
 * @param high         the largest finite pixel value, NaN when none
 */
public record Preview(int width, int height, byte[] gray, long finitePixels, double low, double high) {

    /** Checks the size. */
    public Preview {
        if ((long) width * height != gray.length) {
            throw new IllegalArgumentException(gray.length + " grey levels for " + width + "x" + height);
        }
    }

    /** @return the grey level (0..255) of picture pixel (x, y), y counted from the top */
    public int level(int x, int y) {
        return gray[y * width + x] & 0xFF;
    }

    @Override
    public String toString() {
        return "Preview[" + width + "x" + height + ", " + finitePixels + " finite pixels from " + low + " to " + high
                + "]";
    }
}
