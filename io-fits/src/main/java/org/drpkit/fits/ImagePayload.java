package org.drpkit.fits;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.drpkit.core.header.Card;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;

/**
 * An uncompressed image data unit: one or more planes of floats stored as a {@link PixelType} (NAXIS3 = planes
 * when there is more than one), or int flag bits stored as BITPIX 32, or doubles stored as BITPIX -64. Integer types
 * round to nearest, clamp, and write NaN as BLANK.
 */
final class ImagePayload implements Payload {

    private final int width;
    private final int height;
    private final List<Image> planes;
    private final Mask mask;
    private final double[] doubles;
    private final PixelType type;
    private final boolean cube;
    private final boolean blank;

    private ImagePayload(int width, int height, List<Image> planes, Mask mask, double[] doubles, PixelType type,
            boolean cube) {
        this.width = width;
        this.height = height;
        this.planes = planes;
        this.mask = mask;
        this.doubles = doubles;
        this.type = type;
        this.cube = cube;
        boolean nan = false;
        if (planes != null && type.isInteger()) {
            for (Image p : planes) {
                nan |= hasNaN(p);
            }
        }
        this.blank = nan;
    }

    /** @return a 2D image */
    static ImagePayload of(Image image, PixelType type) {
        return new ImagePayload(image.width(), image.height(), List.of(image), null, null, type, false);
    }

    /** @return a 3D cube of equally shaped planes (NAXIS3 = planes) */
    static ImagePayload cube(List<Image> planes, PixelType type) {
        Image first = planes.get(0);
        for (Image p : planes) {
            if (p.width() != first.width() || p.height() != first.height()) {
                throw new IllegalArgumentException("cube planes differ in shape: " + p + " vs " + first);
            }
        }
        return new ImagePayload(first.width(), first.height(), List.copyOf(planes), null, null, type, true);
    }

    /** @return flag bits as BITPIX 32 */
    static ImagePayload of(Mask mask) {
        return new ImagePayload(mask.width(), mask.height(), null, mask, null, PixelType.INT32, false);
    }

    /** @return doubles as BITPIX -64 ({@code values[y * width + x]}) */
    static ImagePayload of(int width, int height, double[] values) {
        if (values.length != (long) width * height) {
            throw new IllegalArgumentException(values.length + " values for " + width + "x" + height);
        }
        return new ImagePayload(width, height, null, null, values, PixelType.FLOAT64, false);
    }

    @Override
    public String xtension() {
        return "IMAGE";
    }

    @Override
    public void structure(List<Card> cards, boolean primary) {
        cards.add(Card.of("BITPIX", (long) type.bitpix(), "array data type"));
        cards.add(Card.of("NAXIS", cube ? 3L : 2L, "number of array dimensions"));
        cards.add(Card.of("NAXIS1", (long) width, "length of data axis 1"));
        cards.add(Card.of("NAXIS2", (long) height, "length of data axis 2"));
        if (cube) {
            cards.add(Card.of("NAXIS3", (long) planes.size(), "length of data axis 3"));
        }
        if (primary) {
            cards.add(Card.of("EXTEND", true, "FITS dataset may contain extensions"));
        } else {
            cards.add(Card.of("PCOUNT", 0L, "number of parameters"));
            cards.add(Card.of("GCOUNT", 1L, "number of groups"));
        }
    }

    @Override
    public void description(List<Card> cards) {
        if (type.bzero() != 0) {
            cards.add(Card.of("BZERO", type.bzero(), "offset data range to that of unsigned"));
            cards.add(Card.of("BSCALE", 1L, "default scaling factor"));
        }
        if (blank) {
            cards.add(Card.of("BLANK", blankFor(type), "value of undefined pixels"));
        }
    }

    @Override
    public boolean reserved(String key) {
        return false;
    }

    @Override
    public long bytes() {
        return (long) width * height * type.bytes() * (planes != null ? planes.size() : 1);
    }

    @Override
    public void write(OutputStream out) throws IOException {
        int bpp = type.bytes();
        int rowsPerChunk = Math.max(1, (1 << 20) / Math.max(1, width * bpp));
        ByteBuffer buf = ByteBuffer.allocate(Math.min(height, rowsPerChunk) * width * bpp);
        int nplanes = planes != null ? planes.size() : 1;
        for (int k = 0; k < nplanes; k++) {
            for (int y = 0; y < height; y += rowsPerChunk) {
                int rows = Math.min(rowsPerChunk, height - y);
                buf.clear();
                if (planes != null) {
                    Image p = planes.get(k);
                    PixelCodec.encode(p.array(), p.rowStart(y), rows * width, type, blankFor(type), buf);
                } else if (mask != null) {
                    PixelCodec.encodeInts(mask.array(), mask.rowStart(y), rows * width, buf);
                } else {
                    PixelCodec.encodeDoubles(doubles, y * width, rows * width, buf);
                }
                out.write(buf.array(), 0, buf.position());
            }
        }
    }

    /** @return the stored value written for NaN in an integer type (its BLANK) */
    static long blankFor(PixelType t) {
        return switch (t) {
            case UINT8 -> 255;
            case INT16, UINT16 -> Short.MIN_VALUE; // UINT16: physical 0 is reserved for NaN when BLANK is written
            case INT32 -> Integer.MIN_VALUE;
            default -> 0;
        };
    }

    static boolean hasNaN(Image img) {
        float[] a = img.array();
        for (int y = 0; y < img.height(); y++) {
            int from = img.rowStart(y);
            for (int i = from; i < from + img.width(); i++) {
                if (Float.isNaN(a[i])) {
                    return true;
                }
            }
        }
        return false;
    }
}
