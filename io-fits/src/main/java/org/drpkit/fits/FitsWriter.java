package org.drpkit.fits;

import java.io.IOException;
import java.io.OutputStream;
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
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.image.Ramp;
import org.drpkit.core.image.Spectra;

/**
 * Builds a multi-HDU FITS file from core types and writes it atomically (see {@link AtomicFiles}).
 *
 * <p>The writer produces the structural keywords itself (SIMPLE/XTENSION, BITPIX, NAXISn, EXTEND, PCOUNT, GCOUNT,
 * BZERO, BSCALE, BLANK, EXTNAME, and for a tile-compressed image the table and Z keywords); the given headers
 * contribute every other card, in order, duplicates included. Stale CHECKSUM/DATASUM cards are dropped because the
 * data are re-encoded. Images may be 2D, 3D cubes (ramps), or RICE_1 tile-compressed.
 *
 * <pre>{@code
 * FitsWriter.create()
 *         .primary(Header.builder().add("OBJECT", "dark").build())
 *         .image("RATE", Header.empty(), rate, PixelType.FLOAT32)
 *         .mask("FLAGS", Header.empty(), flags)
 *         .compressedImage("READ1", Header.empty(), read1, PixelType.UINT16, TileCompression.rice())
 *         .write(Path.of("out/rate.fits"), false);
 * }</pre>
 */
public final class FitsWriter {

    private static final Pattern NAXIS_N = Pattern.compile("NAXIS\\d+");
    private static final Set<String> STRUCTURAL = Set.of("SIMPLE", "XTENSION", "BITPIX", "NAXIS", "EXTEND", "PCOUNT",
            "GCOUNT", "BZERO", "BSCALE", "BLANK", "END", "CHECKSUM", "DATASUM", "EXTNAME");

    private record Unit(String extname, Header header, Payload payload) {
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
        units.add(new Unit(null, header, Payload.NONE));
        return this;
    }

    /** Sets a primary HDU holding an image. */
    public FitsWriter primaryImage(Header header, Image image, PixelType type) {
        requireFirst();
        units.add(new Unit(null, header, ImagePayload.of(Objects.requireNonNull(image), type)));
        return this;
    }

    /**
     * Sets a primary HDU holding a 3D cube: {@code planes} become NAXIS3 (e.g. the reads of a ramp).
     *
     * @throws IllegalArgumentException when the planes differ in shape
     */
    public FitsWriter primaryCube(Header header, List<Image> planes, PixelType type) {
        requireFirst();
        units.add(new Unit(null, header, ImagePayload.cube(planes, type)));
        return this;
    }

    /** Appends an IMAGE extension of float pixels stored as {@code type}; {@code extname} may be null. */
    public FitsWriter image(String extname, Header header, Image image, PixelType type) {
        ensurePrimary();
        units.add(new Unit(extname, header, ImagePayload.of(Objects.requireNonNull(image), type)));
        return this;
    }

    /** Appends an IMAGE extension holding a 3D cube of equally shaped planes (NAXIS3 = planes). */
    public FitsWriter cube(String extname, Header header, List<Image> planes, PixelType type) {
        ensurePrimary();
        units.add(new Unit(extname, header, ImagePayload.cube(planes, type)));
        return this;
    }

    /**
     * Appends a binary-table extension of fixed-width columns ({@link TableColumn}: 64-bit integers, doubles, ASCII
     * text), all of one length.
     *
     * @throws IllegalArgumentException for no columns or columns of different lengths
     */
    public FitsWriter table(String extname, Header header, List<TableColumn> columns) {
        ensurePrimary();
        units.add(new Unit(extname, header, new TablePayload(columns)));
        return this;
    }

    /** Appends an IMAGE extension of flag bits stored as BITPIX 32. */
    public FitsWriter mask(String extname, Header header, Mask mask) {
        ensurePrimary();
        units.add(new Unit(extname, header, ImagePayload.of(Objects.requireNonNull(mask))));
        return this;
    }

    /** Appends an IMAGE extension of doubles stored as BITPIX -64 ({@code values[y * width + x]}). */
    public FitsWriter doubleImage(String extname, Header header, int width, int height, double[] values) {
        ensurePrimary();
        units.add(new Unit(extname, header, ImagePayload.of(width, height, values)));
        return this;
    }

    /**
     * Appends a tile-compressed image extension. The image is compressed now; only the compressed bytes are kept.
     *
     * @param type an integer type (RICE_1 is lossless for integers; NaN is written as BLANK)
     * @throws IllegalArgumentException for a floating-point type
     */
    public FitsWriter compressedImage(String extname, Header header, Image image, PixelType type,
            TileCompression compression) {
        ensurePrimary();
        units.add(new Unit(extname, header, new RicePayload(image, type, compression, false)));
        return this;
    }

    /**
     * Writes an image as fpack writes a primary array: an empty primary HDU, then the compressed image marked
     * {@code ZSIMPLE = T} carrying {@code header}, so funpack restores it as the primary array.
     */
    public FitsWriter compressedPrimaryImage(Header header, Image image, PixelType type,
            TileCompression compression) {
        requireFirst();
        units.add(new Unit(null, Header.empty(), Payload.NONE));
        units.add(new Unit(null, header, new RicePayload(image, type, compression, true)));
        return this;
    }

