package org.drpkit.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.lines.ArcLine;
import org.drpkit.core.lines.LineList;
import org.drpkit.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineListFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsApogeesUNeListPerChip() throws DrpException {
        Path une = SharedData.require("apogee/UNe.vac.apogee");
        LineList all = LineListFiles.readArc(une, 0);
        LineList green = LineListFiles.readArc(une, 2);
        assertEquals("UNe", all.name());
        assertEquals(333, all.size());
        assertEquals(119, green.size());
        assertEquals(15144.2624, all.wavelength()[0], 1e-9);        // 297 3 2040.14 15144.2624 350 NeI
        assertEquals(16953.0450, all.wavelength()[332], 1e-9);      // 1 1 11.83 16953.0450 261 UII
        for (double w : green.wavelength()) {
            assertTrue(w > 15850 && w < 16440, "green chip line at " + w);
        }
    }

    @Test
    void readsEveryColumnOfTheUNeListForWavelengthSolutions() throws DrpException {
        List<ArcLine> une = LineListFiles.readArcLines(SharedData.require("apogee/UNe.vac.apogee"));
        assertEquals(333, une.size());
        assertEquals(new ArcLine("1", 1, 11.83, 16953.0450, 261, "UII", false, -1), une.get(0));
        assertEquals(new ArcLine("6", 1, 200.55, 16912.4660, 1577, "UI", true, 1), une.get(5));
        assertEquals("18b", une.get(17).id());
        assertEquals(73, une.stream().filter(l -> l.chip() == 2 && l.useWave()).count());
        assertCode(LineListErrorCode.LINELIST_BAD_HEADER,
                () -> LineListFiles.readArcLines(write("# ID CHIPNUM WAVE FLUX\n1 1 15000 4\n")));
        assertCode(LineListErrorCode.LINELIST_BAD_ROW,
                () -> LineListFiles.readArcLines(write("# ID CHIPNUM XPIX WAVE FLUX\n1 4 2.0 15000 4\n")));
    }

    @Test
    void readsTheThArNeListWhoseFluxColumnSitsElsewhere() throws DrpException {
        LineList t = LineListFiles.readArc(SharedData.require("apogee/tharne.lines.vac.apogee"), 1);
        assertEquals("tharne", t.name());
        assertEquals(29, t.size());
        assertEquals(405000, t.maxIntensity(), 0);                  // ArI 16945.2121
    }

    @Test
    void readsTheOhLinesOfTheSkyListInAngstrom() throws DrpException {
        LineList oh = LineListFiles.readSky(SharedData.require("apogee/APOGEE_lines.csv"));
        assertEquals("OH", oh.name());
        assertEquals(99, oh.size());
        assertEquals(14931.955, oh.wavelength()[0], 1e-3);
        assertEquals(29, oh.between(15860, 16430).size());
    }

    @Test
    void badArcListsAreRefusedWithTheLine() {
        assertCode(LineListErrorCode.LINELIST_UNREADABLE, () -> LineListFiles.readArc(dir.resolve("none"), 0));
        assertCode(LineListErrorCode.LINELIST_BAD_HEADER, () -> LineListFiles.readArc(write("1 1 2.0 15000 3\n"), 0));
        assertCode(LineListErrorCode.LINELIST_BAD_HEADER,
                () -> LineListFiles.readArc(write("# ID CHIPNUM XPIX WAVE\n1 1 2 15000\n"), 0));
        DrpException short_ = assertCode(LineListErrorCode.LINELIST_BAD_ROW,
                () -> LineListFiles.readArc(write("# ID CHIPNUM WAVE FLUX\n1 1 15000 4\n2 1 15001\n"), 0));
        assertTrue(short_.getMessage().contains("line 3"), short_.getMessage());
        assertCode(LineListErrorCode.LINELIST_BAD_ROW,
                () -> LineListFiles.readArc(write("# ID CHIPNUM WAVE FLUX\n1 1 15x00 4\n"), 0));
        assertCode(LineListErrorCode.LINELIST_BAD_ROW,
                () -> LineListFiles.readArc(write("# ID CHIPNUM WAVE FLUX\n1 1 -15000 4\n"), 0));
        assertCode(LineListErrorCode.LINELIST_BAD_ROW,
                () -> LineListFiles.readArc(write("# ID CHIPNUM WAVE FLUX\n1 1 15000 NaN\n"), 0));
        assertCode(LineListErrorCode.LINELIST_EMPTY,
                () -> LineListFiles.readArc(write("# ID CHIPNUM WAVE FLUX\n1 1 15000 4\n"), 3));
    }

    @Test
    void badSkyListsAreRefused() throws DrpException {
        String head = ",wav,intensity,label,sub\n";
        LineList ok = LineListFiles.readSky(write(head + "0,1600.5,0.2,(4-2)pP1f(7.5),\"[1 2\n 3]\"\n1,1601,0.1,CO2,x\n"));
        assertEquals(1, ok.size());
        assertEquals(16005, ok.wavelength()[0], 1e-9);
        assertCode(LineListErrorCode.LINELIST_EMPTY, () -> LineListFiles.readSky(write("")));
        assertCode(LineListErrorCode.LINELIST_BAD_HEADER, () -> LineListFiles.readSky(write(",wave,intensity,label\n")));
        assertCode(LineListErrorCode.LINELIST_BAD_ROW,
                () -> LineListFiles.readSky(write(head + "0,1600.5,0.2,(4-2)pP1f(7.5),\"[1 2\n")));
        assertCode(LineListErrorCode.LINELIST_BAD_ROW, () -> LineListFiles.readSky(write(head + "0,1600.5,0.2\n")));
        assertCode(LineListErrorCode.LINELIST_BAD_ROW,
                () -> LineListFiles.readSky(write(head + "0,abc,0.2,(4-2)pP1f(7.5),x\n")));
        assertCode(LineListErrorCode.LINELIST_EMPTY, () -> LineListFiles.readSky(write(head + "0,1600,0.2,CH4,x\n")));
    }

    private Path write(String text) {
        try {
            Path p = Files.createTempFile(dir, "lines", ".txt");
            Files.writeString(p, text);
            return p;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private interface Read {
        Object run() throws DrpException;
    }

    private static DrpException assertCode(LineListErrorCode code, Read r) {
        DrpException e = assertThrows(DrpException.class, r::run);
        assertSame(code, e.code(), e.getMessage());
        return e;
    }
}
