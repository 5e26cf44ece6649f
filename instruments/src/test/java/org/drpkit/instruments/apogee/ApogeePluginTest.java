package org.drpkit.instruments.apogee;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Header;
import org.drpkit.core.id.ExposureKey;
import org.drpkit.core.image.ReadPattern;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.ChipLayout;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.core.instrument.FixResult;
import org.drpkit.core.instrument.Instruments;
import org.drpkit.core.instrument.ReadoutDirection;
import org.drpkit.core.instrument.Region;
import org.junit.jupiter.api.Test;

/** The APOGEE plugin on hand-written raw headers (apogee-drp 1.1, 1.2, 2.2). */
class ApogeePluginTest {

    private final Apogee apogee = new Apogee();

    /** An fpacked apz of {@code reads} reads: empty primary, the mean increment with the exposure header, reads. */
    private static List<Header> apz(String name, int reads) {
        List<Header> hdus = new ArrayList<>();
        hdus.add(Header.builder().add("SIMPLE", true).add("NAXIS", 0L).build());
        hdus.add(Header.builder().add("XTENSION", "BINTABLE").add("ZIMAGE", true).add("TELESCOP", "apo25m")
                .add("FILENAME", name).add("IMAGETYP", "QuartzFlat").add("LAMPQRTZ", 1L).add("LAMPTHAR", 0L)
                .add("LAMPUNE", 0L).build());
        for (int k = 1; k <= reads; k++) {
            double seconds = 10.647 * (k - 1);
            String t = String.format("2023-01-01T03:00:%06.3f", seconds);
            hdus.add(Header.builder().origin(Location.file(name)).add("XTENSION", "BINTABLE").add("ZIMAGE", true)
                    .add("DATE-OBS", t).add("INTOFF", 10647.0).add("EXPTIME", seconds).build());
        }
        return hdus;
    }

    /** The read pattern the headers state: single frames at INTOFF, else at the spacing of the reads' DATE-OBS. */
    @Test
    void readPatternIsSingleFramesAtTheReadInterval() throws DrpException {
        List<Header> hdus = apz("apR-b-52610013.apz", 3);
        FixContext ctx = FixContext.builder().path(Path.of("/raw/apo/60823/apR-b-52610013.apz")).hdus(hdus).build();
        Header fixed = apogee.fix(Apogee.exposureHeader(hdus), ctx).header();
        ReadPattern p = apogee.readPattern(fixed, ctx).orElseThrow();
        assertEquals(1, p.nframes());
        assertEquals(0, p.groupgap());
        assertEquals(10.647, p.frameTime(), 1e-9);
        List<Header> noIntoff = new ArrayList<>();
        for (Header h : hdus) {
            noIntoff.add(h.toBuilder().remove("INTOFF").build());
        }
        FixContext bare = FixContext.builder().path(Path.of("apR-b-52610013.apz")).hdus(noIntoff).build();
        assertEquals(10.647, apogee.readPattern(fixed, bare).orElseThrow().frameTime(), 1e-3, "from DATE-OBS");
        FixContext one = FixContext.builder().path(Path.of("apR-b-52610013.apz")).hdus(apz("apR-b-52610013.apz", 1))
                .build();
        assertTrue(apogee.readPattern(fixed, one).isEmpty(), "one read states no interval");
    }

    /** An apz's empty primary names no instrument: the file is matched by its tile-compressed HDU 1. */
    @Test
    void anApzIsMatchedByTheHeaderInItsCompressedFirstExtension() throws DrpException {
        List<Header> hdus = apz("apR-b-52610013.apz", 2);
        Instruments.FileMatch m = Instruments.load().forFile(hdus);
        assertEquals("APOGEE", m.plugin().name());
        assertEquals(1, m.hdu());
        List<Header> plain = new ArrayList<>(hdus);
        plain.set(1, hdus.get(1).toBuilder().remove("ZIMAGE").build());
        DrpException e = assertThrows(DrpException.class, () -> Instruments.load().forFile(plain));
        assertEquals(CoreErrorCode.INSTRUMENT_UNKNOWN, e.code(), "HDU 1 is only read when it is a compressed image");
    }

