package org.drpkit.instruments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.instrument.ExposureFacts;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.core.instrument.FixResult;
import org.drpkit.core.instrument.InstrumentPlugin;
import org.drpkit.core.instrument.Instruments;
import org.drpkit.instruments.apogee.Apogee;
import org.drpkit.instruments.fixtures.HeaderFixture;
import org.junit.jupiter.api.Test;

/** How the plugins file a raw file in an exposure table ({@link InstrumentPlugin#exposureFacts}). */
class ExposureFactsPluginTest {

    /** An unpacked APOGEE raw file of {@code reads} read HDUs whose exposure header announces {@code nread}. */
    private static List<Header> raw(String name, int nread, int reads) {
        List<Header> hdus = new ArrayList<>();
        hdus.add(Header.builder().add("TELESCOP", "apo25m").add("INSTRUME", "APOGEE").add("FILENAME", name)
                .add("IMAGETYP", "ArcLamp").add("NREAD", (long) nread).add("EXPTIME", 120.0)
                .add("LAMPQRTZ", 0L).add("LAMPTHAR", 1L).add("DATE-OBS", "2023-01-01T03:00:00.000").build());
        for (int k = 1; k <= reads; k++) {
            hdus.add(Header.builder().add("XTENSION", "IMAGE").add("DATE-OBS", "2023-01-01T03:00:00.000").build());
        }
        return hdus;
    }

    @Test
    void apogeeFilesAChipFileUnderItsExposureKeyWithReadsAndLamps() throws DrpException {
        Apogee apogee = new Apogee();
        List<Header> hdus = raw("apR-c-52610013.fits", 12, 9);
        FixContext ctx = FixContext.builder().path(Path.of("/raw/apo/60823/apR-c-52610013.fits")).hdus(hdus).build();
        FixResult fixed = apogee.fix(hdus.get(0), ctx);
        ExposureFacts f = apogee.exposureFacts(fixed, ctx).orElseThrow();
        assertEquals("apo/60823/B/0013", f.fileKey(), "the raw name gives site, SJD, chip c = B and exposure");
        assertEquals("apo/60823/0013", f.exposure());
        assertEquals("60823", f.night());
        assertEquals("B", f.chip());
        assertEquals(List.of("R", "G", "B"), f.chips());
        assertEquals(OptionalInt.of(12), f.readsExpected(), "NREAD");
        assertEquals(OptionalInt.of(9), f.readsPresent(), "an unpacked file holds HDUs - 1 reads");
        assertEquals(OptionalDouble.of(120.0), f.exposureTime());
        assertEquals(Map.of("quartz", 0, "thar", 1, "une", -1), f.lamps(), "LAMPUNE absent: unknown");
        assertTrue(f.toString().startsWith("apo/60823/B/0013 (exposure apo/60823/0013, night 60823, chip B of [R, G, B], "
                + "reads 9/12"), f.toString());
    }

    @Test
    void keckFilesTheWholeFileUnderItsArchiveIdAndUtNightWithElaptime() throws DrpException {
        HeaderFixture x = HeaderFixture.load("keck/nirc2-object-raw.hdr");
        InstrumentPlugin p = Instruments.load().forHeader(x.primary());
        FixResult fixed = p.fix(x.primary(), x.context());
        ExposureFacts f = p.exposureFacts(fixed, x.context()).orElseThrow();
        assertEquals("N2.20170725.51470.75", f.fileKey(), "the fixture's expected KOAID");
        assertEquals(f.fileKey(), f.exposure(), "one file is one exposure");
        assertEquals("20170725", f.night(), "the UT date of the archive id");
        assertEquals("", f.chip());
        assertEquals(OptionalDouble.of(2.12), f.exposureTime(), "ELAPTIME = ITIME x COADDS = 0.053 x 40");
        assertEquals(OptionalInt.empty(), f.readsExpected());
    }
}
