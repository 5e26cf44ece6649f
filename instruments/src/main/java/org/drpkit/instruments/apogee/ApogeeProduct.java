package org.drpkit.instruments.apogee;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.id.ExposureKey;

/**
 * The per-exposure reduction products (apogee-drp 1.3), named by the tuple
 * {@code <fnameType>_<tele>_<mjd>_<expnum4>[_<chip>]_<image_type>.h5} and stored in {@code apred/<mjd>/}.
 * Products that combine the chips drop the chip field. Night and calibration products with other patterns are in
 * {@link ApogeeNames}.
 *
 * <pre>{@code
 * ApogeeProduct.AR2D.fileName(new ExposureKey("apo", 60000, "R", 12), "object");   // ar2D_apo_60000_0012_R_object.h5
 * ApogeeProduct.AR1DUNICAL.path(key, "object");   // apred/60000/ar1Dunical_apo_60000_0012_object.h5
 * }</pre>
 */
public enum ApogeeProduct {
    /** Zero-pointed read cube and 2D products (optional). */
    AR3DCAL("ar3Dcal", true),
    /** Up-the-ramp rate image, DN/read. */
    AR2D("ar2D", true),
    /** Rate after dark and flat, with the pixel mask. */
    AR2DCAL("ar2Dcal", true),
    /** Extraction residuals of ar2D. */
    AR2DRESIDUALS("ar2Dresiduals", true),
    /** Extraction residuals of ar2Dcal. */
    AR2DRESIDUALSCAL("ar2Dresidualscal", true),
    /** Extracted spectra of ar2D (fibre x pixel). */
    AR1D("ar1D", true),
    /** Extracted spectra of ar2Dcal. */
    AR1DCAL("ar1Dcal", true),
    /** The three chips resampled onto the log-uniform grid. */
    AR1DUNI("ar1Duni", false),
    /** The calibrated chips resampled onto the log-uniform grid. */
    AR1DUNICAL("ar1Dunical", false),
    /** Sky-line peak fits. */
    SKY_LINE_PEAKS("skyLinePeaks", true),
    /** Fabry-Perot peak fits. */
    FPI_PEAKS("fpiPeaks", true),
    /** Arc-lamp peak fits. */
    ARCLAMP_PEAKS("arclampPeaks", true),
    /** Per-exposure sky-line wavelength solution. */
    WAVECAL_SKY_LINE("waveCalSkyLine", false),
    /** Nightly sky wavelength solution with this exposure's dither. */
    WAVECAL_NIGHT_SKY_DITHER("waveCalNightskyDither", false),
    /** Nightly FPI wavelength solution with this exposure's dither. */
    WAVECAL_NIGHT_FPI_DITHER("waveCalNightfpiDither", false);

    private static final Pattern TUPLE = Pattern.compile(
            "([A-Za-z0-9]+)_([a-z0-9]+)_(\\d+)_(\\d{4})(?:_([RGB]))?_([A-Za-z0-9]+)\\.h5");

    private final String type;
    private final boolean perChip;

    ApogeeProduct(String type, boolean perChip) {
        this.type = type;
        this.perChip = perChip;
    }

    /** @return the name's first field, e.g. {@code ar2Dcal} */
    public String fnameType() {
        return type;
    }

    /** @return true when the name carries the chip */
    public boolean perChip() {
        return perChip;
    }

    /**
     * @param imageType the exposure's image type, e.g. {@code object} (see {@link Apogee#imageType})
     * @return the file name
     */
    public String fileName(ExposureKey key, String imageType) {
        Objects.requireNonNull(imageType, "imageType");
        if (!imageType.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("image type must be letters and digits: " + imageType);
        }
        return type + "_" + key.telescope() + "_" + key.mjd() + "_" + key.exposureText()
                + (perChip ? "_" + key.chip() : "") + "_" + imageType + ".h5";
    }

    /** @return {@code apred/<mjd>/<file name>} (ar1D and ar1Dcal extracted without relative fluxing go to {@link ApogeeNames#withoutRelFlux}) */
    public String path(ExposureKey key, String imageType) {
        return "apred/" + key.mjd() + "/" + fileName(key, imageType);
    }

    /**
     * The parts of a tuple product name.
     *
     * @param product   the product
     * @param key       telescope, night, chip ({@code "X"} for chip-combined products) and exposure
     * @param imageType the image type
     */
    public record Name(ApogeeProduct product, ExposureKey key, String imageType) {
    }

    /**
     * Parses a tuple product name.
     *
     * @throws DrpException {@code APOGEE_NAME_INVALID}
     */
    public static Name parse(String fileName) throws DrpException {
        Matcher m = TUPLE.matcher(fileName == null ? "" : fileName.trim());
        if (m.matches()) {
            Optional<ApogeeProduct> p = ofType(m.group(1));
            if (p.isPresent() && p.get().perChip == (m.group(5) != null)) {
                String chip = m.group(5) == null ? "X" : m.group(5);
                return new Name(p.get(), new ExposureKey(m.group(2), Integer.parseInt(m.group(3)), chip,
                        Integer.parseInt(m.group(4))), m.group(6));
            }
        }
        throw new DrpException(ApogeeErrorCode.APOGEE_NAME_INVALID, Location.file(fileName),
                "not an APOGEE product name <type>_<tele>_<mjd>_<exp>[_<chip>]_<imagetype>.h5");
    }

    /** @return the product with this fnameType */
    public static Optional<ApogeeProduct> ofType(String fnameType) {
        for (ApogeeProduct p : values()) {
            if (p.type.equals(fnameType)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