    @Test
    void acceptsApogeeHeadersByTelescopeInstrumentOrRawName() throws DrpException {
        assertTrue(apogee.accepts(Header.builder().add("TELESCOP", "apo25m").build()));
        assertTrue(apogee.accepts(Header.builder().add("INSTRUME", "APOGEE-S").build()));
        assertTrue(apogee.accepts(Header.builder().add("FILENAME", "asR-b-51930001.apz").build()));
        assertFalse(apogee.accepts(Header.builder().add("TELESCOP", "Keck II").add("INSTRUME", "NIRC2").build()));
        assertEquals("APOGEE", Instruments.load().forHeader(Header.builder().add("TELESCOP", "lco25m").build()).name());
    }

    @Test
    void archiveIdIsSitePrefixFirstReadStartAndChip() throws DrpException {
        List<Header> hdus = apz("apR-b-52610013.apz", 3);
        FixContext ctx = FixContext.builder().path(Path.of("/raw/apo/60823/apR-b-52610013.apz")).hdus(hdus).build();
        Header fixed = apogee.fix(Apogee.exposureHeader(hdus), ctx).header();
        assertEquals("AP.20230101.10800.00_G", apogee.archiveId(fixed).orElseThrow().toString(),
                "first read at 03:00:00.000 UT = 10800 s, chip b is G");
        Header lco = Header.builder().add("TELESCOP", "lco25m").add("DATE-OBS", "2025-03-20T23:59:07.129")
                .add("CHIP", "c").build();
        assertEquals("AS.20250320.86347.12_B", apogee.archiveId(lco).orElseThrow().toString(),
                "hundredths truncated, not the Keck archive's quirk");
        DrpException e = assertThrows(DrpException.class, () -> apogee.archiveId(Header.builder()
                .add("TELESCOP", "apo25m").add("DATE-OBS", "2025-03-20").build()));
        assertEquals(ApogeeErrorCode.APOGEE_READ_HEADER_INVALID, e.code());
    }

    @Test
    void archiveIdRefusesYearsWithoutFourDigitsAndHoursPastTheDay() {
        for (String dateObs : new String[] {"0858-01-05T10:00:00", "2025-03-20T99:00:00", "2025-03-20T12:75:00"}) {
            DrpException e = assertThrows(DrpException.class, () -> apogee.archiveId(Header.builder()
                    .add("TELESCOP", "apo25m").add("DATE-OBS", dateObs).build()), dateObs);
            assertEquals(ApogeeErrorCode.APOGEE_READ_HEADER_INVALID, e.code(), dateObs);
            assertEquals("DATE-OBS", e.location().keyword(), dateObs);
        }
    }

    @Test
    void fpackedExposureHeaderIsHduOne() {
        List<Header> hdus = apz("apR-b-52610013.apz", 3);
        assertEquals("apR-b-52610013.apz", Apogee.exposureHeader(hdus).getString("FILENAME").orElseThrow());
    }

    @Test
    void fixesCanonicaliseTheImageTypeAndCountTheReads() throws DrpException {
        List<Header> hdus = apz("apR-b-52610013.apz", 5);
        FixContext ctx = FixContext.builder().path(Path.of("/raw/apo/60823/apR-b-52610013.apz")).hdus(hdus).build();
        FixResult r = apogee.fix(Apogee.exposureHeader(hdus), ctx);
        Header fixed = r.header();
        assertEquals("quartzflat", r.facts().imageType().orElseThrow());
        assertEquals(5L, fixed.getLong("NREAD").orElseThrow(), "7 HDUs of an fpacked apz hold 5 reads");
        assertEquals("2023-01-01T03:00:00.000", fixed.getString("DATE-OBS").orElseThrow(), "first read's start");
        assertEquals(new ExposureKey("apo", 60823, "G", 13), apogee.exposureKey(fixed, ctx));
    }

