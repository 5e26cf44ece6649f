package org.drpkit.algorithms.qa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.drpkit.core.image.Image;
import org.drpkit.core.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * The fast preview and statistics kernels (issue 16) against the code they replaced, kept in this folder as
 * {@code Reference*}: every grey level, every statistic and every zscale limit must be the same bit for bit, on
 * random float and integer frames, constant, tiny and odd-sized ones, frames with NaN, infinities and signed zeros,
 * sub-images at an offset, and the real NIRC2 frames of {@code ../shared/data/keck/nirc2} (skipped when absent).
 */
class KernelIdentityTest {

    /** Synthetic frames covering the awkward cases. */
    static List<Image> synthetic() {
        List<Image> out = new ArrayList<>();
        Random r = new Random(16);
        int[][] sizes = {{1, 1}, {1, 7}, {9, 1}, {2, 2}, {3, 5}, {16, 16}, {17, 31}, {64, 48}, {100, 100}, {255, 257},
            {512, 512}, {416, 504}, {1024, 200}};
        for (int[] s : sizes) {
            int w = s[0];
            int h = s[1];
            int n = w * h;
            for (int kind = 0; kind < 13; kind++) {
                float[] px = new float[n];
                for (int i = 0; i < n; i++) {
                    double g = r.nextGaussian();
                    px[i] = switch (kind) {
                        case 0 -> (float) (1000 + 30 * g + (r.nextDouble() < 0.001 ? 29000 : 0)); // sky, hot pixels
                        case 1 -> (float) Math.rint(1000 + 30 * g); // integer sky
                        case 2 -> r.nextInt(4); // few distinct integers
                        case 3 -> 42.5f; // constant
                        case 4 -> (float) (g * Math.exp(8 * r.nextDouble())); // heavy tails, both signs
                        case 5 -> r.nextDouble() < 0.3 ? Float.NaN : r.nextDouble() < 0.05
                                ? (r.nextBoolean() ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY)
                                : (float) (10 * g); // NaN and infinities
                        case 6 -> r.nextBoolean() ? 0.0f : r.nextBoolean() ? -0.0f : (float) g; // signed zeros
                        case 7 -> Float.NaN; // nothing finite
                        case 8 -> r.nextDouble() < 0.9 ? 100f : (float) (100 + g * 1e-3); // narrow peak
                        case 9 -> (float) (r.nextDouble() < 0.01 ? (r.nextBoolean() ? 3e38 : -3e38) : g); // extremes
                        case 10 -> (float) Math.rint(65535 * r.nextDouble()); // 16-bit integers
                        case 11 -> (float) (r.nextDouble() < 0.5 ? -0.0 : 1e-40 * r.nextInt(5)); // subnormals
                        default -> r.nextBoolean() ? Float.POSITIVE_INFINITY : Float.NaN; // nothing finite, +inf
                    };
                }
                out.add(Image.of(w, h, px));
            }
        }
        // a sub-image at an offset into a larger array
        float[] big = new float[300 * 200];
        for (int i = 0; i < big.length; i++) {
            big[i] = (float) (500 + 20 * r.nextGaussian());
        }
        out.add(Image.of(300, 200, big).rows(37, 101));
        return out;
    }

