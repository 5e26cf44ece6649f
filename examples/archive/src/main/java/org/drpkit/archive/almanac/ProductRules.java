package org.drpkit.archive.almanac;

import java.util.List;
import java.util.Locale;

/**
 * The products a reduced night must hold, per instrument, chosen by its name. APOGEE's are the names drpkit's
 * reduction writes (the demo night, {@code drpkit ramp}/{@code calibrate}/{@code extract} with upstream's product
 * names, apogee-drp 1.3, as FITS): a rate image {@code ar2D} for every exposure of every runlist and every chip; a
 * calibrated image {@code ar2Dcal} and extracted spectra {@code ar1D} for every science exposure and chip; extracted
 * spectra {@code ar1D} of every arc; per chip, the dark stack when the night has darks, the pixel flat when it has
 * internal flats and the traces ({@code traceMain}) when it has quartz flats. Other instruments have no product rules
 * yet (the archive's level-0 products are checked by its own ingest).
 *
 * <pre>{@code
 * ProductRules.forInstrument("APOGEE").rules().get(0);   // ramp: apred/{night}/ar2D_... per exposure of every runlist
 * }</pre>
 *
 * @param instrument the instrument ({@code *} for none)
 * @param rules      the rules, in stage order
 */
public record ProductRules(String instrument, List<ProductRule> rules) {

    /** Copies the list. */
    public ProductRules {
        rules = List.copyOf(rules);
    }

    /** @return APOGEE's rules for {@code APOGEE} (any case), else none */
    public static ProductRules forInstrument(String name) {
        return name.toUpperCase(Locale.ROOT).startsWith("APOGEE") ? apogee() : new ProductRules("*", List.of());
    }

    /** @return the products of an APOGEE night as drpkit writes them */
    public static ProductRules apogee() {
        String apred = "apred/{night}/";
        return new ProductRules("APOGEE", List.of(
                ProductRule.perExposure("ramp", apred + "ar2D_{tele}_{night}_{exp4}_{chip}_{type}.fits"),
                ProductRule.perNight("dark", "darks/darkRate_{tele}_{chip}_{night}_{night}.fits", "darks"),
                ProductRule.perNight("flat", "flats/flatFraction_{tele}_{chip}_{night}_{night}.fits", "internalflats"),
                ProductRule.perExposure("calibrated", apred + "ar2Dcal_{tele}_{night}_{exp4}_{chip}_{type}.fits",
                        "science"),
                ProductRule.perNight("traces", apred + "traceMain_{tele}_{night}_{chip}.fits", "quartzflats"),
                ProductRule.perExposure("extracted", apred + "ar1D_{tele}_{night}_{exp4}_{chip}_{type}.fits",
                        "science", "arcs")));
    }
}
