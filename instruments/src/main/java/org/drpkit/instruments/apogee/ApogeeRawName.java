package org.drpkit.instruments.apogee;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.id.ExposureKey;

/**
 * The name of one APOGEE raw file, {@code <apR|asR>-<a|b|c>-<EXPSTR>.apz}, where the 8-digit
 * {@code EXPSTR = (SJD - 55562) * 10000 + exposure}.
 *
 * <pre>{@code
 * ApogeeRawName n = ApogeeRawName.parse("apR-a-10250049.apz");
 * n.sjd();          // 56587
 * n.key();          // apo/56587/R/0049
 * n.path(root);     // root/apo/56587/apR-a-10250049.apz
 * }</pre>
 *
 * @param site     the spectrograph
 * @param chip     the detector
 * @param expstr   the exposure string, 8 digits
 */
public record ApogeeRawName(ApogeeSite site, ApogeeChip chip, int expstr) {

    /** The SJD at which exposure strings start counting. */
    public static final int SJD_ZERO = 55562;

    private static final Pattern NAME = Pattern.compile("(apR|asR)-([abc])-(\\d{8})\\.(apz|fits)");

    /** Checks the parts. */
    public ApogeeRawName {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(chip, "chip");
        if (expstr < 0 || expstr > 99_999_999) {
            throw new IllegalArgumentException("EXPSTR must have 8 digits: " + expstr);
        }
    }

    /** @return the raw name of an exposure key */
    public static ApogeeRawName of(ExposureKey key) {
        ApogeeSite site = ApogeeSite.of(key.telescope()).orElseThrow(() -> new IllegalArgumentException(
                "not an APOGEE site: " + key.telescope()));
        ApogeeChip chip = ApogeeChip.valueOf(key.chip());
        return new ApogeeRawName(site, chip, (key.mjd() - SJD_ZERO) * 10000 + key.exposure());
    }

    /**
     * Parses a raw file name (a path is allowed; its last element is used).
     *
     * @throws DrpException {@code APOGEE_NAME_INVALID}
     */
    public static ApogeeRawName parse(String name) throws DrpException {
        // the last element by text, not Path.of: a header's FILENAME may hold a NUL or be "/" (found by fuzzing)
        String n = name == null ? "" : name.trim();
        n = n.substring(n.lastIndexOf('/') + 1);
        Matcher m = NAME.matcher(n);
        if (!m.matches()) {
            throw new DrpException(ApogeeErrorCode.APOGEE_NAME_INVALID, Location.file(name),
                    "not an APOGEE raw name <apR|asR>-<a|b|c>-<8 digits>.apz");
        }
        ApogeeSite site = ApogeeSite.of(m.group(1)).orElseThrow();
        ApogeeChip chip = ApogeeChip.ofLetter(m.group(2).charAt(0)).orElseThrow();
        return new ApogeeRawName(site, chip, Integer.parseInt(m.group(3)));
    }

    /** @return the night (SJD) */
    public int sjd() {
        return SJD_ZERO + expstr / 10000;
    }

    /** @return the exposure number within the night, 0..9999 */
    public int exposure() {
        return expstr % 10000;
    }

    /** @return {@code (site, sjd, chip, exposure)} */
    public ExposureKey key() {
        return new ExposureKey(site.code(), sjd(), chip.name(), exposure());
    }

    /** @return the EXPSTR as 8 digits */
    public String expstrText() {
        return String.format("%08d", expstr);
    }

    /** @return the file name, e.g. {@code apR-a-10250049.apz} */
    public String fileName() {
        return site.rawPrefix() + "-" + chip.letter() + "-" + expstrText() + ".apz";
    }

    /** @return {@code <rawRoot>/<site>/<SJD>/<file name>} */
    public Path path(Path rawRoot) {
        return rawRoot.resolve(site.code()).resolve(Integer.toString(sjd())).resolve(fileName());
    }

    @Override
    public String toString() {
        return fileName();
    }
}
