package org.drpkit.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.drpkit.algorithms.qa.AsinhPreview;
import org.drpkit.algorithms.qa.HistogramEqualizer;
import org.drpkit.algorithms.qa.ImageStatistics;
import org.drpkit.algorithms.qa.Preview;
import org.drpkit.algorithms.qa.Thumbnail;
import org.drpkit.algorithms.qa.ZScale;
import org.drpkit.archive.PreviewJpeg;
import org.drpkit.archive.PreviewPng;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Image;
import org.drpkit.fits.FitsReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ingest's two preview files of a NIRC2-sized frame (1024 x 1024 floats, 4.2 MB: a Gaussian sky, mean 1000 DN,
 * sigma 30, with 200 Gaussian stars and 0.1 % hot pixels): {@code png} (histogram equalisation, stored PNG: what the
 * ingest wrote so far) against {@code jpeg} (zscale + asinh, JPEG quality 0.92 through javax.imageio: the archive's
 * picture), and the parts of the JPEG: {@code zscale}, {@code asinhRender}, {@code jpegEncode}, and the
 * {@code thumbnail} (area averaging to 256 px).
 *
 * <p>The {@code nirc2*} benchmarks time the kernels the archive ingest runs per file (issue 16) on a real 512 x 512
 * NIRC2 frame ({@link Nirc2}: a float flat or an integer dark from {@code ../shared/data/keck/nirc2}, property
 * {@code drpkit.nirc2}; a synthetic 512 x 512 sky when absent): the histogram-equalised preview, its 256 px
 * thumbnail, zscale, the asinh preview (zscale included) and the image statistics.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class PreviewBenchmark {

    Image frame;
    Preview rendered;

    /** The frame, and its asinh preview for the encoder-only benchmarks. */
    @Setup
    public void setup() {
        Random r = new Random(1);
        int n = 1024;
        float[] px = new float[n * n];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) (1000 + 30 * r.nextGaussian() + (r.nextDouble() < 0.001 ? 29000 : 0));
        }
        for (int s = 0; s < 200; s++) {
            double cx = r.nextDouble() * n;
            double cy = r.nextDouble() * n;
            double flux = 500 * Math.exp(4 * r.nextDouble());
            for (int y = Math.max(0, (int) cy - 8); y < Math.min(n, (int) cy + 8); y++) {
                for (int x = Math.max(0, (int) cx - 8); x < Math.min(n, (int) cx + 8); x++) {
                    px[y * n + x] += (float) (flux * Math.exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / 4.5));
                }
            }
        }
        frame = Image.of(n, n, px);
        rendered = AsinhPreview.render(frame, AsinhPreview.Params.DEFAULTS);
    }

    /** @return the PNG preview bytes (histogram-equalised) */
    @Benchmark
    public byte[] png() throws IOException {
        return PreviewPng.encode(HistogramEqualizer.render(frame, HistogramEqualizer.Params.DEFAULTS));
    }

    /** @return the JPEG preview bytes (zscale + asinh, quality 0.92) */
    @Benchmark
    public byte[] jpeg() throws IOException {
        return PreviewJpeg.encode(AsinhPreview.render(frame, AsinhPreview.Params.DEFAULTS), PreviewJpeg.QUALITY);
    }

    /** @return the zscale limits alone */
    @Benchmark
    public ZScale.Result zscale() {
        return ZScale.of(frame, ZScale.Params.DEFAULTS);
    }

    /** @return the asinh preview (zscale included), not encoded */
    @Benchmark
    public Preview asinhRender() {
        return AsinhPreview.render(frame, AsinhPreview.Params.DEFAULTS);
    }

    /** @return the JPEG encoding of a rendered preview alone */
    @Benchmark
    public byte[] jpegEncode() throws IOException {
        return PreviewJpeg.encode(rendered, PreviewJpeg.QUALITY);
    }

    /** @return the 256 px thumbnail of a rendered preview */
    @Benchmark
    public Preview thumbnail() {
        return Thumbnail.longestSide(rendered, Thumbnail.DEFAULT_SIDE);
    }

    /** A 512 x 512 NIRC2 frame and its equalised preview, as the archive ingest meets them. */
    @State(Scope.Benchmark)
    public static class Nirc2 {

        /** The frame's file name in {@code drpkit.nirc2}. */
        @Param({"flat_512_512_narrow_Kp+clear.fits", "dark_512_512_3_64_20.0_1.fits"})
        public String file;

        Image frame;
        Preview equalised;

        /** Reads the frame (a synthetic sky when the shared data is absent). */
        @Setup
        public void read() throws DrpException {
            Path p = Path.of(System.getProperty("drpkit.nirc2", "../shared/data/keck/nirc2")).resolve(file);
            if (Files.exists(p)) {
                try (FitsReader r = FitsReader.open(p)) {
                    frame = r.readImage(0);
                }
            } else {
                Random r = new Random(file.hashCode());
                float[] px = new float[512 * 512];
                for (int i = 0; i < px.length; i++) {
                    px[i] = (float) (1000 + 30 * r.nextGaussian() + (r.nextDouble() < 0.001 ? 29000 : 0));
                }
                frame = Image.of(512, 512, px);
            }
            equalised = HistogramEqualizer.render(frame, HistogramEqualizer.Params.DEFAULTS);
        }
    }

    /** @return the histogram-equalised preview of a NIRC2 frame */
    @Benchmark
    public Preview nirc2Histeq(Nirc2 n) {
        return HistogramEqualizer.render(n.frame, HistogramEqualizer.Params.DEFAULTS);
    }

    /** @return the 256 px thumbnail of a NIRC2 frame's preview (512 -> 256) */
    @Benchmark
    public Preview nirc2Thumbnail(Nirc2 n) {
        return Thumbnail.longestSide(n.equalised, Thumbnail.DEFAULT_SIDE);
    }

    /** @return the zscale limits of a NIRC2 frame */
    @Benchmark
    public ZScale.Result nirc2Zscale(Nirc2 n) {
        return ZScale.of(n.frame, ZScale.Params.DEFAULTS);
    }

    /** @return the asinh preview of a NIRC2 frame, zscale included */
    @Benchmark
    public Preview nirc2Asinh(Nirc2 n) {
        return AsinhPreview.render(n.frame, AsinhPreview.Params.DEFAULTS);
    }

    /** @return the archive's statistics of a NIRC2 frame (NIRC2's saturation and non-linearity levels) */
    @Benchmark
    public ImageStatistics.Result nirc2Statistics(Nirc2 n) {
        return ImageStatistics.of(n.frame, new ImageStatistics.Params(18000, 5000));
    }
}
