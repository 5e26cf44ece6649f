package org.drpkit.instruments.apogee;

import org.drpkit.core.id.ExposureKey;

/**
 * Paths (relative to the output root) of the APOGEE products that are not per-exposure tuples (apogee-drp 1.3 and
 * 1.5): nightly wavelength solutions, traces, fluxing, calibration stacks and run lists. Per-exposure products are
 * {@link ApogeeProduct}s.
 *
 * <pre>{@code
 * ApogeeNames.darkRate(ApogeeSite.APO, ApogeeChip.R, 59500, 59600);   // darks/darkRate_apo_R_59500_59600.h5
 * ApogeeNames.traceMain(ApogeeSite.LCO, 60768, ApogeeChip.G);         // apred/60768/traceMain_lco_60768_G.h5
 * }</pre>
 */
public final class ApogeeNames {

    private ApogeeNames() {
    }

    /** @return {@code apredrelflux/<mjd>/<name>}: ar1D or ar1Dcal of a flat extracted without relative fluxing */
    public static String withoutRelFlux(ApogeeProduct product, ExposureKey key, String imageType) {
        return "apredrelflux/" + key.mjd() + "/" + product.fileName(key, imageType);
    }

    /** @return {@code apred/<mjd>/waveCalFPI_<tele>_<mjd>_arclamp.h5}, the night's FPI wavelength solution */
    public static String waveCalFpi(ApogeeSite site, int mjd) {
        return "apred/" + mjd + "/waveCalFPI_" + site.code() + "_" + mjd + "_arclamp.h5";
    }

    /** @return {@code wavecal/wavecalNightAve_<tele>_<mjd>.h5}, the night-averaged wavelength solution */
    public static String wavecalNightAverage(ApogeeSite site, int mjd) {
        return "wavecal/wavecalNightAve_" + site.code() + "_" + mjd + ".h5";
    }

    /**
     * @param quartz true for a quartz flat, false for a dome flat
     * @return {@code <quartz|dome>_flats/<mjd>/<quartz|dome>Trace_<tele>_<mjd>_<exp>_<chip>.h5}
     */
    public static String flatTrace(boolean quartz, ExposureKey key) {
        String kind = quartz ? "quartz" : "dome";
        return kind + "_flats/" + key.mjd() + "/" + kind + "Trace_" + key.telescope() + "_" + key.mjd() + "_"
                + key.exposureText() + "_" + key.chip() + ".h5";
    }

    /** @return {@code apred/<mjd>/traceMain_<tele>_<mjd>_<chip>.h5}, the night's chosen trace */
    public static String traceMain(ApogeeSite site, int mjd, ApogeeChip chip) {
        return "apred/" + mjd + "/traceMain_" + site.code() + "_" + mjd + "_" + chip + ".h5";
    }

    /** @return {@code dome_flats/<mjd>/domeFlux_<tele>_<mjd>_<exp>_<chip>_domeflat_<cartid>.h5} */
    public static String domeFlux(ExposureKey key, int cartId) {
        return "dome_flats/" + key.mjd() + "/domeFlux_" + key.telescope() + "_" + key.mjd() + "_" + key.exposureText()
                + "_" + key.chip() + "_domeflat_" + cartId + ".h5";
    }

    /** @return {@code apred/<mjd>/relFlux_<tele>_<mjd>_<exp>_<chip>.h5}, the link to the dome flux used */
    public static String relFlux(ExposureKey key) {
        return "apred/" + key.mjd() + "/relFlux_" + key.telescope() + "_" + key.mjd() + "_" + key.exposureText() + "_"
                + key.chip() + ".h5";
    }

    /** @return {@code darks/darkRate_<tele>_<chip>_<mjdStart>_<mjdEnd>.h5}, a dark stack valid over the nights */
    public static String darkRate(ApogeeSite site, ApogeeChip chip, int mjdStart, int mjdEnd) {
        return "darks/darkRate_" + site.code() + "_" + chip + "_" + mjdStart + "_" + mjdEnd + ".h5";
    }

    /** @return {@code flats/flatFraction_<tele>_<chip>_<mjdStart>_<mjdEnd>.h5}, a pixel flat valid over the nights */
    public static String flatFraction(ApogeeSite site, ApogeeChip chip, int mjdStart, int mjdEnd) {
        return "flats/flatFraction_" + site.code() + "_" + chip + "_" + mjdStart + "_" + mjdEnd + ".h5";
    }

    /** @return {@code almanac/runlist_<name>.h5} */
    public static String runlist(String name) {
        return "almanac/runlist_" + safe(name) + ".h5";
    }

    /**
     * @param quartz true for quartz flats, false for dome flats
     * @return {@code almanac/valid_<quartz|dome>flats4fluxing_<run>.h5}
     */
    public static String validFlatsForFluxing(boolean quartz, String run) {
        return "almanac/valid_" + (quartz ? "quartz" : "dome") + "flats4fluxing_" + safe(run) + ".h5";
    }

    private static String safe(String s) {
        if (!s.matches("[A-Za-z0-9_.-]+") || s.contains("..")) {
            throw new IllegalArgumentException("name must be letters, digits, '_', '.', '-': " + s);
        }
        return s;
    }
}
