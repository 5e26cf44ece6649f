package org.drpkit.archive.almanac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.fits.FitsHeaders;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.PixelType;
import org.drpkit.fits.checksum.FitsChecksums;
import org.drpkit.fits.table.Md5SumTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The final QA pass on simulated night 60000 ({@link SimulatedNights}): the runlists pick darks 2, quartz flat 3, dome
 * flat 4, arc 5, FPI 6, science 9 and 12 and internal flat 11, so the night must hold 8 x 3 rates, 3 darks, 3 flats,
 * 2 x 3 calibrated images, 3 traces and 3 x 3 extracted spectra (48 files). Every one is written, then five are broken
 * in known ways.
 */
class NightCheckTest {

    @TempDir
    Path tmp;

    private List<ExpectedProduct> expected;
    private Path products;

    @BeforeEach
    void reduceTheNightOnPaper() throws Exception {
        Path raw = tmp.resolve("raw");
        SimulatedNights.night60000(raw);
        List<Exposure> night;
        try (Almanac a = Almanac.open(Almanac.h2Url(tmp.resolve("almanac")))) {
            a.index(List.of(raw), IndexOptions.defaults());
            night = Exposure.group(a.night("60000", Optional.of("APOGEE")));
        }
        expected = ExpectedProduct.of(Runlist.build(night, RunlistRules.apogee(), BadExposures.empty()),
                ProductRules.apogee());
        products = tmp.resolve("out");
        for (ExpectedProduct p : expected) {
            write(products.resolve(p.path()), 1f);
        }
    }

    private static void write(Path file, float value) throws Exception {
        Files.createDirectories(file.getParent());
        Image img = Image.of(4, 2, new float[] {value, 2, 3, 4, 5, 6, 7, 8});
        FitsWriter.create().primary(Header.builder().add("ORIGIN", "test").build())
                .image("FLUX", Header.empty(), img, PixelType.FLOAT32).write(file, true);
    }

    private Path path(String stage, String exposure, String chip) {
        return products.resolve(expected.stream().filter(p -> p.stage().equals(stage) && p.exposure().endsWith(exposure)
                && p.chip().equals(chip)).findFirst().orElseThrow().path());
    }

    @Test
    void theRunlistsCallForEachStagesProductsByUpstreamsNames() {
        Map<String, Long> byStage = expected.stream().collect(Collectors.groupingBy(ExpectedProduct::stage,
                Collectors.counting()));
        assertEquals(Map.of("ramp", 24L, "dark", 3L, "flat", 3L, "calibrated", 6L, "traces", 3L, "extracted", 9L),
                byStage);
        assertTrue(expected.stream().anyMatch(p -> p.path().equals("apred/60000/ar2D_apo_60000_0009_G_object.fits")));
        assertTrue(expected.stream().anyMatch(p -> p.path().equals("apred/60000/ar1D_apo_60000_0005_R_arclamp.fits")));
        assertTrue(expected.stream().anyMatch(p -> p.path().equals("darks/darkRate_apo_B_60000_60000.fits")));
        assertTrue(expected.stream().anyMatch(p -> p.path().equals("apred/60000/traceMain_apo_60000_R.fits")));
        assertTrue(expected.stream().noneMatch(p -> p.exposure().endsWith("0010")), "2 reads: in no runlist");
    }

    @Test
    void aWholeNightPassesAndCountsItsSpectra() {
        NightCheck c = NightCheck.run(products, "60000", expected);
        assertTrue(c.ok(), c.problems().toString());
        assertEquals(48, c.count(NightCheck.Status.OK));
        assertEquals(9 * 2, c.products().stream().mapToInt(NightCheck.ProductCheck::spectra).sum(),
                "2 rows in each of the 9 extracted products");
        assertEquals(0, c.withChecksums());
    }

    @Test
    void missingTruncatedCorruptAndInvalidProductsAreListedWithTheirReasons() throws Exception {
        Path apred = products.resolve("apred/60000");
        List<Path> listed = new ArrayList<>();
        try (var s = Files.list(apred)) {
            s.sorted().forEach(listed::add);
        }
        Md5SumTable.of(apred, listed).write(apred.resolve("night.md5sum.table"), false);
        Files.delete(path("ramp", "0009", "G"));
        Path cut = path("calibrated", "0009", "R");
        try (FileChannel ch = FileChannel.open(cut, StandardOpenOption.WRITE)) {
            ch.truncate(FitsHeaders.scan(cut).get(1).dataOffset() + 8);
        }
        Path dark = tmp.resolve("out/darks/darkRate_apo_R_60000_60000.fits");
        FitsChecksums.update(dark, Clock.systemUTC(), false);
        flipLastDataByte(dark);
        write(path("extracted", "0012", "B"), 99f); // same size and layout, other bytes
        Files.writeString(path("flat", "", "G"), "not FITS at all\n");

        NightCheck c = NightCheck.run(products, "60000", expected);
        assertFalse(c.ok());
        Map<String, NightCheck.ProductCheck> bad = c.problems().stream().collect(Collectors.toMap(
                p -> p.product().path(), p -> p));
        assertEquals(5, bad.size(), bad.toString());
        assertEquals(NightCheck.Status.MISSING, bad.get("apred/60000/ar2D_apo_60000_0009_G_object.fits").status());
        NightCheck.ProductCheck t = bad.get("apred/60000/ar2Dcal_apo_60000_0009_R_object.fits");
        assertEquals(NightCheck.Status.TRUNCATED, t.status());
        assertTrue(t.reasons().get(0).startsWith("DATA_TRUNCATED HDU 1"), t.reasons().toString());
        NightCheck.ProductCheck d = bad.get("darks/darkRate_apo_R_60000_60000.fits");
        assertEquals(NightCheck.Status.CORRUPT, d.status());
        assertTrue(d.reasons().stream().anyMatch(r -> r.startsWith("DATASUM_MISMATCH HDU 1")), d.reasons().toString());
        NightCheck.ProductCheck m = bad.get("apred/60000/ar1D_apo_60000_0012_B_object.fits");
        assertEquals(NightCheck.Status.CORRUPT, m.status());
        assertTrue(m.reasons().get(0).contains("night.md5sum.table"), m.reasons().toString());
        assertEquals(NightCheck.Status.INVALID, bad.get("flats/flatFraction_apo_G_60000_60000.fits").status());
        // the md5 table, written before the damage, lists the three broken apred files
        assertEquals(3, c.md5().size(), c.md5().toString());
        assertTrue(c.md5().stream().anyMatch(l -> l.contains("ar2D_apo_60000_0009_G_object.fits is listed but not on disk")),
                c.md5().toString());
        assertTrue(c.toString().contains("48 products expected, 43 OK, 1 MISSING, 1 TRUNCATED, 2 CORRUPT, 1 INVALID"),
                c.toString());
    }

    private static void flipLastDataByte(Path file) throws Exception {
        long at = FitsHeaders.scan(file).get(1).dataOffset() + 3;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
            ch.read(b, at);
            b.put(0, (byte) (b.get(0) ^ 0x55));
            b.rewind();
            ch.write(b, at);
        }
    }
}
