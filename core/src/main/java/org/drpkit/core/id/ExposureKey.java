package org.drpkit.core.id;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;

/**
 * Identifies one APOGEE product per detector: telescope, night, chip and exposure.
 *
 * <pre>{@code
 * ExposureKey k = new ExposureKey("apo", 60000, "R", 12);
 * k.toString();                         // "apo/60000/R/0012"
 * ExposureKey.parse("apo/60000/R/0012") // the same key
 * k.withChip("G");                      // apo/60000/G/0012
 * }</pre>
 *
 * @param telescope observatory name in lower case, e.g. {@code apo} or {@code lco}
 * @param mjd       the integer night (SJD/MJD) of the exposure, at least 0
 * @param chip      chip name, e.g. {@code R}, {@code G}, {@code B}
 * @param exposure  exposure number within the night, 0..9999
 */
public record ExposureKey(String telescope, int mjd, String chip, int exposure) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+");
    private static final Pattern CHIP = Pattern.compile("[A-Za-z0-9]+");
    private static final Pattern TEXT = Pattern.compile("([a-z0-9]+)/(\\d{1,7})/([A-Za-z0-9]+)/(\\d{1,4})");

    /** Validates every part. */
    public ExposureKey {
        if (telescope == null || !NAME.matcher(telescope).matches()) {
            throw new IllegalArgumentException("telescope must be lower-case letters or digits: " + telescope);
        }
        if (mjd < 0 || mjd > 9_999_999) {
            throw new IllegalArgumentException("mjd out of range: " + mjd);
        }
        if (chip == null || !CHIP.matcher(chip).matches()) {
            throw new IllegalArgumentException("chip must be letters or digits: " + chip);
        }
        if (exposure < 0 || exposure > 9999) {
            throw new IllegalArgumentException("exposure number must be 0..9999: " + exposure);
        }
    }

    /**
     * Parses the {@link #toString()} form {@code telescope/mjd/chip/exposure}.
     *
     * @throws DrpException {@code EXPOSURE_KEY_INVALID} when the text does not have that form
     */
    public static ExposureKey parse(String text) throws DrpException {
        Matcher m = TEXT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new DrpException(CoreErrorCode.EXPOSURE_KEY_INVALID, Location.NOWHERE,
                    "'" + text + "' is not telescope/mjd/chip/exposure");
        }
        return new ExposureKey(m.group(1), Integer.parseInt(m.group(2)), m.group(3), Integer.parseInt(m.group(4)));
    }

    /** @return the same exposure on another chip */
    public ExposureKey withChip(String otherChip) {
        return new ExposureKey(telescope, mjd, otherChip, exposure);
    }

    /** @return the exposure number zero-padded to 4 digits, as used in product names */
    public String exposureText() {
        return String.format("%04d", exposure);
    }

    @Override
    public String toString() {
        return telescope + "/" + mjd + "/" + chip + "/" + exposureText();
    }
}
