package org.drpkit.cli.instruments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.drpkit.core.header.CardValues;
import org.drpkit.core.header.Header;
import org.drpkit.core.header.HeaderFix;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.core.instrument.FixResult;
import org.drpkit.core.instrument.InstrumentPlugin;
import org.drpkit.core.instrument.Instruments;
import org.drpkit.core.testing.SharedData;
import org.drpkit.fits.FitsHeaders;
import org.drpkit.instruments.keck.service.SolarTwilight;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real NIRC2 headers in {@code ../shared/data/keck/nirc2} (skipped when absent).
 *
 * <p>The 2017 raw frame has no INSTRUME (only CURRINST) and TELESCOP twice. The sixteen 2022 calibration masters
 * carry the header of a frame the Keck archive itself processed: its cards up to the KOA block are the raw header,
 * and the KOA block (from the INSTRUME card KOA appended, onwards) holds the archive's own KOAID, KOAIMTYP,
 * SEMESTER, WCS and other values. The test cuts the KOA block, fixes the raw part with the NIRC2 plugin, and compares
 * what drpkit derives with what the archive wrote.
 */
class Nirc2RealHeadersTest {

    private static final Instruments ALL = Instruments.load();

    static Stream<String> calibrationFrames() throws IOException {
        if (!SharedData.available() || !Files.isDirectory(SharedData.dir().resolve("keck/nirc2"))) {
            return Stream.of("(shared data absent)");
        }
        try (Stream<Path> s = Files.list(SharedData.dir().resolve("keck/nirc2"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("dark_") || n.startsWith("flat_"))
                    .sorted().toList().stream();
        }
    }

    private static FixContext context(Path f, List<Header> hdus) throws IOException {
        return FixContext.builder().path(f).fileModified(Files.getLastModifiedTime(f).toInstant()).hdus(hdus).build();
    }

    @Test
    void rawFrameWithoutInstrumeGetsItsArchiveIdImageTypeAndSemester() throws Exception {
        Path f = SharedData.require("keck/nirc2/raw_n0051_standard_1.fits");
        List<Header> hdus = FitsHeaders.readAll(f);
        Header raw = hdus.get(0);
        assertTrue(raw.getString("INSTRUME").isEmpty(), "the raw frame has no INSTRUME");
        InstrumentPlugin p = ALL.forHeader(raw);
        assertEquals("NIRC2", p.name());
        FixResult result = p.fix(raw, context(f, hdus));
        Header fixed = result.header();
        assertEquals("N2.20170725.51470.75", p.archiveId(fixed).orElseThrow().toString());
        assertEquals("object", result.facts().imageType().orElseThrow());
        assertEquals("2017A", fixed.getString("SEMESTER").orElseThrow());
        assertEquals("NIRC2", fixed.getString("INSTRUME").orElseThrow());
        assertEquals("n0051.fits", fixed.getString("OFNAME").orElseThrow());
    }

    @Test
    void rawFramesDuplicatedTelescopIsReportedAndRepairedThroughTheFixLog() throws Exception {
        Path f = SharedData.require("keck/nirc2/raw_n0051_standard_1.fits");
        List<Header> hdus = FitsHeaders.readAll(f);
        assertEquals(2, hdus.get(0).duplicates().get("TELESCOP"));
        Header fixed = ALL.forHeader(hdus.get(0)).fix(hdus.get(0), context(f, hdus)).header();
        assertEquals(1, fixed.findAll("TELESCOP").size());
        assertTrue(fixed.duplicates().isEmpty(), fixed.duplicates().toString());
        assertTrue(fixed.fixes().contains(new HeaderFix("TELESCOP", "Keck II", null, "keck.duplicates")),
                fixed.fixes().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calibrationFrames")
    void archiveValuesOfA2022FrameAreReDerivedFromItsRawCards(String name) throws Exception {
        Path f = SharedData.require("keck/nirc2/" + name);
        List<Header> hdus = FitsHeaders.readAll(f);
        Header archived = hdus.get(0);
        int koaBlock = archived.indexOf("INSTRUME");
        assertTrue(koaBlock > 0 && archived.card(koaBlock).comment().startsWith("KOA"), "KOA block found in " + name);
        Header.Builder rawBuilder = Header.builder().origin(archived.origin());
        for (int i = 0; i < koaBlock; i++) {
            rawBuilder.add(archived.card(i));
        }
        Header raw = rawBuilder.build();
        InstrumentPlugin p = ALL.forHeader(raw);
        assertEquals("NIRC2", p.name());
        Header fixed = p.fix(raw, context(f, List.of(raw))).header();

        assertEquals(archived.getString("KOAID").orElseThrow(), p.archiveId(fixed).orElseThrow().fileName(), "KOAID");
        List<String> problems = new ArrayList<>();
        for (String k : List.of("KOAIMTYP", "SEMESTER", "OFNAME", "UT", "INSTRUME", "DETMODE", "DISPERS", "RADECSYS",
                "CTYPE1", "CTYPE2", "ISAO", "WAT0_001", "WAT1_001", "WAT2_001")) {
            same(problems, k, archived.getString(k).map(String::trim).orElse(null),
                    fixed.getString(k).map(String::trim).orElse(null));
        }
        for (String k : List.of("WAVERED", "WAVEBLUE", "WAVECNTR", "ELAPTIME", "CRPIX1", "CRPIX2", "CRVAL1", "CRVAL2",
                "PIXSCALE", "DETGAIN", "DETRN", "INSTSTAT", "NONLIN", "LTM1_1", "WCSDIM", "DATLEVEL")) {
            close(problems, k, archived, fixed, 1e-9);
        }
        // the archive wrote the CD matrix as 12-decimal text (quirk Q15); drpkit writes numbers
        for (String k : List.of("CD1_1", "CD1_2", "CD2_1", "CD2_2")) {
            close(problems, k, archived, fixed, 5e-13);
        }
        if (!problems.isEmpty()) {
            fail(name + ":\n  " + String.join("\n  ", problems));
        }
    }

    /**
     * Program: every frame is an engineering frame in the archive. Offline, drpkit finds ENG where the header shows
     * it (OUTDIR nirc2eng) or the offline twilight says the dark was taken in daylight; two darks of 2022-06-20
     * (15:33 and 15:41 UT) were taken before sunrise, where the archive relied on its online services.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("calibrationFrames")
    void engineeringProgramIsFoundOfflineWheneverTheHeaderOrDaylightShowsIt(String name) throws Exception {
        Path f = SharedData.require("keck/nirc2/" + name);
        List<Header> hdus = FitsHeaders.readAll(f);
        Header archived = hdus.get(0);
        Header.Builder rawBuilder = Header.builder().origin(archived.origin());
        for (int i = 0; i < archived.indexOf("INSTRUME"); i++) {
            rawBuilder.add(archived.card(i));
        }
        Header raw = rawBuilder.build();
        FixResult result = ALL.forHeader(raw).fix(raw, context(f, List.of(raw)));
        Header fixed = result.header();
        assertEquals("ENG", archived.getString("PROGID").orElseThrow().trim());
        boolean engDir = raw.getString("OUTDIR").orElse("").contains("nirc2eng");
        boolean daylight = SolarTwilight.MAUNAKEA.twilight(LocalDate.parse(
                raw.getString("DATE-OBS").orElseThrow().trim())).isDaytime(LocalTime.parse(
                raw.getString("UTC").orElseThrow().trim()));
        if (engDir || daylight) {
            assertEquals("ENG", fixed.getString("PROGID").orElseThrow(), name);
            assertEquals("NIRC2 Engineering", fixed.getString("PROGTL1").orElseThrow());
        } else {
            assertEquals("NONE", fixed.getString("PROGID").orElseThrow(), name);
            assertTrue(result.warned("INVALID_PROGID_WARN"));
            assertTrue(name.startsWith("dark_256_264_2_4") || name.startsWith("dark_256_264_3_16"),
                    "only the two pre-sunrise darks need the online services: " + name);
        }
    }

    private static void same(List<String> problems, String k, Object archive, Object ours) {
        if (!Objects.equals(archive, ours)) {
            problems.add(k + ": archive " + archive + ", drpkit " + ours);
        }
    }

    private static void close(List<String> problems, String k, Header archive, Header ours, double tol) {
        Object a = archive.value(k).orElse(null);
        Object o = ours.value(k).orElse(null);
        double da = a == null ? Double.NaN : CardValues.asDouble(a).orElse(Double.NaN);
        double dour = o == null ? Double.NaN : CardValues.asDouble(o).orElse(Double.NaN);
        if (!(Math.abs(da - dour) <= tol) && !(Double.isNaN(da) && Double.isNaN(dour))) {
            problems.add(k + ": archive " + a + ", drpkit " + o);
        }
    }

}
