package org.drpkit.core.instrument;

/**
 * A rectangle of pixels, 0-based and half-open: x in {@code [x0, x0+width)}, y in {@code [y0, y0+height)}.
 *
 * <pre>{@code
 * Region amp2 = Region.of(512, 0, 512, 2048);
 * amp2.contains(600, 10);   // true
 * amp2.x1();                // 1024 (exclusive)
 * }</pre>
 *
 * @param x0     first column
 * @param y0     first row
 * @param width  columns (at least 0)
 * @param height rows (at least 0)
 */
public record Region(int x0, int y0, int width, int height) {

    /** Checks that the rectangle is not negative. */
    public Region {
        if (x0 < 0 || y0 < 0 || width < 0 || height < 0) {
            throw new IllegalArgumentException("negative region " + x0 + "," + y0 + " " + width + "x" + height);
        }
    }

    /** @return the region {@code [x0, x0+width) x [y0, y0+height)} */
    public static Region of(int x0, int y0, int width, int height) {
        return new Region(x0, y0, width, height);
    }

    /**
     * Converts a FITS section such as {@code [1:512,1:2048]} (1-based, inclusive; either bound order).
     *
     * @throws IllegalArgumentException when the text is not a 2D section
     */
    public static Region fromFitsSection(String section) {
        String t = section.trim();
        if (!t.startsWith("[") || !t.endsWith("]")) {
            throw new IllegalArgumentException("not a FITS section: " + section);
        }
        String[] axes = t.substring(1, t.length() - 1).split(",");
        if (axes.length != 2) {
            throw new IllegalArgumentException("not a 2D FITS section: " + section);
        }
        int[] x = bounds(axes[0], section);
        int[] y = bounds(axes[1], section);
        return new Region(Math.min(x[0], x[1]) - 1, Math.min(y[0], y[1]) - 1, Math.abs(x[1] - x[0]) + 1,
                Math.abs(y[1] - y[0]) + 1);
    }

    private static int[] bounds(String axis, String section) {
        String[] p = axis.trim().split(":");
        if (p.length != 2) {
            throw new IllegalArgumentException("not a FITS section: " + section);
        }
        try {
            return new int[] {Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim())};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a FITS section: " + section, e);
        }
    }

    /** @return first column after the region */
    public int x1() {
        return x0 + width;
    }

    /** @return first row after the region */
    public int y1() {
        return y0 + height;
    }

    /** @return true when pixel (x, y) lies inside */
    public boolean contains(int x, int y) {
        return x >= x0 && x < x0 + width && y >= y0 && y < y0 + height;
    }

    /** @return number of pixels */
    public long area() {
        return (long) width * height;
    }

    /** @return the region as a 1-based FITS section, e.g. {@code [1:512,1:2048]} */
    public String toFitsSection() {
        return "[" + (x0 + 1) + ":" + x1() + "," + (y0 + 1) + ":" + y1() + "]";
    }

    @Override
    public String toString() {
        return "Region" + toFitsSection();
    }
}
