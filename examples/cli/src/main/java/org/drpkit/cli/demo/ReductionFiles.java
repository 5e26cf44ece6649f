package org.drpkit.cli.demo;

import java.nio.file.Path;
import org.drpkit.algorithms.extract.ExtractionResult;
import org.drpkit.algorithms.extract.FibreFlat;
import org.drpkit.algorithms.ramp.RampResult;
import org.drpkit.algorithms.trace.LineSpread;
import org.drpkit.algorithms.trace.TraceErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.image.Spectra;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.PixelType;

/**
 * The file layouts of the 2D reduction products, written atomically. One place, so the CLI commands, the demo and
 * users read and write the same extensions:
 * <ul>
 *   <li>rate (ar2D): {@code RATE} (float32, DN/read), {@code IVAR} (float32, (DN/read)^-2), {@code CHI2}
 *       (float32), {@code FLAGS} (int32 PixelFlag/ExtraFlag bits), {@code JUMPS} (int32), {@code LASTDIFF} (int32),
 *       {@code VAR_POISSON} and {@code VAR_RNOISE} (float32, (DN/read)^2, summing to 1/IVAR);
 *   <li>dark: {@code DARK}, {@code IVAR}, {@code FLAGS};
 *   <li>flat: {@code FLAT}, {@code IVAR}, {@code MODEL} (the illumination), {@code FLAGS};
 *   <li>calibrated (ar2Dcal): {@code FLUX}, {@code IVAR}, {@code FLAGS};
 *   <li>extracted spectra (ar1D): {@code FLUX}, {@code IVAR} (float32, one row per trace), {@code MASK} (int32),
 *       {@code FIBRE} (int32, the fibre number of each row), and optionally {@code MODEL} and {@code RESID} (float32,
 *       the 2D model of the image and image minus model), and, when a fibre map is given, {@code FIBERMAP} (a binary
 *       table: FIBRE, TYPE, CODE, CATEGORY, TARGET, RA, DEC per row). Traces have their own file ({@code TraceFiles});
 *   <li>line-spread function: {@code SIGMA}, {@code ERROR} (float64, px; NAXIS1 = regions, NAXIS2 = fibres; the
 *       Gauss-Hermite sigma along x), {@code H3}, {@code H4} (float64, the Gauss-Hermite shape; files written before
 *       them read as Gaussian), {@code NLINES} and {@code FIBRE} (int32); primary {@code NREGION}, {@code NPIXEL}
 *       (the regions split the columns {@code [0, NPIXEL)} equally);
 *   <li>fibre flat: {@code RELATIVE}, {@code ERROR} (float64, one per fibre: throughput relative to the median
 *       fibre and its error) and {@code FIBRE} (int32).
 * </ul>
 *
 * <pre>{@code
 * ReductionFiles.writeRate(out, primary, result, false);
 * }</pre>
 */
public final class ReductionFiles {

    private ReductionFiles() {
    }

    /**
     * Writes a rate product: the primary header, then RATE, IVAR, CHI2, FLAGS, JUMPS, LASTDIFF, VAR_POISSON and
     * VAR_RNOISE (the Poisson and read-noise parts of the rate's variance, as JWST rate products carry them).
     */
    public static void writeRate(Path out, Header primary, RampResult r, boolean overwrite) throws DrpException {
        FitsWriter.create().primary(primary)
                .image("RATE", Header.builder().add("BUNIT", "DN/read").build(), r.rate(), PixelType.FLOAT32)
                .image("IVAR", Header.builder().add("BUNIT", "(DN/read)^-2").build(), r.ivar(), PixelType.FLOAT32)
                .image("CHI2", Header.empty(), r.chi2(), PixelType.FLOAT32)
                .mask("FLAGS", Header.builder().add("COMMENT", "PixelFlag bits; bit 15: non-finite read").build(),
                        r.flags())
                .mask("JUMPS", Header.empty(), r.jumps())
                .mask("LASTDIFF", Header.empty(), r.lastDiff())
                .image("VAR_POISSON", Header.builder().add("BUNIT", "(DN/read)^2")
                        .add("COMMENT", "Poisson part of 1/IVAR, through the fit's weights").build(), r.varPoisson(),
                        PixelType.FLOAT32)
                .image("VAR_RNOISE", Header.builder().add("BUNIT", "(DN/read)^2")
                        .add("COMMENT", "read-noise part of 1/IVAR, through the fit's weights").build(), r.varRead(),
                        PixelType.FLOAT32)
                .write(out, overwrite);
    }

