package org.drpkit.core.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.id.ArchiveId;
import org.junit.jupiter.api.Test;

class ExposureFactsTest {

    /** A plugin whose archive id is fixed: the default facts come from it. */
    private static final InstrumentPlugin ARCHIVED = new InstrumentPlugin() {
        @Override
        public String name() {
            return "CAM";
        }

        @Override
        public boolean accepts(Header h) {
            return true;
        }

        @Override
        public Optional<ArchiveId> archiveId(Header fixed) {
            return Optional.of(ArchiveId.of("XX", LocalDate.of(2022, 6, 19), 12345, 67));
        }
    };

    @Test
    void defaultFilesAOneFileExposureUnderItsArchiveIdAndUtDate() throws DrpException {
        FixResult r = FixResult.of(Header.builder().add("EXPTIME", 30.0).build())
                .withFacts(f -> f.withCalibrationLamp("thar"));
        ExposureFacts f = ARCHIVED.exposureFacts(r, FixContext.offline()).orElseThrow();
        assertEquals("XX.20220619.12345.67", f.fileKey());
        assertEquals("XX.20220619.12345.67", f.exposure());
        assertEquals("20220619", f.night());
        assertEquals(List.of(""), f.chips());
        assertEquals(OptionalDouble.of(30.0), f.exposureTime());
        assertEquals(Map.of("thar", 1), f.lamps());
        assertEquals("XX.20220619.12345.67 (exposure XX.20220619.12345.67, night 20220619, 30.0 s, lamps {thar=1})",
                f.toString());
    }

    @Test
    void pluginWithoutArchiveIdFilesNothingByDefault() throws DrpException {
        InstrumentPlugin bare = new TestPlugins.Named("BARE", "BARE");
        assertEquals(Optional.empty(), bare.exposureFacts(FixResult.of(Header.empty()), FixContext.offline()));
    }

    @Test
    void chipMustBeOneOfTheExposuresChipsAndLampStatesAreThree() {
        ExposureFacts f = ExposureFacts.of("k", "e", "1");
        assertThrows(IllegalArgumentException.class, () -> f.withChip("X", List.of("R", "G")));
        assertThrows(IllegalArgumentException.class, () -> f.withLamp("quartz", 2));
        assertEquals("k (exposure e, night 1, chip G of [R, G], reads ?/47)",
                f.withChip("G", List.of("R", "G")).withReads(47, -1).toString());
    }
}
