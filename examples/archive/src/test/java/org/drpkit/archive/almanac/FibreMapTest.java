package org.drpkit.archive.almanac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.id.ExposureKey;
import org.drpkit.fits.FitsHeaders;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.validate.FitsValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fibre maps in the documented format, their fibre types as upstream maps them, and their link to exposures. */
class FibreMapTest {

    @TempDir
    Path tmp;

    /** Fibres 1-2 science, 3 APOGEE sky, 4 BOSS-sky category on an APOGEE fibre, 5 telluric, 6 a guide star. */
    static final String CONF = """
            # simulated confSummary of configuration 10001
            configuration_id 10001
            design_id 5001
            observatory APO
            FIBERMAP fiberId fiberType category targetId ra dec hmag
            FIBERMAP 1 APOGEE science 2M05353235-0522017 83.8848 -5.3671 9.85
            FIBERMAP 2 APOGEE science 2M05351111-0511111 83.8000 -5.2000 10.10
            FIBERMAP 3 APOGEE sky_apogee sky-3 83.9100 -5.3000 NaN
            FIBERMAP 4 APOGEE sky_boss sky-4 83.9200 -5.3100 NaN
            FIBERMAP 5 APOGEE standard_apogee 2M05360000-0530000 84.0000 -5.5000 8.20
            FIBERMAP 6 APOGEE guide_star g-6 84.1000 -5.6000 7.00
            FIBERMAP 7 BOSS science 4000000001 83.5000 -5.0000 NaN
            FIBERMAP -1 APOGEE science unassigned 0.0 0.0 NaN
            """;

    @Test
    void readsTheFormatAndTypesEachFibreAsUpstream() throws Exception {
        Path f = tmp.resolve("confSummary-10001.par");
        Files.writeString(f, CONF);
        FibreMap m = FibreMap.read(f);
        assertEquals("10001", m.id());
        assertEquals("5001", m.keywords().get("design_id"));
        assertEquals(2, m.skipped(), "the BOSS fibre and the unassigned row");
        assertEquals(Map.of(FibreType.SCIENCE, 2, FibreType.SKY, 2, FibreType.TELLURIC, 1, FibreType.UNKNOWN, 1),
                m.counts());
        assertEquals("2M05353235-0522017", m.fibre(1).target());
        assertEquals(83.8848, m.fibre(1).ra(), 0);
        assertEquals(FibreType.UNKNOWN, m.fibre(6).type());
        assertEquals("guide_star", m.fibre(6).category());
        assertEquals(FibreType.UNUSED, m.fibre(7).type(), "only APOGEE rows count");
        assertEquals(FibreType.UNUSED, m.fibre(300).type());
        List<FibreMap.Fibre> obj = m.forRows(new int[] {5, 3, 1, 299}, "object");
        assertEquals(List.of(FibreType.TELLURIC, FibreType.SKY, FibreType.SCIENCE, FibreType.UNUSED),
                obj.stream().map(FibreMap.Fibre::type).toList());
        assertTrue(m.forRows(new int[] {1, 2}, "arclamp").stream().allMatch(x -> x.type() == FibreType.CALIBRATION));

        m.write(tmp.resolve("copy.par"), false);
        FibreMap back = FibreMap.read(tmp.resolve("copy.par"));
        assertEquals(m.fibres(), back.fibres());
    }

    @Test
    void badFilesNameTheLineAndColumn() throws Exception {
        Path dup = tmp.resolve("dup.par");
        Files.writeString(dup, CONF.replace("FIBERMAP 2 APOGEE", "FIBERMAP 1 APOGEE"));
        DrpException e = assertThrows(DrpException.class, () -> FibreMap.read(dup));
        assertEquals(AlmanacErrorCode.FIBRE_MAP_INVALID, e.code());
        assertTrue(e.getMessage().contains("dup.par:7") && e.getMessage().contains("fiberId")
                && e.getMessage().contains("fibre 1 listed twice"), e.getMessage());
        Path ra = tmp.resolve("ra.par");
        Files.writeString(ra, CONF.replace("83.9100", "east"));
        e = assertThrows(DrpException.class, () -> FibreMap.read(ra));
        assertTrue(e.getMessage().contains("ra.par:8") && e.getMessage().contains("not a number: 'east'"),
                e.getMessage());
        Path noId = tmp.resolve("noid.par");
        Files.writeString(noId, CONF.replace("configuration_id 10001\n", ""));
        assertEquals(AlmanacErrorCode.FIBRE_MAP_INVALID, assertThrows(DrpException.class,
                () -> FibreMap.read(noId)).code());
        assertEquals(AlmanacErrorCode.FIBRE_MAP_MISSING, assertThrows(DrpException.class,
                () -> FibreMap.read(tmp.resolve("none.par"))).code());
    }

