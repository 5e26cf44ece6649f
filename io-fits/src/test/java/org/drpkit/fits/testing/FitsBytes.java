package org.drpkit.fits.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * FITS files built or edited byte by byte for tests of bad input: cards, headers with END and fill, padded data
 * units, and in-place edits of a card of a file a writer made (so a test starts from a valid file and breaks exactly
 * one thing).
 */
public final class FitsBytes {

    private FitsBytes() {
    }

    /** @return the card as 80 bytes, blank-padded */
    public static byte[] card(String text) {
        byte[] b = new byte[80];
        Arrays.fill(b, (byte) ' ');
        byte[] t = text.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(t, 0, b, 0, Math.min(80, t.length));
        return b;
    }

    /** @return the cards, END, and blank fill to a 2880-byte boundary */
    public static byte[] header(String... cards) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String c : cards) {
            out.writeBytes(card(c));
        }
        out.writeBytes(card("END"));
        while (out.size() % 2880 != 0) {
            out.write(' ');
        }
        return out.toByteArray();
    }

    /** @return the bytes followed by zeros to a 2880-byte boundary */
    public static byte[] data(byte[] bytes) {
        return Arrays.copyOf(bytes, (bytes.length + 2879) / 2880 * 2880);
    }

    /** @return the parts one after the other */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /**
     * @param hdu      0 for the primary header, n for the n-th header after it
     * @param keyword  the keyword of the card to replace (the first card with it in that header)
     * @param newCard  the new card text
     * @return a copy of {@code file} with that card replaced
     * @throws IllegalArgumentException when the header has no such card
     */
    public static byte[] replaceCard(byte[] file, int hdu, String keyword, String newCard) {
        int at = find(file, hdu, keyword);
        byte[] out = file.clone();
        System.arraycopy(card(newCard), 0, out, at, 80);
        return out;
    }

    /** @return the offset of the first card with {@code keyword} in header {@code hdu} (headers found by their first card) */
    public static int find(byte[] file, int hdu, String keyword) {
        int seen = -1;
        for (int p = 0; p + 80 <= file.length; p += 80) {
            String c = new String(file, p, 80, StandardCharsets.ISO_8859_1);
            if (p % 2880 == 0 && (c.startsWith("SIMPLE  =") || c.startsWith("XTENSION="))) {
                seen++;
            }
            if (seen == hdu && c.substring(0, 8).trim().equals(keyword)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no " + keyword + " card in header " + hdu);
    }

    /** @return an empty primary HDU and a binary table of 3 rows (J and E columns), as a writer would lay it out */
    public static byte[] primaryAndTable() {
        byte[] rows = new byte[3 * 8];
        for (int i = 0; i < 3; i++) {
            rows[i * 8 + 3] = (byte) (i + 1);
            rows[i * 8 + 4] = 0x3f;
            rows[i * 8 + 5] = (byte) 0x80;
        }
        return concat(header("SIMPLE  =                    T", "BITPIX  =                    8",
                "NAXIS   =                    0", "EXTEND  =                    T"),
                header("XTENSION= 'BINTABLE'", "BITPIX  =                    8", "NAXIS   =                    2",
                        "NAXIS1  =                    8", "NAXIS2  =                    3",
                        "PCOUNT  =                    0", "GCOUNT  =                    1",
                        "TFIELDS =                    2", "TTYPE1  = 'FRAME   '", "TFORM1  = 'J       '",
                        "TTYPE2  = 'GAIN    '", "TFORM2  = 'E       '", "EXTNAME = 'READS   '"),
                data(rows));
    }

    /** @return an empty primary HDU and an ASCII table of 2 rows (I6 and F8.2 columns) */
    public static byte[] primaryAndAsciiTable() {
        byte[] rows = "    12   10.50    13    9.25".getBytes(StandardCharsets.US_ASCII);
        byte[] data = data(rows);
        Arrays.fill(data, rows.length, data.length, (byte) ' ');
        return concat(header("SIMPLE  =                    T", "BITPIX  =                    8",
                "NAXIS   =                    0", "EXTEND  =                    T"),
                header("XTENSION= 'TABLE   '", "BITPIX  =                    8", "NAXIS   =                    2",
                        "NAXIS1  =                   14", "NAXIS2  =                    2",
                        "PCOUNT  =                    0", "GCOUNT  =                    1",
                        "TFIELDS =                    2", "TTYPE1  = 'FRAMENO '", "TBCOL1  =                    1",
                        "TFORM1  = 'I6      '", "TTYPE2  = 'EXPTIME '", "TBCOL2  =                    7",
                        "TFORM2  = 'F8.2    '", "EXTNAME = 'FRAMES  '"),
                data);
    }

    /**
     * Writes an empty primary HDU and a smooth 16x16 int16 image tile-compressed by nom-tam-fits in two 16x8 tiles (for
     * the codecs drpkit reads but does not write).
     *
     * @param codec a {@code ZCMPTYPE} such as {@code Compression.ZCMPTYPE_HCOMPRESS_1}
     */
    public static void nomTamCompressed(Path f, String codec) throws Exception {
        short[][] px = new short[16][16];
        java.util.Random r = new java.util.Random(codec.hashCode());
        for (int y = 0; y < px.length; y++) {
            for (int x = 0; x < px[y].length; x++) { // smooth, so that every codec stores the tile compressed
                px[y][x] = (short) (1000 + 3 * x + 5 * y + r.nextInt(4));
            }
        }
        nom.tam.image.compression.hdu.CompressedImageHDU c = nom.tam.image.compression.hdu.CompressedImageHDU.fromImageHDU((nom.tam.fits.ImageHDU) nom.tam.fits.Fits.makeHDU(px), 16, 8);
        c.setCompressAlgorithm(codec);
        c.compress();
        try (nom.tam.fits.Fits fits = new nom.tam.fits.Fits()) {
            fits.addHDU(new nom.tam.fits.NullDataHDU());
            fits.addHDU(c);
            fits.write(f.toFile());
        }
    }

    /**
     * @return an empty primary HDU and a binary table of one row with a 1PJ column (EXTNAME VLA) and a 16-byte heap
     *         holding 7, 8, 9, 10; the row's descriptor says {@code count} ints at heap byte 0
     */
    public static byte[] arrayDescriptorTable(int count) {
        byte[] data = new byte[8 + 16];
        java.nio.ByteBuffer.wrap(data).putInt(0, count).putInt(4, 0).putInt(8, 7).putInt(12, 8).putInt(16, 9)
                .putInt(20, 10);
        return FitsBytes.concat(FitsBytes.header("SIMPLE  =                    T", "BITPIX  =                    8",
                "NAXIS   =                    0", "EXTEND  =                    T"),
                FitsBytes.header("XTENSION= 'BINTABLE'", "BITPIX  =                    8",
                        "NAXIS   =                    2", "NAXIS1  =                    8",
                        "NAXIS2  =                    1", "PCOUNT  =                   16",
                        "GCOUNT  =                    1", "TFIELDS =                    1", "TTYPE1  = 'READS   '",
                        "TFORM1  = '1PJ(4)  '", "EXTNAME = 'VLA     '"),
                FitsBytes.data(data));
    }

    /**
     * @return an empty primary HDU and a binary table of one 8-byte row whose header gives TFORM1 twice: first
     *         {@code 2J} (drpkit's header look-ups take the first card), then {@code 1PJ} (nom-tam takes the last),
     *         with a row that, as a descriptor, promises 2^31-1 ints in an empty heap
     */
    public static byte[] duplicatedTformTable() {
        byte[] row = new byte[8];
        java.nio.ByteBuffer.wrap(row).putInt(0, Integer.MAX_VALUE).putInt(4, 0);
        return concat(header("SIMPLE  =                    T", "BITPIX  =                    8",
                "NAXIS   =                    0", "EXTEND  =                    T"),
                header("XTENSION= 'BINTABLE'", "BITPIX  =                    8", "NAXIS   =                    2",
                        "NAXIS1  =                    8", "NAXIS2  =                    1",
                        "PCOUNT  =                    0", "GCOUNT  =                    1",
                        "TFIELDS =                    1", "TTYPE1  = 'READS   '", "TFORM1  = '2J      '",
                        "EXTNAME = 'DUP     '", "TFORM1  = '1PJ     '"),
                data(row));
    }
}
