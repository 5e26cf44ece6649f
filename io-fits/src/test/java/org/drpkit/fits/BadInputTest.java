package org.drpkit.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import nom.tam.fits.header.Compression;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.ErrorCode;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Ramp;
import org.drpkit.fits.testing.FitsBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash classes of issue 19, each as the file that showed it (made from a writer's valid output with one card
 * edited): every one is a {@link DrpException} with its code, raised before any large allocation.
 */
class BadInputTest {

    /** Bytes a call may allocate on its way to refusing a file: far below what the file's sizes promise. */
    private static final long SMALL = 64L << 20;

    @TempDir
    Path dir;

    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    /** @return the domain error {@code call} raised, after checking it allocated less than {@link #SMALL} */
    private static DrpException refusedSmall(ErrorCode code, Call call) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        DrpException e = assertThrows(DrpException.class, call::run);
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertEquals(code, e.code(), e.getMessage());
        assertTrue(allocated < SMALL, "allocated " + allocated + " bytes before " + e.getMessage());
        return e;
    }

    private Path file(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    private static Image image(int w, int h) {
        Random r = new Random(1);
        float[] px = new float[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = r.nextInt(1000);
        }
        return Image.of(w, h, px);
    }

    private byte[] written(FitsWriter w) throws Exception {
        Path f = dir.resolve("written.fits");
        w.write(f, true);
        return Files.readAllBytes(f);
    }

    private byte[] riceImage() throws Exception {
        return written(FitsWriter.create().primary(Header.empty()).compressedImage("SCI",
                Header.builder().add("OBJECT", "x").build(), image(9, 6), PixelType.UINT16,
                TileCompression.rice().withTileRows(2)));
    }

    /** A side whose square tile needs more working bytes than half the heap (the default limit). */
    private static long hugeSide() {
        return (long) Math.ceil(Math.sqrt(Runtime.getRuntime().maxMemory() / 2.0 / 12)) + 100;
    }

    private static byte[] withSquareTile(byte[] file, int hdu, long side) {
        byte[] b = file;
        for (String k : new String[] {"ZNAXIS1", "ZNAXIS2", "ZTILE1", "ZTILE2"}) {
            b = FitsBytes.replaceCard(b, hdu, k, String.format("%-8s= %20d", k, side));
        }
        return b;
    }

    @Test
    void invalidBitpixIsAHeaderErrorWithItsCode() throws Exception {
        byte[] ok = written(FitsWriter.create().primaryImage(Header.empty(), image(7, 5), PixelType.FLOAT32));
        Path f = file("bitpix.fits", FitsBytes.replaceCard(ok, 0, "BITPIX", "BITPIX  =                  -16"));
        DrpException e = refusedSmall(FitsErrorCode.FITS_BAD_HEADER, () -> FitsReader.open(f).readImage(0));
        assertEquals("BITPIX", e.location().keyword());
        assertTrue(e.getMessage().contains("-16"), e.getMessage());
        assertEquals(FitsErrorCode.FITS_BAD_HEADER, assertThrows(DrpException.class, () -> FitsHeaders.scan(f)).code());
    }

    @Test
    void refusesTileCompressedImageLargerThanLimitBeforeAllocating() throws Exception {
        Path f = file("huge-tile.fits", withSquareTile(riceImage(), 1, hugeSide()));
        DrpException e = refusedSmall(CoreErrorCode.SIZE_LIMIT_EXCEEDED, () -> {
            try (FitsReader r = FitsReader.open(f)) {
                r.readImage(1);
            }
        });
        assertEquals("ZTILE1", e.location().keyword());
    }

    @Test
    void refusesTileCompressedRampLargerThanLimitBeforeAllocating() throws Exception {
        Ramp ramp = Ramp.of(6, 4, new double[] {0, 1, 2}, image(6, 4).array(), image(6, 4).array(),
                image(6, 4).array());
        FitsWriter w = FitsWriter.create().primary(Header.empty());
        for (int k = 0; k < ramp.reads(); k++) {
            w.compressedImage(null, Header.empty(), ramp.read(k), PixelType.UINT16, TileCompression.rice().withTileRows(2));
        }
        Path f = file("huge-ramp.fits", withSquareTile(written(w), 2, hugeSide()));
        refusedSmall(CoreErrorCode.SIZE_LIMIT_EXCEEDED, () -> FitsRamps.open(f).readRows(0, 1, new float[3][6]));
    }

    @Test
    void tileCompressedRampWithZeroReadsIsADomainError() throws Exception {
        byte[] b = FitsBytes.replaceCard(riceImage(), 1, "ZNAXIS", "ZNAXIS  =                    3");
        Path f = file("zero-reads.fits", FitsBytes.replaceCard(b, 1, "OBJECT", "ZNAXIS3 =                    0"));
        DrpException e = refusedSmall(FitsErrorCode.FITS_WRONG_DATA, () -> FitsRamps.open(f));
        assertEquals("ZNAXIS3", e.location().keyword());
    }

    @Test
    void naxis1OfLongMaxIsADomainErrorNotAnIllegalArgument() throws Exception {
        byte[] ok = written(FitsWriter.create().primaryImage(Header.empty(), image(7, 5), PixelType.UINT8)
                .image("SCI", Header.empty(), image(3, 3), PixelType.UINT8));
        byte[] b = FitsBytes.replaceCard(ok, 0, "NAXIS1", "NAXIS1  =  9223372036854775807");
        Path f = file("naxis1.fits", FitsBytes.replaceCard(b, 0, "NAXIS2", "NAXIS2  =                    1"));
        DrpException e = refusedSmall(FitsErrorCode.FITS_TRUNCATED, () -> FitsHeaders.scan(f));
        assertTrue(e.getMessage().contains("9223372036854775807"), e.getMessage());
    }

    @Test
    void corruptHcompressStreamIsRefusedBeforeAllocating() throws Exception {
        Path ok = dir.resolve("hcomp.fits");
        FitsBytes.nomTamCompressed(ok, Compression.ZCMPTYPE_HCOMPRESS_1);
        byte[] b = Files.readAllBytes(ok);
        int magic = -1;
        for (int i = 2880; i + 10 < b.length && magic < 0; i++) {
            magic = (b[i] & 0xFF) == 0xDD && (b[i + 1] & 0xFF) == 0x99 ? i : -1;
        }
        assertTrue(magic > 0, "the HCOMPRESS stream starts with 0xDD99");
        b[magic + 2] = 0x10; // nx: 268 million rows instead of 4
        b[magic + 6] = 0x01; // ny: 16 million columns instead of 8
        Path f = file("hcomp-corrupt.fits", b);
        DrpException e = refusedSmall(FitsErrorCode.FITS_CORRUPT_DATA, () -> FitsReader.open(f).readImage(1));
        assertTrue(e.getMessage().contains("tile 1"), e.getMessage());
    }

    @Test
    void continueCardsJoinInLinearTimeAMillionCardsInSeconds() throws Exception {
        Path f = dir.resolve("continue.fits");
        int n = 1_000_000;
        writeHeader(f, n, "LONG    = 'x&'", "CONTINUE  'abcdefghij&'");
        long t0 = System.nanoTime();
        List<HduInfo> hdus = FitsHeaders.scan(f, n + 10);
        double seconds = (System.nanoTime() - t0) / 1e9;
        String v = hdus.get(0).header().getString("LONG").orElseThrow();
        assertEquals("x" + "abcdefghij".repeat(n) + "&", v, "joined, the last '&' kept (no CONTINUE after it)");
        // quadratic joining took 11.7 s for 40,000 cards; linear joining reads a million in a few seconds
        assertTrue(seconds < 30, "a million CONTINUE cards took " + seconds + " s");
    }

    @Test
    void headerOfAMillionCardsIsRefusedByTheCardLimitWithItsCode() throws Exception {
        Path f = dir.resolve("million.fits");
        writeHeader(f, 1_000_000, "COMMENT first", "HISTORY again and again");
        long t0 = System.nanoTime();
        DrpException e = refusedSmall(CoreErrorCode.SIZE_LIMIT_EXCEEDED, () -> FitsHeaders.scan(f));
        assertTrue((System.nanoTime() - t0) / 1e9 < 10, "refused quickly");
        assertTrue(e.getMessage().contains(FitsHeaders.MAX_CARDS_PROPERTY), e.getMessage());
        assertEquals(FitsHeaders.DEFAULT_MAX_CARDS, FitsHeaders.maxCards());
    }

    @Test
    void fileWithoutEndCardIsRefusedAfterTheCardLimitNotReadToItsEnd() throws Exception {
        Path f = dir.resolve("no-end.fits");
        byte[] head = FitsBytes.header("SIMPLE  =                    T", "BITPIX  =                    8",
                "NAXIS   =                    1", "NAXIS1  =             16000000");
        head[4 * 80] = ' '; // the END card is gone
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(f))) {
            o.write(head);
            byte[] text = "0123456789".repeat(288).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 16_000_000 / text.length; i++) {
                o.write(text); // printable data, read as cards if nothing stopped the scan
            }
        }
        DrpException e = refusedSmall(CoreErrorCode.SIZE_LIMIT_EXCEEDED, () -> FitsHeaders.scan(f, 1000));
        assertTrue(e.getMessage().contains("no END card in the first 1000 cards"), e.getMessage());
        refusedSmall(CoreErrorCode.SIZE_LIMIT_EXCEEDED, () -> FitsReader.open(f));
    }

    @Test
    void readerLimitDefaultsToAtMostHalfTheHeapAndAnyLimitToTheHeap() throws Exception {
        Path f = file("small.fits", written(FitsWriter.create().primaryImage(Header.empty(), image(4, 4),
                PixelType.INT16)));
        long heap = Runtime.getRuntime().maxMemory();
        try (FitsReader r = FitsReader.open(f)) {
            assertTrue(r.limitBytes() <= heap / 2, r.limitBytes() + " > half of " + heap);
        }
        try (FitsReader r = FitsReader.open(f, Long.MAX_VALUE)) {
            assertEquals(heap, r.limitBytes());
        }
        try (FitsReader r = FitsReader.open(f, 32)) {
            assertEquals(32, r.limitBytes());
            assertEquals(CoreErrorCode.SIZE_LIMIT_EXCEEDED, assertThrows(DrpException.class, () -> r.readImage(0))
                    .code(), "16 pixels as floats take 64 bytes");
        }
    }

    /** Writes a primary header of {@code first}, then {@code n} copies of {@code repeated}, END and fill. */
    private static void writeHeader(Path f, int n, String first, String repeated) throws IOException {
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(f), 1 << 16)) {
            String[] start = {"SIMPLE  =                    T", "BITPIX  =                    8",
                "NAXIS   =                    0", first};
            long cards = 0;
            for (String s : start) {
                o.write(FitsBytes.card(s));
                cards++;
            }
            byte[] r = FitsBytes.card(repeated);
            for (int i = 0; i < n; i++) {
                o.write(r);
                cards++;
            }
            o.write(FitsBytes.card("END"));
            cards++;
            byte[] blank = FitsBytes.card("");
            while (cards % 36 != 0) {
                o.write(blank);
                cards++;
            }
        }
    }
}
