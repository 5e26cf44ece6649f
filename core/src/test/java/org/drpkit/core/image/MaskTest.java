package org.drpkit.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.drpkit.core.flag.PixelFlag;
import org.junit.jupiter.api.Test;

class MaskTest {

    @Test
    void orsBitsAndCountsFlags() {
        Mask m = Mask.zeros(3, 2);
        m.or(0, 0, PixelFlag.HOT_PIXEL.value());
        m.or(0, 0, PixelFlag.ONE_JUMP.value());
        m.or(2, 1, PixelFlag.HOT_PIXEL.value());
        assertEquals(PixelFlag.HOT_PIXEL.value() | PixelFlag.ONE_JUMP.value(), m.get(0, 0));
        assertEquals(2, m.count(PixelFlag.HOT_PIXEL));
        assertEquals(1, m.count(PixelFlag.ONE_JUMP));
        assertEquals(2, m.countAny(PixelFlag.BAD_PIXEL_BITS));
        assertEquals("Mask[3x2, HOT_PIXEL=2, ONE_JUMP=1]", m.toString());
    }

    @Test
    void orOfTwoMasksIsANewMask() {
        Mask a = Mask.of(2, 1, 1, 0);
        Mask b = Mask.of(2, 1, 2, 4);
        Mask c = a.or(b);
        assertTrue(c.contentEquals(Mask.of(2, 1, 3, 4)));
        assertEquals(1, a.get(0, 0));
        assertThrows(IllegalArgumentException.class, () -> a.or(Mask.zeros(1, 1)));
    }

    @Test
    void rowViewSharesBits() {
        Mask m = Mask.zeros(2, 3);
        m.rows(1, 2).or(1, 1, 8);
        assertEquals(8, m.get(1, 2));
    }

    @Test
    void maskedImageRequiresOneShapeAndViewsAllThree() {
        Image f = Image.zeros(4, 4);
        MaskedImage mi = MaskedImage.of(f, Image.zeros(4, 4), Mask.zeros(4, 4));
        MaskedImage v = mi.rows(2, 2);
        v.flux().set(0, 0, 3f);
        assertEquals(3f, f.get(0, 2));
        assertThrows(IllegalArgumentException.class, () -> MaskedImage.of(f, Image.zeros(4, 3), Mask.zeros(4, 4)));
    }
}
