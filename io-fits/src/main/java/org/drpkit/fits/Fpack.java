package org.drpkit.fits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Card;

/**
 * Tile-compresses the integer images of a FITS file with RICE_1, as {@code fpack} does: a primary image becomes an
 * empty primary HDU followed by the compressed image marked {@code ZSIMPLE = T}, an image extension becomes a
 * compressed extension ({@code ZTENSION = 'IMAGE'}); every other card is kept in order, BZERO, BSCALE and BLANK as
 * they were. The stored integers are coded as they are (no conversion), so {@code funpack} or
 * {@link FitsReader#readRowsInt} give back the same values bit for bit. Tiles span whole rows (fpack's default is one
 * row per tile). Stale CHECKSUM and DATASUM cards are dropped. The output is written atomically.
 *
 * <p>Only what RICE_1 codes losslessly is accepted: 2D images of BITPIX 8, 16 or 32, with data-less HDUs (an empty
 * primary) copied. Floating-point images (fpack would quantise them, losing precision), cubes, tables and already
 * compressed HDUs are refused, so an archive that accepts {@code .fz} gets exactly the pixels it would have
 * archived.
 *
 * <pre>{@code
 * Fpack.Result r = Fpack.compress(Path.of("KOA.fits"), Path.of("KOA.fits.fz"), TileCompression.rice(), false);
 * r.ratio();   // input bytes / output bytes, e.g. 2.4
 * }</pre>
 */
public final class Fpack {

    private Fpack() {
    }

    /**
     * What a compression did.
     *
     * @param input       the file read
     * @param output      the file written
     * @param inputBytes  its size
     * @param outputBytes the compressed file's size
     * @param images      the images compressed
     */
    public record Result(Path input, Path output, long inputBytes, long outputBytes, int images) {

        /** @return input bytes over output bytes */
        public double ratio() {
            return outputBytes == 0 ? Double.NaN : (double) inputBytes / outputBytes;
        }

        @Override
        public String toString() {
            return String.format("%s -> %s: %d images RICE_1, %d -> %d bytes (%.2fx)", input, output, images,
                    inputBytes, outputBytes, ratio());
        }
    }

    /**
     * @param overwrite replace an existing output
     * @return what was written
     * @throws DrpException {@code FITS_WRONG_DATA} for an HDU RICE_1 cannot code losslessly (floating point, a cube,
     *                      a table, an already compressed image); the reader's codes for a bad input;
     *                      {@code OUTPUT_EXISTS} or {@code WRITE_FAILED} for the output (nothing is left there)
     */
    public static Result compress(Path input, Path output, TileCompression compression, boolean overwrite)
            throws DrpException {
        AtomicFiles.requireWritable(output, overwrite);
        try (FitsReader reader = FitsReader.open(input);
                FileChannel ch = FileChannel.open(input, StandardOpenOption.READ)) {
            List<HduInfo> hdus = reader.hdus();
            FitsWriter w = FitsWriter.create();
            int images = 0;
            for (HduInfo h : hdus) {
                Location where = Location.file(input.toString()).hdu(h.index());
                if (h.dataBytes() == 0 && (h.index() == 0 || h.isImage())) {
                    if (h.index() == 0) {
                        w.primary(h.header());
                    } else {
                        throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, where,
                                "an empty image extension is not compressed");
                    }
                    continue;
                }
                requireCompressible(h, where);
                PixelType type = switch (h.bitpix()) {
                    case 8 -> PixelType.UINT8;
                    case 16 -> PixelType.INT16;
                    default -> PixelType.INT32;
                };
                int width = (int) h.axis(1);
                int height = (int) h.axis(2);
                List<Card> scaling = new ArrayList<>();
                for (String k : List.of("BZERO", "BSCALE", "BLANK")) {
                    h.header().find(k).ifPresent(scaling::add);
                }
                RicePayload p;
                try {
                    p = new RicePayload(width, height, type, rows(ch, h, width, type.bytes()), compression,
                            h.index() == 0, false, scaling);
                } catch (UncheckedIOException e) {
                    throw new DrpException(FitsErrorCode.FITS_UNREADABLE, where, e.getCause().toString(), e);
                }
                w.add(h.index() == 0 ? null : h.extname().orElse(null), h.header(), p, h.index() == 0);
                images++;
            }
            w.write(output, overwrite);
            return new Result(input, output, ch.size(), java.nio.file.Files.size(output), images);
        } catch (IOException e) {
            throw new DrpException(FitsErrorCode.FITS_UNREADABLE, Location.file(input.toString()), e.toString(), e);
        }
    }

    private static void requireCompressible(HduInfo h, Location where) throws DrpException {
        if (h.isCompressedImage()) {
            throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, where, "already tile-compressed");
        }
        if (!h.isImage()) {
            throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, where, "a " + h.xtension().orElse("?")
                    + " extension is not an image: only integer images are compressed");
        }
        if (h.bitpix() != 8 && h.bitpix() != 16 && h.bitpix() != 32) {
            throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, where.keyword("BITPIX"), "BITPIX " + h.bitpix()
                    + ": RICE_1 codes 8, 16 and 32-bit integers losslessly (floating point would be quantised)");
        }
        if (h.naxis() != 2 || h.axis(1) < 1 || h.axis(2) < 1 || h.axis(1) > Integer.MAX_VALUE / 4
                || h.axis(1) * h.axis(2) > Integer.MAX_VALUE / 4) {
            throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, where.keyword("NAXIS"), "NAXIS " + h.naxis()
                    + ": only 2D images of at most 2^29 pixels are compressed");
        }
    }

    /** Reads stored integers straight from the data unit: big-endian, BITPIX 8 unsigned. */
    private static RicePayload.StoredRows rows(FileChannel ch, HduInfo h, int width, int bytePix) {
        return (y0, rows, dst) -> {
            int n = rows * width;
            ByteBuffer b = ByteBuffer.allocate(n * bytePix);
            long pos = h.dataOffset() + (long) y0 * width * bytePix;
            try {
                while (b.hasRemaining()) {
                    if (ch.read(b, pos + b.position()) < 0) {
                        throw new IOException("the data unit ends early, at byte " + (pos + b.position()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            b.flip();
            switch (bytePix) {
                case 1 -> {
                    for (int i = 0; i < n; i++) {
                        dst[i] = b.get(i) & 0xff;
                    }
                }
                case 2 -> {
                    for (int i = 0; i < n; i++) {
                        dst[i] = b.getShort(2 * i);
                    }
                }
                default -> b.asIntBuffer().get(dst, 0, n);
            }
        };
    }
}
