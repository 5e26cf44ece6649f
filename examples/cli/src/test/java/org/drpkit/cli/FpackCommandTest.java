package org.drpkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.testing.SharedData;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.HduInfo;
import org.drpkit.fits.PixelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drpkit fpack}: the truth is the input's integers, read back from the .fz. */
class FpackCommandTest {

    @TempDir
    Path dir;

    private static int[] ints(Path f, int hdu) throws DrpException {
        try (FitsReader r = FitsReader.open(f)) {
            HduInfo h = r.hdu(hdu);
            Header ih = h.imageHeader();
            int w = ih.getLong("NAXIS1").orElseThrow().intValue();
            int ht = ih.getLong("NAXIS2").orElseThrow().intValue();
            int[] px = new int[w * ht];
            r.readRowsInt(h, 0, 0, ht, px, 0);
            return px;
        }
    }

    @Test
    void compressesARealNirc2FrameLosslessly() throws Exception {
        Path raw = SharedData.require("keck/nirc2/dark_512_512_3_128_50.0_1.fits");
        Path in = Files.copy(raw, dir.resolve("d.fits"));
        DrpkitTest.Run r = new DrpkitTest.Run("fpack", "--out", dir.resolve("fz").toString(), in.toString());
        assertEquals(0, r.status, r.out + r.err);
        Path fz = dir.resolve("fz/d.fits.fz");
        assertTrue(r.out.contains("1 images RICE_1"), r.out);
        assertArrayEquals(ints(in, 0), ints(fz, 1));
        assertTrue(Files.size(fz) < Files.size(in), "smaller: " + Files.size(fz));
    }

    @Test
    void aFloatingPointImageIsRefusedWithExitTwoAndNothingWritten() throws Exception {
        Path f = dir.resolve("flat.fits");
        FitsWriter.create().primaryImage(Header.empty(), Image.zeros(8, 4), PixelType.FLOAT32).write(f, false);
        DrpkitTest.Run r = new DrpkitTest.Run("fpack", f.toString());
        assertEquals(Drpkit.EXIT_BAD_INPUT, r.status, r.out + r.err);
        assertTrue(r.err.contains("BITPIX -32"), r.err);
        assertFalse(Files.exists(dir.resolve("flat.fits.fz")));
    }
}
