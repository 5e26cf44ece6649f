package org.drpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.testing.SharedData;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.PixelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drpkit header --canonical FILE}. */
class HeaderCanonicalTest {

    @Test
    void rawNirc2FramePrintsTheFixedHeaderFixLogArchiveIdAndImageType() {
        Path f = SharedData.require("keck/nirc2/raw_n0051_standard_1.fits");
        DrpkitTest.Run r = new DrpkitTest.Run("header", "--canonical", f.toString());
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.contains("fixed by NIRC2 (org.drpkit.instruments.keck.Nirc2)"), r.out);
        assertTrue(r.out.contains("KOAID   = 'N2.20170725.51470.75.fits' / KOA: Data file name"), r.out);
        assertTrue(r.out.contains("#   TELESCOP: 'Keck II' -> (absent) (keck.duplicates)"), r.out);
        assertTrue(r.out.contains("#   INSTRUME: (absent) -> 'NIRC2' (keck.instrument)"), r.out);
        assertTrue(r.out.contains("WARN INVALID_PROGID_WARN"), r.out);
        assertTrue(r.out.contains("archive id = N2.20170725.51470.75"), r.out);
        assertTrue(r.out.contains("image type = object"), r.out);
    }

    @Test
    void programOptionIsPassedToTheFix() {
        Path f = SharedData.require("keck/nirc2/raw_n0051_standard_1.fits");
        DrpkitTest.Run r = new DrpkitTest.Run("header", "--canonical", "--progid", "U123", f.toString());
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.contains("PROGID  = 'U123'"), r.out);
        assertTrue(r.out.contains("# extra PROGSRC  = option progid"), r.out);
    }

    @Test
    void anyKeckInstrumentsFileIsFixed(@TempDir Path dir) throws Exception {
        Header kcwi = Header.builder().add("INSTRUME", "KCWI").add("CAMERA", "BLUE").add("DATE-OBS", "2019-05-09")
                .add("UT", "02:05:54.57").add("OFNAME", "kb190509_00001.fits").add("XPOSURE", 0.0)
                .add("IFUNAM", "Medium").add("BINNING", "2,2").build();
        Path f = dir.resolve("kb190509_00001.fits");
        FitsWriter.create().primaryImage(kcwi, Image.zeros(8, 4), PixelType.FLOAT32).write(f, false);
        DrpkitTest.Run r = new DrpkitTest.Run("header", "--canonical", f.toString());
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.contains("archive id = KB.20190509.07554.57"), r.out);
        assertTrue(r.out.contains("image type = bias"), r.out);
        assertTrue(r.out.contains("SLITWIDT= 0.69"), r.out);
    }

    @Test
    void unknownInstrumentExitsWithBadInputNamingFileHduAndKeyword() {
        Path f = SharedData.require("fits/astropy_test0.fits");
        DrpkitTest.Run r = new DrpkitTest.Run("header", "--canonical", f.toString());
        assertEquals(Drpkit.EXIT_BAD_INPUT, r.status);
        assertTrue(r.err.startsWith("[INSTRUMENT_UNKNOWN] " + f + ", HDU 0, keyword INSTRUME"), r.err);
    }

    @Test
    void unrepairableHeaderExitsWithBadInputNamingTheKeyword(@TempDir Path dir) throws Exception {
        Header nodate = Header.builder().add("INSTRUME", "NIRC2").add("FILENAME", "n0001.fits")
                .add("UTC", "10:00:00.00").add("DATE-OBS", "not a date").build();
        Path f = dir.resolve("n0001.fits");
        FitsWriter.create().primaryImage(nodate, Image.zeros(4, 4), PixelType.FLOAT32).write(f, false);
        // the file has a modification time, so DATE-OBS is repaired from it; force an unusable instrument instead
        DrpkitTest.Run r = new DrpkitTest.Run("header", "--canonical", "--instrument", "NIRES", f.toString());
        assertEquals(Drpkit.EXIT_BAD_INPUT, r.status);
        assertTrue(r.err.startsWith("[SET_INSTR_ERROR] " + f + ", HDU 0, keyword INSTRUME"), r.err);
    }
}
