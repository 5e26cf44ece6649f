package org.drpkit.fits;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.drpkit.core.header.Card;
import org.drpkit.core.image.Image;

/**
 * A RICE_1 tile-compressed image (a BINTABLE with one {@code 1PB} column) built from integer pixels. The image is
 * compressed when the payload is made, so only the compressed bytes are held until the file is written. Tiles span
 * whole rows; the heap holds the tiles in order.
 */
final class RicePayload implements Payload {

    private static final Pattern RESERVED = Pattern.compile(
            "Z(IMAGE|CMPTYPE|SIMPLE|TENSION|BITPIX|NAXIS\\d*|EXTEND|PCOUNT|GCOUNT|QUANTIZ|DITHER0|BLANK|SCALE|ZERO"
                    + "|HECKSUM|DATASUM|TILE\\d+|NAME\\d+|VAL\\d+|BLOCKED)|TFIELDS|THEAP|(TTYPE|TFORM)\\d+");

    private final int width;
    private final int height;
    private final PixelType type;
    private final TileCompression options;
    private final boolean primary;
    private final boolean blank;
    private final int tiles;
    private final int[] lengths;
    private final byte[] heap;
    private final int heapSize;

    /** Supplies stored integer pixels row by row (the values RICE_1 codes, before BZERO and BSCALE). */
    @FunctionalInterface
    interface StoredRows {
        /**
         * Fills {@code dst[0 .. rows*width)} with the stored values of rows {@code y0 .. y0+rows-1} (an I/O failure
         * travels as {@link java.io.UncheckedIOException}).
         */
        void read(int y0, int rows, int[] dst);
    }

    private final List<Card> scaling;

    /**
     * @param primary true to mark the image as the file's primary array (ZSIMPLE), as fpack does for a primary image
     */
    RicePayload(Image image, PixelType type, TileCompression options, boolean primary) {
        this(image.width(), image.height(), checkInteger(type), fromImage(image, type), options, primary,
                ImagePayload.hasNaN(image), null);
    }

    /**
     * Compresses stored integers as they are: the exact path for a FITS image re-encoded without conversion.
     *
     * @param scaling the cards describing the stored values (BZERO, BSCALE, BLANK), written as given; null for the
     *                type's own
     */
    RicePayload(int width, int height, PixelType type, StoredRows source, TileCompression options, boolean primary,
            boolean blank, List<Card> scaling) {
        checkInteger(type);
        this.width = width;
        this.height = height;
        this.type = type;
        this.options = options;
        this.primary = primary;
        this.blank = blank;
        this.scaling = scaling == null ? null : List.copyOf(scaling);
        int bytePix = type.bytes();
        int rowsPer = options.tileRows();
        this.tiles = height == 0 ? 0 : (height + rowsPer - 1) / rowsPer;
        this.lengths = new int[tiles];
        int maxTile = Math.min(rowsPer, Math.max(1, height)) * width;
        int[] px = new int[maxTile];
        byte[] tileBytes = new byte[Rice.maxEncodedBytes(maxTile, bytePix, options.blockSize())];
        byte[] h = new byte[(int) Math.max(16, Math.min(1 << 30, (long) width * height * bytePix / 2))];
        int size = 0;
        for (int t = 0; t < tiles; t++) {
            int y0 = t * rowsPer;
            int rows = Math.min(rowsPer, height - y0);
            int n = rows * width;
            source.read(y0, rows, px);
            int len = Rice.encode(px, 0, n, bytePix, options.blockSize(), tileBytes);
            if (size + len > h.length) {
                h = Arrays.copyOf(h, Math.max(size + len, h.length + h.length / 2));
            }
            System.arraycopy(tileBytes, 0, h, size, len);
            size += len;
            lengths[t] = len;
        }
        this.heap = h;
        this.heapSize = size;
    }

    private static PixelType checkInteger(PixelType type) {
        if (!type.isInteger()) {
            throw new IllegalArgumentException("RICE_1 compresses integer pixels; " + type + " is floating point");
        }
        return type;
    }

    /** The stored values of an image's float pixels (NaN as the type's BLANK). */
    private static StoredRows fromImage(Image image, PixelType type) {
        long blankValue = ImagePayload.blankFor(type);
        float[] a = image.array();
        int width = image.width();
        return (y0, rows, dst) -> {
            for (int r = 0; r < rows; r++) {
                int from = image.rowStart(y0 + r);
                for (int x = 0; x < width; x++) {
                    float v = a[from + x];
                    dst[r * width + x] = (int) (Float.isNaN(v) ? blankValue : PixelCodec.toStored(v, type));
                }
            }
        };
    }

