package org.drpkit.fits;

/**
 * How pixels are stored in a FITS data unit: BITPIX plus the BZERO convention for unsigned integers.
 *
 * <pre>{@code
 * PixelType.UINT16.bitpix();   // 16, written with BZERO = 32768
 * }</pre>
 */
public enum PixelType {
    /** Unsigned bytes (BITPIX 8). */
    UINT8(8, 0),
    /** Signed 16-bit integers (BITPIX 16). */
    INT16(16, 0),
    /** Unsigned 16-bit integers: BITPIX 16 with BZERO = 32768 (raw detector reads). */
    UINT16(16, 32768),
    /** Signed 32-bit integers (BITPIX 32). */
    INT32(32, 0),
    /** IEEE single precision (BITPIX -32). */
    FLOAT32(-32, 0),
    /** IEEE double precision (BITPIX -64). */
    FLOAT64(-64, 0);

    private final int bitpix;
    private final long bzero;

    PixelType(int bitpix, long bzero) {
        this.bitpix = bitpix;
        this.bzero = bzero;
    }

    /** @return the FITS BITPIX value */
    public int bitpix() {
        return bitpix;
    }

    /** @return the BZERO written for this type (0 means none) */
    public long bzero() {
        return bzero;
    }

    /** @return bytes per stored pixel */
    public int bytes() {
        return Math.abs(bitpix) / 8;
    }

    /** @return true for the integer types */
    public boolean isInteger() {
        return bitpix > 0;
    }
}