    @Test
    void arcLampExposuresNameTheirLampAndFpiWhenBothFlagsAreOff() throws DrpException {
        Header thar = Header.builder().add("TELESCOP", "lco25m").add("EXPTYPE", "ArcLamp").add("LAMPTHAR", 1L)
                .add("LAMPUNE", 0L).build();
        Header fpi = thar.toBuilder().set("LAMPTHAR", 0L).build();
        assertEquals("thar", apogee.fix(thar, FixContext.offline()).facts().calibrationLamp().orElseThrow());
        assertEquals("fpi", apogee.fix(fpi, FixContext.offline()).facts().calibrationLamp().orElseThrow());
        assertEquals("arclamp", apogee.fix(thar, FixContext.offline()).facts().imageType().orElseThrow(),
                "EXPTYPE stands in for IMAGETYP");
    }

    @Test
    void layoutIsTheChipOfTheRawNameWithItsReferenceOutputAndAlternatingAmplifiers() {
        ChipLayout l = apogee.layout(apz("apR-b-52610013.apz", 3));
        Chip g = l.chip("G").orElseThrow();
        assertEquals(1, l.size());
        assertEquals(2560, g.width());
        assertEquals(2048, g.height());
        assertEquals(Region.of(2048, 0, 512, 2048), g.referenceOutput().orElseThrow());
        assertEquals(Region.of(4, 4, 2040, 2040), g.lightSensitive());
        assertEquals(ReadoutDirection.MINUS_X, g.amplifierAt(600, 0).orElseThrow().direction());
        assertEquals(List.of("R", "G", "B"),
                apogee.layout(List.of(Header.builder().add("TELESCOP", "apo25m").build())).chips().stream()
                        .map(Chip::name).toList());
    }

    @Test
    void readTimesComeFromEachReadsDateObsAndIntoff() throws DrpException {
        ApogeeReads r = ApogeeReads.of(apz("apR-a-52610013.apz", 4), true);
        assertEquals(4, r.nread());
        assertEquals(10.647, r.intervalSeconds(), 1e-12);
        double[] mjd = r.startMjd();
        double day0 = ApogeeReads.mjd("2023-01-01T00:00:00").orElseThrow();
        assertEquals(59945.0, day0, 0.0, "MJD of 2023-01-01");
        double[] expected = new double[4];
        for (int k = 0; k < 4; k++) {
            expected[k] = day0 + (3 * 3600 + 10.647 * k) / 86400.0;
        }
        assertArrayEquals(expected, mjd, 1e-9, "read starts within 0.1 ms");
        assertEquals(31.941, r.exptimeSeconds(), 1e-9);
    }

    @Test
    void readWithoutDateObsIsAnErrorNamingTheHdu() {
        List<Header> hdus = new ArrayList<>(apz("apR-a-52610013.apz", 2));
        hdus.set(3, Header.builder().origin(Location.file("apR-a-52610013.apz")).add("INTOFF", 10647.0).build());
        DrpException e = assertThrows(DrpException.class, () -> ApogeeReads.of(hdus, true));
        assertEquals(ApogeeErrorCode.APOGEE_READ_HEADER_INVALID, e.code());
        assertTrue(e.getMessage().startsWith("[APOGEE_READ_HEADER_INVALID] apR-a-52610013.apz, HDU 3, keyword DATE-OBS"),
                e.getMessage());
    }

    @Test
    void exposureKeyFromHeadersWithoutARawName() throws DrpException {
        Header h = Header.builder().add("TELESCOP", "lco25m").add("DATE-OBS", "2025-03-20T23:59:00").add("CHIP", "c")
                .add("EXPNUM", 51930002L).build();
        // MJD 60754.9993 + 0.4 -> SJD 60755
        assertEquals(new ExposureKey("lco", 60755, "B", 2), apogee.exposureKey(h, FixContext.offline()));
    }
}
