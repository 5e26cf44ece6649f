package org.drpkit.algorithms.calib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.flag.PixelFlag;
import org.drpkit.core.image.Mask;
import org.junit.jupiter.api.Test;

class MaskEvolutionTest {

    private static final int HOT = PixelFlag.HOT_PIXEL.value();
    private static final int LOW = PixelFlag.LOW_FLAT_RESPONSE.value();
    private static final int NOISY = CalibFlag.NOISY_PIXEL.value();

    @Test
    void countsNewGoneAndPersistentBadPixelsByCause() throws DrpException {
        // 3 x 2: hot -> hot, hot -> good, good -> noisy, low -> low|hot, reference -> reference (not a cause), good
        Mask before = Mask.of(3, 2, HOT, HOT, 0, LOW, PixelFlag.REFERENCE_PIXEL.value(), 0);
        Mask after = Mask.of(3, 2, HOT, 0, NOISY, LOW | HOT, PixelFlag.REFERENCE_PIXEL.value(), 0);
        MaskComparison c = MaskDiff.compare(before, after);
        MaskComparison.Change hot = c.cause("HOT_PIXEL");
        assertEquals(2, hot.before());
        assertEquals(2, hot.after());
        assertEquals(1, hot.persistent());
        assertEquals(1, hot.appeared(), "the low-response pixel also turned hot");
        assertEquals(1, hot.disappeared());
        assertEquals(1, c.cause("NOISY_PIXEL").appeared());
        assertEquals(1, c.cause("LOW_FLAT_RESPONSE").persistent());
        assertEquals(3, c.total().before());
        assertEquals(3, c.total().after());
        assertEquals(2, c.total().persistent(), "pixels 0 and 3 are bad in both, whatever the cause");
        assertArrayEquals(new int[] {2}, c.appeared());
        assertArrayEquals(new int[] {1}, c.disappeared());
        assertTrue(c.table().contains("HOT_PIXEL"), c.table());
    }

    @Test
    void randomMasksAgreeWithCountsFromSetAlgebra() throws DrpException {
        Random rnd = new Random(5);
        int n = 200 * 150;
        int[] a = new int[n];
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextDouble() < 0.02 ? HOT : rnd.nextDouble() < 0.01 ? LOW : 0;
            b[i] = rnd.nextDouble() < 0.5 ? a[i] : rnd.nextDouble() < 0.02 ? NOISY : 0;
        }
        MaskComparison c = MaskDiff.compare(Mask.of(200, 150, a), Mask.of(200, 150, b));
        long both = 0;
        long onlyB = 0;
        long onlyA = 0;
        for (int i = 0; i < n; i++) {
            both += a[i] != 0 && b[i] != 0 ? 1 : 0;
            onlyB += a[i] == 0 && b[i] != 0 ? 1 : 0;
            onlyA += a[i] != 0 && b[i] == 0 ? 1 : 0;
        }
        assertEquals(both, c.total().persistent());
        assertEquals(onlyB, c.total().appeared());
        assertEquals(onlyA, c.total().disappeared());
        assertEquals(onlyB, c.appeared().length);
        long sum = 0;
        for (MaskComparison.Change ch : c.causes()) {
            sum += ch.after();
        }
        assertEquals(c.total().after(), sum, "causes are exclusive in these masks");
    }

    @Test
    void historyClassifiesEveryPixelOnce() throws DrpException {
        // pixel: 0 never, 1 always, 2 became bad on night 2, 3 healed on night 3, 4 flickers
        Mask n1 = Mask.of(5, 1, 0, HOT, 0, LOW, HOT);
        Mask n2 = Mask.of(5, 1, 0, HOT, NOISY, LOW, 0);
        Mask n3 = Mask.of(5, 1, 0, HOT | NOISY, NOISY, 0, HOT);
        MaskHistory h = MaskHistory.of(List.of("60001", "60002", "60003"), List.of(n1, n2, n3));
        assertEquals(1, h.neverBad());
        assertEquals(1, h.alwaysBad());
        assertEquals(1, h.becameBad());
        assertEquals(1, h.healed());
        assertEquals(1, h.intermittent());
        assertEquals(3, h.nights().get(0).bad());
        assertEquals(1, h.nights().get(1).appeared());
        assertEquals(1, h.nights().get(1).disappeared());
        assertEquals(1, h.nights().get(2).appeared());
        assertEquals(1, h.nights().get(2).disappeared());
        assertEquals(2L, h.nights().get(2).byCause().get("NOISY_PIXEL"));
        assertEquals(2f / 3, h.badFraction().get(4, 0), 1e-6);
    }

    @Test
    void refusesMasksOfDifferentShapes() {
        DrpException e = assertThrows(DrpException.class, () -> MaskDiff.compare(Mask.zeros(3, 3), Mask.zeros(3, 4)));
        assertEquals(CalibErrorCode.CALIB_SHAPE_MISMATCH, e.code());
        e = assertThrows(DrpException.class,
                () -> MaskHistory.of(List.of("a", "b"), List.of(Mask.zeros(3, 3), Mask.zeros(4, 3))));
        assertEquals(CalibErrorCode.CALIB_SHAPE_MISMATCH, e.code());
    }

    @Test
    void namesTheCalibrationBits() {
        assertEquals("HOT_PIXEL|NOISY_PIXEL|NO_FLAT", CalibFlag.describe(HOT | NOISY | CalibFlag.NO_FLAT.value()));
        // upstream's bad bits without ONE_JUMP, plus ExtraFlag bits 15 (non-finite read) and 16..18 (calibration)
        assertEquals((PixelFlag.BAD_PIXEL_BITS - 128) | 0x78000, CalibFlag.BAD_BITS);
        assertEquals(515958, CalibFlag.BAD_BITS);
        assertEquals(0, CalibFlag.BAD_BITS & PixelFlag.ONE_JUMP.value(), "a single jump is handled by the ramp fit");
    }
}
