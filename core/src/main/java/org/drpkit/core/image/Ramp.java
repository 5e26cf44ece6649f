package org.drpkit.core.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * An in-memory stack of up-the-ramp reads of one detector, read-major: one {@code float[]} plane per read,
 * each row-major with x fastest, values in DN.
 *
 * <p>{@link #rows} gives a view of a block of rows across all reads without copying. For data too large to
 * hold, stages consume a {@link RampSource} instead; a {@code Ramp} is one.
 *
 * <pre>{@code
 * Ramp r = Ramp.zeros(64, 64, 10, 10.6);   // 10 reads 10.6 s apart
 * r.set(3, 4, 9, 1200f);
 * r.read(9).get(3, 4);                      // 1200.0
 * r.rows(0, 8).height();                    // 8
 * }</pre>
 */
public final class Ramp implements RampSource {

    private final float[][] planes;
    private final int offset;
    private final int width;
    private final int height;
    private final double[] readTimes;
    /** null: the default of {@link RampSource#pattern()}, single frames. */
    private final ReadPattern pattern;

    private Ramp(float[][] planes, int offset, int width, int height, double[] readTimes) {
        this(planes, offset, width, height, readTimes, null);
    }

    private Ramp(float[][] planes, int offset, int width, int height, double[] readTimes, ReadPattern pattern) {
        Objects.requireNonNull(planes, "planes");
        if (planes.length == 0) {
            throw new IllegalArgumentException("a ramp needs at least one read");
        }
        if (readTimes.length != planes.length) {
            throw new IllegalArgumentException(readTimes.length + " read times for " + planes.length + " reads");
        }
        int n = SizeGuard.checkArray(width, height);
        for (int k = 0; k < planes.length; k++) {
            if (planes[k] == null || offset < 0 || (long) offset + n > planes[k].length) {
                throw new IllegalArgumentException("read " + k + " does not hold " + width + "x" + height
                        + " pixels at offset " + offset);
            }
        }
        for (int k = 1; k < readTimes.length; k++) {
            if (!(readTimes[k] > readTimes[k - 1])) {
                throw new IllegalArgumentException("read times must increase: " + Arrays.toString(readTimes));
            }
        }
        this.planes = planes;
        this.offset = offset;
        this.width = width;
        this.height = height;
        this.readTimes = readTimes;
        this.pattern = pattern;
    }

    /**
     * @param reads    number of reads (at least 1)
     * @param readTime seconds between consecutive reads; read k is at {@code k * readTime}
     * @return a ramp of zeros
     */
    public static Ramp zeros(int width, int height, int reads, double readTime) {
        int n = SizeGuard.checkArray(width, height);
        if (reads < 1) {
            throw new IllegalArgumentException("reads must be at least 1, got " + reads);
        }
        SizeGuard.checkArray(n, reads);
        float[][] planes = new float[reads][n];
        double[] t = new double[reads];
        for (int k = 0; k < reads; k++) {
            t[k] = k * readTime;
        }
        return new Ramp(planes, 0, width, height, t);
    }

    /**
     * Wraps planes without copying.
     *
     * @param readTimes seconds of each read from the first; strictly increasing
     * @param planes    one array of exactly {@code width * height} values per read
     */
    public static Ramp of(int width, int height, double[] readTimes, float[]... planes) {
        int n = SizeGuard.checkArray(width, height);
        for (float[] p : planes) {
            if (p.length != n) {
                throw new IllegalArgumentException("plane of " + p.length + " values for " + width + "x" + height);
            }
        }
        return new Ramp(planes, 0, width, height, readTimes.clone());
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int reads() {
        return planes.length;
    }

    @Override
    public double[] readTimes() {
        return readTimes.clone();
    }

    /** @return value of pixel (x, y) in read k, in DN */
    public float get(int x, int y, int k) {
        return planes[k][index(x, y)];
    }

    /** Sets pixel (x, y) of read k. */
    public void set(int x, int y, int k, float value) {
        planes[k][index(x, y)] = value;
    }

    /** @return read k as an image view (shares the plane) */
    public Image read(int k) {
        return Image.wrap(planes[k], offset, width, height);
    }

    /** @return a view of rows {@code y0 .. y0+rows-1} across all reads, sharing the planes */
    public Ramp rows(int y0, int rows) {
        if (y0 < 0 || rows < 0 || y0 + rows > height) {
            throw new IndexOutOfBoundsException("rows " + y0 + "+" + rows + " outside 0.." + height);
        }
        return new Ramp(planes, offset + y0 * width, width, rows, readTimes, pattern);
    }

    /** @return single frames spaced as the read times unless {@link #withPattern} said otherwise */
    @Override
    public ReadPattern pattern() {
        return pattern != null ? pattern : RampSource.super.pattern();
    }

    /** @return this ramp (sharing the planes) with another readout pattern */
    @Override
    public Ramp withPattern(ReadPattern p) {
        return new Ramp(planes, offset, width, height, readTimes, Objects.requireNonNull(p, "pattern"));
    }

    /** @return true: every read is a plane in memory */
    @Override
    public boolean holdsPlanes() {
        return true;
    }

    /** @return read k's backing array, shared; pixel (x, y) is at {@code planeOffset() + y * width() + x} */
    @Override
    public float[] plane(int read) {
        return planes[read];
    }

    /** @return the index of pixel (0, 0) in every plane (non-zero for a view made by {@link #rows}) */
    @Override
    public int planeOffset() {
        return offset;
    }

    /** Thread-safe: copies from the in-memory planes. */
    @Override
    public void readRows(int y0, int rows, float[][] dest) {
        if (y0 < 0 || rows < 0 || y0 + rows > height) {
            throw new IndexOutOfBoundsException("rows " + y0 + "+" + rows + " outside 0.." + height);
        }
        int n = rows * width;
        int from = offset + y0 * width;
        for (int k = 0; k < planes.length; k++) {
            System.arraycopy(planes[k], from, dest[k], 0, n);
        }
    }

    private int index(int x, int y) {
        if (x < 0 || x >= width || y < 0 || y >= height) {
            throw new IndexOutOfBoundsException("pixel (" + x + ", " + y + ") outside " + width + "x" + height);
        }
        return offset + y * width + x;
    }

    /** Shows the shape and the time span, e.g. {@code Ramp[2560x2048 x 47 reads, 0.0..487.6 s]}. */
    @Override
    public String toString() {
        return "Ramp[" + width + "x" + height + " x " + planes.length + " reads, " + readTimes[0] + ".."
                + readTimes[readTimes.length - 1] + " s" + (pattern != null && !pattern.isSingleFrame() ? ", " + pattern : "")
                + "]";
    }
}
