package org.drpkit.fits;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.drpkit.core.header.Card;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.SizeGuard;
import org.drpkit.core.image.Spectra;

/**
 * Readers of APOGEE's reduced spectrum products: visit spectra ({@code apVisit}: FLUX, ERROR, MASK, WAVELENGTH, SKY,
 * SKYERR, TELLURIC, TELERR, WCOEF, LSFCOEF, each chips x pixels) and star spectra ({@code apStar}: FLUX, ERROR, MASK
 * on a log-linear grid given by CRVAL1, CDELT1, NAXIS1).
 *
 * <p>HDUs are found by EXTNAME when the file names its HDUs; upstream's products name none, so then they are taken
 * by position (apVisit: 1 FLUX, 2 ERROR, 3 MASK, 4 WAVELENGTH, 5 SKY, 6 SKYERR, 7 TELLURIC, 8 TELERR, 9 WCOEF,
 * 10 LSFCOEF; apStar: 1 FLUX, 2 ERROR, 3 MASK). FLUX, ERROR, MASK (and WAVELENGTH for a visit) are required, the rest
 * optional. Sizes are checked against the reader's limit before anything is allocated.
 *
 * <pre>{@code
 * ApogeeVisit v = ApogeeSpectrumFiles.readVisit(Path.of("apVisit-2M00452143+1634446-0.fits"));
 * ApogeeStar s = ApogeeSpectrumFiles.readStar(Path.of("apStar-r6-2M03290406+3117075.fits"));
 * }</pre>
 */
public final class ApogeeSpectrumFiles {

    /** Extension names (and upstream's positions, 1-based after the primary, in this order for apVisit). */
    public static final String FLUX = "FLUX";
    /** 1-sigma error extension. */
    public static final String ERROR = "ERROR";
    /** Flag extension (APOGEE_PIXMASK bits). */
    public static final String MASK = "MASK";
    /** Wavelength extension (vacuum Angstrom per pixel). */
    public static final String WAVELENGTH = "WAVELENGTH";
    /** Sky extension. */
    public static final String SKY = "SKY";
    /** Sky error extension. */
    public static final String SKYERR = "SKYERR";
    /** Telluric extension. */
    public static final String TELLURIC = "TELLURIC";
    /** Telluric error extension. */
    public static final String TELERR = "TELERR";
    /** Line-spread-function coefficient extension. */
    public static final String LSFCOEF = "LSFCOEF";

    /**
     * APOGEE_PIXMASK bits that make a pixel of a reduced product unusable: BADPIX, CRPIX, SATPIX, UNFIXABLE,
     * BADDARK, BADFLAT, BADERR (bits 0..6). NOSKY, the persistence, sky-line and telluric bits are information and
     * are carried, not rejected.
     */
    public static final int PIXMASK_BAD_BITS = 0x7F;

    /** Inverse-variance extension of a resampled product (drpkit's addition to the apStar layout). */
    public static final String IVAR = "IVAR";
    /** The ERROR written where a pixel has no information (ivar 0), as upstream's products mark it. */
    public static final float NO_DATA_ERROR = 1e10f;

    private static final int VISIT_FLUX = 1;
    private static final int VISIT_LSFCOEF = 10;

    private ApogeeSpectrumFiles() {
    }

    /** Reads a visit spectrum with the default size limit; see {@link #readVisit(Path, long)}. */
    public static ApogeeVisit readVisit(Path path) throws DrpException {
        return readVisit(path, SizeGuard.defaultLimitBytes());
    }

