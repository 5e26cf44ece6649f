package org.drpkit.core.image;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.junit.jupiter.api.Test;

class SizeGuardTest {

    @Test
    void inputDrivenSizesAboveTheLimitRaiseADomainErrorNamingTheSource() {
        Location where = Location.file("big.fits").hdu(1).keyword("NAXIS2");
        DrpException e = assertThrows(DrpException.class,
                () -> SizeGuard.requireWithin(5L << 30, SizeGuard.DEFAULT_LIMIT_BYTES, where));
        assertEquals(CoreErrorCode.SIZE_LIMIT_EXCEEDED, e.code());
        assertEquals(where, e.location());
        assertThrows(DrpException.class, () -> SizeGuard.requireWithin(-1, 100, where), "overflow is caught");
        assertDoesNotThrow(() -> SizeGuard.requireWithin(100, 100, where));
    }

    @Test
    void arrayLengthsOverflowingIntAreRejected() {
        assertEquals(6, SizeGuard.checkArray(2, 3));
        assertThrows(IllegalArgumentException.class, () -> SizeGuard.checkArray(1L << 31, 1));
        assertThrows(IllegalArgumentException.class, () -> SizeGuard.checkArray(1L << 40, 1L << 40));
    }

    @Test
    void defaultLimitNeverExceedsHalfTheHeapEvenWhenConfiguredHigher() {
        String old = System.getProperty(SizeGuard.LIMIT_PROPERTY);
        try {
            System.setProperty(SizeGuard.LIMIT_PROPERTY, "1000g");
            assertEquals(Runtime.getRuntime().maxMemory() / 2, SizeGuard.defaultLimitBytes());
            System.setProperty(SizeGuard.LIMIT_PROPERTY, "64m");
            assertEquals(64L << 20, SizeGuard.defaultLimitBytes());
            System.setProperty(SizeGuard.LIMIT_PROPERTY, "not a size");
            assertEquals(Math.min(SizeGuard.DEFAULT_LIMIT_BYTES, Runtime.getRuntime().maxMemory() / 2),
                    SizeGuard.defaultLimitBytes());
        } finally {
            if (old == null) {
                System.clearProperty(SizeGuard.LIMIT_PROPERTY);
            } else {
                System.setProperty(SizeGuard.LIMIT_PROPERTY, old);
            }
        }
    }

    @Test
    void aLimitChosenByTheCallerIsCappedAtTheMaximumHeap() {
        assertEquals(Runtime.getRuntime().maxMemory(), SizeGuard.withinHeap(Long.MAX_VALUE));
        assertEquals(1000, SizeGuard.withinHeap(1000));
        assertEquals(12345, SizeGuard.parseBytes("12345", 0));
        assertEquals(3L << 10, SizeGuard.parseBytes(" 3K ", 0));
        assertEquals(7, SizeGuard.parseBytes("-5", 7));
    }
}