    @Test
    void exposuresAreLinkedByTheConfigurationOrPlateIdOfTheirHeader() throws Exception {
        Path raw = tmp.resolve("raw");
        Path maps = tmp.resolve("maps");
        Files.createDirectories(maps);
        Files.writeString(maps.resolve("confSummary-10001.par"), CONF);
        Files.writeString(maps.resolve("plPlugMapM-7777.par"), CONF.replace("configuration_id 10001",
                "plate_id 7777"));
        Object[][] plan = {{1, "CONFIGID", 10001L}, {2, null, 0L}, {3, "CONFIGID", 10002L}, {4, "PLATEID", 7777L}};
        for (Object[] p : plan) {
            for (String chip : new String[] {"R", "G", "B"}) {
                SimulatedNights.Plan sp = new SimulatedNights.Plan((Integer) p[0], "object", 5, 0, 0, 0);
                Header.Builder h = SimulatedNights.primary(60000, chip, sp, true, false).toBuilder();
                if (p[1] != null) {
                    h.add((String) p[1], (Long) p[2], "map id");
                }
                SimulatedNights.write(raw, new ExposureKey("apo", 60000, chip, (Integer) p[0]), h.build(), 5);
            }
        }
        List<Exposure> night;
        try (Almanac a = Almanac.open(Almanac.h2Url(tmp.resolve("almanac")))) {
            a.index(List.of(raw), IndexOptions.defaults());
            night = Exposure.group(a.night("60000", Optional.of("APOGEE")));
        }
        List<FibreMaps.Link> links = FibreMaps.link(night, maps);
        assertEquals(4, links.size());
        assertEquals("10001", links.get(0).map().orElseThrow(() -> new AssertionError(links.toString())).id());
        assertEquals("CONFIGID", links.get(0).keyword());
        assertTrue(links.get(1).problem().startsWith("no CONFIGID or PLATEID above 0"), links.get(1).toString());
        assertTrue(links.get(2).problem().startsWith("[FIBRE_MAP_MISSING]")
                && links.get(2).problem().contains("confSummary-10002.par"), links.get(2).toString());
        assertEquals("7777", links.get(3).map().orElseThrow().id());
        assertEquals("PLATEID", links.get(3).keyword());
    }

    @Test
    void theFibermapTableHasOneValidRowPerSpectrum() throws Exception {
        Path f = tmp.resolve("confSummary-10001.par");
        Files.writeString(f, CONF);
        List<FibreMap.Fibre> rows = FibreMap.read(f).forRows(new int[] {1, 3, 5, 250}, "object");
        Path out = tmp.resolve("spectra.fits");
        FitsWriter.create().primary(Header.empty()).table("FIBERMAP", Header.empty(), FibreMaps.table(rows))
                .write(out, false);
        assertTrue(FitsValidator.validate(out).isValid(), FitsValidator.validate(out).toString());
        Header t = FitsHeaders.scan(out).get(1).header();
        assertEquals(4, t.getInt("NAXIS2").orElseThrow());
        assertEquals("TYPE", t.getString("TTYPE2").orElseThrow().trim());
        String bytes = new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1);
        assertTrue(bytes.indexOf("2M05353235-0522017") < bytes.indexOf("sky-3")
                && bytes.indexOf("sky-3") < bytes.indexOf("2M05360000-0530000"), "rows in spectrum order");
        assertTrue(bytes.contains("TELLURIC") && bytes.contains("UNUSED"));
    }
}
