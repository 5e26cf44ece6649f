package org.drpkit.archive.almanac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.drpkit.core.error.DrpException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upstream's runlist rules on the simulated night whose plan and defects are known ({@link SimulatedNights}). */
class RunlistTest {

    @TempDir
    Path tmp;

    private List<Exposure> night;

    @BeforeEach
    void indexNight() throws Exception {
        Path raw = tmp.resolve("raw");
        SimulatedNights.night60000(raw);
        try (Almanac a = Almanac.open(Almanac.h2Url(tmp.resolve("almanac")))) {
            a.index(List.of(raw), IndexOptions.defaults());
            night = Exposure.group(a.night("60000", Optional.of("APOGEE")));
        }
    }

    private static Map<String, Runlist> byName(List<Runlist> lists) {
        return lists.stream().collect(Collectors.toMap(r -> r.rule().name(), r -> r));
    }

    private static String id(int exposure) {
        return String.format("apo/60000/%04d", exposure);
    }

    @Test
    void upstreamRulesPickEachKindAndRecordEveryExclusionWithItsReason() throws DrpException {
        Path badFile = tmp.resolve("bad-exposures.csv");
        BadExposures.empty().with(id(12), "operator", "appears dark, dome closed", Instant.parse("2025-01-02T03:04:05Z"))
                .write(badFile);
        Map<String, Runlist> r = byName(Runlist.build(night, RunlistRules.forInstrument("APOGEE"),
                BadExposures.read(badFile)));
        assertEquals(List.of(id(2)), r.get("darks").exposureIds());
        assertEquals("no previous exposure in the night (persistence unknown)",
                r.get("darks").excluded().get(0).reasons().get(0));
        assertEquals(List.of(id(3)), r.get("quartzflats").exposureIds(), "3 reads suffice for a quartz flat");
        assertEquals(List.of(id(4)), r.get("domeflats").exposureIds());
        assertEquals(List.of(id(11)), r.get("internalflats").exposureIds());
        assertEquals(List.of(id(5)), r.get("arcs").exposureIds());
        assertEquals(List.of(id(6)), r.get("fpi").exposureIds());
        assertEquals(List.of("none of the lamps [thar, une] on"), r.get("arcs").excluded().get(0).reasons());
        assertEquals(List.of("thar lamp on (must be off)"), r.get("fpi").excluded().get(0).reasons());
        assertEquals(List.of(id(9)), r.get("science").exposureIds());
        Map<String, List<String>> why = r.get("science").excluded().stream()
                .collect(Collectors.toMap(x -> x.exposure().exposure(), Runlist.Exclusion::reasons));
        assertEquals(List.of(id(7), id(8), id(10), id(12), id(13)), why.keySet().stream().sorted().toList());
        assertEquals(List.of("chip B missing"), why.get(id(7)));
        assertTrue(why.get(id(8)).get(0).contains("MALFORMED: DATA_TRUNCATED HDU 4"), why.get(id(8)).toString());
        assertEquals(List.of("2 reads (needs 4)"), why.get(id(10)));
        assertEquals(List.of("on the bad-exposure list (version 1, operator): appears dark, dome closed"), why.get(id(12)));
        assertEquals(List.of("chip R apR-a-44380013.apz INCOMPLETE: holds 4 of the 5 reads its header announces "
                + "(NREAD)"), why.get(id(13)), "4 reads are enough; the missing fifth read is the reason");
        assertEquals(List.of(), Runlist.unassigned(night, RunlistRules.forInstrument("APOGEE")));
    }

    @Test
    void badListIsVersionedAndRefusesAStaleWriter() throws Exception {
        Path f = tmp.resolve("bad.csv");
        BadExposures v1 = BadExposures.read(f).with(id(9), "ramp", "jump storm, 40% of pixels", Instant.EPOCH);
        v1.write(f);
        BadExposures read1 = BadExposures.read(f);
        assertEquals(1, read1.version());
        assertEquals("jump storm, 40% of pixels", read1.entries().get(0).reason(), "a comma survives the CSV");
        read1.with("apo/60000/R/0010", "extract", "trace outlier", Instant.EPOCH).write(f);
        BadExposures read2 = BadExposures.read(f);
        assertEquals(2, read2.version());
        assertEquals(2, read2.entries().get(1).version());
        DrpException stale = assertThrows(DrpException.class,
                () -> read1.with(id(11), "operator", "x", Instant.EPOCH).write(f));
        assertEquals(AlmanacErrorCode.BAD_LIST_CONFLICT, stale.code());
        assertEquals(2, BadExposures.read(f).entries().size(), "the stale write changed nothing");
        Map<String, Runlist> r = byName(Runlist.build(night, RunlistRules.apogee(), read2));
        assertTrue(r.get("science").excluded().stream().anyMatch(x -> x.exposure().exposure().equals(id(9))),
                "a bad exposure leaves the runlist");
        Files.writeString(f, "exposure,stage\n");
        assertEquals(AlmanacErrorCode.BAD_LIST_INVALID, assertThrows(DrpException.class, () -> BadExposures.read(f))
                .code());
    }

    @Test
    void pipelineOutcomesEnterTheListOnceUnderOneVersionAndTheNextRunlistLeavesThemOut() throws Exception {
        Path f = tmp.resolve("bad.csv");
        // a ramp failed on one chip file of science exposure 9, and internal flat 11 was an outlier of the flat stack
        List<BadExposures.Outcome> outcomes = List.of(
                BadExposures.Outcome.of("apo/60000/G/0009", "ramp", "[RAMP_SHAPE_MISMATCH] the ramp is 64x64"),
                BadExposures.Outcome.of(id(11), "flat", "lamp level 0.01 DN/read below the lamp-on threshold"));
        BadExposures before = BadExposures.read(f);
        assertEquals(0, before.version());
        Map<String, Runlist> r0 = byName(Runlist.build(night, RunlistRules.apogee(), before));
        assertEquals(List.of(id(9), id(12)), r0.get("science").exposureIds());
        assertEquals(List.of(id(11)), r0.get("internalflats").exposureIds());

        BadExposures after = before.withOutcomes(outcomes, Instant.EPOCH);
        assertEquals(1, after.version(), "one version for the run's outcomes");
        assertEquals(List.of("apo/60000/G/0009 (ramp: [RAMP_SHAPE_MISMATCH] the ramp is 64x64, v1)",
                "apo/60000/0011 (flat: lamp level 0.01 DN/read below the lamp-on threshold, v1)"),
                after.entries().stream().map(Object::toString).toList());
        after.write(f);
        BadExposures read = BadExposures.read(f);
        assertTrue(read.withOutcomes(outcomes, Instant.EPOCH) == read, "a rerun's same outcomes add nothing");

        Map<String, Runlist> r1 = byName(Runlist.build(night, RunlistRules.apogee(), read));
        assertEquals(List.of(id(12)), r1.get("science").exposureIds());
        assertEquals(List.of(), r1.get("internalflats").exposureIds());
        Map<String, List<String>> why = r1.get("science").excluded().stream()
                .collect(Collectors.toMap(x -> x.exposure().exposure(), Runlist.Exclusion::reasons));
        assertEquals(List.of("on the bad-exposure list (version 1, ramp): [RAMP_SHAPE_MISMATCH] the ramp is 64x64"),
                why.get(id(9)), "one chip file's entry keeps the whole exposure out");
        assertEquals(List.of("on the bad-exposure list (version 1, flat): lamp level 0.01 DN/read below the lamp-on "
                + "threshold"), r1.get("internalflats").excluded().get(0).reasons());
    }
}
