package org.drpkit.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageTest {

    @Test
    void indexesRowMajorWithXFastest() {
        Image img = Image.zeros(4, 3);
        img.set(1, 2, 5f);
        assertEquals(2 * 4 + 1, img.index(1, 2));
        assertEquals(5f, img.array()[9]);
        assertEquals(5f, img.get(1, 2));
    }

    @Test
    void rowViewSharesPixelsWithoutCopying() {
        Image img = Image.zeros(4, 5);
        Image view = img.rows(2, 2);
        assertSame(img.array(), view.array());
        assertEquals(8, view.offset());
        view.set(3, 1, 7f);                 // row 3 of the parent
        assertEquals(7f, img.get(3, 3));
        Image nested = view.rows(1, 1);     // a view of a view
        assertEquals(7f, nested.get(3, 0));
        assertEquals(12, nested.offset());
    }

    @Test
    void copyIsIndependentAndCompact() {
        Image img = Image.of(2, 2, 1f, 2f, 3f, 4f);
        Image c = img.rows(1, 1).copy();
        assertEquals(0, c.offset());
        assertArrayEquals(new float[] {3f, 4f}, c.array());
        c.set(0, 0, 9f);
        assertEquals(3f, img.get(0, 1));
    }

    @Test
    void rejectsOutOfBoundsPixelsAndRows() {
        Image img = Image.zeros(4, 3);
        assertThrows(IndexOutOfBoundsException.class, () -> img.get(4, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> img.get(0, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> img.rows(2, 2));
    }

    @Test
    void guardsAgainstAbsurdSizesBeforeAllocating() {
        assertThrows(IllegalArgumentException.class, () -> Image.zeros(70_000, 70_000));
        assertThrows(IllegalArgumentException.class, () -> Image.zeros(-1, 3));
        assertThrows(IllegalArgumentException.class, () -> Image.of(2, 2, 1f, 2f, 3f));
        assertThrows(IllegalArgumentException.class, () -> Image.wrap(new float[10], 4, 3, 3));
    }

    @Test
    void contentEqualityTreatsNaNAsEqualAndComparesOnlyTheWindow() {
        Image a = Image.of(2, 2, 1f, Float.NaN, 3f, 4f);
        Image b = Image.of(2, 2, 1f, Float.NaN, 3f, 4f);
        assertTrue(a.contentEquals(b));
        Image big = Image.of(2, 3, 0f, 0f, 1f, Float.NaN, 3f, 4f);
        assertTrue(a.contentEquals(big.rows(1, 2)));
        assertFalse(a.contentEquals(big));
    }

    @Test
    void toStringSummarisesFiniteValuesAndCountsNaN() {
        Image img = Image.of(2, 2, 1f, Float.NaN, 3f, 8f);
        assertEquals("Image[2x2, min=1.0, mean=4.0, max=8.0, NaN=1]", img.toString());
    }
}
