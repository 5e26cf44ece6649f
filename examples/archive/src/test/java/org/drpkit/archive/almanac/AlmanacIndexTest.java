package org.drpkit.archive.almanac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.id.ExposureKey;
import org.drpkit.core.instrument.ExposureFacts;
import org.drpkit.fits.FitsErrorCode;
import org.drpkit.fits.FitsHeaders;
import org.drpkit.fits.HduInfo;
import org.drpkit.instruments.apogee.ApogeeRawName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exposure table on a simulated night whose defects are known ({@link SimulatedNights}). */
class AlmanacIndexTest {

    @TempDir
    Path tmp;

    private Path raw;
    private int written;

    @BeforeEach
    void writeNight() throws Exception {
        raw = tmp.resolve("raw");
        written = SimulatedNights.night60000(raw);
    }

    private Almanac open() throws DrpException {
        return Almanac.open(Almanac.h2Url(tmp.resolve("almanac")));
    }

    private static Path file(Path root, String chip, int exposure) {
        return ApogeeRawName.of(new ExposureKey("apo", 60000, chip, exposure)).path(root);
    }

    @Test
    void everyFileIsFiledUnderItsExposureKeyWithItsStateAndReason() throws Exception {
        try (Almanac a = open()) {
            IndexResult r = a.index(List.of(raw), IndexOptions.defaults().withThreads(2));
            assertEquals(38, written, "13 exposures x 3 chips, less the missing chip B of 0007");
            assertEquals(written, r.files());
            assertEquals(written, r.added());
            List<AlmanacEntry> all = a.under(List.of(raw));
            assertEquals(written, all.size());
            Map<String, AlmanacEntry> byKey = all.stream().collect(Collectors.toMap(AlmanacEntry::key, e -> e));
            AlmanacEntry dark = byKey.get("apo/60000/R/0001");
            assertEquals(FileState.OK, dark.state());
            assertEquals("APOGEE", dark.instrument());
            assertEquals("dark", dark.imageType());
            ExposureFacts f = dark.facts().orElseThrow();
            assertEquals(OptionalInt.of(31), f.readsExpected());
            assertEquals(OptionalInt.of(31), f.readsPresent());
            assertEquals(31 * SimulatedNights.READ_TIME, f.exposureTime().getAsDouble(), 1e-9);
            assertEquals(Map.of("quartz", 0, "thar", 0, "une", 0), f.lamps());
            assertEquals(32, dark.md5().length());
            assertEquals(Files.size(file(raw, "R", 1)), dark.size());

            AlmanacEntry cut = byKey.get("apo/60000/G/0008");
            assertEquals(FileState.MALFORMED, cut.state(), cut.toString());
            assertTrue(cut.reason().startsWith("DATA_TRUNCATED HDU 4"), cut.reason());
            assertEquals("object", cut.imageType(), "a truncated file keeps what its headers say");

            AlmanacEntry short4 = byKey.get("apo/60000/R/0013");
            assertEquals(FileState.INCOMPLETE, short4.state());
            assertEquals("holds 4 of the 5 reads its header announces (NREAD)", short4.reason());

            Map<FileState, Long> states = new TreeMap<>(all.stream().collect(Collectors.groupingBy(AlmanacEntry::state,
                    Collectors.counting())));
            assertEquals(Map.of(FileState.OK, 36L, FileState.MALFORMED, 1L, FileState.INCOMPLETE, 1L), states);
        }
    }

    @Test
    void exposuresGroupTheirChipsAndSayWhatIsMissing() throws Exception {
        try (Almanac a = open()) {
            a.index(List.of(raw), IndexOptions.defaults());
            List<Exposure> night = Exposure.group(a.night("60000", Optional.of("APOGEE")));
            assertEquals(13, night.size());
            Map<String, Exposure> by = night.stream().collect(Collectors.toMap(Exposure::exposure, e -> e));
            assertTrue(by.get("apo/60000/0001").complete());
            assertEquals(List.of("chip B missing"), by.get("apo/60000/0007").problems());
            assertEquals(List.of("B"), by.get("apo/60000/0007").chipsMissing());
            assertFalse(by.get("apo/60000/0008").complete());
            assertTrue(by.get("apo/60000/0008").problems().get(0).startsWith("chip G apR-b-44380008.apz MALFORMED: "
                    + "DATA_TRUNCATED"), by.get("apo/60000/0008").problems().toString());
            assertEquals(OptionalInt.of(4), by.get("apo/60000/0013").reads(), "the fewest reads of its chips");
            assertEquals(Map.of("60000", List.of("APOGEE")), a.nights());
        }
    }

