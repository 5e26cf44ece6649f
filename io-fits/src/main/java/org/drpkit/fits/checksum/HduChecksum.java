package org.drpkit.fits.checksum;

/**
 * Stored and computed checksums of one HDU.
 *
 * <p>{@code CHECKSUM} is {@link ChecksumStatus#OK} when the whole HDU (header and data records) sums to
 * {@link Checksum32#NEGATIVE_ZERO}, which is the convention's definition; {@code computedChecksum} is the value the
 * card would hold for the current header, shown when the card has the standard layout (the value starting at byte
 * 11), else {@code null}. {@code DATASUM} is OK when its decimal value equals the sum of the data records (fill
 * included).
 *
 * @param hdu              HDU index, 0 = primary
 * @param storedChecksum   the stored CHECKSUM value, or {@code null} when absent
 * @param computedChecksum the CHECKSUM the current header needs, or {@code null} (card absent or not standard)
 * @param checksum         the CHECKSUM state
 * @param storedDatasum    the stored DATASUM value as written, or {@code null} when absent
 * @param computedDatasum  the sum of the data records (unsigned 32-bit)
 * @param datasum          the DATASUM state
 * @param hduSum           the sum of the whole HDU as stored (diagnostic; {@code 0xFFFFFFFF} when CHECKSUM is OK)
 */
public record HduChecksum(int hdu, String storedChecksum, String computedChecksum, ChecksumStatus checksum,
        String storedDatasum, long computedDatasum, ChecksumStatus datasum, long hduSum) {

    /** @return true when neither keyword is {@link ChecksumStatus#BAD} */
    public boolean isValid() {
        return checksum != ChecksumStatus.BAD && datasum != ChecksumStatus.BAD;
    }

    /** @return one line: {@code HDU 1: CHECKSUM 'stored' computed 'x' OK; DATASUM '123' computed '123' OK} */
    @Override
    public String toString() {
        return "HDU " + hdu + ": CHECKSUM " + shown(storedChecksum) + " computed " + shown(computedChecksum) + " "
                + checksum + "; DATASUM " + shown(storedDatasum) + " computed '" + computedDatasum + "' " + datasum;
    }

    private static String shown(String v) {
        return v == null ? "-" : "'" + v + "'";
    }
}
