package org.drpkit.fits.checksum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.testing.SharedData;
import org.drpkit.fits.FitsHeaders;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.HduInfo;
import org.drpkit.fits.PixelType;
import org.drpkit.fits.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitsChecksumsTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-22T12:34:56Z"), ZoneOffset.UTC);

    /** Stored values written by astropy (2010) and by nom-tam-fits (2007). */
    @Test
    void storedChecksumsOfAstropyAndNomTamFilesVerifyAndRecomputeToTheSameText() throws DrpException {
        for (String name : List.of("fits/astropy_checksum.fits", "fits/nomtam_checksum.fits")) {
            ChecksumReport r = FitsChecksums.verify(SharedData.require(name));
            assertEquals(2, r.hdus().size(), name);
            for (HduChecksum h : r.hdus()) {
                assertEquals(ChecksumStatus.OK, h.checksum(), h.toString());
                assertEquals(ChecksumStatus.OK, h.datasum(), h.toString());
                assertEquals(h.storedChecksum(), h.computedChecksum(), h.toString());
                assertEquals(Checksum32.NEGATIVE_ZERO, h.hduSum());
            }
            assertTrue(r.isValid() && r.isComplete());
            assertTrue(r.verdict().startsWith("OK '"), r.verdict());
        }
        // the stored values, as printed by astropy: fits.open(f)[0].header['DATASUM']
        ChecksumReport a = FitsChecksums.verify(SharedData.require("fits/astropy_checksum.fits"));
        assertEquals("MPAGOM8DMMADMM5D", a.hdus().get(0).storedChecksum());
        assertEquals(3949456131L, a.hdus().get(0).computedDatasum());
        assertEquals(2008423139L, a.hdus().get(1).computedDatasum());
    }

    /** CFITSIO wrote the m13 set, tile-compressed files included (the compressed bytes are what is summed). */
    @Test
    void storedChecksumsWrittenByCfitsioVerify() throws DrpException {
        for (String name : List.of("m13.fits", "m13real.fits", "m13_rice.fits", "m13_gzip.fits", "m13_hcomp.fits",
                "m13_plio.fits", "m13real_rice.fits")) {
            ChecksumReport r = FitsChecksums.verify(SharedData.require("fits/" + name));
            assertTrue(r.isValid(), r.toString());
            for (HduChecksum h : r.hdus()) {
                assertEquals(h.storedChecksum(), h.computedChecksum(), name + " " + h);
            }
        }
    }

    @Test
    void aFlippedDataByteBreaksDatasumAndChecksumOfThatHduOnly(@TempDir Path dir) throws IOException, DrpException {
        Path f = copy(SharedData.require("fits/astropy_checksum.fits"), dir);
        HduInfo table = FitsHeaders.scan(f).get(1);
        flip(f, table.dataOffset() + 3);
        ChecksumReport r = FitsChecksums.verify(f);
        assertTrue(r.hdus().get(0).isValid());
        assertEquals(ChecksumStatus.BAD, r.hdus().get(1).datasum());
        assertEquals(ChecksumStatus.BAD, r.hdus().get(1).checksum());
        assertFalse(r.isValid());
        assertTrue(r.verdict().startsWith("BAD '"), r.verdict());
    }

    @Test
    void aChangedHeaderByteBreaksChecksumButNotDatasum(@TempDir Path dir) throws IOException, DrpException {
        Path f = copy(SharedData.require("fits/astropy_checksum.fits"), dir);
        byte[] b = Files.readAllBytes(f);
        int at = new String(b, 0, 2880, "ISO-8859-1").indexOf("conform"); // in the comment of SIMPLE
        assertTrue(at > 0);
        b[at] = 'C';
        Files.write(f, b);
        HduChecksum h = FitsChecksums.verify(f).hdus().get(0);
        assertEquals(ChecksumStatus.BAD, h.checksum());
        assertEquals(ChecksumStatus.OK, h.datasum());
    }

    @Test
    void filesWithoutChecksumsReportMissing() throws DrpException {
        ChecksumReport r = FitsChecksums.verify(SharedData.require("fits/astropy_test0.fits"));
        HduChecksum h = r.hdus().get(0);
        assertEquals(ChecksumStatus.MISSING, h.checksum());
        assertEquals(ChecksumStatus.MISSING, h.datasum());
        assertNull(h.storedChecksum());
        assertTrue(r.isValid());
        assertFalse(r.isComplete());
        assertTrue(r.verdict().startsWith("MISSING '"), r.verdict());
    }

    @Test
    void updateWritesValidCardsWithoutTouchingDataBytes(@TempDir Path dir) throws DrpException, IOException {
        Path f = writeSample(dir.resolve("s.fits"), 2);
        byte[] before = Files.readAllBytes(f);
        List<HduInfo> hdusBefore = FitsHeaders.scan(f);
        ChecksumReport r = FitsChecksums.update(f, FIXED, false);
        assertTrue(r.isValid() && r.isComplete(), r.toString());
        byte[] after = Files.readAllBytes(f);
        List<HduInfo> hdusAfter = FitsHeaders.scan(f);
        for (int i = 0; i < hdusBefore.size(); i++) {
            HduInfo b = hdusBefore.get(i);
            HduInfo a = hdusAfter.get(i);
            assertArrayEquals(Arrays.copyOfRange(before, (int) b.dataOffset(), (int) (b.dataOffset() + b.dataBytes())),
                    Arrays.copyOfRange(after, (int) a.dataOffset(), (int) (a.dataOffset() + a.dataBytes())));
            assertEquals("HDU checksum updated 2026-11-22T12:34:56",
                    a.header().find("CHECKSUM").orElseThrow().comment());
        }
        assertEquals(before.length, after.length, "cards went into free header space");
        assertEquals(0, dir.toFile().list((d, n) -> n.endsWith(".tmp")).length);
    }

    @Test
    void updateAddsAHeaderBlockWhenTheLastBlockIsFull(@TempDir Path dir) throws DrpException, IOException {
        // 35 cards + END fill one block exactly: the two checksum cards need a second block
        StringBuilder sb = new StringBuilder();
        sb.append(card("SIMPLE  =                    T")).append(card("BITPIX  =                    8"))
                .append(card("NAXIS   =                    1")).append(card("NAXIS1  =                   10"));
        for (int i = 0; i < 31; i++) {
            sb.append(card(String.format("KEY%-5d=                 %4d", i, i)));
        }
        sb.append(card("END"));
        byte[] data = new byte[2880];
        for (int i = 0; i < 10; i++) {
            data[i] = (byte) (i * 17);
        }
        Path f = dir.resolve("full.fits");
        Files.write(f, concat(sb.toString().getBytes("US-ASCII"), data));
        ChecksumReport r = FitsChecksums.update(f, FIXED, false);
        assertTrue(r.isValid() && r.isComplete(), r.toString());
        assertEquals(3 * 2880, Files.size(f));
        assertEquals(sumOf(data), r.hdus().get(0).computedDatasum());
    }

    @Test
    void updateRefusesToCertifyABadStoredChecksumUnlessForced(@TempDir Path dir) throws IOException, DrpException {
        Path f = copy(SharedData.require("fits/astropy_checksum.fits"), dir);
        flip(f, FitsHeaders.scan(f).get(0).dataOffset());
        byte[] corrupt = Files.readAllBytes(f);
        DrpException e = assertThrows(DrpException.class, () -> FitsChecksums.update(f, FIXED, false));
        assertEquals(ChecksumErrorCode.CHECKSUM_MISMATCH, e.code());
        assertEquals(0, e.location().hdu());
        assertArrayEquals(corrupt, Files.readAllBytes(f), "file untouched");
        assertTrue(FitsChecksums.update(f, FIXED, true).isValid());
    }

    @Test
    void astropyAgreesWithTheValuesDrpkitWrites(@TempDir Path dir) throws DrpException {
        Peers.requireAstropy();
        Path f = writeSample(dir.resolve("a.fits"), 3);
        ChecksumReport r = FitsChecksums.update(f, FIXED, false);
        String script = String.join("\n",
                "import sys, warnings",
                "from astropy.io import fits",
                "warnings.simplefilter('error')",
                "with fits.open(sys.argv[1], checksum=True) as hl:",
                "    for h in hl:",
                "        print(h.verify_checksum(), h.verify_datasum(), h._calculate_datasum(),",
                "              h._calculate_checksum(h._calculate_datasum()))");
        Peers.Result p = Peers.python(script, f.toString());
        assertEquals(0, p.status(), p.out());
        String[] lines = p.out().strip().split("\n");
        assertEquals(r.hdus().size(), lines.length, p.out());
        for (int i = 0; i < lines.length; i++) {
            HduChecksum h = r.hdus().get(i);
            assertEquals("1 1 " + h.computedDatasum() + " " + h.computedChecksum(), lines[i].strip());
        }
    }

    @Test
    void astropyComputesTheSameValuesForAFileWithoutChecksums(@TempDir Path dir) throws DrpException {
        Peers.requireAstropy();
        Path f = writeSample(dir.resolve("b.fits"), 2);
        ChecksumReport mine = FitsChecksums.verify(f);
        Peers.Result p = Peers.python(String.join("\n", "import sys", "from astropy.io import fits",
                "for h in fits.open(sys.argv[1]):", "    print(h._calculate_datasum())"), f.toString());
        assertEquals(0, p.status(), p.out());
        String[] lines = p.out().strip().split("\n");
        for (int i = 0; i < lines.length; i++) {
            assertEquals(Long.parseLong(lines[i].strip()), mine.hdus().get(i).computedDatasum());
        }
    }

    static Path writeSample(Path f, int extensions) throws DrpException {
        Random r = new Random(5);
        FitsWriter w = FitsWriter.create().primary(Header.builder().add("OBJECT", "checksum test").build());
        for (int e = 0; e < extensions; e++) {
            float[] px = new float[123 * 45];
            for (int i = 0; i < px.length; i++) {
                px[i] = (float) r.nextGaussian() * 100;
            }
            w.image("SCI" + e, Header.empty(), Image.of(123, 45, px), e % 2 == 0 ? PixelType.FLOAT32 : PixelType.INT16);
        }
        w.write(f, false);
        return f;
    }

    static Path copy(Path src, Path dir) throws IOException {
        Path f = dir.resolve(src.getFileName());
        Files.copy(src, f);
        f.toFile().setWritable(true);
        return f;
    }

    static void flip(Path f, long at) throws IOException {
        byte[] b = Files.readAllBytes(f);
        b[(int) at] ^= 0x10;
        Files.write(f, b);
    }

    private static String card(String s) {
        return String.format("%-80s", s);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static long sumOf(byte[] b) {
        return nom.tam.fits.utilities.FitsCheckSum.checksum(b);
    }
}
