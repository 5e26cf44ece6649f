package org.drpkit.fits.checksum;

import java.nio.charset.StandardCharsets;

/**
 * The 16-character ASCII encoding of a 32-bit checksum used by the FITS {@code CHECKSUM} keyword (FITS Checksum
 * Convention, section "ASCII encoding"), and its inverse.
 *
 * <p>Each byte of the value is spread over four characters {@code '0' + byte/4} (the first one also gets the
 * remainder), avoiding the punctuation {@code :;<=>?@[\]^_`} by moving one unit between pairs of characters; the
 * 16 characters are then rotated one place right because the value starts at byte 11 of its card. Written into
 * a header in place of {@code '0000000000000000'}, the encoding of the complemented sum makes the whole HDU sum
 * to {@link Checksum32#NEGATIVE_ZERO}.
 *
 * <pre>{@code
 * String v = ChecksumText.encode(hduSumWithZeros, true);   // the CHECKSUM value to write
 * long s = ChecksumText.decode(v, true);                   // back to the sum
 * }</pre>
 */
public final class ChecksumText {

    /** The placeholder value written while the header is summed. */
    public static final String ZEROS = "0000000000000000";

    private ChecksumText() {
    }

    /**
     * @param sum        a 32-bit sum (unsigned, in a long)
     * @param complement encode {@code ~sum} (what a CHECKSUM card holds) instead of {@code sum}
     * @return the 16 printable characters
     */
    public static String encode(long sum, boolean complement) {
        long value = (complement ? ~sum : sum) & 0xFFFF_FFFFL;
        byte[] asc = new byte[16];
        int[] ch = new int[4];
        for (int i = 0; i < 4; i++) {
            int b = (int) (value >>> (24 - 8 * i)) & 0xFF;
            int q = b / 4 + '0';
            ch[0] = q + b % 4;
            ch[1] = q;
            ch[2] = q;
            ch[3] = q;
            boolean moved = true;
            while (moved) {
                moved = false;
                for (int j = 0; j < 4; j += 2) {
                    if (excluded(ch[j]) || excluded(ch[j + 1])) {
                        ch[j]++;
                        ch[j + 1]--;
                        moved = true;
                    }
                }
            }
            for (int j = 0; j < 4; j++) {
                asc[4 * j + i] = (byte) ch[j];
            }
        }
        byte[] out = new byte[16];
        for (int k = 0; k < 16; k++) {
            out[k] = asc[(k + 15) % 16];
        }
        return new String(out, StandardCharsets.US_ASCII);
    }

    /**
     * @param text       16 characters as written in a CHECKSUM card
     * @param complement undo the complement applied by {@code encode(sum, true)}
     * @return the 32-bit value
     * @throws IllegalArgumentException when {@code text} is not 16 characters
     */
    public static long decode(String text, boolean complement) {
        if (text.length() != 16) {
            throw new IllegalArgumentException("a checksum encoding has 16 characters, not " + text.length());
        }
        long hi = 0;
        long lo = 0;
        for (int k = 0; k < 16; k += 4) {
            hi += ((long) digit(text, k) << 8) + digit(text, k + 1);
            lo += ((long) digit(text, k + 2) << 8) + digit(text, k + 3);
        }
        long sum = Checksum32.fold((hi << 16) + lo);
        return complement ? ~sum & 0xFFFF_FFFFL : sum;
    }

    /** @return true when {@code text} has the shape of an encoded checksum (16 characters, {@code 0}..{@code z}) */
    public static boolean isWellFormed(String text) {
        if (text == null || text.length() != 16) {
            return false;
        }
        for (int i = 0; i < 16; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > 'z' || excluded(c)) {
                return false;
            }
        }
        return true;
    }

    /** Character {@code k} of the unrotated encoding, minus the {@code '0'} offset. */
    private static int digit(String text, int k) {
        return text.charAt((k + 1) % 16) - '0';
    }

    private static boolean excluded(int c) {
        return (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60);
    }
}
