package org.drpkit.fits;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Card;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;

/**
 * Builds a multi-HDU FITS file from core types and writes it atomically (see {@link AtomicFiles}).
 *
 * <p>The writer produces the structural keywords itself (SIMPLE/XTENSION, BITPIX, NAXISn, EXTEND, PCOUNT, GCOUNT,
 * BZERO, BSCALE, BLANK, EXTNAME); the given headers contribute every other card, in order, duplicates included.
 * Stale CHECKSUM/DATASUM cards are dropped because the data are re-encoded.
 *
 * <pre>{@code
 * FitsWriter.create()
 *         .primary(Header.builder().add("OBJECT", "dark").build())
 *         .image("RATE", Header.empty(), rate, PixelType.FLOAT32)
 *         .mask("FLAGS", Header.empty(), flags)
 *         .write(Path.of("out/rate.fits"), false);
 * }</pre>
 */
public final class FitsWriter {

    private static final Pattern NAXIS_N = Pattern.compile("NAXIS\\d+");
    private static final Set<String> STRUCTURAL = Set.of("SIMPLE", "XTENSION", "BITPIX", "NAXIS", "EXTEND", "PCOUNT",
            "GCOUNT", "BZERO", "BSCALE", "BLANK", "END", "CHECKSUM", "DATASUM", "EXTNAME");

    private record Unit(String extname, Header header, Image image, Mask mask, PixelType type) {
    }

    private final List<Unit> units = new ArrayList<>();

    private FitsWriter() {
    }

    /** @return an empty writer */
    public static FitsWriter create() {
        return new FitsWriter();
    }

    /** Sets a data-less primary HDU with these cards (must be the first call, or is implied as empty). */
    public FitsWriter primary(Header header) {
        requireFirst();
        units.add(new Unit(null, header, null, null, PixelType.FLOAT32));
        return this;
    }

    /** Sets a primary HDU holding an image. */
    public FitsWriter primaryImage(Header header, Image image, PixelType type) {
        requireFirst();
        units.add(new Unit(null, header, Objects.requireNonNull(image), null, type));
        return this;
    }

    /** Appends an IMAGE extension of float pixels stored as {@code type}; {@code extname} may be null. */
    public FitsWriter image(String extname, Header header, Image image, PixelType type) {
        ensurePrimary();
        units.add(new Unit(extname, header, Objects.requireNonNull(image), null, type));
        return this;
    }

    /** Appends an IMAGE extension of flag bits stored as BITPIX 32. */
    public FitsWriter mask(String extname, Header header, Mask mask) {
        ensurePrimary();
        units.add(new Unit(extname, header, null, Objects.requireNonNull(mask), PixelType.INT32));
        return this;
    }

    /**
     * Writes the file atomically.
     *
     * @throws DrpException {@code OUTPUT_EXISTS}, {@code WRITE_FAILED}, or {@code FITS_BAD_HEADER} for a card that
     *                      cannot be written
     */
    public void write(Path target, boolean overwrite) throws DrpException {
        ensurePrimary();
        AtomicFiles.write(target, overwrite, out -> writeTo(out, target.toString()));
    }

    /** Writes the file to a stream (not atomic; for callers that manage their own output). */
    public void writeTo(OutputStream out, String name) throws IOException, DrpException {
        ensurePrimary();
        for (int i = 0; i < units.size(); i++) {
            Unit u = units.get(i);
            writeHeader(out, u, i, name);
            writeData(out, u);
        }
    }

