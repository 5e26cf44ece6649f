package org.drpkit.archive.almanac;

import java.util.Locale;

/**
 * What a fibre saw (apogee-drp 2.13): the category of its fibre-map row mapped as upstream maps it. {@code science} is
 * {@link #SCIENCE}; {@code sky_apogee}, {@code sky_boss} and the plate era's {@code sky} are {@link #SKY};
 * {@code standard_apogee} and {@code standard} are {@link #TELLURIC}; a fibre the map does not list is {@link #UNUSED};
 * every fibre of a non-object exposure is {@link #CALIBRATION}; any other category is {@link #UNKNOWN} (upstream's
 * {@code fiberTypeFail}), its category kept.
 */
public enum FibreType {
    /** A science target. */
    SCIENCE("sci"),
    /** Blank sky. */
    SKY("sky"),
    /** A telluric standard (hot star). */
    TELLURIC("tel"),
    /** No target: the map does not list the fibre. */
    UNUSED("unused"),
    /** A calibration exposure: every fibre sees the lamp or the dark. */
    CALIBRATION("cal"),
    /** A category the mapping does not know. */
    UNKNOWN("fiberTypeFail");

    private final String code;

    FibreType(String code) {
        this.code = code;
    }

    /** @return upstream's short code ({@code sci}, {@code sky}, {@code tel}, {@code cal}, ...) */
    public String code() {
        return code;
    }

    /** @return the type of a fibre-map category (any case) */
    public static FibreType ofCategory(String category) {
        return switch (category.trim().toLowerCase(Locale.ROOT)) {
            case "science" -> SCIENCE;
            case "sky", "sky_apogee", "sky_boss" -> SKY;
            case "standard", "standard_apogee" -> TELLURIC;
            default -> UNKNOWN;
        };
    }
}