    /** The real NIRC2 frames (integer darks, float flats, a raw standard), empty when ../shared is absent. */
    static List<Image> nirc2() throws IOException {
        Path dir = SharedData.dir().resolve("keck/nirc2");
        List<Image> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".fits")).sorted().toList()) {
                out.add(readPrimary(p));
            }
        }
        return out;
    }

    @Test
    void thumbnailIsIdenticalForEveryShrink() {
        Random r = new Random(3);
        // every target size of small previews: integer and non-integer factors on both axes
        for (int sw = 1; sw <= 24; sw++) {
            for (int sh = 1; sh <= 24; sh += (sw % 5) + 1) {
                Preview p = randomPreview(r, sw, sh);
                for (int w = 1; w <= sw; w++) {
                    for (int h = 1; h <= sh; h++) {
                        assertSame(ReferenceThumbnail.resize(p, w, h), Thumbnail.resize(p, w, h), sw + "x" + sh
                                + " -> " + w + "x" + h);
                    }
                }
            }
        }
        // the ingest's sizes and a spread of others
        int[][] cases = {{512, 512, 256, 256}, {1024, 1024, 256, 256}, {1024, 512, 256, 128}, {512, 512, 128, 128},
            {1024, 1024, 512, 512}, {2048, 2048, 256, 256}, {600, 600, 200, 200}, {768, 768, 256, 256},
            {416, 504, 211, 256}, {1000, 333, 256, 85}, {257, 255, 256, 254}, {640, 480, 256, 192}, {4096, 1, 256, 1}};
        for (int[] c : cases) {
            for (int kind = 0; kind < 3; kind++) {
                Preview p = kind == 0 ? randomPreview(r, c[0], c[1]) : kind == 1 ? constantPreview(c[0], c[1],
                        (byte) r.nextInt(256)) : extremePreview(r, c[0], c[1]);
                assertSame(ReferenceThumbnail.resize(p, c[2], c[3]), Thumbnail.resize(p, c[2], c[3]),
                        c[0] + "x" + c[1] + " -> " + c[2] + "x" + c[3]);
            }
        }
        for (int i = 0; i < 200; i++) {
            int sw = 1 + r.nextInt(700);
            int sh = 1 + r.nextInt(700);
            Preview p = randomPreview(r, sw, sh);
            int side = 1 + r.nextInt(300);
            assertSame(ReferenceThumbnail.longestSide(p, side), Thumbnail.longestSide(p, side), sw + "x" + sh
                    + " longest side " + side);
        }
    }

    @Test
    void previewsAndStatisticsAreIdenticalOnSyntheticFrames() {
        for (Image im : synthetic()) {
            checkAll(im, im.width() + "x" + im.height() + " " + summary(im));
        }
    }

    @Test
    void previewsAndStatisticsAreIdenticalOnNirc2Frames() throws IOException {
        List<Image> frames = nirc2();
        assumeTrue(!frames.isEmpty(), "../shared/data/keck/nirc2 not available");
        for (Image im : frames) {
            checkAll(im, "NIRC2 " + summary(im));
            // the same frame with a few NaN, an infinity and a saturated block, as bad pixels come
            float[] px = im.toArray();
            px[7] = Float.NaN;
            px[px.length / 2] = Float.POSITIVE_INFINITY;
            px[px.length - 3] = Float.NEGATIVE_INFINITY;
            checkAll(Image.of(im.width(), im.height(), px), "NIRC2 with bad pixels " + summary(im));
        }
    }

    private static void checkAll(Image im, String what) {
        HistogramEqualizer.Params[] hp = {HistogramEqualizer.Params.DEFAULTS,
            new HistogramEqualizer.Params(256, 16, 0), new HistogramEqualizer.Params(1 << 20, 65536, 1.0 / 1024)};
        for (HistogramEqualizer.Params p : hp) {
            Preview ref = ReferenceHistogramEqualizer.render(im, p);
            Preview got = HistogramEqualizer.render(im, p);
            assertSame(ref, got, "histeq " + p + " of " + what);
            int side = Thumbnail.DEFAULT_SIDE;
            assertSame(ReferenceThumbnail.longestSide(ref, side), Thumbnail.longestSide(got, side), "thumb of " + what);
        }
        AsinhPreview.Params[] ap = {AsinhPreview.Params.DEFAULTS, AsinhPreview.Params.CENTRAL_80,
            new AsinhPreview.Params(new ZScale.Params(600, 0.5, 0.2, 3, 2.0, 9), 0.5, 0.5, false)};
        for (AsinhPreview.Params p : ap) {
            ZScale.Params zp = p.zscale();
            assertEquals(ReferenceZScale.of(im, zp), ZScale.of(im, zp), "zscale of " + what);
            Preview ref = ReferenceAsinhPreview.render(im, p);
            Preview got = AsinhPreview.render(im, p);
            assertSame(ref, got, "asinh " + p + " of " + what);
            assertSame(ReferenceThumbnail.longestSide(ref, 256), Thumbnail.longestSide(got, 256), "thumb of " + what);
        }
        double[][] limits = {{0, 1}, {-5, 5}, {1000, 1000}, {Double.NaN, 1}, {-1e30, 1e30}, {990, 1010}};
        for (double[] l : limits) {
            assertSame(ReferenceAsinhPreview.render(im, l[0], l[1], 0.1), AsinhPreview.render(im, l[0], l[1], 0.1),
                    "asinh " + l[0] + ".." + l[1] + " of " + what);
        }
        ImageStatistics.Params[] sp = {ImageStatistics.Params.NONE, new ImageStatistics.Params(18000, 5000),
            new ImageStatistics.Params(0, Double.POSITIVE_INFINITY), new ImageStatistics.Params(1e39, -1e39)};
        for (ImageStatistics.Params p : sp) {
            assertEquals(ReferenceImageStatistics.of(im, p), ImageStatistics.of(im, p), "statistics of " + what);
        }
    }

    /** Same size, same grey levels, same metadata (doubles compared bit for bit, as records do). */
    private static void assertSame(Preview ref, Preview got, String what) {
        assertEquals(ref.width(), got.width(), what);
        assertEquals(ref.height(), got.height(), what);
        assertEquals(ref.finitePixels(), got.finitePixels(), what);
        assertEquals(Double.doubleToLongBits(ref.low()), Double.doubleToLongBits(got.low()), what + " low");
        assertEquals(Double.doubleToLongBits(ref.high()), Double.doubleToLongBits(got.high()), what + " high");
        if (!java.util.Arrays.equals(ref.gray(), got.gray())) {
            int i = java.util.Arrays.mismatch(ref.gray(), got.gray());
            assertArrayEquals(ref.gray(), got.gray(), what + ": first difference at picture pixel (" + i % ref.width()
                    + ", " + i / ref.width() + ")");
        }
        assertTrue(ref.gray() != got.gray() || ref.gray().length == 0, what + ": shares the input's array");
    }

    private static Preview randomPreview(Random r, int w, int h) {
        byte[] g = new byte[w * h];
        r.nextBytes(g);
        return new Preview(w, h, g, w * h, 0, 1);
    }

    private static Preview constantPreview(int w, int h, byte v) {
        byte[] g = new byte[w * h];
        java.util.Arrays.fill(g, v);
        return new Preview(w, h, g, w * h, v, v);
    }

    /** Only 0 and 255: the largest sums, and ties at every half level. */
    private static Preview extremePreview(Random r, int w, int h) {
        byte[] g = new byte[w * h];
        for (int i = 0; i < g.length; i++) {
            g[i] = r.nextBoolean() ? (byte) 255 : 0;
        }
        return new Preview(w, h, g, w * h, 0, 255);
    }

    private static String summary(Image im) {
        float[] a = im.toArray();
        return "[" + im.width() + "x" + im.height() + ", first " + (a.length > 0 ? a[0] : "-") + "]";
    }

    /** The primary array of a simple FITS file (BITPIX 16, 32, -32 or -64; BZERO, BSCALE applied). */
    static Image readPrimary(Path p) throws IOException {
        byte[] b = Files.readAllBytes(p);
        int bitpix = 0;
        int w = 0;
        int h = 0;
        double bzero = 0;
        double bscale = 1;
        int pos = 0;
        for (;; pos += 80) {
            String card = new String(b, pos, 80, StandardCharsets.US_ASCII);
            String key = card.substring(0, 8).trim();
            String val = card.length() > 10 && card.charAt(8) == '=' ? card.substring(10).split("/")[0].trim() : "";
            switch (key) {
                case "BITPIX" -> bitpix = Integer.parseInt(val);
                case "NAXIS1" -> w = Integer.parseInt(val);
                case "NAXIS2" -> h = Integer.parseInt(val);
                case "BZERO" -> bzero = Double.parseDouble(val);
                case "BSCALE" -> bscale = Double.parseDouble(val);
                default -> {
                }
            }
            if (key.equals("END")) {
                break;
            }
        }
        int data = (pos / 2880 + 1) * 2880;
        ByteBuffer bb = ByteBuffer.wrap(b, data, b.length - data);
        float[] px = new float[w * h];
        for (int i = 0; i < px.length; i++) {
            double v = switch (bitpix) {
                case 16 -> bb.getShort();
                case 32 -> bb.getInt();
                case -32 -> bb.getFloat();
                case -64 -> bb.getDouble();
                default -> throw new IOException("BITPIX " + bitpix + " in " + p);
            };
            px[i] = (float) (bzero + bscale * v);
        }
        return Image.of(w, h, px);
    }
}
