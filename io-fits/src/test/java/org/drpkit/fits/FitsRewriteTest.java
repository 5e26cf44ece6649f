package org.drpkit.fits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.testing.SharedData;
import org.drpkit.fits.checksum.ChecksumReport;
import org.drpkit.fits.checksum.FitsChecksums;
import org.drpkit.fits.testing.Peers;
import org.drpkit.fits.validate.FitsValidator;
import org.drpkit.fits.validate.ValidationCode;
import org.drpkit.fits.validate.ValidationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FitsRewrite}: a new header on one HDU, every data byte copied verbatim. */
class FitsRewriteTest {

    @TempDir
    Path dir;

    private Path twoHdus() throws DrpException {
        Random r = new Random(7);
        float[] a = new float[33 * 17];
        float[] b = new float[5 * 9];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = i;
        }
        Path f = dir.resolve("src.fits");
        FitsWriter.create().primary(Header.builder().add("OBJECT", "M13").build())
                .image("SCI", Header.empty(), Image.of(33, 17, a), PixelType.FLOAT32)
                .image("ERR", Header.empty(), Image.of(5, 9, b), PixelType.INT32).write(f, false);
        return f;
    }

    private static byte[] range(Path f, long from, long n) throws IOException {
        return Arrays.copyOfRange(Files.readAllBytes(f), (int) from, (int) (from + n));
    }

    @Test
    void newHeaderIsWrittenAndEveryDataByteAndOtherHeaderIsCopiedVerbatim() throws Exception {
        Path src = twoHdus();
        List<HduInfo> before = FitsHeaders.scan(src);
        Header h1 = before.get(1).header().toBuilder().set("KOAID", "N2.20170725.51470.75.fits", "KOA: Data file name")
                .set("PROGTL1", "a title long enough to need more than one card? no, but with 'quotes'", "title")
                .build();
        Path out = dir.resolve("out.fits");
        FitsRewrite.Result r = FitsRewrite.rewrite(src, 1, h1, out, false);
        List<HduInfo> after = FitsHeaders.scan(out);
        assertEquals(3, after.size());
        assertEquals(Files.size(out), r.bytes());
        assertEquals("N2.20170725.51470.75.fits", after.get(1).header().getString("KOAID").orElseThrow());
        assertEquals(h1.getString("PROGTL1"), after.get(1).header().getString("PROGTL1"));
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(range(src, before.get(i).dataOffset(), before.get(i).dataBytes()),
                    range(out, after.get(i).dataOffset(), after.get(i).dataBytes()), "data of HDU " + i);
        }
        assertArrayEquals(range(src, 0, before.get(0).dataOffset()), range(out, 0, after.get(0).dataOffset()),
                "the primary header records are copied byte for byte");
        assertArrayEquals(range(src, before.get(2).headerOffset(), before.get(2).dataOffset() - before.get(2).headerOffset()),
                range(out, after.get(2).headerOffset(), after.get(2).dataOffset() - after.get(2).headerOffset()));
        assertTrue(FitsValidator.validate(out).isValid(), FitsValidator.validate(out).toString());
        assertEquals(0, r.fillRepaired());
        assertEquals(0, r.droppedTrailingBytes());
    }

    @Test
    void aHeaderThatDescribesOtherDataIsRefusedAndNothingIsWritten() throws Exception {
        Path src = twoHdus();
        Header h0 = FitsHeaders.readAll(src).get(1);
        Path out = dir.resolve("out.fits");
        DrpException e = assertThrows(DrpException.class, () -> FitsRewrite.rewrite(src, 1,
                h0.toBuilder().set("BITPIX", 16L).build(), out, false));
        assertEquals(FitsErrorCode.FITS_BAD_HEADER, e.code());
        assertTrue(e.getMessage().contains("BITPIX -32 -> 16"), e.getMessage());
        assertFalse(Files.exists(out));
        DrpException naxis = assertThrows(DrpException.class, () -> FitsRewrite.rewrite(src, 1,
                h0.toBuilder().remove("NAXIS2").build(), out, false));
        assertTrue(naxis.getMessage().contains("NAXIS2 17 -> (absent)"), naxis.getMessage());
        DrpException text = assertThrows(DrpException.class, () -> FitsRewrite.rewrite(src, 1,
                h0.toBuilder().set("OBSERVER", "J\u00f6rg").build(), out, false));
        assertEquals(FitsErrorCode.FITS_BAD_HEADER, text.code());
        assertTrue(text.getMessage().contains("keyword OBSERVER"), text.getMessage());
        try (var s = Files.list(dir)) {
            assertEquals(List.of("src.fits"), s.map(p -> p.getFileName().toString()).toList(), "no temporary left");
        }
    }

    @Test
    void storedChecksumsAreRecomputedSoTheConventionHoldsForTheNewBytes() throws Exception {
        Path src = twoHdus();
        FitsChecksums.update(src, Clock.systemUTC(), false);
        Header h1 = FitsHeaders.readAll(src).get(1).toBuilder().set("SEMESTER", "2017A", "semester").build();
        Path out = dir.resolve("out.fits");
        FitsRewrite.Result r = FitsRewrite.rewrite(src, 1, h1, out, false);
        assertTrue(r.checksumUpdated());
        ChecksumReport c = FitsChecksums.verify(out);
        assertTrue(c.isValid() && c.isComplete(), c.toString());
        assertEquals(FitsChecksums.verify(src).hdus().get(1).computedDatasum(), c.hdus().get(1).computedDatasum(),
                "the data sum is the source's: the data did not change");
    }

    @Test
    void realRawFrameGetsStandardFillAndLosesItsTrailingJunkButKeepsItsData() throws Exception {
        Path src = SharedData.require("keck/nirc2/raw_n0051_standard_1.fits");
        HduInfo in = FitsHeaders.scan(src).get(0);
        Header h = in.header().toBuilder().removeDuplicates("TELESCOP", "test").build();
        Path out = dir.resolve("n0051.fits");
        FitsRewrite.Result r = FitsRewrite.rewrite(src, 0, h, out, false);
        assertEquals(1, r.fillRepaired(), "the source's fill after the data is 0xFF, not zeros");
        assertEquals(2880, r.droppedTrailingBytes());
        HduInfo o = FitsHeaders.scan(out).get(0);
        assertArrayEquals(range(src, in.dataOffset(), in.dataBytes()), range(out, o.dataOffset(), o.dataBytes()));
        ValidationReport v = FitsValidator.validate(out);
        assertTrue(v.isValid(), v.toString());
        assertFalse(v.has(ValidationCode.KEYWORD_DUPLICATED), v.toString());
        String fitsverify = Peers.requireFitsverify();
        Peers.Result fv = Peers.run(List.of(fitsverify, "-q", out.toString()), null);
        assertTrue(fv.status() == 0 && fv.out().contains("verification OK"), fv.out());
    }
}
