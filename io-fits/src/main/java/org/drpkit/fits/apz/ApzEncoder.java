package org.drpkit.fits.apz;

import java.nio.file.Path;
import java.util.List;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Ramp;
import org.drpkit.fits.FitsRamps;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.PixelType;
import org.drpkit.fits.TileCompression;

/**
 * Encodes a ramp of raw uint16 reads in the APOGEE apz form and writes it as the fpacked file upstream reads
 * (see {@link org.drpkit.fits.apz the package}). Lossless: {@link FitsRamps#open} gives back every read exactly.
 *
 * <p>The mean increment is {@code round((R_n - R_1) / (n - 1))}, which equals the mean of the increments; halves
 * round away from zero as IDL's {@code ROUND} does. Any rounding would decode exactly, since the residuals absorb
 * it.
 *
 * <pre>{@code
 * ApzEncoder.write(Path.of("apR-a-40010012.apz"), primary, readHeaders, ramp, false);
 * RampSource back = FitsRamps.open(Path.of("apR-a-40010012.apz"));   // layout APZ, same reads
 * }</pre>
 */
public final class ApzEncoder {

    private ApzEncoder() {
    }

    /**
     * The three parts of the encoding, row-major like the reads.
     *
     * @param width         pixels per row
     * @param height        rows
     * @param meanIncrement A, DN per read
     * @param firstRead     R_1, DN
     * @param residuals     {@code residuals[k - 2]} = D_k - A for reads k = 2..n (1-based), DN
     */
    public record Encoded(int width, int height, int[] meanIncrement, int[] firstRead, int[][] residuals) {
    }

    /**
     * Encodes a ramp held in memory.
     *
     * @throws IllegalArgumentException when the ramp has fewer than 2 reads or a value is not an integer in 0..65535
     */
    public static Encoded encode(Ramp ramp) {
        int n = requireEncodable(ramp);
        int w = ramp.width();
        int h = ramp.height();
        int px = w * h;
        float[] first = ramp.read(0).toArray();
        float[] last = ramp.read(n - 1).toArray();
        int[] a = meanIncrement(first, last, n);
        int[] r1 = new int[px];
        for (int i = 0; i < px; i++) {
            r1[i] = (int) first[i];
        }
        int[][] res = new int[n - 1][];
        float[] prev = first;
        for (int k = 1; k < n; k++) {
            float[] cur = ramp.read(k).toArray();
            int[] r = new int[px];
            for (int i = 0; i < px; i++) {
                r[i] = (int) cur[i] - (int) prev[i] - a[i];
            }
            res[k - 1] = r;
            prev = cur;
        }
        return new Encoded(w, h, a, r1, res);
    }

    /**
     * Writes a ramp as an apz file: empty primary, A (with {@code primary}), R_1 and the residuals (each with its
     * read's header), RICE_1 with one-row tiles. Reads without DATE-OBS get INTOFF from the ramp's read times (see
     * {@link FitsRamps#timedHeaders}). Memory: one read at a time plus the compressed bytes.
     *
     * @param readHeaders one header per read, or empty
     * @throws DrpException {@code OUTPUT_EXISTS}, {@code WRITE_FAILED} or {@code FITS_BAD_HEADER}
     * @throws IllegalArgumentException as {@link #encode}
     */
    public static void write(Path target, Header primary, List<Header> readHeaders, Ramp ramp, boolean overwrite)
            throws DrpException {
        int n = requireEncodable(ramp);
        List<Header> hs = FitsRamps.timedHeaders(ramp, readHeaders);
        int w = ramp.width();
        int h = ramp.height();
        int px = w * h;
        TileCompression rice = TileCompression.rice();
        float[] prev = ramp.read(0).toArray();
        int[] a = meanIncrement(prev, ramp.read(n - 1).toArray(), n);
        float[] plane = new float[px];
        for (int i = 0; i < px; i++) {
            plane[i] = a[i];
        }
        FitsWriter fw = FitsWriter.create().compressedPrimaryImage(primary, Image.of(w, h, plane), PixelType.INT32,
                rice);
        fw.compressedImage(null, hs.get(0), Image.of(w, h, prev), PixelType.UINT16, rice);
        for (int k = 1; k < n; k++) {
            float[] cur = ramp.read(k).toArray();
            for (int i = 0; i < px; i++) {
                plane[i] = (int) cur[i] - (int) prev[i] - a[i];
            }
            fw.compressedImage(null, hs.get(k), Image.of(w, h, plane), PixelType.INT32, rice);
            prev = cur;
        }
        fw.write(target, overwrite);
    }

    private static int[] meanIncrement(float[] first, float[] last, int n) {
        int[] a = new int[first.length];
        long den = n - 1;
        for (int i = 0; i < a.length; i++) {
            long num = (long) last[i] - (long) first[i];
            long q = Math.abs(num) / den;
            long r = Math.abs(num) % den;
            if (2 * r >= den) {
                q++; // half away from zero
            }
            a[i] = (int) (num < 0 ? -q : q);
        }
        return a;
    }

    private static int requireEncodable(Ramp ramp) {
        int n = ramp.reads();
        if (n < 2) {
            throw new IllegalArgumentException("apz needs at least 2 reads, got " + n);
        }
        for (int k = 0; k < n; k++) {
            float[] p = ramp.read(k).toArray();
            for (int i = 0; i < p.length; i++) {
                float v = p[i];
                if (!(v >= 0 && v <= 65535) || v != Math.rint(v)) {
                    throw new IllegalArgumentException("read " + (k + 1) + ", pixel (" + i % ramp.width() + ", "
                            + i / ramp.width() + ") is " + v + ": apz stores raw uint16 DN");
                }
            }
        }
        return n;
    }
}