    @Test
    void secondRunReadsOnlyNewAndChangedFilesAndKeepsGoneOnes() throws Exception {
        try (Almanac a = open()) {
            a.index(List.of(raw), IndexOptions.defaults());
            IndexResult again = a.index(List.of(raw), IndexOptions.defaults());
            assertEquals(0, again.added() + again.changed(), again.toString());
            assertEquals(written, again.unchanged());
            assertEquals(List.of(), again.read());

            Path added = SimulatedNights.write(raw, new ExposureKey("apo", 60000, "B", 7),
                    SimulatedNights.primary(60000, "B", SimulatedNights.NIGHT_60000.get(6), true, false), 5);
            SimulatedNights.touch(file(raw, "R", 9));
            Files.delete(file(raw, "R", 10));
            IndexResult grown = a.index(List.of(raw), IndexOptions.defaults());
            assertEquals(1, grown.added());
            assertEquals(1, grown.changed());
            assertEquals(1, grown.gone());
            assertEquals(written - 2, grown.unchanged());
            assertEquals(java.util.Set.of(file(raw, "R", 9).toAbsolutePath(), added.toAbsolutePath()),
                    grown.read().stream().map(AlmanacEntry::path).collect(Collectors.toSet()),
                    "only the changed and the new file are read");
            AlmanacEntry gone = a.entry(file(raw, "R", 10)).orElseThrow();
            assertEquals(FileState.GONE, gone.state(), "a vanished file is kept, not dropped");
            assertTrue(Exposure.group(a.night("60000", Optional.empty())).stream()
                    .filter(e -> e.exposure().equals("apo/60000/0007")).findFirst().orElseThrow().complete());
        }
    }

    @Test
    void missingRootIsADomainErrorAndIndexesNothing() throws Exception {
        try (Almanac a = open()) {
            DrpException e = assertThrows(DrpException.class, () -> a.index(List.of(raw, tmp.resolve("nowhere")),
                    IndexOptions.defaults()));
            assertEquals(AlmanacErrorCode.ALMANAC_ROOT_UNREADABLE, e.code());
            assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
            assertEquals(List.of(), a.under(List.of(raw)));
        }
    }

    @Test
    void exportsAsCsvAndFitsTableWithOneRowPerFile() throws Exception {
        try (Almanac a = open()) {
            a.index(List.of(raw), IndexOptions.defaults());
            List<AlmanacEntry> all = a.under(List.of(raw));
            Path csv = tmp.resolve("out/almanac.csv");
            AlmanacExport.csv(all, csv, false);
            List<String> lines = Files.readAllLines(csv);
            assertEquals(all.size() + 1, lines.size());
            assertTrue(lines.get(0).startsWith("path,size,modified,md5,instrument,key,exposure,night,chip,chips,"
                    + "image_type,nread,nread_present,exptime,lamps,state,reason"), lines.get(0));
            String row13 = lines.stream().filter(l -> l.contains("apo/60000/R/0013")).findFirst().orElseThrow();
            assertTrue(row13.contains(",R,R;G;B,object,5,4,53.0,\"quartz=0,thar=0,une=0\",INCOMPLETE,"), row13);
            Path fits = tmp.resolve("out/almanac.fits");
            AlmanacExport.fits(all, fits, false);
            HduInfo t = FitsHeaders.scan(fits).get(1);
            assertEquals("ALMANAC", t.extname().orElseThrow());
            assertEquals(all.size(), t.header().getLong("NAXIS2").orElseThrow());
            assertEquals("NREAD_PRESENT", t.header().getString("TTYPE13").orElseThrow().trim());
            DrpException exists = assertThrows(DrpException.class, () -> AlmanacExport.csv(all, csv, false));
            assertEquals(FitsErrorCode.OUTPUT_EXISTS, exists.code());
        }
    }
}
