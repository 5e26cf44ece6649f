package org.drpkit.core.image;

/**
 * Geometry shared by {@link Image} and {@link Mask}: a row-major grid of {@code width x height} pixels
 * stored from {@code offset} in a backing array, x (FITS NAXIS1) fastest.
 *
 * <p>Pixel (x, y), 0-based, lives at {@code offset + y * width + x}. Row blocks are contiguous, so a block
 * of rows is a cheap view that shares the backing array.
 */
public abstract sealed class PixelGrid permits Image, Mask {

    final int width;
    final int height;
    final int offset;

    PixelGrid(int width, int height, int offset, int arrayLength) {
        int n = SizeGuard.checkArray(width, height);
        if (offset < 0 || (long) offset + n > arrayLength) {
            throw new IllegalArgumentException("grid " + width + "x" + height + " at offset " + offset
                    + " does not fit an array of " + arrayLength);
        }
        this.width = width;
        this.height = height;
        this.offset = offset;
    }

    /** @return pixels per row (FITS NAXIS1) */
    public final int width() {
        return width;
    }

    /** @return number of rows (FITS NAXIS2) */
    public final int height() {
        return height;
    }

    /** @return {@code width * height} */
    public final int pixelCount() {
        return width * height;
    }

    /** @return index of the first pixel in the backing array */
    public final int offset() {
        return offset;
    }

    /**
     * @return the backing-array index of pixel (x, y)
     * @throws IndexOutOfBoundsException outside the grid
     */
    public final int index(int x, int y) {
        if (x < 0 || x >= width || y < 0 || y >= height) {
            throw new IndexOutOfBoundsException("pixel (" + x + ", " + y + ") outside " + width + "x" + height);
        }
        return offset + y * width + x;
    }

    /** @return the backing-array index of the first pixel of row {@code y} */
    public final int rowStart(int y) {
        if (y < 0 || y > height) {
            throw new IndexOutOfBoundsException("row " + y + " outside 0.." + height);
        }
        return offset + y * width;
    }

    /** @return true when {@code other} has the same width and height */
    public final boolean sameShape(PixelGrid other) {
        return width == other.width && height == other.height;
    }

    final void checkRows(int y0, int rows) {
        if (y0 < 0 || rows < 0 || y0 + rows > height) {
            throw new IndexOutOfBoundsException("rows " + y0 + "+" + rows + " outside 0.." + height);
        }
    }

    final void requireSameShape(PixelGrid other, String what) {
        if (!sameShape(other)) {
            throw new IllegalArgumentException(what + " is " + other.width + "x" + other.height + ", expected "
                    + width + "x" + height);
        }
    }
}
