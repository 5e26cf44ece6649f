package org.drpkit.fits.validate;

/**
 * What the validator understood of one HDU.
 *
 * @param index       HDU index, 0 = primary
 * @param type        {@code PRIMARY}, or the XTENSION value ({@code IMAGE}, {@code BINTABLE}, {@code TABLE}, ...)
 * @param description e.g. {@code BITPIX=-32 512x512} or {@code 8 columns x 190 rows}
 * @param cards       number of header cards before END
 * @param headerStart byte offset of the header
 * @param dataStart   byte offset of the data unit
 * @param dataBytes   size of the data unit before fill, as the header describes it
 */
public record HduSummary(int index, String type, String description, int cards, long headerStart, long dataStart,
        long dataBytes) {

    @Override
    public String toString() {
        return "HDU " + index + " " + type + " " + description + " (" + cards + " cards, data " + dataBytes
                + " bytes at " + dataStart + ")";
    }
}