    /**
     * Reads an apVisit product.
     *
     * <pre>{@code
     * ApogeeVisit v = ApogeeSpectrumFiles.readVisit(path, 512L << 20);   // 3 chips x 4096 px
     * v.chips();                                                          // for Resample.exposure
     * }</pre>
     *
     * @param path       the file
     * @param limitBytes the most bytes any one HDU's data may need in memory
     * @return flux, error, mask, wavelength per chip and the optional extensions
     * @throws DrpException {@code FITS_NO_SUCH_HDU} when FLUX, ERROR, MASK or WAVELENGTH is missing;
     *                      {@code FITS_WRONG_DATA} (naming the HDU and NAXIS keyword) when an extension's shape is not
     *                      FLUX's or a wavelength is not finite and positive; {@code SIZE_LIMIT_EXCEEDED}; the reader's
     *                      codes for unreadable files
     */
    public static ApogeeVisit readVisit(Path path, long limitBytes) throws DrpException {
        try (FitsReader r = FitsReader.open(path, limitBytes)) {
            boolean named = namesHdus(r);
            HduInfo fh = require(r, named, FLUX, VISIT_FLUX);
            Location at = Location.file(path.toString()).hdu(fh.index());
            if (fh.naxis() != 2 || fh.axis(1) < 2 || fh.axis(2) < 1) {
                throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, at.keyword("NAXIS"), "FLUX must be chips x "
                        + "pixels (NAXIS 2, at least 2 pixels), not NAXIS " + fh.naxis() + " " + fh.axis(1) + "x"
                        + fh.axis(2));
            }
            Image flux = r.readImage(fh.index());
            int px = flux.width();
            int chips = flux.height();
            float[] error = sameShape(r, require(r, named, ERROR, VISIT_FLUX + 1), px, chips);
            HduInfo mh = require(r, named, MASK, VISIT_FLUX + 2);
            requireShape(r, mh, px, chips);
            Mask mask = r.readMask(mh.index());
            HduInfo wh = require(r, named, WAVELENGTH, VISIT_FLUX + 3);
            requireShape(r, wh, px, chips);
            double[] wave = r.readDoubles(wh.index());
            for (int k = 0; k < wave.length; k++) {
                if (!(wave[k] > 0) || !Double.isFinite(wave[k])) {
                    throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, where(r, wh), "wavelength " + wave[k]
                            + " at chip " + k / px + ", pixel " + k % px + " is not a wavelength");
                }
            }
            Optional<float[]> sky = optional(r, named, SKY, VISIT_FLUX + 4, px, chips);
            Optional<float[]> skyErr = optional(r, named, SKYERR, VISIT_FLUX + 5, px, chips);
            Optional<float[]> tel = optional(r, named, TELLURIC, VISIT_FLUX + 6, px, chips);
            Optional<float[]> telErr = optional(r, named, TELERR, VISIT_FLUX + 7, px, chips);
            Optional<HduInfo> lh = find(r, named, LSFCOEF, VISIT_LSFCOEF);
            double[] lsf = null;
            int terms = 0;
            if (lh.isPresent()) {
                HduInfo h = lh.get();
                if (h.naxis() != 2 || h.axis(2) != chips || h.axis(1) < 1) {
                    throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, where(r, h).keyword("NAXIS2"), LSFCOEF
                            + " must hold one row of coefficients per chip (" + chips + "), not NAXIS " + h.naxis()
                            + " " + h.axis(1) + "x" + h.axis(2));
                }
                lsf = r.readDoubles(h.index());
                terms = (int) h.axis(1);
            }
            return new ApogeeVisit(path.toString(), r.headers().get(0), chips, px, flux.copy().array(), error,
                    mask.copy().array(), wave, sky, skyErr, tel, telErr, Optional.ofNullable(lsf), terms);
        }
    }

    /** Reads a star spectrum with the default size limit; see {@link #readStar(Path, long)}. */
    public static ApogeeStar readStar(Path path) throws DrpException {
        return readStar(path, SizeGuard.defaultLimitBytes());
    }

    /**
     * Reads the combined spectrum (row 0) of an apStar product and its log-linear grid.
     *
     * <pre>{@code
     * ApogeeStar s = ApogeeSpectrumFiles.readStar(path, 512L << 20);   // 8575 px from 10^4.179 A
     * LogGrid g = LogGrid.fromHeader(s.fluxHeader());                  // algorithms.resample
     * }</pre>
     *
     * @param path       the file
     * @param limitBytes the most bytes any one HDU's data may need in memory
     * @return flux, error and mask of row 0 and the grid
     * @throws DrpException {@code FITS_NO_SUCH_HDU} when FLUX, ERROR or MASK is missing; a header code when CRVAL1 or
     *                      CDELT1 is missing; {@code FITS_WRONG_DATA} naming the HDU and keyword when the axis is not
     *                      log-linear, the step is not positive, or shapes differ; the reader's codes
     */
    public static ApogeeStar readStar(Path path, long limitBytes) throws DrpException {
        try (FitsReader r = FitsReader.open(path, limitBytes)) {
            boolean named = namesHdus(r);
            HduInfo fh = require(r, named, FLUX, 1);
            Header h = fh.header();
            Location at = where(r, fh);
            if (fh.naxis() < 1 || fh.naxis() > 2 || fh.axis(1) < 2) {
                throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, at.keyword("NAXIS"), "FLUX must be one row of "
                        + "at least 2 pixels or rows x pixels, not NAXIS " + fh.naxis());
            }
            String ctype = h.getString("CTYPE1").orElse("LOG-LINEAR").trim();
            if (!ctype.equalsIgnoreCase("LOG-LINEAR")) {
                throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, at.keyword("CTYPE1"), "axis 1 is '" + ctype
                        + "', not LOG-LINEAR");
            }
            double crval = h.requireDouble("CRVAL1");
            double cdelt = h.requireDouble("CDELT1");
            double start = crval + (1 - h.getDouble("CRPIX1").orElse(1.0)) * cdelt;
            if (!(cdelt > 0) || !Double.isFinite(cdelt) || !Double.isFinite(start)) {
                throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, at.keyword("CDELT1"), "log10 step " + cdelt
                        + " from " + start + " is not a usable grid");
            }
            Image flux = r.readImage(fh.index());
            int px = flux.width();
            int rows = flux.height();
            float[] error = sameShape(r, require(r, named, ERROR, 2), px, rows);
            HduInfo mh = require(r, named, MASK, 3);
            requireShape(r, mh, px, rows);
            Mask mask = r.readMask(mh.index());
            return new ApogeeStar(path.toString(), r.headers().get(0), h, px, rows, start, cdelt,
                    Arrays.copyOf(flux.copy().array(), px), Arrays.copyOf(error, px),
                    Arrays.copyOf(mask.copy().array(), px));
        }
    }

    /**
     * Writes a visit spectrum in the apVisit layout (atomically: all or nothing at {@code target}): FLUX, ERROR,
     * MASK, WAVELENGTH and the optional SKY, SKYERR, TELLURIC, TELERR, LSFCOEF that {@code v} carries, with
     * EXTNAMEs when {@code named} (drpkit's files) or without (as upstream writes them: then the optional extensions
     * before the last one present are written as zeros so positions hold).
     *
     * <pre>{@code
     * ApogeeSpectrumFiles.writeVisit(Path.of("visit.fits"), visit, true, false);
     * }</pre>
     *
     * @throws DrpException {@code OUTPUT_EXISTS} or {@code WRITE_FAILED}
     */
    public static void writeVisit(Path target, ApogeeVisit v, boolean named, boolean overwrite) throws DrpException {
        int px = v.pixels();
        int chips = v.chipCount();
        FitsWriter w = FitsWriter.create().primary(v.primary());
        Header unit = Header.builder().add("BUNIT", "Flux (10^-17 erg/s/cm^2/Ang)").build();
        w.image(named ? FLUX : null, unit, Image.of(px, chips, v.flux()), PixelType.FLOAT32);
        w.image(named ? ERROR : null, unit, Image.of(px, chips, v.error()), PixelType.FLOAT32);
        w.mask(named ? MASK : null, Header.empty(), Mask.of(px, chips, v.mask()));
        w.doubleImage(named ? WAVELENGTH : null, Header.builder().add("BUNIT", "Wavelength (Ang)").build(), px, chips,
                v.wavelength());
        List<Optional<float[]>> extras = List.of(v.sky(), v.skyError(), v.telluric(), v.telluricError());
        String[] names = {SKY, SKYERR, TELLURIC, TELERR};
        boolean positional = !named && v.lsfCoefficients().isPresent();
        for (int k = 0; k < extras.size(); k++) {
            boolean later = extras.subList(k, extras.size()).stream().anyMatch(Optional::isPresent);
            if (extras.get(k).isPresent() || (!named && (later || positional))) {
                float[] a = extras.get(k).orElseGet(() -> new float[px * chips]);
                w.image(named ? names[k] : null, Header.empty(), Image.of(px, chips, a), PixelType.FLOAT32);
            }
        }
        if (v.lsfCoefficients().isPresent()) {
            if (!named) {
                w.doubleImage(null, Header.empty(), 1, chips, new double[chips]); // WCOEF's place
            }
            w.doubleImage(named ? LSFCOEF : null, Header.empty(), v.lsfTerms(), chips, v.lsfCoefficients().get());
        }
        w.write(target, overwrite);
    }

    /**
     * Writes spectra on a log-linear grid in the apStar layout (atomically): FLUX, ERROR ({@code 1/sqrt(ivar)}, or
     * {@link #NO_DATA_ERROR} where ivar is 0), MASK and IVAR, named, rows = fibres, each HDU with the grid's axis-1
     * cards. {@link #readStar} reads row 0 back.
     *
     * <pre>{@code
     * ApogeeSpectrumFiles.writeStar(Path.of("uni.fits"), primary, grid.fitsCards(), resampled.spectra(), false);
     * }</pre>
     *
     * @param primary   primary header cards; not modified
     * @param axisCards the grid's cards (CTYPE1 LOG-LINEAR, CRPIX1, CRVAL1, CDELT1, DC-FLAG)
     * @param spectra   fibres x grid pixels; not modified
     * @throws DrpException {@code OUTPUT_EXISTS} or {@code WRITE_FAILED}
     */
    public static void writeStar(Path target, Header primary, List<Card> axisCards, Spectra spectra,
            boolean overwrite) throws DrpException {
        int px = spectra.pixels();
        int rows = spectra.fibres();
        float[] ivar = spectra.ivar();
        float[] err = new float[ivar.length];
        for (int k = 0; k < ivar.length; k++) {
            err[k] = ivar[k] > 0 ? (float) (1 / Math.sqrt(ivar[k])) : NO_DATA_ERROR;
        }
        Header.Builder axis = Header.builder();
        axisCards.forEach(axis::add);
        Header h = axis.build();
        FitsWriter.create().primary(primary)
                .image(FLUX, h, Image.of(px, rows, spectra.flux()), PixelType.FLOAT32)
                .image(ERROR, h, Image.of(px, rows, err), PixelType.FLOAT32)
                .mask(MASK, h, Mask.of(px, rows, spectra.mask()))
                .image(IVAR, h, Image.of(px, rows, ivar), PixelType.FLOAT32)
                .write(target, overwrite);
    }

    private static boolean namesHdus(FitsReader r) {
        for (HduInfo h : r.hdus()) {
            if (h.index() > 0 && h.extname().isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static Optional<HduInfo> find(FitsReader r, boolean named, String name, int position) {
        if (named) {
            return r.find(name);
        }
        return position < r.hdus().size() && r.hdus().get(position).hasImage() ? Optional.of(r.hdus().get(position))
                : Optional.empty();
    }

    private static HduInfo require(FitsReader r, boolean named, String name, int position) throws DrpException {
        Optional<HduInfo> h = find(r, named, name, position);
        if (h.isEmpty()) {
            Location file = Location.file(r.path().toString());
            throw new DrpException(FitsErrorCode.FITS_NO_SUCH_HDU, named ? file.keyword("EXTNAME")
                    : file.hdu(position), named ? "no extension named " + name : "no image HDU " + position + " ("
                    + name + ") in a file whose HDUs have no EXTNAME");
        }
        return h.get();
    }

    private static Optional<float[]> optional(FitsReader r, boolean named, String name, int position, int px,
            int chips) throws DrpException {
        Optional<HduInfo> h = find(r, named, name, position);
        return h.isPresent() ? Optional.of(sameShape(r, h.get(), px, chips)) : Optional.empty();
    }

    private static float[] sameShape(FitsReader r, HduInfo h, int px, int rows) throws DrpException {
        requireShape(r, h, px, rows);
        return r.readImage(h.index()).copy().array();
    }

    private static void requireShape(FitsReader r, HduInfo h, int px, int rows) throws DrpException {
        long ny = h.naxis() >= 2 ? h.axis(2) : 1;
        if (h.naxis() < 1 || h.naxis() > 2 || h.axis(1) != px || ny != rows) {
            String name = h.extname().orElse("HDU " + h.index());
            throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, where(r, h).keyword(h.axis(1) != px ? "NAXIS1"
                    : "NAXIS2"), name + " is " + (h.naxis() >= 1 ? h.axis(1) : 0) + "x" + ny + ", FLUX is " + px
                    + "x" + rows);
        }
    }

    private static Location where(FitsReader r, HduInfo h) {
        return Location.file(r.path().toString()).hdu(h.index());
    }
}
