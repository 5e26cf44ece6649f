package org.drpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.fits.FitsRamps;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.HduInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two commands end to end: simulate a small chip, reduce it, compare with the truth file. */
class RampCommandTest {

    private static Path only(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> l = s.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
            assertEquals(1, l.size(), "files ending " + suffix + ": " + l);
            return l.get(0);
        }
    }

    @Test
    void simulateWritesAnApogeeRawLayoutAndATruthFile(@TempDir Path dir) throws IOException, DrpException {
        DrpkitTest.Run r = new DrpkitTest.Run("simulate", "--out", dir.toString(), "--reads", "8", "--kind", "flat");
        assertEquals(0, r.status, r.err);
        Path raw = only(dir, "0001.fits");
        assertTrue(raw.getFileName().toString().startsWith("apR-a-"), raw.toString());
        try (FitsReader f = FitsReader.open(raw)) {
            List<HduInfo> hdus = f.hdus();
            assertEquals(9, hdus.size(), "empty primary + 8 reads");
            assertEquals(0, hdus.get(0).header().getLong("NAXIS").orElseThrow());
            Header read3 = hdus.get(3).header();
            assertEquals(16, read3.getLong("BITPIX").orElseThrow());
            assertEquals(32768.0, read3.getDouble("BZERO").orElseThrow());
            assertTrue(read3.getString("DATE-OBS").orElseThrow().startsWith("2024-01-01T03:00:2"), read3.toString());
            assertEquals(10600.0, read3.getDouble("INTOFF").orElseThrow());
        }
        try (FitsRamps.Source src = FitsRamps.open(raw)) {
            assertEquals(8, src.reads());
            assertEquals(320, src.width());
            assertEquals(10.6, src.readTimes()[1], 1e-6, "read times come from DATE-OBS");
        }
        try (FitsReader t = FitsReader.open(only(dir, "-truth.fits"))) {
            assertEquals(320, t.readImage("RATE").width());
            assertTrue(t.hdu(0).header().getDouble("GAIN").isPresent());
        }
    }

    @Test
    void rampReducesASimulatedChipToRatesWithinTheirErrors(@TempDir Path dir) throws IOException, DrpException {
        // 20 DN/read: the simulated detector's uncorrected nonlinearity (c2 = -1.5e-6/DN) biases rates by 0.02 sigma
        assertEquals(0, new DrpkitTest.Run("simulate", "--out", dir.toString(), "--reads", "20", "--kind", "flat",
                "--rate", "20").status);
        Path raw = only(dir, "0001.fits");
        Path out = dir.resolve("rate.fits");
        // the simulated detector's noise: white 4.5 DN plus quantisation and 2.5 DN of 1/f, mostly removed
        DrpkitTest.Run r = new DrpkitTest.Run("ramp", raw.toString(), out.toString(), "--no-progress", "--gain", "1.9",
                "--read-variance", "21", "--covariance", "neighbours");
        assertEquals(0, r.status, r.err + r.out);
        assertTrue(r.out.contains("using upstream defaults: no saturation map"), r.out);
        try (FitsReader f = FitsReader.open(out); FitsReader t = FitsReader.open(only(dir, "-truth.fits"))) {
            assertEquals(List.of("RATE", "IVAR", "CHI2", "FLAGS", "JUMPS", "LASTDIFF", "VAR_POISSON", "VAR_RNOISE"),
                    f.hdus().stream().skip(1).map(h -> h.header().getString("EXTNAME").orElse("?")).toList());
            Header h = f.hdu(0).header();
            assertEquals(20, h.getLong("NREAD").orElseThrow());
            assertEquals(17, h.getLong("NDIFF").orElseThrow());
            assertEquals("SUTR-GLS", h.getString("RAMPMETH").orElseThrow());
            assertEquals("apo25m", h.getString("TELESCOP").orElseThrow(), "the raw primary header is kept");
            assertTrue(h.getDouble("MJDMID").orElseThrow() > 60310.1, h.toString());
            assertEquals(-32, f.hdu("RATE").header().getLong("BITPIX").orElseThrow());
            assertEquals(32, f.hdu("FLAGS").header().getLong("BITPIX").orElseThrow());
            Image ivar = f.readImage("IVAR");
            Image vp = f.readImage("VAR_POISSON");
            Image vr = f.readImage("VAR_RNOISE");
            assertEquals(1 / ivar.get(100, 100), vp.get(100, 100) + vr.get(100, 100), 1e-5 / ivar.get(100, 100),
                    "the variance parts sum to 1/IVAR");
            assertTrue(vp.get(100, 100) > 0 && vr.get(100, 100) > 0);
            // 57,600 pixels; per-amplifier zeropoints from 512 reference pixels leave a common ~0.03 (see the
            // processor's chain test); the white-noise model leaves the residual 1/f
            double[] z = pulls(f, t.readImage("RATE"));
            assertEquals(0, z[0], 0.05, "mean pull");
            assertEquals(1, z[1], 0.05, "pull std");
        }
    }

    @Test
    void rampRefusesAnExistingOutputBeforeReadingAnyData(@TempDir Path dir) throws IOException {
        Path out = Files.writeString(dir.resolve("out.fits"), "keep me");
        // the input does not even exist: the output check must come first
        DrpkitTest.Run r = new DrpkitTest.Run("ramp", dir.resolve("none.fits").toString(), out.toString(),
                "--no-progress");
        assertEquals(Drpkit.EXIT_BAD_INPUT, r.status);
        assertTrue(r.err.contains("OUTPUT_EXISTS"), r.err);
        assertEquals("keep me", Files.readString(out));
    }

    @Test
    void rampRefusesAnOutputFolderItCannotCreateBeforeReadingAnyData(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "a file, not a folder");
        DrpkitTest.Run r = new DrpkitTest.Run("ramp", dir.resolve("none.fits").toString(),
                file.resolve("out.fits").toString(), "--no-progress");
        assertEquals(Drpkit.EXIT_BAD_INPUT, r.status);
        assertTrue(r.err.contains("WRITE_FAILED") && r.err.contains("not a folder"), r.err);
    }

    @Test
    void rampRefusesAReadOnlyFolderBeforeReadingAnyData(@TempDir Path dir) throws IOException {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        assumeTrue(ro.toFile().setWritable(false, false) && !Files.isWritable(ro), "cannot drop write access (root)");
        try {
            DrpkitTest.Run r = new DrpkitTest.Run("ramp", dir.resolve("none.fits").toString(),
                    ro.resolve("out.fits").toString(), "--no-progress");
            assertEquals(Drpkit.EXIT_BAD_INPUT, r.status);
            assertTrue(r.err.contains("WRITE_FAILED") && r.err.contains("not writable"), r.err);
        } finally {
            ro.toFile().setWritable(true, false);
        }
    }

    @Test
    void rampModelsAveragedGroupsFromTheOptionsAndRecordsThePattern(@TempDir Path dir)
            throws IOException, DrpException {
        assertEquals(0, new DrpkitTest.Run("simulate", "--out", dir.toString(), "--reads", "12", "--kind", "flat",
                "--rate", "20").status);
        Path raw = only(dir, "0001.fits");
        Path single = dir.resolve("single.fits");
        Path grouped = dir.resolve("grouped.fits");
        DrpkitTest.Run plain = new DrpkitTest.Run("ramp", raw.toString(), single.toString(), "--no-progress");
        assertEquals(0, plain.status, plain.err);
        assertTrue(plain.out.contains("read pattern from the APOGEE plugin: ReadPattern[1 frame/group, gap 0, frame "
                + "10.6 s]"), "without options the instrument plugin states the pattern: " + plain.out);
        DrpkitTest.Run r = new DrpkitTest.Run("ramp", raw.toString(), grouped.toString(), "--no-progress",
                "--nframes", "4", "--groupgap", "1", "--frame-time", "2.12");
        assertEquals(0, r.status, r.err + r.out);
        assertTrue(r.out.contains("ReadPattern[4 frames/group, gap 1, frame 2.12 s]"), r.out);
        try (FitsReader s = FitsReader.open(single); FitsReader g = FitsReader.open(grouped)) {
            Header h = g.hdu(0).header();
            assertEquals(4, h.getLong("NFRAMES").orElseThrow());
            assertEquals(1, h.getLong("GROUPGAP").orElseThrow());
            assertEquals(10.6, h.getDouble("TGROUP").orElseThrow(), 1e-9);
            assertEquals("DN/group", h.getString("BUNIT").orElseThrow());
            // the same reads modelled as 4-frame means: a quarter of the read variance per read, so the read-noise
            // part falls to about a quarter (not exactly: the weights change with the photon-to-read ratio)
            double ratio = g.readImage("VAR_RNOISE").get(100, 100) / s.readImage("VAR_RNOISE").get(100, 100);
            assertTrue(ratio > 0.24 && ratio < 0.35, "read-noise part scales about as 1/nframes: " + ratio);
        }
    }

    @Test
    void nonlinearityBuiltFromSimulatedFlatsCorrectsTheRatesOfABrightFlat(@TempDir Path dir)
            throws IOException, DrpException {
        List<String> flats = new java.util.ArrayList<>();
        for (int seed = 1; seed <= 4; seed++) {
            Path d = dir.resolve("flat" + seed);
            assertEquals(0, new DrpkitTest.Run("simulate", "--out", d.toString(), "--kind", "flat", "--rate", "800",
                    "--seed", Integer.toString(seed)).status);
            flats.add(only(d, String.format("%04d.fits", seed)).toString());
        }
        Path nl = dir.resolve("nonlin.fits");
        List<String> args = new java.util.ArrayList<>(List.of("calib", "nonlinearity"));
        args.addAll(flats);
        args.addAll(List.of("--out", nl.toString()));
        DrpkitTest.Run built = new DrpkitTest.Run(args.toArray(new String[0]));
        assertEquals(0, built.status, built.err + built.out);
        try (FitsReader f = FitsReader.open(nl)) {
            // the simulated detector: c2 = -1.5e-6/DN with 5% pixel scatter
            assertEquals(-1.5e-6, f.hdu(0).header().getDouble("B2MED").orElseThrow(), 0.05e-6, built.out);
            assertEquals(List.of("A2", "A3", "A4", "A5", "B2", "B2ERR", "B3", "NFLATS", "MAXLEVEL"),
                    f.hdus().stream().skip(1).map(h -> h.header().getString("EXTNAME").orElse("?")).toList());
        }
        Path raw = Path.of(flats.get(0));
        Path plain = dir.resolve("plain.fits");
        Path linear = dir.resolve("linear.fits");
        assertEquals(0, new DrpkitTest.Run("ramp", raw.toString(), plain.toString(), "--no-progress").status);
        DrpkitTest.Run r = new DrpkitTest.Run("ramp", raw.toString(), linear.toString(), "--no-progress",
                "--nonlinearity", nl.toString());
        assertEquals(0, r.status, r.err + r.out);
        try (FitsReader a = FitsReader.open(plain); FitsReader b = FitsReader.open(linear);
                FitsReader t = FitsReader.open(only(raw.getParent(), "-truth.fits"))) {
            assertEquals("nonlin.fits", b.hdu(0).header().getString("NONLIN").orElseThrow());
            Image truth = t.readImage("RATE");
            double before = meanRelativeError(a.readImage("RATE"), truth);
            double after = meanRelativeError(b.readImage("RATE"), truth);
            assertTrue(before < -0.02, "uncorrected rates of an 800 DN/read flat are low: " + before);
            assertEquals(0, after, 0.003, "corrected (uncorrected " + before + ")");
        }
    }

    private static double meanRelativeError(Image rate, Image truth) {
        double sum = 0;
        int n = 0;
        for (int y = 8; y < 248; y++) {
            for (int x = 8; x < 248; x++) {
                sum += rate.get(x, y) / truth.get(x, y) - 1;
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void gainAndReadNoiseMapsFromFilesGiveTheScalarResultWhenUniform(@TempDir Path dir)
            throws IOException, DrpException {
        assertEquals(0, new DrpkitTest.Run("simulate", "--out", dir.toString(), "--reads", "10", "--kind", "flat",
                "--rate", "50").status);
        Path raw = only(dir, "0001.fits");
        int w;
        int h;
        try (FitsRamps.Source s = FitsRamps.open(raw)) {
            w = s.width();
            h = s.height();
        }
        Path gainMap = dir.resolve("gain.fits");
        Path rnMap = dir.resolve("rn.fits");
        float[] g = new float[w * h];
        float[] rn = new float[w * h];
        java.util.Arrays.fill(g, 2.5f);
        java.util.Arrays.fill(rn, 5f);
        org.drpkit.fits.FitsWriter.create().image(null, Header.empty(), Image.of(w, h, g),
                org.drpkit.fits.PixelType.FLOAT32).write(gainMap, false);
        org.drpkit.fits.FitsWriter.create().image(null, Header.empty(), Image.of(w, h, rn),
                org.drpkit.fits.PixelType.FLOAT32).write(rnMap, false);
        Path scalar = dir.resolve("scalar.fits");
        Path maps = dir.resolve("maps.fits");
        assertEquals(0, new DrpkitTest.Run("ramp", raw.toString(), scalar.toString(), "--no-progress", "--gain",
                "2.5", "--read-variance", "25").status);
        DrpkitTest.Run r = new DrpkitTest.Run("ramp", raw.toString(), maps.toString(), "--no-progress", "--gain",
                gainMap.toString(), "--read-noise", rnMap.toString());
        assertEquals(0, r.status, r.err + r.out);
        assertFalse(r.out.contains("using upstream defaults: gain"), r.out);
        try (FitsReader a = FitsReader.open(scalar); FitsReader b = FitsReader.open(maps)) {
            assertTrue(java.util.Arrays.equals(a.readImage("RATE").array(), b.readImage("RATE").array()));
            assertTrue(java.util.Arrays.equals(a.readImage("IVAR").array(), b.readImage("IVAR").array()));
            assertEquals("gain.fits", b.hdu(0).header().getString("GAINMAP").orElseThrow());
        }
        // a map that differs changes the errors: half the gain doubles the photon variance
        java.util.Arrays.fill(g, 1.25f);
        org.drpkit.fits.FitsWriter.create().image(null, Header.empty(), Image.of(w, h, g),
                org.drpkit.fits.PixelType.FLOAT32).write(gainMap, true);
        Path half = dir.resolve("half.fits");
        assertEquals(0, new DrpkitTest.Run("ramp", raw.toString(), half.toString(), "--no-progress", "--gain",
                gainMap.toString(), "--read-noise", "5").status);
        try (FitsReader a = FitsReader.open(scalar); FitsReader b = FitsReader.open(half)) {
            double ratio = b.readImage("VAR_POISSON").get(100, 100) / a.readImage("VAR_POISSON").get(100, 100);
            assertEquals(2, ratio, 0.1, "Poisson part at half the gain");
        }
    }

    @Test
    void resetAnomalyMeasuredFromDarksLetsTheFirstReadsBeFitted(@TempDir Path dir) throws IOException, DrpException {
        List<String> args = new java.util.ArrayList<>(List.of("calib", "reset"));
        for (int seed = 1; seed <= 12; seed++) {
            Path d = dir.resolve("dark" + seed);
            assertEquals(0, new DrpkitTest.Run("simulate", "--out", d.toString(), "--kind", "dark", "--reads", "20",
                    "--reset-anomaly", "-60", "--seed", Integer.toString(seed)).status);
            args.add(only(d, String.format("%04d.fits", seed)).toString());
        }
        Path reset = dir.resolve("reset.fits");
        args.addAll(List.of("--out", reset.toString(), "--differences", "6"));
        DrpkitTest.Run built = new DrpkitTest.Run(args.toArray(new String[0]));
        assertEquals(0, built.status, built.err + built.out);
        Path lit = dir.resolve("lit");
        assertEquals(0, new DrpkitTest.Run("simulate", "--out", lit.toString(), "--kind", "flat", "--reads", "20",
                "--rate", "20", "--reset-anomaly", "-60", "--seed", "40").status);
        Path raw = only(lit, "0040.fits");
        Path plain = dir.resolve("plain.fits");
        Path fixed = dir.resolve("fixed.fits");
        assertEquals(0, new DrpkitTest.Run("ramp", raw.toString(), plain.toString(), "--no-progress", "--drop", "0",
                "--gain", "1.9", "--read-variance", "21").status);
        DrpkitTest.Run r = new DrpkitTest.Run("ramp", raw.toString(), fixed.toString(), "--no-progress", "--drop",
                "0", "--gain", "1.9", "--read-variance", "21", "--reset-anomaly", reset.toString());
        assertEquals(0, r.status, r.err + r.out);
        try (FitsReader a = FitsReader.open(plain); FitsReader b = FitsReader.open(fixed);
                FitsReader t = FitsReader.open(only(lit, "-truth.fits"))) {
            Image truth = t.readImage("RATE");
            double[] before = pulls(a, truth);
            double[] after = pulls(b, truth);
            // the zeropoint (from reference pixels that share the anomaly) removes its amplifier mean; each pixel's
            // own part (20% scatter) stays and widens the pulls, until the measured excess is subtracted
            assertTrue(before[1] > 1.1, "the anomaly's pixel part widens the pulls: " + before[1]);
            assertEquals(0, after[0], 0.05, "mean pull after correction");
            assertEquals(1, after[1], 0.06, "pull width after correction (before " + before[1] + ")");
            int flag = org.drpkit.core.flag.ExtraFlag.RESET_CORRECTED.value();
            assertTrue((b.readMask("FLAGS").get(100, 100) & flag) != 0, "corrected pixels are flagged");
            assertEquals(0, a.readMask("FLAGS").get(100, 100) & flag);
            assertEquals("reset.fits", b.hdu(0).header().getString("RESETCOR").orElseThrow());
        }
    }

    /** mean and standard deviation of the pulls over the light-sensitive interior. */
    private static double[] pulls(FitsReader f, Image truth) throws DrpException {
        Image rate = f.readImage("RATE");
        Image ivar = f.readImage("IVAR");
        double sum = 0;
        double sum2 = 0;
        int n = 0;
        for (int y = 8; y < 248; y++) {
            for (int x = 8; x < 248; x++) {
                double z = (rate.get(x, y) - truth.get(x, y)) * Math.sqrt(ivar.get(x, y));
                sum += z;
                sum2 += z * z;
                n++;
            }
        }
        double m = sum / n;
        return new double[] {m, Math.sqrt(sum2 / n - m * m)};
    }

    @Test
    void rampOfAMissingFileExitsWithBadInput(@TempDir Path dir) {
        DrpkitTest.Run r = new DrpkitTest.Run("ramp", dir.resolve("none.fits").toString(),
                dir.resolve("out.fits").toString(), "--no-progress");
        assertEquals(Drpkit.EXIT_BAD_INPUT, r.status);
        assertTrue(r.err.contains("FITS_NOT_FOUND"), r.err);
        assertFalse(Files.exists(dir.resolve("out.fits")));
    }

    @Test
    void aSingleImageIsNotARampAndNothingIsWritten(@TempDir Path dir) throws DrpException {
        Path one = dir.resolve("one.fits");
        org.drpkit.fits.FitsWriter.create().image(null, Header.empty(), Image.zeros(8, 8),
                org.drpkit.fits.PixelType.FLOAT32).write(one, false);
        DrpkitTest.Run r = new DrpkitTest.Run("ramp", one.toString(), dir.resolve("out.fits").toString(),
                "--no-progress");
        assertEquals(Drpkit.EXIT_BAD_INPUT, r.status, r.out);
        assertTrue(r.err.contains("RAMP_TOO_SHORT"), r.err);
        assertFalse(Files.exists(dir.resolve("out.fits")));
    }
}
