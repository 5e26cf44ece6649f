package org.drpkit.archive.almanac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.drpkit.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seventeen real NIRC2 frames of {@code ../shared/data/keck/nirc2} (skipped when absent). Truth: the archive ids
 * the Keck archive gave the sixteen 2022 frames (their KOAID cards) and the 2017 raw frame's id, the image types the
 * ingest gives them, and the validator's findings on the raw frame (a NUL in its header fill, 0xFF in its data fill).
 */
class Nirc2AlmanacTest {

    @TempDir
    Path tmp;

    @Test
    void listsAllSeventeenFramesWithImageTypesAndFlagsTheMalformedRawFrame() throws Exception {
        Path dir = SharedData.require("keck/nirc2");
        try (Almanac a = Almanac.open(Almanac.h2Url(tmp))) {
            IndexResult r = a.index(List.of(dir), IndexOptions.defaults().withThreads(2));
            assertEquals(17, r.files());
            List<AlmanacEntry> all = a.under(List.of(dir));
            assertEquals(17, all.size());
            Map<String, String> types = new TreeMap<>();
            for (AlmanacEntry e : all) {
                String name = e.path().getFileName().toString();
                assertEquals("NIRC2", e.instrument(), name);
                types.put(name, e.imageType());
                if (name.equals("raw_n0051_standard_1.fits")) {
                    assertEquals(FileState.MALFORMED, e.state());
                    assertTrue(e.reason().startsWith("HEADER_FILL_NOT_BLANK HDU 0: "), e.reason());
                    assertTrue(e.reason().contains("DATA_FILL_INVALID HDU 0: "), e.reason());
                    assertEquals("N2.20170725.51470.75", e.key());
                    assertEquals("20170725", e.night());
                } else {
                    assertEquals(FileState.OK, e.state(), e.toString());
                    assertTrue(e.key().startsWith("N2.2022"), e.key());
                    assertTrue(e.warnings().contains("KEYWORD_WRONG_TYPE"), "CD1_1 written as text: " + e.warnings());
                }
            }
            assertEquals("object", types.get("raw_n0051_standard_1.fits"));
            assertEquals("dark", types.get("dark_512_512_3_4_10.0_1.fits"));
            assertEquals("flatlamp", types.get("flat_512_512_narrow_K+clear.fits"));
        }
    }
}
