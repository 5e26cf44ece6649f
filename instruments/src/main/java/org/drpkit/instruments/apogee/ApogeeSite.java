package org.drpkit.instruments.apogee;

import java.util.Locale;
import java.util.Optional;

/**
 * The two APOGEE spectrographs: APOGEE-N at Apache Point ({@code apo}, raw files {@code apR-...}) and APOGEE-S at
 * Las Campanas ({@code lco}, raw files {@code asR-...}).
 *
 * <pre>{@code
 * ApogeeSite.APO.sjd(60000.75);   // 60001: SJD = floor(MJD + 0.3)
 * }</pre>
 */
public enum ApogeeSite {
    /** APOGEE-N on the SDSS 2.5 m telescope at Apache Point. */
    APO("apo", "apR", "apo25m", 0.3, 1),
    /** APOGEE-S on the du Pont 2.5 m telescope at Las Campanas. */
    LCO("lco", "asR", "lco25m", 0.4, 2);

    private final String code;
    private final String rawPrefix;
    private final String telescope;
    private final double sjdOffset;
    private final int index;

    ApogeeSite(String code, String rawPrefix, String telescope, double sjdOffset, int index) {
        this.code = code;
        this.rawPrefix = rawPrefix;
        this.telescope = telescope;
        this.sjdOffset = sjdOffset;
        this.index = index;
    }

    /** @return {@code apo} or {@code lco}, the telescope field of product names and {@code ExposureKey} */
    public String code() {
        return code;
    }

    /** @return {@code apR} or {@code asR} */
    public String rawPrefix() {
        return rawPrefix;
    }

    /** @return the TELESCOP value, {@code apo25m} or {@code lco25m} */
    public String telescope() {
        return telescope;
    }

    /** @return 1 for APO, 2 for LCO (the two-site fibre index uses it) */
    public int index() {
        return index;
    }

    /** @return the night: SJD = floor(MJD + 0.3) at APO, floor(MJD + 0.4) at LCO */
    public int sjd(double mjd) {
        return (int) Math.floor(mjd + sjdOffset);
    }

    /** @return the site whose code, raw prefix or TELESCOP value this is (case-insensitive) */
    public static Optional<ApogeeSite> of(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (ApogeeSite s : values()) {
            if (t.equals(s.code) || t.equals(s.rawPrefix.toLowerCase(Locale.ROOT)) || t.equals(s.telescope)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
