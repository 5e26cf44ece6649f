package org.drpkit.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.drpkit.algorithms.qa.Preview;

/**
 * Encodes a {@link Preview} as an 8-bit greyscale PNG, in memory, without compression: a histogram-equalised frame is
 * noise-like and deflates only to about half its size, at three times the cost of the rest of the encoding (a 512 x
 * 512 preview: 262 kB stored, 129 kB at deflate level 1).
 *
 * <p>The file is the PNG container around zlib's stored blocks: signature, IHDR (greyscale, 8 bits), one IDAT chunk
 * holding the rows, each with filter byte 0, through {@link Deflater#NO_COMPRESSION}, and IEND; chunk CRCs by
 * {@link CRC32}. It decodes to the same pixels as the {@code javax.imageio} encoder it replaces, at a small part of its
 * cost: that encoder tried every row filter even when storing, and computed CRCs byte by byte in Java (a third of an
 * ingest's preview step in a profile of the NIRC2 benchmark).
 *
 * <pre>{@code
 * byte[] png = PreviewPng.encode(HistogramEqualizer.render(image, HistogramEqualizer.Params.DEFAULTS));
 * }</pre>
 */
public final class PreviewPng {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PreviewPng() {
    }

    /**
     * @return the PNG bytes
     * @throws IOException when encoding fails
     */
    public static byte[] encode(Preview p) throws IOException {
        int w = p.width();
        int h = p.height();
        byte[] gray = p.gray();
        ByteArrayOutputStream zlib = new ByteArrayOutputStream((w + 1) * h + 5 * ((w + 1) * h / 65535 + 1) + 64);
        Deflater d = new Deflater(Deflater.NO_COMPRESSION);
        try (OutputStream z = new DeflaterOutputStream(zlib, d, 1 << 16)) {
            byte[] row = new byte[w + 1]; // filter byte 0 (none), then the row
            for (int y = 0; y < h; y++) {
                System.arraycopy(gray, y * w, row, 1, w);
                z.write(row);
            }
        } finally {
            d.end();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(zlib.size() + 64);
        out.write(SIGNATURE);
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, w);
        putInt(ihdr, 4, h);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 0; // greyscale; compression, filter and interlace methods 0
        chunk(out, "IHDR", ihdr, ihdr.length);
        chunk(out, "IDAT", zlib.toByteArray(), zlib.size());
        chunk(out, "IEND", new byte[0], 0);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data, int len) {
        byte[] head = new byte[8];
        putInt(head, 0, len);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, head, 4, 4);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data, 0, len);
        out.write(head, 0, 8);
        out.write(data, 0, len);
        byte[] c = new byte[4];
        putInt(c, 0, (int) crc.getValue());
        out.write(c, 0, 4);
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