    @Override
    public String xtension() {
        return "BINTABLE";
    }

    @Override
    public void structure(List<Card> cards, boolean primaryHdu) {
        int max = 0;
        for (int len : lengths) {
            max = Math.max(max, len);
        }
        cards.add(Card.of("BITPIX", 8L, "8-bit bytes"));
        cards.add(Card.of("NAXIS", 2L, "2-dimensional binary table"));
        cards.add(Card.of("NAXIS1", 8L, "width of table in bytes"));
        cards.add(Card.of("NAXIS2", (long) tiles, "number of rows in table"));
        cards.add(Card.of("PCOUNT", (long) heapSize, "size of special data area"));
        cards.add(Card.of("GCOUNT", 1L, "one data group (required keyword)"));
        cards.add(Card.of("TFIELDS", 1L, "number of fields in each row"));
        cards.add(Card.of("TTYPE1", "COMPRESSED_DATA", "label for field   1"));
        cards.add(Card.of("TFORM1", "1PB(" + max + ")", "data format of field: variable length array"));
        cards.add(Card.of("ZIMAGE", true, "extension contains compressed image"));
        cards.add(Card.of("ZTILE1", (long) width, "size of tiles to be compressed"));
        cards.add(Card.of("ZTILE2", (long) options.tileRows(), "size of tiles to be compressed"));
        cards.add(Card.of("ZCMPTYPE", options.algorithm().name(), "compression algorithm"));
        cards.add(Card.of("ZNAME1", "BLOCKSIZE", "compression block size"));
        cards.add(Card.of("ZVAL1", (long) options.blockSize(), "pixels per block"));
        cards.add(Card.of("ZNAME2", "BYTEPIX", "bytes per pixel (1, 2, 4, or 8)"));
        cards.add(Card.of("ZVAL2", (long) type.bytes(), "bytes per pixel (1, 2, 4, or 8)"));
    }

    @Override
    public void description(List<Card> cards) {
        if (primary) {
            cards.add(Card.of("ZSIMPLE", true, "file does conform to FITS standard"));
        } else {
            cards.add(Card.of("ZTENSION", "IMAGE", "Image extension"));
        }
        cards.add(Card.of("ZBITPIX", (long) type.bitpix(), "data type of original image"));
        cards.add(Card.of("ZNAXIS", 2L, "dimension of original image"));
        cards.add(Card.of("ZNAXIS1", (long) width, "length of original image axis"));
        cards.add(Card.of("ZNAXIS2", (long) height, "length of original image axis"));
        if (primary) {
            cards.add(Card.of("ZEXTEND", true, "FITS dataset may contain extensions"));
        } else {
            cards.add(Card.of("ZPCOUNT", 0L, "number of parameters"));
            cards.add(Card.of("ZGCOUNT", 1L, "number of groups"));
        }
        if (scaling != null) {
            cards.addAll(scaling);
            return;
        }
        if (type.bzero() != 0) {
            cards.add(Card.of("BZERO", type.bzero(), "offset data range to that of unsigned"));
            cards.add(Card.of("BSCALE", 1L, "default scaling factor"));
        }
        if (blank) {
            cards.add(Card.of("BLANK", ImagePayload.blankFor(type), "value of undefined pixels"));
        }
    }

    @Override
    public boolean reserved(String key) {
        return RESERVED.matcher(key.toUpperCase(Locale.ROOT)).matches();
    }

    @Override
    public long bytes() {
        return 8L * tiles + heapSize;
    }

    @Override
    public void write(OutputStream out) throws IOException {
        ByteBuffer table = ByteBuffer.allocate(8 * tiles);
        int offset = 0;
        for (int t = 0; t < tiles; t++) {
            table.putInt(lengths[t]).putInt(offset);
            offset += lengths[t];
        }
        out.write(table.array());
        out.write(heap, 0, heapSize);
    }

    /** @return the compressed bytes of tile {@code t} (for tests) */
    byte[] tile(int t) {
        int off = 0;
        for (int i = 0; i < t; i++) {
            off += lengths[i];
        }
        return Arrays.copyOfRange(heap, off, off + lengths[t]);
    }
}
