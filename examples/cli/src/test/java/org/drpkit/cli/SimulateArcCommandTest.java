package org.drpkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.drpkit.algorithms.sim.SpectrographModel;
import org.drpkit.algorithms.sim.WavelengthModel;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Image;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.H2rgLayout;
import org.drpkit.core.instrument.Region;
import org.drpkit.core.lines.LineList;
import org.drpkit.core.testing.SharedData;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.LineListFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drpkit simulate --kind arc}: the lamp shows the lines of an APOGEE arc list where the simulator's wavelength
 * solution puts them (truth: the list and {@link WavelengthModel#apogee}); without a list, the demo's seeded lines, and
 * the output says so.
 */
class SimulateArcCommandTest {

    private static Path truthFile(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith("-truth.fits")).findFirst().orElseThrow();
        }
    }

    /** The true wavelength solution of a small chip: the full detector's middle columns of the APOGEE chip. */
    private static WavelengthModel wave(Chip chip, String letter) {
        Region a = chip.lightSensitive();
        return WavelengthModel.apogee(letter, (H2rgLayout.APOGEE_SIZE - a.width()) / 2 - a.x0());
    }

    /** The lines of a list a small chip's middle fibre sees. */
    private static LineList onChip(LineList list, Chip chip, WavelengthModel wave) {
        Region a = chip.lightSensitive();
        SpectrographModel m = SpectrographModel.apogee(chip, 1);
        int middle = m.fibres()[m.fibres().length / 2];
        return list.between(wave.wavelength(middle, a.x1() - 1), wave.wavelength(middle, a.x0()));
    }

    /**
     * Every isolated line of the list (no other within 3 A, about 10 columns) at a fifth of the brightest or more
     * sits in the true rate where the list's wavelength and the wavelength solution put it: the centroid along the
     * middle fibre's trace within 0.1 px of the column (a symmetric, pixel-integrated LSF of sigma 1.2 px, summed
     * over +-5 px).
     */
    private static int assertLinesAtTheirColumns(Path truth, Chip chip, WavelengthModel wave, LineList expected)
            throws DrpException {
        try (FitsReader r = FitsReader.open(truth)) {
            double[] rows = r.readDoubles("ARCLINES");
            Image rate = r.readImage("RATE");
            assertEquals(3 * expected.size(), rows.length, "rows of ARCLINES");
            double[] w = expected.wavelength();
            double[] f = expected.intensity();
            SpectrographModel m = SpectrographModel.apogee(chip, 1);
            int mid = m.fibres().length / 2;
            int checked = 0;
            for (int k = 0; k < expected.size(); k++) {
                assertEquals(w[k], rows[3 * k], 1e-9, "wavelength of line " + k);
                assertEquals(f[k], rows[3 * k + 2], 1e-9, "intensity of line " + k);
                boolean alone = true;
                for (int j = 0; j < w.length; j++) {
                    alone &= j == k || Math.abs(w[j] - w[k]) > 3;
                }
                double col = wave.column(m.fibres()[mid], w[k]);
                assertEquals(col, rows[3 * k + 1], 1e-6, "column of line " + k);
                int c = (int) Math.rint(col);
                if (!alone || f[k] < 0.2 * expected.maxIntensity() || c - 5 < chip.lightSensitive().x0()
                        || c + 5 >= chip.lightSensitive().x1()) {
                    continue;
                }
                int y = (int) Math.rint(m.centre(mid, col));
                double sum = 0;
                double moment = 0;
                for (int x = c - 5; x <= c + 5; x++) {
                    sum += rate.get(x, y);
                    moment += x * rate.get(x, y);
                }
                assertEquals(col, moment / sum, 0.1, "centroid of the line at " + w[k] + " A");
                checked++;
            }
            return checked;
        }
    }

    @Test
    void theArcShowsTheUNeListsLinesAtTheirWavelengths(@TempDir Path dir) throws IOException, DrpException {
        Path list = SharedData.require("apogee/UNe.vac.apogee");
        DrpkitTest.Run s = new DrpkitTest.Run("simulate", "--out", dir.toString(), "--kind", "arc", "--reads", "3",
                "--rate", "1000", "--chip", "G", "--lines", list.toString());
        assertEquals(0, s.status, s.err);
        Chip chip = H2rgLayout.chip("G", 256, 64, 4, 4, 18);
        WavelengthModel wave = wave(chip, "b");
        LineList expected = onChip(LineListFiles.readArc(list, 0), chip, wave);
        assertTrue(expected.size() >= 10, expected.toString());
        assertTrue(s.out.contains(expected.size() + " UNe lines of " + list), s.out);
        assertFalse(s.out.contains("no --lines"), s.out);
        int checked = assertLinesAtTheirColumns(truthFile(dir), chip, wave, expected);
        assertTrue(checked >= 3, "isolated bright lines checked: " + checked);
    }

    @Test
    void theArcShowsTheThArNeListOnTheBlueChip(@TempDir Path dir) throws IOException, DrpException {
        Path list = SharedData.require("apogee/tharne.lines.vac.apogee");
        DrpkitTest.Run s = new DrpkitTest.Run("simulate", "--out", dir.toString(), "--kind", "arc", "--reads", "3",
                "--rate", "1000", "--chip", "B", "--lines", list.toString());
        assertEquals(0, s.status, s.err);
        Chip chip = H2rgLayout.chip("B", 256, 64, 4, 4, 18);
        WavelengthModel wave = wave(chip, "c");
        LineList expected = onChip(LineListFiles.readArc(list, 0), chip, wave);
        assertTrue(expected.size() >= 5, expected.toString());
        assertTrue(s.out.contains(expected.size() + " tharne lines of "), s.out);
        assertTrue(assertLinesAtTheirColumns(truthFile(dir), chip, wave, expected) >= 1, s.out);
    }

    @Test
    void withoutAListTheArcHasTheDemosSeededLinesAndSaysSo(@TempDir Path dir) throws IOException, DrpException {
        DrpkitTest.Run s = new DrpkitTest.Run("simulate", "--out", dir.toString(), "--kind", "arc", "--reads", "3",
                "--chip", "G");
        assertEquals(0, s.status, s.err);
        assertTrue(s.out.contains("no --lines given"), s.out);
        try (FitsReader r = FitsReader.open(truthFile(dir))) {
            // 0.06 lines per column over the 256 light-sensitive columns
            assertEquals(3 * 15, r.readDoubles("ARCLINES").length);
        }
        // the same seed gives the same lamp
        Path again = dir.resolve("again");
        assertEquals(0, new DrpkitTest.Run("simulate", "--out", again.toString(), "--kind", "arc", "--reads", "3",
                "--chip", "G").status);
        try (FitsReader a = FitsReader.open(truthFile(dir)); FitsReader b = FitsReader.open(truthFile(again))) {
            assertArrayEquals(a.readDoubles("ARCLINES"), b.readDoubles("ARCLINES"));
        }
    }

    @Test
    void aListIsRefusedForOtherKindsAndAMissingListNamesItsCode(@TempDir Path dir) {
        DrpkitTest.Run quartz = new DrpkitTest.Run("simulate", "--out", dir.toString(), "--kind", "quartz",
                "--reads", "3", "--lines", dir.resolve("x").toString());
        assertEquals(Drpkit.EXIT_BAD_INPUT, quartz.status, quartz.out);
        assertTrue(quartz.err.contains("--lines is for --kind arc"), quartz.err);
        DrpkitTest.Run missing = new DrpkitTest.Run("simulate", "--out", dir.resolve("m").toString(), "--kind",
                "arc", "--reads", "3", "--lines", dir.resolve("none.vac.apogee").toString());
        assertEquals(Drpkit.EXIT_BAD_INPUT, missing.status, missing.out);
        assertTrue(missing.err.contains("LINELIST_UNREADABLE"), missing.err);
        assertFalse(Files.exists(dir.resolve("m")), "nothing written");
    }
}
