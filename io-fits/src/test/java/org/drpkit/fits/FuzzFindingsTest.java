package org.drpkit.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Image;
import org.drpkit.fits.testing.FitsBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What fuzzing found after the crash classes of issue 19 were fixed: one test per finding, each on a small file
 * built here with the finding's defect. The fuzzer's own input for each is committed next to the seeds of its target
 * (FitsFuzzTestInputs/<target>/finding-*), so the regression run replays it too.
 */
class FuzzFindingsTest {

    @TempDir
    Path dir;

    /** compressedImages, finding-primary-claims-bintable: the header view and the pixels disagreed on the shape. */
    @Test
    void primaryHduCarryingXtensionBintableAndZimageIsThePlainImageItDescribes() throws Exception {
        byte[] bytes = FitsBytes.concat(FitsBytes.header("SIMPLE  =                    T",
                "BITPIX  =                    8", "NAXIS   =                    2", "NAXIS1  =                   64",
                "NAXIS2  =                    2", "XTENSION= 'BINTABLE'", "ZIMAGE  =                    T",
                "ZBITPIX =                   16", "ZNAXIS  =                    2", "ZNAXIS1 =                    8",
                "ZNAXIS2 =                    8", "ZCMPTYPE= 'RICE_1  '"), FitsBytes.data(new byte[128]));
        Path f = dir.resolve("primary-bintable.fits");
        Files.write(f, bytes);
        try (FitsReader r = FitsReader.open(f)) {
            HduInfo h = r.hdu(0);
            assertFalse(h.isCompressedImage());
            assertEquals(64L, r.imageHeader(0).getLong("NAXIS1").orElseThrow());
            Image im = r.readImage(0);
            assertEquals(64, im.width());
            assertEquals(2, im.height());
            float[] row = new float[64 * 2];
            r.readRows(h, 0, 0, 2, row, 0);
        } catch (DrpException e) {
            throw new AssertionError(e);
        }
    }
}
