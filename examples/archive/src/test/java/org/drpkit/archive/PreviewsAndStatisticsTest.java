package org.drpkit.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import javax.imageio.ImageIO;
import org.drpkit.algorithms.qa.BoxStatistics;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.instrument.Region;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.fits.FitsHeaders;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.PixelType;
import org.drpkit.fits.checksum.Md5;
import org.drpkit.fits.table.Md5SumTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Previews (JPEG, PNG, thumbnails, mosaics, HIRES per-extension pictures) and the statistics over all extensions, on
 * multi-extension files made here whose saturated pixels, box statistics and signal-to-noise are known.
 */
class PreviewsAndStatisticsTest {

    @TempDir
    Path tmp;

    static final int NX = 140;
    static final int NY = 600;
    static final int[] SATURATED = {3, 5, 7};

    /** Pixel (x, y) of HIRES extension e: 1000 e + 9 x + (13 y mod 17); row 0 holds SATURATED[e-1] pixels at 65535. */
    static float hiresPixel(int e, int x, int y) {
        if (y == 0 && x < SATURATED[e - 1]) {
            return 65535;
        }
        return 1000 * e + 9 * x + (13 * y) % 17;
    }

    /**
     * A HIRES mosaic frame (the header of the instruments' fixture hires-arclamp-mosaic, 1x1 binning): 3 extensions of
     * 140x600 pixels, PRECOL 10, POSTPIX 30, DATASEC [11:110,1:600], DETSEC side by side (the middle one reversed).
     */
    static Path hires(Path dir) throws Exception {
        Header p = Header.builder().add("INSTRUME", "HIRES: High Resolution Echelle Spectrometer")
                .add("OUTFILE", "hires").add("FRAMENO", 123L).add("DATE-OBS", "2020-02-01").add("UTC", "20:00:00.05")
                .add("UTC-END", "20:00:03.05").add("AUTOSHUT", 1L).add("LAMPNAME", "ThAr1").add("LMIRRIN", 1L)
                .add("DARKCLOS", 0L).add("TTIME", 3.0).add("DECKNAME", "B2").add("CATCUR1", 10.0)
                .add("CATCUR2", 0.0).add("HATCLOS", 1L).add("XCOVCLOS", 0L).add("ECOVCLOS", 0L)
                .add("BINNING", "1,1").add("CCDGAIN", "low").add("PRECOL", 10L).add("POSTPIX", 30L)
                .add("AMPMODE", "SINGLE:B").build();
        FitsWriter w = FitsWriter.create().primary(p);
        String[] detsec = {"[1:100,1:600]", "[200:101,1:600]", "[201:300,1:600]"};
        for (int e = 1; e <= 3; e++) {
            float[] px = new float[NX * NY];
            for (int y = 0; y < NY; y++) {
                for (int x = 0; x < NX; x++) {
                    px[y * NX + x] = hiresPixel(e, x, y);
                }
            }
            Header h = Header.builder().add("AMPLOC", (long) e).add("DATASEC", "[11:110,1:600]")
                    .add("DETSEC", detsec[e - 1]).build();
            w.image("CCD" + e, h, Image.of(NX, NY, px), PixelType.INT32);
        }
        Path f = dir.resolve("hires0123.fits");
        w.write(f, false);
        return f;
    }

    private IngestResult ingest(Path f, IngestOptions o) throws Exception {
        IngestContext ctx = IngestContext.builder(tmp.resolve("koadata")).options(o.fsync(false)).build();
        return Ingest.run(new IngestRequest(f, f, Md5.hex(f), new ArchiveIdRegistry().claimsFor(f.toString(),
                Md5.hex(f)), null, 1, List.of(), null), ctx);
    }

