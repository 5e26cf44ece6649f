package org.drpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.drpkit.algorithms.wave.ArcCalibration;
import org.drpkit.algorithms.wave.LineIdentification;
import org.drpkit.algorithms.wave.LinePeak;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Image;
import org.drpkit.core.lines.ArcLine;
import org.drpkit.core.testing.SharedData;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.LineListFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The arc-lamp wavelength solution on APOGEE's real median UNe spectrum, 3 chips x 2048 columns, against the
 * USEWAVE = 1 lines of {@code UNe.vac.apogee} (skipped without ../shared). The spectrum sits 0.3 to 1.8 columns off
 * the list's XPIX, so identification has to find the shift.
 */
class RealArcWavelengthTest {

    private static List<ArcLine> une;
    private static Image spec;

    @BeforeAll
    static void read() throws DrpException {
        une = LineListFiles.readArcLines(SharedData.require("apogee/UNe.vac.apogee"));
        try (FitsReader r = FitsReader.open(SharedData.require("apogee/UNe_medspectrum.fits"))) {
            spec = r.readImage(0);
        }
    }

    private static double[] chip(int chip, int roll) {
        double[] flux = new double[spec.width()];
        for (int x = 0; x < flux.length; x++) {
            int from = x - roll;
            flux[x] = from >= 0 && from < flux.length ? spec.get(from, chip - 1) : 0;
        }
        return flux;
    }

    @Test
    void usewaveLinesAreIdentifiedAndFittedToThreeHundredthsOfAnAngstrom() throws DrpException {
        for (int chip = 1; chip <= 3; chip++) {
            ArcCalibration.ChipResult c = ArcCalibration.solve(chip, chip(chip, 0), null, une,
                    ArcCalibration.Params.defaults());
            System.out.println(c);
            System.out.println("  rejected by the fit: " + c.rejected().stream().map(ArcLine::id).toList()
                    + "; not identified: " + c.missing().stream().map(ArcLine::id).toList());
            // measured: 39/44, 67/73, 79/97 identified; weighted rms 0.027, 0.017, 0.014 A; plain rms 0.042, 0.025,
            // 0.026 A (the plain rms is ruled by the faint lines, whose centres scatter by 0.1-0.2 column)
            assertTrue(c.linesFound() >= 0.8 * c.lines().size(), "most USEWAVE lines identified: " + c);
            assertTrue(c.fit().weightedRms() <= 0.03, "weighted rms at most 0.03 A: " + c);
            assertTrue(c.fit().rms() <= 0.045, "plain rms no worse than a plain cubic on centroids: " + c);
            // a line not identified has no clear peak (S/N 10) within a column of where the solution puts it
            LineIdentification.Params ip = LineIdentification.Params.defaults();
            for (ArcLine l : c.missing()) {
                double x = LineIdentification.predict(c.identification(), l.xpix(), ip);
                for (LinePeak p : c.peaks().peaks()) {
                    assertTrue(Math.abs(p.centre() - x) > 1 || p.snr() < 10,
                            "line " + l + " has a clear peak it was not given: " + p);
                }
            }
        }
    }

    /** Moving the spectrum by two more columns either way: the same lines, the same solution moved by two columns. */
    @Test
    void aSpectrumShiftedByTwoMoreColumnsGivesTheSameSolutionShifted() throws DrpException {
        for (int chip = 1; chip <= 3; chip++) {
            ArcCalibration.ChipResult ref = ArcCalibration.solve(chip, chip(chip, 0), null, une,
                    ArcCalibration.Params.defaults());
            for (int roll : new int[] {-2, 2}) {
                ArcCalibration.ChipResult c = ArcCalibration.solve(chip, chip(chip, roll), null, une,
                        ArcCalibration.Params.defaults());
                assertEquals(ref.linesFound(), c.linesFound(), 2, "chip " + chip + " rolled " + roll + ": " + c);
                double worst = 0;
                for (int x = 100; x < 1948; x += 8) {
                    worst = Math.max(worst, Math.abs(c.fit().solution().wavelength(x + roll)
                            - ref.fit().solution().wavelength(x)));
                }
                assertTrue(worst < 0.015, "chip " + chip + " rolled " + roll + ": solutions differ by " + worst
                        + " A");
            }
        }
    }
}
