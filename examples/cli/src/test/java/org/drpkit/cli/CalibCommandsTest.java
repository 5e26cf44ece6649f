package org.drpkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.drpkit.algorithms.calib.CalibFlag;
import org.drpkit.algorithms.calib.Calibrate;
import org.drpkit.algorithms.calib.CalibratedImage;
import org.drpkit.algorithms.calib.DarkCalibration;
import org.drpkit.algorithms.calib.DarkParams;
import org.drpkit.algorithms.calib.DarkStack;
import org.drpkit.algorithms.calib.FrameNoise;
import org.drpkit.cli.DrpkitTest.Run;
import org.drpkit.core.flag.PixelFlag;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.H2rgLayout;
import org.drpkit.core.testing.SharedData;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.PixelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibCommandsTest {

    @TempDir
    Path tmp;

    private static List<Path> nirc2Darks512() throws Exception {
        Path any = SharedData.require("keck/nirc2/dark_512_512_3_128_180.0_1.fits");
        try (var s = Files.list(any.getParent())) {
            return s.filter(p -> p.getFileName().toString().startsWith("dark_512_512_")).sorted().toList();
        }
    }

    private static List<String> args(Object... parts) {
        List<String> out = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof List<?> l) {
                l.forEach(x -> out.add(x.toString()));
            } else {
                out.add(p.toString());
            }
        }
        return out;
    }

    private static Run run(List<String> a) {
        return new Run(a.toArray(new String[0]));
    }

    @Test
    void helpListsTheCalibrationCommandsAndTheirOptions() {
        Run r = new Run("--help");
        assertTrue(r.out.contains("calib") && r.out.contains("calibrate") && r.out.contains("masks"), r.out);
        r = new Run("calib", "flat", "--help");
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.contains("--min-level"), r.out);
    }

    @Test
    void calibDarkStreamsFilesToTheSameDarkAsTheLibraryOnFramesInMemory() throws Exception {
        List<Path> files = nirc2Darks512();
        Path out = tmp.resolve("dark.fits");
        Run r = run(args("calib", "dark", files, "--subtract-level", "--out", out));
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.contains("DarkCalibration[512x512 from 6 frames"), r.out);

        List<MaskedImage> frames = new ArrayList<>();
        for (Path f : files) {
            try (FitsReader fr = FitsReader.open(f)) {
                Image img = fr.readImage(0);
                frames.add(MaskedImage.of(img, Image.zeros(512, 512), Mask.zeros(512, 512)));
            }
        }
        DarkCalibration d = DarkStack.build(frames, Chip.simple("x", 0, 512, 512, 0),
                DarkParams.defaults().withNoise(FrameNoise.FROM_SCATTER).withSubtractFrameLevel(true));
        try (FitsReader fr = FitsReader.open(out)) {
            assertArrayEquals(d.rate().array(), fr.readImage("DARK").array());
            assertArrayEquals(d.ivar().array(), fr.readImage("IVAR").array());
            assertArrayEquals(d.mask().array(), fr.readMask("FLAGS").array());
            Header h = fr.hdus().get(0).header();
            assertEquals("DARK", h.getString("PRODTYPE").orElseThrow());
            assertEquals(6L, h.getLong("NFRAMES").orElseThrow());
            assertEquals(d.hot(), h.getLong("NHOT").orElseThrow());
            assertEquals("NIRC2", h.getString("INSTRUME").orElseThrow().trim());
        }
    }

    @Test
    void calibDarkRefusesFramesOfDifferentSizesNamingTheFiles() throws Exception {
        Path big = SharedData.require("keck/nirc2/dark_512_512_3_128_180.0_1.fits");
        Path small = SharedData.require("keck/nirc2/dark_256_264_3_64_60.0_1.fits");
        Path out = tmp.resolve("dark.fits");
        Run r = new Run("calib", "dark", big.toString(), small.toString(), "--out", out.toString());
        assertEquals(Drpkit.EXIT_BAD_INPUT, r.status);
        assertTrue(r.err.contains("[CALIB_SHAPE_MISMATCH] " + small + ", HDU 0, keyword NAXIS: image is 256x264 but "
                + big + " is 512x512"), r.err);
        assertFalse(Files.exists(out), "nothing is written");
    }

    @Test
    void aTruncatedFrameStopsTheStackWithNothingWritten() throws Exception {
        List<Path> files = new ArrayList<>(nirc2Darks512().subList(0, 3));
        Path cut = tmp.resolve("cut.fits");
        byte[] whole = Files.readAllBytes(files.get(1));
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        files.set(1, cut);
        Path out = tmp.resolve("dark.fits");
        Run r = run(args("calib", "dark", files, "--out", out));
        assertEquals(Drpkit.EXIT_BAD_INPUT, r.status);
        assertTrue(r.err.contains("[FITS_TRUNCATED] " + cut), r.err);
        assertFalse(Files.exists(out));
        try (var left = Files.list(tmp)) {
            assertEquals(1, left.count(), "no temporary file is left behind either");
        }
    }

    @Test
    void anExistingProductIsKeptUnlessOverwriteIsAsked() throws Exception {
        List<Path> files = nirc2Darks512().subList(0, 3);
        Path out = tmp.resolve("dark.fits");
        assertEquals(0, run(args("calib", "dark", files, "--out", out)).status);
        byte[] first = Files.readAllBytes(out);
        Run again = run(args("calib", "dark", files, "--subtract-level", "--out", out));
        assertEquals(Drpkit.EXIT_BAD_INPUT, again.status);
        assertTrue(again.err.contains("[OUTPUT_EXISTS]"), again.err);
        assertArrayEquals(first, Files.readAllBytes(out));
        assertEquals(0, run(args("calib", "dark", files, "--subtract-level", "--out", out, "--overwrite")).status);
        assertFalse(java.util.Arrays.equals(first, Files.readAllBytes(out)));
    }

    /** Writes a rate product in the ramp stage's layout. */
    private static Path writeRate(Path file, MaskedImage m) throws Exception {
        int w = m.width();
        int h = m.height();
        FitsWriter.create().primary(Header.builder().add("INSTRUME", "SIM").build())
                .image("RATE", Header.empty(), m.flux(), PixelType.FLOAT32)
                .image("IVAR", Header.empty(), m.ivar(), PixelType.FLOAT32)
                .image("CHI2", Header.empty(), Image.zeros(w, h), PixelType.FLOAT32)
                .mask("FLAGS", Header.empty(), m.mask())
                .mask("JUMPS", Header.empty(), Mask.zeros(w, h))
                .mask("LASTDIFF", Header.empty(), Mask.zeros(w, h))
                .write(file, false);
        return file;
    }

    /** A rate frame of an 80 x 64 H2RG: {@code level + lamp * response}, noise 0.1 + 1 % of the signal. */
    private static MaskedImage simulated(Chip chip, double lamp, float[] response, Random rnd) {
        int w = chip.width();
        int h = chip.height();
        float[] f = new float[w * h];
        float[] iv = new float[w * h];
        int[] fl = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double lit = chip.lightSensitive().contains(x, y) ? lamp * response[i] * (1 + 0.2 * x / w) : 0;
                double e = 0.05 + lit;
                double sigma = Math.sqrt(0.01 + 1e-4 * e * e);
                f[i] = (float) (e + sigma * rnd.nextGaussian());
                iv[i] = (float) (1 / (sigma * sigma));
                if (rnd.nextDouble() < 0.01) {
                    fl[i] = PixelFlag.ONE_JUMP.value();
                }
            }
        }
        return MaskedImage.of(Image.of(w, h, f), Image.of(w, h, iv), Mask.of(w, h, fl));
    }

    @Test
    void rateProductsGoThroughDarkFlatAndCalibrate() throws Exception {
        Chip chip = H2rgLayout.chip("detector", 64, 16, 4, 4, 18);
        Random rnd = new Random(8);
        float[] response = new float[chip.width() * chip.height()];
        for (int i = 0; i < response.length; i++) {
            response[i] = (float) (1 + 0.03 * rnd.nextGaussian());
        }
        List<Path> darks = new ArrayList<>();
        List<Path> flats = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            darks.add(writeRate(tmp.resolve("dark" + k + ".fits"), simulated(chip, 0, response, rnd)));
            flats.add(writeRate(tmp.resolve("flat" + k + ".fits"), simulated(chip, 300, response, rnd)));
        }
        MaskedImage science = simulated(chip, 2, response, rnd);
        science.mask().array()[30 * 80 + 20] |= PixelFlag.PARTIAL_SATURATION.value();
        Path sci = writeRate(tmp.resolve("sci.fits"), science);
        Path dark = tmp.resolve("DARK.fits");
        Path flat = tmp.resolve("FLAT.fits");
        Path cal = tmp.resolve("CAL.fits");
        String layout = "h2rg:64,16,4,4";
        Run r = run(args("calib", "dark", darks, "--chip", layout, "--out", dark));
        assertEquals(0, r.status, r.err);
        r = run(args("calib", "flat", flats, "--dark", dark, "--chip", layout, "--degree", "3", "--block", "8",
                "--out", flat));
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.contains("from 6 of 6 frames"), r.out);
        r = run(args("calibrate", sci, "--dark", dark, "--flat", flat, "--chip", layout, "--out", cal));
        assertEquals(0, r.status, r.err);

        MaskedImage d = CalibFiles.readProduct(dark, "DARK");
        MaskedImage f = CalibFiles.readProduct(flat, "FLAT");
        CalibratedImage expected = Calibrate.apply(CalibFiles.readInput(sci).image(), chip, d, f, List.of());
        try (FitsReader fr = FitsReader.open(cal)) {
            assertArrayEquals(expected.image().flux().array(), fr.readImage("FLUX").array());
            assertArrayEquals(expected.image().ivar().array(), fr.readImage("IVAR").array());
            int[] flags = fr.readMask("FLAGS").array();
            assertArrayEquals(expected.image().mask().array(), flags);
            assertEquals("DN/read", fr.hdu("FLUX").header().getString("BUNIT").orElseThrow().trim());
            assertEquals("CAL", fr.hdus().get(0).header().getString("PRODTYPE").orElseThrow().trim());
            for (int i = 0; i < flags.length; i++) {
                assertEquals(science.mask().array()[i], flags[i] & science.mask().array()[i],
                        "the ramp stage's bits survive at " + i);
            }
            assertEquals(16 * 64, Mask.of(80, 64, flags).count(PixelFlag.REFERENCE_ARRAY));
        }
        // the dark's variance is in the budget: every calibrated ivar is below the science frame's
        float[] ivOut = expected.image().ivar().array();
        for (int i = 0; i < ivOut.length; i++) {
            if (chip.lightSensitive().contains(i % 80, i / 80)) {
                float fl = f.flux().array()[i];
                assertTrue(ivOut[i] < science.ivar().array()[i] * fl * fl, "pixel " + i);
            }
        }
    }

    @Test
    void calibratesARawNirc2FrameWithNirc2DarkAndFlat() throws Exception {
        Path raw = SharedData.require("keck/nirc2/raw_n0051_standard_1.fits");
        List<Path> flats = new ArrayList<>();
        for (String f : new String[] {"K", "Kp", "Ks", "Lp"}) {
            flats.add(SharedData.require("keck/nirc2/flat_512_512_narrow_" + f + "+clear.fits"));
        }
        Path dark = tmp.resolve("dark.fits");
        Path flat = tmp.resolve("flat.fits");
        Path cal = tmp.resolve("cal.fits");
        assertEquals(0, run(args("calib", "dark", nirc2Darks512(), "--subtract-level", "--out", dark)).status);
        Run r = run(args("calib", "flat", flats, "--min-level", "0.1", "--out", flat));
        assertEquals(0, r.status, r.err);
        r = run(args("calibrate", raw, "--dark", dark, "--flat", flat, "--out", cal));
        assertEquals(0, r.status, r.err);
        float[] in;
        try (FitsReader fr = FitsReader.open(raw)) {
            in = fr.readImage(0).array();
        }
        MaskedImage d = CalibFiles.readProduct(dark, "DARK");
        MaskedImage f = CalibFiles.readProduct(flat, "FLAT");
        try (FitsReader fr = FitsReader.open(cal)) {
            float[] flux = fr.readImage("FLUX").array();
            float[] ivar = fr.readImage("IVAR").array();
            for (int i = 0; i < flux.length; i++) {
                float fl = f.flux().array()[i];
                // a dead pixel can have a flat <= 0: no response, flux 0 (and LOW_FLAT_RESPONSE)
                double expected = fl > 0 ? (in[i] - (double) d.flux().array()[i]) / fl : 0;
                assertEquals(expected, flux[i], 1e-5 * Math.max(1, Math.abs(expected)), "pixel " + i);
                assertEquals(0f, ivar[i], "a plain raw frame has no ivar: the output's is unknown too");
            }
            Header primary = fr.hdus().get(0).header();
            assertEquals("HD1160", primary.getString("OBJECT").orElseThrow().trim());
            assertTrue(primary.duplicates().isEmpty(), "the raw frame's repeated TELESCOP is not copied twice");
        }
    }

    @Test
    void masksDiffPrintsCountsThatSetAlgebraConfirms() throws Exception {
        List<Path> files = nirc2Darks512();
        Path a = tmp.resolve("a.fits");
        Path b = tmp.resolve("b.fits");
        assertEquals(0, run(args("calib", "dark", files.subList(2, 6), "--subtract-level", "--out", a)).status);
        assertEquals(0, run(args("calib", "dark", files, "--subtract-level", "--out", b)).status);
        Run r = new Run("masks", "diff", a.toString(), b.toString(), "--list", "3");
        assertEquals(0, r.status, r.err);
        int[] ma = CalibFiles.readFlags(a).array();
        int[] mb = CalibFiles.readFlags(b).array();
        int causes = CalibFlag.CALIBRATION_CAUSES;
        long before = 0;
        long after = 0;
        long both = 0;
        long hotNew = 0;
        for (int i = 0; i < ma.length; i++) {
            boolean x = (ma[i] & causes) != 0;
            boolean y = (mb[i] & causes) != 0;
            before += x ? 1 : 0;
            after += y ? 1 : 0;
            both += x && y ? 1 : 0;
            boolean hotBefore = PixelFlag.isSet(ma[i], PixelFlag.HOT_PIXEL);
            hotNew += !hotBefore && PixelFlag.isSet(mb[i], PixelFlag.HOT_PIXEL) ? 1 : 0;
        }
        String any = String.format("%-20s %9d %9d %11d %9d %11d", "ANY", before, after, both, after - both,
                before - both);
        assertTrue(r.out.contains(any), any + "\n" + r.out);
        String hotAppeared = Long.toString(hotNew);
        assertTrue(r.out.lines().anyMatch(l -> l.startsWith("HOT_PIXEL") && l.trim().split("\\s+")[4]
                .equals(hotAppeared)), r.out);
        assertEquals(3, r.out.lines().filter(l -> l.startsWith("appeared ")).count(), r.out);
    }

    @Test
    void masksHistoryPutsEveryPixelInOneClass() throws Exception {
        List<Path> files = nirc2Darks512();
        List<Path> products = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            Path p = tmp.resolve("night" + k + ".fits");
            assertEquals(0, run(args("calib", "dark", files.subList(k, k + 3), "--out", p)).status);
            products.add(p);
        }
        Run r = run(args("masks", "history", products));
        assertEquals(0, r.status, r.err);
        String line = r.out.lines().filter(l -> l.startsWith("MaskHistory[")).findFirst().orElseThrow();
        long total = 0;
        for (String part : line.replaceAll(".*nights: ", "").replace("]", "").split(", ")) {
            total += Long.parseLong(part.split("=")[1]);
        }
        assertEquals(512 * 512, total, line);
    }

    @Test
    void calibrateNeedsADarkOrAFlatAndAKnownChipLayout() throws Exception {
        Path raw = SharedData.require("keck/nirc2/raw_n0051_standard_1.fits");
        Run r = new Run("calibrate", raw.toString(), "--out", tmp.resolve("x.fits").toString());
        assertEquals(2, r.status);
        assertTrue(r.err.contains("give --dark, --flat or both"), r.err);
        r = new Run("calib", "dark", raw.toString(), "--chip", "octagon", "--out", tmp.resolve("y.fits").toString());
        assertEquals(2, r.status);
        assertTrue(r.err.contains("--chip must be auto, simple, apogee"), r.err);
    }
}
