package org.drpkit.core.image;

import java.util.Arrays;

/**
 * A 2D image of {@code float} pixels, row-major with x (FITS NAXIS1) fastest.
 *
 * <p>An image is a window on a backing {@code float[]}; {@link #rows} returns a view of a block of rows that
 * shares the array, so stages can work on row blocks without copying. Stage functions never modify their
 * input images; the backing array is exposed ({@link #array()}) for hot loops.
 *
 * <pre>{@code
 * Image img = Image.zeros(4, 3);
 * img.set(1, 2, 5f);
 * img.get(1, 2);              // 5.0
 * img.rows(1, 2).get(1, 1);   // 5.0, a view of rows 1..2
 * }</pre>
 */
public final class Image extends PixelGrid {

    private final float[] data;

    private Image(float[] data, int offset, int width, int height) {
        super(width, height, offset, data.length);
        this.data = data;
    }

    /** @return a new image of zeros */
    public static Image zeros(int width, int height) {
        return new Image(new float[SizeGuard.checkArray(width, height)], 0, width, height);
    }

    /** @return a new image with every pixel set to {@code value} */
    public static Image filled(int width, int height, float value) {
        Image img = zeros(width, height);
        Arrays.fill(img.data, value);
        return img;
    }

    /**
     * Wraps pixels without copying.
     *
     * @param pixels exactly {@code width * height} values, row-major
     */
    public static Image of(int width, int height, float... pixels) {
        if (pixels.length != SizeGuard.checkArray(width, height)) {
            throw new IllegalArgumentException(pixels.length + " pixels for a " + width + "x" + height + " image");
        }
        return new Image(pixels, 0, width, height);
    }

    /** Wraps a region of a larger array without copying: pixel (x, y) is {@code data[offset + y*width + x]}. */
    public static Image wrap(float[] data, int offset, int width, int height) {
        return new Image(data, offset, width, height);
    }

    /** @return the value of pixel (x, y) */
    public float get(int x, int y) {
        return data[index(x, y)];
    }

    /** Sets pixel (x, y). */
    public void set(int x, int y, float value) {
        data[index(x, y)] = value;
    }

    /** @return the backing array (shared, not copied); pixel (x, y) is at {@link #index(int, int)} */
    public float[] array() {
        return data;
    }

    /** @return a view of rows {@code y0 .. y0+rows-1}, sharing this image's pixels */
    public Image rows(int y0, int rows) {
        checkRows(y0, rows);
        return new Image(data, offset + y0 * width, width, rows);
    }

    /** @return a compact copy that shares nothing with this image */
    public Image copy() {
        return new Image(toArray(), 0, width, height);
    }

    /** @return the pixels as a new compact row-major array */
    public float[] toArray() {
        return Arrays.copyOfRange(data, offset, offset + pixelCount());
    }

    /** Sets every pixel to {@code value}. */
    public void fill(float value) {
        Arrays.fill(data, offset, offset + pixelCount(), value);
    }

    /** @return true when {@code other} has the same shape and bit-identical pixels (NaN equals NaN) */
    public boolean contentEquals(Image other) {
        if (!sameShape(other)) {
            return false;
        }
        return Arrays.equals(data, offset, offset + pixelCount(), other.data, other.offset,
                other.offset + other.pixelCount());
    }

    /** Shows size and the range of finite values, e.g. {@code Image[2048x2048, min=0.0, mean=12.3, max=1.0E4, NaN=0]}. */
    @Override
    public String toString() {
        double sum = 0;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        long finite = 0;
        long nan = 0;
        int end = offset + pixelCount();
        for (int i = offset; i < end; i++) {
            float v = data[i];
            if (Float.isNaN(v)) {
                nan++;
            } else if (!Float.isInfinite(v)) {
                finite++;
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        String stats = finite == 0 ? "no finite pixels"
                : "min=" + min + ", mean=" + (float) (sum / finite) + ", max=" + max;
        return "Image[" + width + "x" + height + ", " + stats + ", NaN=" + nan + "]";
    }
}
