package org.drpkit.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.drpkit.algorithms.calib.CalibErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Card;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.H2rgLayout;
import org.drpkit.fits.FitsErrorCode;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.HduInfo;

/**
 * The calibration file layouts of the {@code calib}, {@code calibrate} and {@code masks} commands.
 *
 * <ul>
 *   <li>rate product (input, from the ramp stage): {@code RATE}, {@code IVAR}, {@code CHI2} (float32), {@code FLAGS},
 *       {@code JUMPS}, {@code LASTDIFF} (int32); only RATE, IVAR and FLAGS are read. A plain image (first 2D image
 *       HDU) is read as flux with ivar 0 and no flags;
 *   <li>DARK: {@code DARK} (dark rate, float32), {@code IVAR} (float32), {@code FLAGS} (int32);
 *   <li>FLAT: {@code FLAT} (pixel response, float32), {@code IVAR} (float32), {@code MODEL} (illumination, float32,
 *       NaN off the light-sensitive area), {@code FLAGS} (int32);
 *   <li>CAL: {@code FLUX}, {@code IVAR} (float32), {@code FLAGS} (int32).
 * </ul>
 */
final class CalibFiles {

    /** Identity keywords copied from the first input into a product's primary header. */
    private static final String[] IDENTITY = {"TELESCOP", "INSTRUME", "CAMNAME", "DETECTOR", "CHIP"};

    private CalibFiles() {
    }

    static boolean hasExtension(FitsReader r, String extname) {
        for (HduInfo h : r.hdus()) {
            if (h.extname().map(n -> n.equalsIgnoreCase(extname)).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /** @return the first HDU holding a 2D image */
    static HduInfo firstImage(FitsReader r) throws DrpException {
        for (HduInfo h : r.hdus()) {
            if (h.isImage()) {
                return h;
            }
        }
        throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, Location.file(r.path().toString()),
                "no image HDU in the file");
    }

    /**
     * Reads a rate product (RATE, IVAR, FLAGS) or a plain image (flux, ivar 0, no flags).
     *
     * @return the image and the primary header
     */
    static Input readInput(Path file) throws DrpException {
        try (FitsReader r = FitsReader.open(file)) {
            Header primary = r.hdus().get(0).header();
            if (hasExtension(r, "RATE")) {
                Image flux = r.readImage("RATE");
                Image ivar = r.readImage("IVAR");
                Mask flags = r.readMask("FLAGS");
                return new Input(sameShape(file, flux, ivar, flags), primary, true);
            }
            Image flux = r.readImage(firstImage(r).index());
            int w = flux.width();
            int h = flux.height();
            return new Input(MaskedImage.of(flux, Image.zeros(w, h), Mask.zeros(w, h)), primary, false);
        }
    }

    /** An input image with its primary header. */
    record Input(MaskedImage image, Header primary, boolean rate) {
    }

    /** Reads a product's flux, IVAR and FLAGS extensions, e.g. {@code readProduct(f, "DARK")}. */
    static MaskedImage readProduct(Path file, String fluxExtension) throws DrpException {
        try (FitsReader r = FitsReader.open(file)) {
            return sameShape(file, r.readImage(fluxExtension), r.readImage("IVAR"), r.readMask("FLAGS"));
        }
    }

    /** Reads the {@code FLAGS} extension of any product (DARK, FLAT, CAL or rate). */
    static Mask readFlags(Path file) throws DrpException {
        try (FitsReader r = FitsReader.open(file)) {
            return r.readMask("FLAGS");
        }
    }

    private static MaskedImage sameShape(Path file, Image flux, Image ivar, Mask flags) throws DrpException {
        if (!flux.sameShape(ivar) || !flux.sameShape(flags)) {
            throw new DrpException(CalibErrorCode.CALIB_SHAPE_MISMATCH, Location.file(file.toString()), "flux is "
                    + flux.width() + "x" + flux.height() + ", IVAR " + ivar.width() + "x" + ivar.height() + ", FLAGS "
                    + flags.width() + "x" + flags.height());
        }
        return MaskedImage.of(flux, ivar, flags);
    }

    /**
     * The chip of frames of a given shape: {@code auto} (2560 x 2048 is an APOGEE H2RG chip, anything else one
     * plain light-sensitive amplifier), {@code simple}, {@code apogee}, or {@code h2rg:SIZE,REFCOLS,AMPS,BORDER}.
     *
     * @throws DrpException {@code CALIB_SHAPE_MISMATCH} when the chip does not have the frames' shape
     */
    static Chip chip(String spec, int width, int height, String file) throws DrpException {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        Chip chip;
        if (s.equals("auto")) {
            chip = width == 2560 && height == 2048 ? H2rgLayout.apogee("detector")
                    : Chip.simple("detector", 0, width, height, 0);
        } else if (s.equals("simple")) {
            chip = Chip.simple("detector", 0, width, height, 0);
        } else if (s.equals("apogee")) {
            chip = H2rgLayout.apogee("detector");
        } else if (s.startsWith("h2rg:")) {
            String[] p = s.substring(5).split(",");
            if (p.length != 4) {
                throw new IllegalArgumentException("--chip h2rg:SIZE,REFCOLS,AMPS,BORDER, not " + spec);
            }
            chip = H2rgLayout.chip("detector", Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()),
                    Integer.parseInt(p[2].trim()), Integer.parseInt(p[3].trim()), H2rgLayout.H2RG_PIXEL_MICRONS);
        } else {
            throw new IllegalArgumentException("--chip must be auto, simple, apogee or h2rg:SIZE,REFCOLS,AMPS,BORDER,"
                    + " not " + spec);
        }
        if (chip.width() != width || chip.height() != height) {
            throw new DrpException(CalibErrorCode.CALIB_SHAPE_MISMATCH, Location.file(file).keyword("NAXIS"),
                    "image is " + width + "x" + height + " but chip '" + spec + "' is " + chip.width() + "x"
                            + chip.height());
        }
        return chip;
    }

    /** @return a primary header for a product: type, the first input's identity keywords and the input list */
    static Header.Builder productHeader(String type, Header firstInput, Iterable<Path> inputs) {
        Header.Builder b = Header.builder().add("ORIGIN", "drpkit", "written by drpkit")
                .add("PRODTYPE", type, "calibration product type");
        for (String k : IDENTITY) {
            firstInput.find(k).filter(c -> c.value() != null).ifPresent(c -> b.add(Card.of(c.keyword(), c.value(),
                    c.comment())));
        }
        for (Path p : inputs) {
            b.history("input: " + p.getFileName());
        }
        return b;
    }
}