    private void writeHeader(OutputStream out, Unit u, int index, String name) throws IOException, DrpException {
        int w = u.image != null ? u.image.width() : u.mask != null ? u.mask.width() : 0;
        int h = u.image != null ? u.image.height() : u.mask != null ? u.mask.height() : 0;
        boolean hasData = u.image != null || u.mask != null;
        boolean nan = u.type.isInteger() && u.image != null && hasNaN(u.image);
        List<Card> cards = new ArrayList<>();
        if (index == 0) {
            cards.add(Card.of("SIMPLE", true, "conforms to FITS standard"));
        } else {
            cards.add(Card.of("XTENSION", "IMAGE", "image extension"));
        }
        cards.add(Card.of("BITPIX", (long) u.type.bitpix(), "bits per data value"));
        cards.add(Card.of("NAXIS", hasData ? 2L : 0L, "number of data axes"));
        if (hasData) {
            cards.add(Card.of("NAXIS1", (long) w, "length of data axis 1"));
            cards.add(Card.of("NAXIS2", (long) h, "length of data axis 2"));
        }
        if (index == 0) {
            cards.add(Card.of("EXTEND", true, "FITS dataset may contain extensions"));
        } else {
            cards.add(Card.of("PCOUNT", 0L, "number of random group parameters"));
            cards.add(Card.of("GCOUNT", 1L, "number of random groups"));
        }
        if (u.extname != null) {
            cards.add(Card.of("EXTNAME", u.extname, "extension name"));
        } else if (index > 0) {
            u.header.find("EXTNAME").ifPresent(cards::add);
        }
        if (u.type.bzero() != 0) {
            cards.add(Card.of("BZERO", u.type.bzero(), "offset data range to that of unsigned"));
            cards.add(Card.of("BSCALE", 1L, "default scaling factor"));
        }
        if (nan) {
            cards.add(Card.of("BLANK", blankFor(u.type), "value of undefined pixels"));
        }
        for (Card c : u.header) {
            String k = c.key();
            if (!c.isCommentary() && (STRUCTURAL.contains(k) || NAXIS_N.matcher(k).matches())) {
                continue;
            }
            cards.add(c);
        }
        StringBuilder sb = new StringBuilder();
        for (Card c : cards) {
            try {
                for (String image : CardFormatter.format(c)) {
                    sb.append(image);
                }
            } catch (RuntimeException e) { // nom-tam reports bad cards with unchecked exceptions
                throw new DrpException(FitsErrorCode.FITS_BAD_HEADER,
                        Location.file(name).hdu(index).keyword(c.keyword()), "card cannot be written: " + e.getMessage(), e);
            }
        }
        sb.append(String.format("%-80s", "END"));
        pad(sb);
        out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static void writeData(OutputStream out, Unit u) throws IOException {
        if (u.image == null && u.mask == null) {
            return;
        }
        int w = u.image != null ? u.image.width() : u.mask.width();
        int h = u.image != null ? u.image.height() : u.mask.height();
        int bpp = u.type.bytes();
        long total = (long) w * h * bpp;
        int rowsPerChunk = Math.max(1, (1 << 20) / Math.max(1, w * bpp));
        ByteBuffer buf = ByteBuffer.allocate(rowsPerChunk * w * bpp);
        for (int y = 0; y < h; y += rowsPerChunk) {
            int rows = Math.min(rowsPerChunk, h - y);
            buf.clear();
            if (u.image != null) {
                PixelCodec.encode(u.image.array(), u.image.rowStart(y), rows * w, u.type, blankFor(u.type), buf);
            } else {
                PixelCodec.encodeInts(u.mask.array(), u.mask.rowStart(y), rows * w, buf);
            }
            out.write(buf.array(), 0, buf.position());
        }
        long rem = total % FitsHeaders.BLOCK;
        if (rem != 0) {
            out.write(new byte[(int) (FitsHeaders.BLOCK - rem)]);
        }
    }

    private static long blankFor(PixelType t) {
        return switch (t) {
            case UINT8 -> 255;
            case INT16 -> Short.MIN_VALUE;
            case UINT16 -> Short.MIN_VALUE; // stored value; physical 0 is reserved for NaN when BLANK is written
            case INT32 -> Integer.MIN_VALUE;
            default -> 0;
        };
    }

    private static boolean hasNaN(Image img) {
        float[] a = img.array();
        int end = img.offset() + img.pixelCount();
        for (int i = img.offset(); i < end; i++) {
            if (Float.isNaN(a[i])) {
                return true;
            }
        }
        return false;
    }

    private static void pad(StringBuilder sb) {
        while (sb.length() % FitsHeaders.BLOCK != 0) {
            sb.append(' ');
        }
    }

    private void requireFirst() {
        if (!units.isEmpty()) {
            throw new IllegalStateException("the primary HDU must be set first");
        }
    }

    private void ensurePrimary() {
        if (units.isEmpty()) {
            units.add(new Unit(null, Header.empty(), null, null, PixelType.FLOAT32));
        }
    }
}
