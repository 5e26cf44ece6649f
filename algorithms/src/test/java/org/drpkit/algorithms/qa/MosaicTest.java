package org.drpkit.algorithms.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.drpkit.core.image.Image;
import org.drpkit.core.instrument.Region;
import org.junit.jupiter.api.Test;

/** {@link Mosaic} and {@link Thumbnail}: pixels land where the layout puts them; area averages. */
class MosaicTest {

    private static Image tile(int w, int h, float base) {
        Image im = Image.zeros(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                im.set(x, y, base + 100 * y + x);
            }
        }
        return im;
    }

    @Test
    void tilesLandAtTheirPlacesFlippedAndBiasSubtracted() {
        // tile A: 6x4 with data in columns 0..3 and overscan 4..5; tile B: flipped in x, placed right of A
        Image a = tile(6, 4, 1000);
        Image b = tile(6, 4, 5000);
        for (int y = 0; y < 4; y++) {
            b.set(4, y, 7 + y); // overscan of B: median per row 7 + y .. (with column 5's value)
            b.set(5, y, 7 + y);
        }
        Image m = Mosaic.assemble(List.of(
                Mosaic.Tile.of(a, Region.of(0, 0, 4, 4), 0, 0),
                new Mosaic.Tile(b, Region.of(0, 0, 4, 4), 4, 0, true, false, Region.of(4, 0, 2, 4))));
        assertEquals(8, m.width());
        assertEquals(4, m.height());
        assertEquals(a.get(2, 3), m.get(2, 3), 0f);
        // B's column 0 is the mosaic's column 7 (flipped), less the row's bias
        assertEquals(b.get(0, 2) - (7 + 2), m.get(7, 2), 0f);
        assertEquals(b.get(3, 1) - (7 + 1), m.get(4, 1), 0f);
    }

    @Test
    void gapsAreNaNAndYFlipWorks() {
        Image a = tile(2, 3, 0);
        Image m = Mosaic.assemble(List.of(new Mosaic.Tile(a, Region.of(0, 0, 2, 3), 0, 0, false, true, null),
                Mosaic.Tile.of(a, Region.of(0, 0, 2, 3), 5, 0)));
        assertEquals(7, m.width());
        assertEquals(a.get(1, 0), m.get(1, 2), 0f);
        assertTrue(Float.isNaN(m.get(3, 1)));
    }

    @Test
    void rotateTurnsLikeNumpyRot90() {
        // numpy: rot90([[0,1,2],[3,4,5]]) = [[2,5],[1,4],[0,3]]; as FITS rows, row 0 = [2,5]
        Image im = Image.of(3, 2, 0, 1, 2, 3, 4, 5);
        Image r = Mosaic.rotate90(im);
        assertEquals(2, r.width());
        assertEquals(3, r.height());
        assertEquals(2f, r.get(0, 0));
        assertEquals(5f, r.get(1, 0));
        assertEquals(0f, r.get(0, 2));
        assertEquals(3f, r.get(1, 2));
    }

    @Test
    void thumbnailAveragesAreas() {
        // 4x2 preview of levels 0,100,200,40 / 10,110,210,50 halved to 2x1: means of 2x2 blocks
        byte[] g = {0, 100, (byte) 200, 40, 10, 110, (byte) 210, 50};
        Preview p = new Preview(4, 2, g, 8, 0, 1);
        Preview t = Thumbnail.resize(p, 2, 1);
        assertEquals(55, t.level(0, 0));
        assertEquals(125, t.level(1, 0));
        // a 3 -> 2 shrink weights the middle pixel half to each side: (0 + 0.5 * 90) / 1.5 = 30, (0.5 * 90 + 180) / 1.5
        Preview q = Thumbnail.resize(new Preview(3, 1, new byte[] {0, 90, (byte) 180}, 3, 0, 1), 2, 1);
        assertEquals(30, q.level(0, 0));
        assertEquals(150, q.level(1, 0));
        Preview l = Thumbnail.longestSide(new Preview(1024, 512, new byte[1024 * 512], 1, 0, 1), 256);
        assertEquals(256, l.width());
        assertEquals(128, l.height());
    }
}