    /** Writes a dark product: the primary header, then DARK (with {@code darkExtension}'s cards), IVAR, FLAGS. */
    public static void writeDark(Path out, Header primary, Header darkExtension, MaskedImage dark, boolean overwrite)
            throws DrpException {
        FitsWriter.create().primary(primary)
                .image("DARK", darkExtension, dark.flux(), PixelType.FLOAT32)
                .image("IVAR", Header.empty(), dark.ivar(), PixelType.FLOAT32)
                .mask("FLAGS", Header.empty(), dark.mask())
                .write(out, overwrite);
    }

    /** Writes a flat product: the primary header, then FLAT, IVAR, MODEL (the illumination), FLAGS. */
    public static void writeFlat(Path out, Header primary, MaskedImage flat, Image model, boolean overwrite)
            throws DrpException {
        FitsWriter.create().primary(primary)
                .image("FLAT", Header.empty(), flat.flux(), PixelType.FLOAT32)
                .image("IVAR", Header.empty(), flat.ivar(), PixelType.FLOAT32)
                .image("MODEL", Header.empty(), model, PixelType.FLOAT32)
                .mask("FLAGS", Header.empty(), flat.mask())
                .write(out, overwrite);
    }

    /** Writes a calibrated product: the primary header, then FLUX (with {@code fluxExtension}'s cards), IVAR, FLAGS. */
    public static void writeCalibrated(Path out, Header primary, Header fluxExtension, MaskedImage cal,
            boolean overwrite) throws DrpException {
        FitsWriter.create().primary(primary)
                .image("FLUX", fluxExtension, cal.flux(), PixelType.FLOAT32)
                .image("IVAR", Header.empty(), cal.ivar(), PixelType.FLOAT32)
                .mask("FLAGS", Header.empty(), cal.mask())
                .write(out, overwrite);
    }

    /**
     * Writes extracted spectra: the primary header, then FLUX, IVAR, MASK, FIBRE and, when given, MODEL and RESID.
     *
     * @param r      the extraction
     * @param fibres fibre number of each spectrum row
     * @param images also write the 2D model and residual (when the extraction has them)
     */
    public static void writeSpectra(Path out, Header primary, ExtractionResult r, int[] fibres, boolean images,
            boolean overwrite) throws DrpException {
        writeSpectra(out, primary, r, fibres, images, java.util.List.of(), overwrite);
    }

    /**
     * As {@link #writeSpectra(Path, Header, ExtractionResult, int[], boolean, boolean)}, with a {@code FIBERMAP}
     * binary table after FIBRE: which target of which type each row's fibre saw ({@code FibreMaps.table}: FIBRE,
     * TYPE, CODE, CATEGORY, TARGET, RA, DEC).
     *
     * @param fibreMap the fibre of each spectrum row ({@code FibreMap.forRows}), or empty for no table
     * @throws IllegalArgumentException when {@code fibreMap} is given with another row count or other fibre numbers
     */
    public static void writeSpectra(Path out, Header primary, ExtractionResult r, int[] fibres, boolean images,
            java.util.List<org.drpkit.archive.almanac.FibreMap.Fibre> fibreMap, boolean overwrite)
            throws DrpException {
        FitsWriter w = FitsWriter.create().primary(primary).spectra(r.spectra())
                .mask("FIBRE", Header.builder().comment("fibre number of each spectrum row").build(),
                        Mask.of(fibres.length, 1, fibres));
        if (!fibreMap.isEmpty()) {
            for (int i = 0; i < fibres.length; i++) {
                if (fibreMap.size() != fibres.length || fibreMap.get(i).fibre() != fibres[i]) {
                    throw new IllegalArgumentException("the fibre map's rows must be the spectra's fibres "
                            + java.util.Arrays.toString(fibres));
                }
            }
            w.table("FIBERMAP", Header.builder().comment("target and type of each spectrum row's fibre").build(),
                    org.drpkit.archive.almanac.FibreMaps.table(fibreMap));
        }
        if (images && r.model().isPresent() && r.residual().isPresent()) {
            w.image("MODEL", Header.empty(), r.model().get(), PixelType.FLOAT32)
                    .image("RESID", Header.empty(), r.residual().get(), PixelType.FLOAT32);
        }
        w.write(out, overwrite);
    }

