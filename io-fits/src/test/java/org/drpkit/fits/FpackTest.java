package org.drpkit.fits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.ImageHDU;
import nom.tam.image.compression.hdu.CompressedImageHDU;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Fpack}: the truth is the stored integers of the input file, which every reader of the output (drpkit,
 * nom-tam-fits, CFITSIO's funpack) must give back bit for bit; and fpack's own output, whose tiles drpkit must read
 * and, coding the same tiles, write byte for byte.
 */
class FpackTest {

    /** A raw FITS file: header cards, then big-endian stored values; returns the values as stored. */
    private static int[] writeRaw(Path f, int bitpix, int w, int h, List<String> extra, long seed, boolean wide)
            throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        int[] v = new int[w * h];
        for (int i = 0; i < v.length; i++) {
            int sky = 1000 + (i % w) / 4; // a slope and noise (Rice codes differences), with outliers
            int x = sky + (int) Math.round(r.nextGaussian() * 12);
            if (r.nextInt(200) == 0) {
                x += r.nextInt(20000);
            }
            v[i] = switch (bitpix) {
                case 8 -> x & 0xff;
                case 16 -> (short) (x * 3 - 30000);
                default -> wide ? x * 4099 - 900_000_000 + r.nextInt(3) : x; // beyond a float's 24 bits
            };
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder hd = new StringBuilder();
        hd.append(card("SIMPLE  =                    T")).append(card(String.format("BITPIX  = %20d", bitpix)))
                .append(card("NAXIS   =                    2")).append(card(String.format("NAXIS1  = %20d", w)))
                .append(card(String.format("NAXIS2  = %20d", h)));
        for (String c : extra) {
            hd.append(card(c));
        }
        hd.append(card("OBJECT  = 'test    '           / a kept card"))
                .append(card("HISTORY made by FpackTest")).append(card("END"));
        while (hd.length() % 2880 != 0) {
            hd.append(' ');
        }
        out.write(hd.toString().getBytes(StandardCharsets.US_ASCII));
        int bytes = Math.abs(bitpix) / 8;
        ByteBuffer b = ByteBuffer.allocate(((v.length * bytes + 2879) / 2880) * 2880);
        for (int x : v) {
            switch (bytes) {
                case 1 -> b.put((byte) x);
                case 2 -> b.putShort((short) x);
                default -> b.putInt(x);
            }
        }
        out.write(b.array());
        Files.write(f, out.toByteArray());
        return v;
    }

    private static String card(String s) {
        return String.format("%-80s", s);
    }

    private static int[] readInts(Path f, int hdu) throws DrpException {
        try (FitsReader r = FitsReader.open(f)) {
            HduInfo h = r.hdu(hdu);
            Header ih = h.imageHeader();
            int w = ih.getLong("NAXIS1").orElseThrow().intValue();
            int ht = ih.getLong("NAXIS2").orElseThrow().intValue();
            int[] px = new int[w * ht];
            r.readRowsInt(h, 0, 0, ht, px, 0);
            return px;
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16, 32})
    void roundTripsTheStoredIntegersBitForBit(int bitpix, @TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.fits");
        int[] stored = writeRaw(in, bitpix, 301, 77, List.of(), bitpix, true);
        Path fz = dir.resolve("in.fits.fz");
        Fpack.Result res = Fpack.compress(in, fz, TileCompression.rice(), false);
        assertEquals(1, res.images());
        assertEquals(Files.size(fz), res.outputBytes());
        assertTrue(res.ratio() > 1, res::toString);
        int[] back = readInts(fz, 1);
        assertArrayEquals(readInts(in, 0), back);
        if (bitpix == 32) {
            assertArrayEquals(stored, back);
        }
        try (FitsReader r = FitsReader.open(fz)) {
            Header h = r.hdu(1).imageHeader();
            assertEquals("test", h.getString("OBJECT").orElseThrow().trim(), "other cards are kept");
            assertEquals((long) bitpix, h.getLong("BITPIX").orElseThrow());
        }
    }

    @Test
    void keepsBzeroAndBscaleAsTheyWere(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("u16.fits");
        writeRaw(in, 16, 64, 40, List.of("BZERO   =                32768", "BSCALE  =                    1",
                "BLANK   =               -32768"), 5, false);
        Path fz = dir.resolve("u16.fits.fz");
        Fpack.compress(in, fz, TileCompression.rice().withTileRows(8), false);
        assertArrayEquals(readInts(in, 0), readInts(fz, 1)); // stored + BZERO, both sides
        try (FitsReader r = FitsReader.open(fz)) {
            Header h = r.hdu(1).header();
            assertEquals(32768.0, h.getDouble("BZERO").orElseThrow());
            assertEquals(-32768L, h.getLong("BLANK").orElseThrow());
            assertEquals(8L, h.getLong("ZTILE2").orElseThrow());
        }
    }

    @Test
    void nomTamFitsReadsTheOutput(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.fits");
        int[] stored = writeRaw(in, 32, 128, 50, List.of(), 11, true);
        Path fz = dir.resolve("in.fits.fz");
        Fpack.compress(in, fz, TileCompression.rice(), false);
        try (Fits f = new Fits(fz.toFile())) {
            BasicHDU<?>[] hdus = f.read();
            ImageHDU img = ((CompressedImageHDU) hdus[1]).asImageHDU();
            int[][] k = (int[][]) img.getKernel();
            int[] flat = new int[stored.length];
            for (int y = 0; y < k.length; y++) {
                System.arraycopy(k[y], 0, flat, y * 128, 128);
            }
            assertArrayEquals(stored, flat);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16, 32})
    void funpackRestoresTheInputDataUnitByteForByte(int bitpix, @TempDir Path dir) throws Exception {
        External.requireTool("funpack");
        Path in = dir.resolve("in.fits");
        writeRaw(in, bitpix, 200, 31, List.of(), 3 * bitpix, true);
        Path fz = dir.resolve("in.fits.fz");
        Fpack.compress(in, fz, TileCompression.rice(), false);
        Path back = dir.resolve("back.fits");
        External.run(dir, "funpack", "-O", back.toString(), fz.toString());
        assertArrayEquals(dataUnit(in, 0), dataUnit(back, 0));
    }

    @Test
    void readsFpacksOutputAndWritesTheSameTiles(@TempDir Path dir) throws Exception {
        External.requireTool("fpack");
        Path in = dir.resolve("in.fits");
        writeRaw(in, 16, 256, 64, List.of(), 21, false);
        External.run(dir, "fpack", "-O", dir.resolve("theirs.fits.fz").toString(), in.toString());
        Path theirs = dir.resolve("theirs.fits.fz");
        assertArrayEquals(readInts(in, 0), readInts(theirs, 1));
        Path ours = dir.resolve("ours.fits.fz");
        Fpack.compress(in, ours, TileCompression.rice(), false);
        assertArrayEquals(dataUnit(theirs, 1), dataUnit(ours, 1), "the same tile table and heap");
    }

    @Test
    void refusesFloatingPointImagesAndLeavesNothing(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("f.fits");
        FitsWriter.create().primaryImage(Header.empty(), org.drpkit.core.image.Image.of(4, 4, new float[16]),
                PixelType.FLOAT32).write(in, false);
        Path fz = dir.resolve("f.fits.fz");
        DrpException e = assertThrows(DrpException.class, () -> Fpack.compress(in, fz, TileCompression.rice(), false));
        assertEquals(FitsErrorCode.FITS_WRONG_DATA, e.code());
        assertTrue(e.getMessage().contains("BITPIX"), e.getMessage());
        assertFalse(Files.exists(fz));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary left");
        }
    }

    @Test
    void refusesToOverwrite(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.fits");
        writeRaw(in, 16, 8, 8, List.of(), 1, false);
        Path fz = Files.writeString(dir.resolve("in.fits.fz"), "keep");
        DrpException e = assertThrows(DrpException.class, () -> Fpack.compress(in, fz, TileCompression.rice(), false));
        assertEquals(FitsErrorCode.OUTPUT_EXISTS, e.code());
        assertEquals("keep", Files.readString(fz));
    }

    /** @return the bytes of HDU {@code index}'s data unit (without the block fill) */
    private static byte[] dataUnit(Path f, int index) throws Exception {
        try (FitsReader r = FitsReader.open(f)) {
            HduInfo h = r.hdu(index);
            byte[] all = Files.readAllBytes(f);
            return Arrays.copyOfRange(all, (int) h.dataOffset(), (int) (h.dataOffset() + h.dataBytes()));
        }
    }
}