    /**
     * Adds a unit with its payload: as the compressed primary image (an empty primary HDU first, as fpack writes) or
     * as an extension.
     */
    FitsWriter add(String extname, Header header, Payload payload, boolean compressedPrimary) {
        if (compressedPrimary) {
            requireFirst();
            units.add(new Unit(null, Header.empty(), Payload.NONE));
        } else {
            ensurePrimary();
        }
        units.add(new Unit(extname, header, payload));
        return this;
    }

    /** Appends FLUX (float32), IVAR (float32) and MASK (int32) extensions, as {@link FitsReader#readMaskedImage()} reads. */
    public FitsWriter maskedImage(MaskedImage m) {
        return maskedImage(m, FitsReader.FLUX, FitsReader.IVAR, FitsReader.MASK);
    }

    /** Appends a masked image as three named extensions. */
    public FitsWriter maskedImage(MaskedImage m, String flux, String ivar, String mask) {
        return image(flux, Header.empty(), m.flux(), PixelType.FLOAT32)
                .image(ivar, Header.empty(), m.ivar(), PixelType.FLOAT32)
                .mask(mask, Header.empty(), m.mask());
    }

    /**
     * Appends spectra as FLUX, IVAR (float32), MASK (int32) and, when present, WAVE (float64, Angstrom): one row per
     * fibre, as {@link FitsReader#readSpectra()} reads them.
     */
    public FitsWriter spectra(Spectra s) {
        int w = s.pixels();
        int h = s.fibres();
        image(FitsReader.FLUX, Header.empty(), Image.of(w, h, s.flux()), PixelType.FLOAT32);
        image(FitsReader.IVAR, Header.empty(), Image.of(w, h, s.ivar()), PixelType.FLOAT32);
        mask(FitsReader.MASK, Header.empty(), Mask.of(w, h, s.mask()));
        s.wavelength().ifPresent(lambda -> doubleImage(FitsReader.WAVE,
                Header.builder().add("BUNIT", "Angstrom", "vacuum wavelength").build(), w, h, lambda));
        return this;
    }

    /**
     * Appends one image extension per read (the APOGEE raw layout), each with its header from {@code readHeaders}
     * (may be empty). When the headers carry no per-read DATE-OBS and no INTOFF, each read gets
     * {@code INTOFF} (milliseconds between reads) from the ramp's read times, so {@link FitsRamps} reads the same
     * times back.
     *
     * <pre>{@code
     * FitsWriter.create().primary(hdr).ramp(ramp, PixelType.UINT16, List.of()).write(out, false);
     * }</pre>
     *
     * @throws IllegalArgumentException when the times are not evenly spaced and the headers carry no DATE-OBS
     */
    public FitsWriter ramp(Ramp ramp, PixelType type, List<Header> readHeaders) {
        ensurePrimary();
        List<Header> hs = FitsRamps.timedHeaders(ramp, readHeaders);
        for (int k = 0; k < ramp.reads(); k++) {
            image(null, hs.get(k), ramp.read(k), type);
        }
        return this;
    }

    /**
     * Appends a ramp as one 3D image extension (NAXIS3 = reads). The header gets INTOFF from the read times unless
     * it has one.
     *
     * @throws IllegalArgumentException when the read times are not evenly spaced
     */
    public FitsWriter rampCube(String extname, Header header, Ramp ramp, PixelType type) {
        List<Image> planes = new ArrayList<>();
        for (int k = 0; k < ramp.reads(); k++) {
            planes.add(ramp.read(k));
        }
        Header h = header.contains("INTOFF") ? header : FitsRamps.withIntoff(header, ramp.readTimes());
        return cube(extname, h, planes, type);
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
            u.payload.write(out);
            long rem = u.payload.bytes() % FitsHeaders.BLOCK;
            if (rem != 0) {
                out.write(new byte[(int) (FitsHeaders.BLOCK - rem)]);
            }
        }
    }

    private void writeHeader(OutputStream out, Unit u, int index, String name) throws IOException, DrpException {
        List<Card> cards = new ArrayList<>();
        if (index == 0) {
            cards.add(Card.of("SIMPLE", true, "conforms to FITS standard"));
        } else {
            cards.add(Card.of("XTENSION", u.payload.xtension(), u.payload.xtension().equals("IMAGE")
                    ? "image extension" : "binary table extension"));
        }
        u.payload.structure(cards, index == 0);
        u.payload.description(cards);
        // after the Z keywords of a compressed image: CFITSIO rebuilds the image header in card order
        if (u.extname != null) {
            cards.add(Card.of("EXTNAME", u.extname, "extension name"));
        } else if (index > 0) {
            u.header.find("EXTNAME").ifPresent(cards::add);
        }
        for (Card c : u.header) {
            String k = c.key();
            if (!c.isCommentary() && (STRUCTURAL.contains(k) || NAXIS_N.matcher(k).matches() || u.payload.reserved(k))) {
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
        while (sb.length() % FitsHeaders.BLOCK != 0) {
            sb.append(' ');
        }
        out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private void requireFirst() {
        if (!units.isEmpty()) {
            throw new IllegalStateException("the primary HDU must be set first");
        }
    }

    private void ensurePrimary() {
        if (units.isEmpty()) {
            units.add(new Unit(null, Header.empty(), Payload.NONE));
        }
    }
}
