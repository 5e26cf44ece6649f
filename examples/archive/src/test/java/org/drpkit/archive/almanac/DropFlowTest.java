package org.drpkit.archive.almanac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.PixelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drop flow of simulated night 60000 ({@link SimulatedNights}), whose defects are known: 38 files (exposure 7 has
 * no chip B), one truncated (8 G) and one short of its reads (13 R); 13 exposures, 3 incomplete (7, 8, 13); of the 10
 * complete, darks 1 (no dark before it) and object 10 (2 reads) are left out, 8 picked.
 */
class DropFlowTest {

    @TempDir
    Path tmp;

    @Test
    void countsEveryFileAndExposureOfTheKnownNightWithItsReason() throws Exception {
        Path raw = tmp.resolve("raw");
        SimulatedNights.night60000(raw);
        List<AlmanacEntry> entries;
        try (Almanac a = Almanac.open(Almanac.h2Url(tmp.resolve("almanac")))) {
            a.index(List.of(raw), IndexOptions.defaults());
            entries = a.night("60000", Optional.of("APOGEE"));
        }
        List<Exposure> exposures = Exposure.group(entries);
        List<Runlist> runlists = Runlist.build(exposures, RunlistRules.apogee(), BadExposures.empty());
        DropFlow f = DropFlow.of("60000", "APOGEE", entries, exposures, runlists);

        DropFlow.Stage indexing = f.stage("indexing").orElseThrow();
        assertEquals(38, indexing.in());
        assertEquals(36, indexing.out());
        assertEquals(Map.of("MALFORMED: DATA_TRUNCATED", 1, "INCOMPLETE: fewer reads than NREAD", 1),
                indexing.dropped());
        DropFlow.Stage ex = f.stage("exposures").orElseThrow();
        assertEquals(13, ex.in());
        assertEquals(10, ex.out());
        assertEquals(Map.of("chip file missing", 1, "chip file not OK", 2), ex.dropped());
        DropFlow.Stage rl = f.stage("runlists").orElseThrow();
        assertEquals(10, rl.in());
        assertEquals(8, rl.out());
        assertEquals(Map.of("no previous exposure in the night (persistence unknown)", 1,
                "too few reads (needs 4)", 1), rl.dropped());

        Path out = tmp.resolve("out");
        List<ExpectedProduct> expected = ExpectedProduct.of(runlists, ProductRules.apogee());
        for (ExpectedProduct p : expected) {
            if (!p.path().contains("_0012_")) { // exposure 12 never reduced
                Files.createDirectories(out.resolve(p.path()).getParent());
                FitsWriter.create().primary(Header.empty()).image("FLUX", Header.empty(),
                        Image.of(4, 3, new float[12]), PixelType.FLOAT32).write(out.resolve(p.path()), false);
            }
        }
        DropFlow full = f.withProducts(NightCheck.run(out, "60000", expected));
        assertEquals(List.of("indexing", "exposures", "runlists", "ramp", "dark", "flat", "calibrated", "traces",
                "extracted", "spectra"), full.stages().stream().map(DropFlow.Stage::name).toList());
        DropFlow.Stage ramp = full.stage("ramp").orElseThrow();
        assertEquals(24, ramp.in(), "8 exposures x 3 chips");
        assertEquals(21, ramp.out());
        assertEquals(Map.of("product MISSING", 3), ramp.dropped());
        DropFlow.Stage x = full.stage("extracted").orElseThrow();
        assertEquals(9, x.in(), "science 9 and 12 and arc 5, 3 chips each");
        assertEquals(6, x.out());
        assertEquals(6 * 3, full.stage("spectra").orElseThrow().in(), "3 rows in each extracted product");
        String table = full.table();
        assertTrue(table.contains("runlists     exposures       10      8        2"), table);
        assertTrue(table.contains("1 too few reads (needs 4)"), table);
    }

    @Test
    void aStageWhoseDropsDoNotAddUpIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DropFlow.Stage("ramp", "chip files", 5, 4,
                Map.of("product MISSING", 2)));
    }
}