    private static BufferedImage decode(Path p) throws Exception {
        BufferedImage b = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(p)));
        assertNotNull(b, p + " does not decode");
        return b;
    }

    @Test
    void hiresFrameGetsSummedSaturationBoxStatisticsSignalToNoiseAndPictures() throws Exception {
        Path f = hires(Files.createDirectories(tmp.resolve("in")));
        IngestResult r = ingest(f, IngestOptions.archive());
        assertEquals(ProcessingStatus.PROCESSED, r.status(), r.events().toString());
        String k = r.koaid();
        Path lev0 = r.processDir();
        Header h = FitsHeaders.scan(lev0.resolve(k + ".fits")).get(0).header();

        assertEquals(3 + 5 + 7, h.getLong("NPIXSAT").orElseThrow(), "saturated pixels summed over the extensions");

        // boxes, derived by hand: n = min(15, 30 - 30/3) = 15; imaging width 140 - 30 - 10 = 100, centre column
        // 10 + 50 = 60 -> columns [int(52.5), int(67.5)) = [52, 67); middle row 300 -> rotated rows [292, 307) ->
        // rows [600 - 307, 600 - 292) = [293, 308). Post-scan: starts at 10 + 100 - 1 = 109, centre 109 + 15 = 124 ->
        // columns [116, 131); 3 % of 600 = 18 -> rotated rows [10, 25) -> rows [575, 590).
        for (int e = 1; e <= 3; e++) {
            String ee = "0" + e;
            double[] im = truth(e, 52, 67, 293, 308);
            double[] pt = truth(e, 116, 131, 575, 590);
            assertEquals(im[0], h.getDouble("IM01MN" + ee).orElseThrow(), 1e-9, "IM01MN" + ee);
            assertEquals(im[1], h.getDouble("IM01SD" + ee).orElseThrow(), 1e-9, "IM01SD" + ee);
            assertEquals(im[2], h.getDouble("IM01MD" + ee).orElseThrow(), 1e-9, "IM01MD" + ee);
            assertEquals(pt[0], h.getDouble("PT01MN" + ee).orElseThrow(), 1e-9, "PT01MN" + ee);
            assertEquals(pt[1], h.getDouble("PT01SD" + ee).orElseThrow(), 1e-9, "PT01SD" + ee);
            assertEquals(pt[2], h.getDouble("PT01MD" + ee).orElseThrow(), 1e-9, "PT01MD" + ee);
        }
        assertTrue(h.getDouble("IM01MN04").isEmpty() && h.contains("IM01MN04"), "absent extensions are null");
        // SIG2NOIS: middle extension HDU 4 / 2 = 2; one amplifier: 600 - (10 + 30) = 560 -> band centre
        // int(1.17 * 280) = 327; per column the median over 20 rows is 2000 + 9 x + const, x = 10 .. 129:
        // range 9 * 119 = 1071, sqrt 32.7 -> 32
        assertEquals(32.0, h.getDouble("SIG2NOIS").orElseThrow(), 0);

        // pictures: the mosaic (3 x 100 data columns, 600 rows), its thumbnail, one picture per extension
        BufferedImage jpg = decode(lev0.resolve(k + ".jpg"));
        assertEquals(300, jpg.getWidth());
        assertEquals(600, jpg.getHeight());
        BufferedImage png = decode(lev0.resolve(k + ".png"));
        assertEquals(300, png.getWidth());
        BufferedImage thumb = decode(lev0.resolve(k + ".thumb.jpg"));
        assertEquals(128, thumb.getWidth());
        assertEquals(256, thumb.getHeight());
        assertEquals(256, decode(lev0.resolve(k + ".thumb.png")).getHeight());
        for (int e = 1; e <= 3; e++) {
            // turned a quarter: 600 x 140, then half size: 300 x 70
            BufferedImage c = decode(lev0.resolve(k + "_CCD" + e + "_HDU0" + e + ".jpg"));
            assertEquals(300, c.getWidth());
            assertEquals(70, c.getHeight());
        }
        // the md5sum table lists what was written
        List<String> listed = new ArrayList<>();
        for (Md5SumTable.Entry en : Md5SumTable.read(lev0.resolve(k + ".md5sum.table")).entries()) {
            listed.add(en.path());
            assertEquals(Md5.hex(lev0.resolve(en.path())), en.md5(), en.path());
        }
        assertTrue(listed.containsAll(List.of(k + ".jpg", k + ".png", k + ".thumb.jpg", k + ".thumb.png",
                k + "_CCD1_HDU01.jpg", k + "_CCD2_HDU02.jpg", k + "_CCD3_HDU03.jpg")), listed.toString());
    }

    /** Mean, population sd and median of hiresPixel over columns [x0, x1) and rows [y0, y1), rounded to 0.01. */
    private static double[] truth(int e, int x0, int x1, int y0, int y1) {
        List<Double> v = new ArrayList<>();
        double s = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                v.add((double) hiresPixel(e, x, y));
                s += hiresPixel(e, x, y);
            }
        }
        double mean = s / v.size();
        double ss = 0;
        for (double d : v) {
            ss += (d - mean) * (d - mean);
        }
        v.sort(Double::compare);
        int n = v.size();
        double median = n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
        return new double[] {Math.round(mean * 100) / 100.0, Math.round(Math.sqrt(ss / n) * 100) / 100.0,
                Math.round(median * 100) / 100.0};
    }

    @Test
    void mosaicPixelsAreTheExtensionsPixelsAtTheirDetectorPositions() throws Exception {
        Path f = hires(Files.createDirectories(tmp.resolve("in")));
        try (FitsReader rd = FitsReader.open(f)) {
            List<ImageExtensions.Extension> ext = ImageExtensions.read(rd);
            assertEquals(3, ext.size());
            Image m = Previews.mosaic(ext, null, false);
            assertEquals(300, m.width());
            // CCD1's data column 10 + i is the mosaic's column i; CCD2 runs backwards over 100..199; CCD3 from 200
            assertEquals(hiresPixel(1, 10 + 7, 321), m.get(7, 321), 0f);
            assertEquals(hiresPixel(2, 10 + 7, 321), m.get(199 - 7, 321), 0f);
            assertEquals(hiresPixel(3, 10 + 99, 599), m.get(299, 599), 0f);
        }
    }

    @Test
    void binnedMosaicWithBiasSubtractionAndThePluginLayoutWhenDetsecIsMissing() throws Exception {
        // two 60x40 extensions binned 2x2: data in columns 0..49, over-scan 50..59 holding 5 + y; the first placed by
        // DETSEC [1:100,1:80] (binned: x 0), the second by a reversed DETSEC [200:101,1:80] (binned: x 50, flipped)
        List<ImageExtensions.Extension> ext = new ArrayList<>();
        String[] det = {"[1:100,1:80]", "[200:101,1:80]"};
        for (int e = 1; e <= 2; e++) {
            Image im = Image.zeros(60, 40);
            for (int y = 0; y < 40; y++) {
                for (int x = 0; x < 60; x++) {
                    im.set(x, y, x < 50 ? 1000 * e + x + 100 * y : 5 + y);
                }
            }
            ext.add(new ImageExtensions.Extension(e, Header.builder().add("DATASEC", "[1:50,1:40]")
                    .add("DETSEC", det[e - 1]).build(), im));
        }
        Image m = Previews.mosaic(ext, null, true);
        assertEquals(100, m.width());
        assertEquals(40, m.height());
        assertEquals(1000 + 12 + 100 * 30 - (5 + 30), m.get(12, 30), 0f);
        assertEquals(2000 + 12 + 100 * 30 - (5 + 30), m.get(50 + 49 - 12, 30), 0f);
        // without DETSEC the extensions go left to right in HDU order
        List<ImageExtensions.Extension> plain = List.of(
                new ImageExtensions.Extension(1, Header.builder().build(), ext.get(0).image()),
                new ImageExtensions.Extension(2, Header.builder().build(), ext.get(1).image()));
        Image lr = Previews.mosaic(plain, null, false);
        assertEquals(120, lr.width());
        assertEquals(ext.get(1).image().get(3, 4), lr.get(63, 4), 0f);
    }

    @Test
    void formatsAreConfigurableAndPngOnlyWritesNoJpeg() throws Exception {
        Path f = TestFiles.nirc2(Files.createDirectories(tmp.resolve("in")), "n0001.fits", "10:21:13.25", 100);
        IngestResult r = ingest(f, IngestOptions.archive().previews(Set.of(PreviewFormat.PNG)));
        assertEquals(ProcessingStatus.PROCESSED, r.status(), r.events().toString());
        List<String> names = TestFiles.tree(r.processDir());
        assertTrue(names.contains(r.koaid() + ".png") && names.contains(r.koaid() + ".thumb.png"), names.toString());
        assertFalse(names.stream().anyMatch(n -> n.endsWith(".jpg")), names.toString());
        IngestResult j = ingest(TestFiles.nirc2(tmp.resolve("in"), "n0002.fits", "10:22:13.25", 100),
                IngestOptions.archive().previews(Set.of(PreviewFormat.JPEG)));
        List<String> jn = TestFiles.tree(j.processDir());
        BufferedImage b = decode(j.processDir().resolve(j.koaid() + ".jpg"));
        assertEquals(16, b.getWidth(), "one picture pixel per data pixel");
        assertEquals(8, b.getHeight());
        assertFalse(jn.contains(j.koaid() + ".png"), jn.toString());
        assertEquals(Set.of(PreviewFormat.PNG, PreviewFormat.JPEG), PreviewFormat.parse("PNG, jpg"));
        assertEquals(Set.of(), PreviewFormat.parse("none"));
    }

    @Test
    void nirc2SignalToNoiseIsNullWhenNaNAndLrisAlwaysNull() {
        Header h = Header.builder().add("NAXIS1", 64L).add("NAXIS2", 64L).build();
        ExtensionStatistics.Outcome nan = ExtensionStatistics.apply("NIRC2", h, 1, List.of(),
                Image.filled(64, 64, Float.NaN), OptionalDouble.of(18000));
        assertTrue(nan.header().contains("SIG2NOIS") && nan.header().getDouble("SIG2NOIS").isEmpty());
        // a frame whose rows rise by 4 DN: row medians 4 y for y = 10..53, range 172, sqrt 13.1 -> 13
        Image ramp = Image.zeros(64, 64);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                ramp.set(x, y, 4 * y);
            }
        }
        assertEquals(13.0, ExtensionStatistics.apply("NIRC2", h, 1, List.of(), ramp, OptionalDouble.of(18000))
                .header().getDouble("SIG2NOIS").orElseThrow(), 0);
        ExtensionStatistics.Outcome lris = ExtensionStatistics.apply("LRIS", h, 1, List.of(), ramp,
                OptionalDouble.of(65535));
        assertTrue(lris.header().contains("SIG2NOIS") && lris.header().getDouble("SIG2NOIS").isEmpty());
        assertEquals(Region.of(52, 293, 15, 15), ExtensionStatistics.hiresBoxes(Header.builder()
                .add("PRECOL", 10L).add("POSTPIX", 30L).add("BINNING", "1, 1").build(), NX, NY)[0]);
        BoxStatistics.Result none = BoxStatistics.of(ramp, Region.of(100, 100, 5, 5));
        assertEquals(0, none.pixels());
    }

    /** Extensions of w x h pixels: value 1000 hdu + x + 10 y in DATASEC columns [0, dw), 7 after; hdu saturated pixels. */
    private static Path mosaicFile(Path f, Header primary, int w, int h, int dw, String[] detsec) throws Exception {
        FitsWriter wr = FitsWriter.create().primary(primary);
        for (int e = 1; e <= detsec.length; e++) {
            Image im = Image.zeros(w, h);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    im.set(x, y, x < dw ? 1000 * e + x + 10 * y : 7);
                }
            }
            for (int i = 0; i < e; i++) {
                im.set(i, h - 1, 65535);
            }
            wr.image("CCD" + e, Header.builder().add("AMPLOC", (long) e).add("DATASEC", "[1:" + dw + ",1:" + h + "]")
                    .add("DETSEC", detsec[e - 1]).build(), im, PixelType.INT32);
        }
        wr.write(f, false);
        return f;
    }

    @Test
    void deimosMosaicOfTwoRowsIsTurnedAndItsSaturationSummed() throws Exception {
        // the header of the instruments' fixture deimos-mos-object; 4 CCDs of 30x40 (20 data columns), 2 rows of 2
        Header p = Header.builder().add("INSTRUME", "DEIMOS: real science mosaic CCD subsystem with PowerPC in VME crate")
                .add("OUTDIR", "/s/sdata1001/deimos2/2019nov03").add("OUTFILE", "d1103_").add("FRAMENO", 77L)
                .add("DATE-OBS", "2019-11-03T08:00:00.123").add("UTC", "08:00:00.12").add("MJD-OBS", 58790.3333348)
                .add("OBSTYPE", "Object").add("HATCHPOS", "open").add("GRATENAM", "600ZD").add("GRATEPOS", 3L)
                .add("G3TLTWAV", 7203.7).add("G3TLTNAM", "Order").add("SLMSKNAM", "GOODSN1").add("DWFILNAM", "GG455")
                .add("PROGNAME", "C220").build();
        Path f = mosaicFile(Files.createDirectories(tmp.resolve("in")).resolve("d1103_0077.fits"), p, 30, 40, 20,
                new String[] {"[1:20,1:40]", "[21:40,1:40]", "[1:20,41:80]", "[21:40,41:80]"});
        IngestResult r = ingest(f, IngestOptions.archive().renamed(org.drpkit.core.status.Severity.WARN));
        assertEquals(ProcessingStatus.PROCESSED, r.status(), r.events().toString());
        Header h = FitsHeaders.scan(r.processDir().resolve(r.koaid() + ".fits")).get(0).header();
        assertEquals(1 + 2 + 3 + 4, h.getLong("NPIXSAT").orElseThrow());
        // the 40 x 80 mosaic turned a quarter: 80 wide, 40 high
        BufferedImage jpg = decode(r.processDir().resolve(r.koaid() + ".jpg"));
        assertEquals(80, jpg.getWidth());
        assertEquals(40, jpg.getHeight());
        assertFalse(TestFiles.tree(r.processDir()).stream().anyMatch(n -> n.contains("_CCD")));
    }

    @Test
    void lrisBlueMosaicHasNoSignalToNoiseAndSummedSaturation() throws Exception {
        // the header of the instruments' fixture lris-blue-arc; 2 amplifiers of 30x40, the second reversed
        Header p = Header.builder().add("INSTRUME", "LRISBLUE").add("OUTFILE", "b").add("FRAMENO", 7L)
                .add("DATE-OBS", "2021-08-01").add("UTC", "19:59:59.99").add("XPOSURE", 1.4)
                .add("TRAPDOOR", "closed").add("LAMPS", "0,1,0,0,0,0").add("GRISNAME", "600/4000")
                .add("SLITNAME", "long_1.0").build();
        Path f = mosaicFile(Files.createDirectories(tmp.resolve("in")).resolve("b0007.fits"), p, 30, 40, 20,
                new String[] {"[1:20,1:40]", "[40:21,1:40]"});
        IngestResult r = ingest(f, IngestOptions.archive());
        assertEquals(ProcessingStatus.PROCESSED, r.status(), r.events().toString());
        Header h = FitsHeaders.scan(r.processDir().resolve(r.koaid() + ".fits")).get(0).header();
        assertEquals(1 + 2, h.getLong("NPIXSAT").orElseThrow());
        assertTrue(h.contains("SIG2NOIS") && h.getDouble("SIG2NOIS").isEmpty(), "LRIS SIG2NOIS is always null");
        BufferedImage jpg = decode(r.processDir().resolve(r.koaid() + ".jpg"));
        assertEquals(40, jpg.getWidth());
        assertEquals(40, jpg.getHeight());
    }
}