    /**
     * Writes a line-spread-function product: the primary header plus NREGION and NPIXEL, then SIGMA, ERROR, NLINES,
     * FIBRE.
     */
    public static void writeLsf(Path out, Header primary, LineSpread.Result lsf, boolean overwrite)
            throws DrpException {
        Header px = Header.builder().add("BUNIT", "pixel").build();
        FitsWriter.create().primary(primary.toBuilder().add("NREGION", (long) lsf.regions(), "equal column ranges")
                        .add("NPIXEL", (long) lsf.pixels(), "pixels the regions split").build())
                .doubleImage("SIGMA", px, lsf.regions(), lsf.fibres().length, lsf.sigma())
                .doubleImage("ERROR", px, lsf.regions(), lsf.fibres().length, lsf.error())
                .doubleImage("H3", Header.empty(), lsf.regions(), lsf.fibres().length, lsf.h3())
                .doubleImage("H4", Header.empty(), lsf.regions(), lsf.fibres().length, lsf.h4())
                .mask("NLINES", Header.empty(), Mask.of(lsf.regions(), lsf.fibres().length, lsf.lines()))
                .mask("FIBRE", Header.empty(), Mask.of(lsf.fibres().length, 1, lsf.fibres()))
                .write(out, overwrite);
    }

    /**
     * Reads a line-spread function product written by {@link #writeLsf}.
     *
     * @throws DrpException {@code FITS_*} for an unreadable file or a missing extension, {@code TRACE_SHAPE_MISMATCH}
     *                      when the extensions do not hold NREGION x fibres values
     */
    public static LineSpread.Result readLsf(Path file) throws DrpException {
        try (FitsReader r = FitsReader.open(file)) {
            Header primary = r.hdus().get(0).header();
            int regions = primary.requireInt("NREGION");
            int pixels = primary.requireInt("NPIXEL");
            int[] fibres = r.readMask("FIBRE").toArray();
            double[] sigma = r.readDoubles("SIGMA");
            double[] error = r.readDoubles("ERROR");
            int[] lines = r.readMask("NLINES").toArray();
            int m = fibres.length * regions;
            double[] h3 = r.find("H3").isPresent() ? r.readDoubles("H3") : new double[m];
            double[] h4 = r.find("H4").isPresent() ? r.readDoubles("H4") : new double[m];
            if (regions < 1 || sigma.length != m || error.length != m || lines.length != m || h3.length != m
                    || h4.length != m) {
                throw new DrpException(TraceErrorCode.TRACE_SHAPE_MISMATCH,
                        Location.file(file.toString()), "an LSF of " + fibres.length
                        + " fibres x " + regions + " regions needs " + m + " values per extension, SIGMA has "
                        + sigma.length + ", NLINES " + lines.length);
            }
            return new LineSpread.Result(fibres, regions, pixels, sigma, error, h3, h4, lines);
        }
    }

    /**
     * An extracted-spectra product as read back: the spectra, the fibre number of each row and the primary header.
     *
     * @param spectra flux, ivar and mask per fibre and column
     * @param fibres  fibre number of each row
     * @param primary the primary header
     */
    public record ExtractedSpectra(Spectra spectra, int[] fibres, Header primary) {
        @Override
        public String toString() {
            return "ExtractedSpectra[" + spectra.fibres() + " fibres x " + spectra.pixels() + " px]";
        }
    }

    /**
     * Reads an extracted-spectra product written by {@link #writeSpectra}.
     *
     * @throws DrpException {@code FITS_*} for an unreadable file or a missing extension, {@code TRACE_SHAPE_MISMATCH}
     *                      when FIBRE does not name every row
     */
    public static ExtractedSpectra readSpectra(Path file) throws DrpException {
        try (FitsReader r = FitsReader.open(file)) {
            Spectra s = r.readSpectra();
            int[] fibres = r.readMask("FIBRE").toArray();
            if (fibres.length != s.fibres()) {
                throw new DrpException(TraceErrorCode.TRACE_SHAPE_MISMATCH, Location.file(file.toString()),
                        "FIBRE names " + fibres.length + " fibres for " + s.fibres() + " spectra");
            }
            return new ExtractedSpectra(s, fibres, r.hdus().get(0).header());
        }
    }

    /**
     * Writes a fibre-flat product: the primary header, then RELATIVE and ERROR (float64, one value per fibre: the
     * throughput relative to the median fibre and its 1-sigma error) and FIBRE (int32).
     */
    public static void writeFibreFlat(Path out, Header primary, FibreFlat.Throughput t, boolean overwrite)
            throws DrpException {
        FitsWriter.create().primary(primary)
                .doubleImage("RELATIVE", Header.empty(), t.fibres().length, 1, t.relative())
                .doubleImage("ERROR", Header.empty(), t.fibres().length, 1, t.error())
                .mask("FIBRE", Header.empty(), Mask.of(t.fibres().length, 1, t.fibres()))
                .write(out, overwrite);
    }
}
