package org.drpkit.cli.calib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.drpkit.algorithms.calib.CalibFlag;
import org.drpkit.algorithms.calib.DarkCalibration;
import org.drpkit.algorithms.calib.DarkParams;
import org.drpkit.algorithms.calib.DarkStack;
import org.drpkit.algorithms.calib.FlatField;
import org.drpkit.algorithms.calib.FlatParams;
import org.drpkit.algorithms.calib.FlatStack;
import org.drpkit.algorithms.calib.FrameNoise;
import org.drpkit.core.flag.PixelFlag;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.testing.SharedData;
import org.drpkit.fits.FitsReader;
import org.junit.jupiter.api.Test;

/**
 * Dark and flat stacks of the real Keck II NIRC2 calibration frames in {@code ../shared/data/keck/nirc2}, checked
 * against numbers this test computes on its own: a plain re-implementation of the documented clipping, medians and
 * thresholds (full sorts, double sums), and, for the flats, the repeatability of the pixel response across filters.
 * The frames come in three sizes; only frames of one size are stacked.
 */
class Nirc2CalibrationTest {

    private static final double K = 3.5;
    private static final int MAX_ITER = 5;

    /** @return the NIRC2 dark frames grouped by shape, e.g. "512x512" */
    private static Map<String, List<Image>> darksByShape() throws Exception {
        Path dir = SharedData.require("keck/nirc2/dark_512_512_3_128_180.0_1.fits").getParent();
        Map<String, List<Image>> groups = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("dark_")).sorted().toList()) {
                try (FitsReader r = FitsReader.open(f)) {
                    Image img = r.readImage(0);
                    groups.computeIfAbsent(img.width() + "x" + img.height(), s -> new ArrayList<>()).add(img);
                }
            }
        }
        return groups;
    }

    private static MaskedImage plain(Image img) {
        return MaskedImage.of(img, Image.zeros(img.width(), img.height()), Mask.zeros(img.width(), img.height()));
    }

    /** The per-pixel result of the reference clipping. */
    private record Ref(double[] rate, int[] kept, double[] s2) {
    }

    /** The documented clipping, written plainly: sort every pass, drop beyond k max(1.4826 MAD, floor). */
    private static Ref reference(List<Image> frames, double[] levels, double floor) {
        int n = frames.get(0).pixelCount();
        int m = frames.size();
        double[] rate = new double[n];
        int[] kept = new int[n];
        double[] s2 = new double[n];
        double[] keep = new double[m];
        double[] dev = new double[m];
        for (int i = 0; i < n; i++) {
            int nk = m;
            for (int k = 0; k < m; k++) {
                keep[k] = (float) (frames.get(k).array()[i] - levels[k]);
            }
            for (int it = 0; it < MAX_ITER && nk >= 3; it++) {
                double c = median(Arrays.copyOf(keep, nk));
                for (int j = 0; j < nk; j++) {
                    dev[j] = Math.abs(keep[j] - c);
                }
                double t = K * Math.max(1.4826 * median(Arrays.copyOf(dev, nk)), floor);
                int left = 0;
                for (int j = 0; j < nk; j++) {
                    if (Math.abs(keep[j] - c) <= t) {
                        keep[left++] = keep[j];
                    }
                }
                if (left == nk) {
                    break;
                }
                nk = left;
            }
            double[] sorted = Arrays.copyOf(keep, nk);
            Arrays.sort(sorted);
            double sum = 0;
            for (double v : sorted) {
                sum += v;
            }
            double mean = sum / nk;
            double q = 0;
            for (double v : sorted) {
                q += (v - mean) * (v - mean);
            }
            rate[i] = mean;
            kept[i] = nk;
            s2[i] = nk > 1 ? q / (nk - 1) : Double.NaN;
        }
        return new Ref(rate, kept, s2);
    }

    /** @return the type-7 quantile by a full sort */
    private static double quantile(double[] x, double p) {
        double[] s = x.clone();
        Arrays.sort(s);
        double h = (s.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    private static double median(double[] x) {
        return quantile(x, 0.5);
    }

    private static double pooledVariance(Ref ref) {
        double[] s2 = Arrays.stream(ref.s2()).filter(v -> !Double.isNaN(v)).toArray();
        int dof = Arrays.stream(ref.kept()).max().orElseThrow() - 1;
        double chi2Median = new ChiSquaredDistribution(null, dof).inverseCumulativeProbability(0.5) / dof;
        return median(s2) / chi2Median;
    }

    @Test
    void darkStacksOfEachFrameSizeAgreeWithAnIndependentComputation() throws Exception {
        Map<String, List<Image>> groups = darksByShape();
        assertTrue(groups.keySet().containsAll(List.of("512x512", "256x264")), groups.keySet().toString());
        for (Map.Entry<String, List<Image>> g : groups.entrySet()) {
            List<Image> frames = g.getValue();
            if (frames.size() < 3) {
                continue; // 416x504 has a single frame
            }
            Image first = frames.get(0);
            Chip chip = Chip.simple("NIRC2", 0, first.width(), first.height(), 27);
            DarkParams p = DarkParams.defaults().withNoise(FrameNoise.FROM_SCATTER).withSubtractFrameLevel(true);
            DarkCalibration d = DarkStack.build(frames.stream().map(Nirc2CalibrationTest::plain).toList(), chip, p);
            System.out.println("NIRC2 " + g.getKey() + ": " + d);

            // frame levels: the median of each whole frame (the chip is all light-sensitive)
            double[] levels = new double[frames.size()];
            for (int k = 0; k < levels.length; k++) {
                levels[k] = median(toDouble(frames.get(k).array()));
                assertEquals(levels[k], d.frameLevels()[k], 0, "frame level " + k);
            }
            // the pilot covers the whole of these small frames (at most 8 bands of 64k pixels), unclipped floor 0
            double floor = Math.sqrt(pooledVariance(reference(frames, levels, 0)));
            assertEquals(floor, d.clipFloor(), 1e-6 * floor, "pilot noise of one frame pixel");

            Ref ref = reference(frames, levels, floor);
            float[] rate = d.rate().array();
            int mismatched = 0;
            for (int i = 0; i < rate.length; i++) {
                if (Math.abs(rate[i] - ref.rate()[i]) > 1e-5 * Math.max(1, Math.abs(ref.rate()[i]))) {
                    mismatched++;
                }
            }
            assertEquals(0, mismatched, "pixels whose clipped mean differs from the reference");
            long clipped = 0;
            for (int kept : ref.kept()) {
                clipped += frames.size() - kept;
            }
            assertEquals(clipped, d.clipped(), "samples clipped");

            double level = median(ref.rate());
            double sigma = (quantile(ref.rate(), 0.75) - quantile(ref.rate(), 0.25)) / 1.34896;
            assertEquals(level, d.level(), 1e-5 * Math.max(1, Math.abs(level)));
            assertEquals(sigma, d.sigma(), 1e-5 * sigma);
            double frameVar = pooledVariance(ref);
            assertEquals(Math.sqrt(frameVar), d.frameSigma(), 1e-5 * Math.sqrt(frameVar));

            long hot = 0;
            long negative = 0;
            long noisy = 0;
            int[] mask = d.mask().array();
            for (int i = 0; i < rate.length; i++) {
                boolean isHot = ref.rate()[i] > level + 7 * sigma;
                boolean isNeg = ref.rate()[i] < level - 5 * sigma;
                int n = ref.kept()[i];
                boolean isNoisy = n >= 2 && (n - 1) * ref.s2()[i] / frameVar
                        > new ChiSquaredDistribution(null, n - 1).inverseCumulativeProbability(1 - 1e-6);
                hot += isHot ? 1 : 0;
                negative += isNeg ? 1 : 0;
                noisy += isNoisy ? 1 : 0;
                assertEquals(isHot, PixelFlag.isSet(mask[i], PixelFlag.HOT_PIXEL), "HOT_PIXEL at " + i);
                assertEquals(isNeg, PixelFlag.isSet(mask[i], PixelFlag.NEGATIVE_DARK), "NEGATIVE_DARK at " + i);
                assertEquals(isNoisy, (mask[i] & CalibFlag.NOISY_PIXEL.value()) != 0, "NOISY_PIXEL at " + i);
            }
            System.out.printf("  independent: level=%.5g sigma=%.4g frame sigma=%.4g hot=%d negative=%d noisy=%d"
                    + " clipped=%d%n", level, sigma, Math.sqrt(frameVar), hot, negative, noisy, clipped);
            assertEquals(hot, d.hot());
            assertEquals(negative, d.negative());
            assertEquals(noisy, d.noisy());
            assertEquals(rate.length, d.mask().count(PixelFlag.DARK_CORRECTED), "every pixel has a dark estimate");
        }
    }

    @Test
    void nirc2FlatResponseRepeatsAcrossFiltersBetterThanTheRawFlats() throws Exception {
        String[] filters = {"K", "Kp", "Ks", "Lp"};
        List<MaskedImage> flats = new ArrayList<>();
        for (String f : filters) {
            try (FitsReader r = FitsReader.open(SharedData.require("keck/nirc2/flat_512_512_narrow_" + f
                    + "+clear.fits"))) {
                flats.add(plain(r.readImage(0)));
            }
        }
        Chip chip = Chip.simple("NIRC2", 0, 512, 512, 27);
        // these flats are already normalised to 1 by the NIRC2 pipeline: the lamp-off level must be below that
        FlatParams p = FlatParams.defaults().withNoise(FrameNoise.FROM_SCATTER).withMinLevel(0.1);
        FlatField all = FlatStack.build(flats, chip, p);
        System.out.println("NIRC2 flats: " + all);
        double[] flat = toDouble(all.response().array());
        assertEquals(1.0, median(flat), 1e-6, "normalised to median 1");
        long low = Arrays.stream(flat).filter(v -> v < 0.2).count();
        assertEquals(low, all.lowResponse());
        assertEquals(low, all.mask().count(PixelFlag.LOW_FLAT_RESPONSE));
        // a dead pixel is dead in every filter: all but a few of the flagged pixels are below half the median in
        // at least three of the four raw flats
        int[] mask = all.mask().array();
        long deadInRaw = 0;
        for (int i = 0; i < mask.length; i++) {
            if (PixelFlag.isSet(mask[i], PixelFlag.LOW_FLAT_RESPONSE)) {
                int below = 0;
                for (MaskedImage f : flats) {
                    below += f.flux().array()[i] < 0.5 ? 1 : 0;
                }
                deadInRaw += below >= 3 ? 1 : 0;
            }
        }
        System.out.printf("  low response %d, of which %d are below 0.5 in 3+ raw flats%n", low, deadInRaw);
        assertTrue(deadInRaw >= 0.9 * low, deadInRaw + " of " + low);

        // the pixel response is a property of the detector: separated from the illumination it should repeat
        // across filters better than the raw flats, which also carry each filter's illumination
        FlatField k = FlatStack.build(List.of(flats.get(0)), chip, p);
        FlatField lp = FlatStack.build(List.of(flats.get(3)), chip, p);
        boolean[] good = new boolean[mask.length];
        for (int i = 0; i < good.length; i++) {
            good[i] = k.mask().array()[i] == 0 && lp.mask().array()[i] == 0;
        }
        double raw = correlation(flats.get(0).flux().array(), flats.get(3).flux().array(), good);
        double separated = correlation(k.response().array(), lp.response().array(), good);
        System.out.printf("  K vs Lp correlation: raw flats %.4f, separated responses %.4f%n", raw, separated);
        assertTrue(separated > raw + 0.05, "separated " + separated + " vs raw " + raw);
    }

    private static double correlation(float[] a, float[] b, boolean[] use) {
        double sa = 0;
        double sb = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (use[i]) {
                sa += a[i];
                sb += b[i];
                n++;
            }
        }
        double ma = sa / n;
        double mb = sb / n;
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            if (use[i]) {
                ab += (a[i] - ma) * (b[i] - mb);
                aa += (a[i] - ma) * (a[i] - ma);
                bb += (b[i] - mb) * (b[i] - mb);
            }
        }
        return ab / Math.sqrt(aa * bb);
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
