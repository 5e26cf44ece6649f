package org.drpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.drpkit.algorithms.resample.LogGrid;
import org.drpkit.algorithms.sim.WavelengthModel;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.flag.ExtraFlag;
import org.drpkit.core.header.Header;
import org.drpkit.fits.ApogeeSpectrumFiles;
import org.drpkit.fits.ApogeeStar;
import org.drpkit.fits.ApogeeVisit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drpkit resample} end to end on a synthetic visit of known integrated flux. */
class ResampleCommandTest {

    private static final String[] CHIPS = {"a", "b", "c"};

    /**
     * A visit with no continuum and Gaussian emission lines of known area, pixel-averaged, at the apVisit's sampling
     * (4096 px per chip, wavelength decreasing), flux density per Angstrom; one bad pixel per chip far from lines.
     */
    static ApogeeVisit visit(double[] totalFlux) {
        int px = 4096;
        float[] flux = new float[3 * px];
        float[] err = new float[flux.length];
        int[] mask = new int[flux.length];
        double[] wave = new double[flux.length];
        double total = 0;
        for (int c = 0; c < 3; c++) {
            WavelengthModel m = WavelengthModel.apogee(CHIPS[c], 0);
            double[] centres = {m.wavelength(150, 500), m.wavelength(150, 1000), m.wavelength(150, 1500)};
            for (int x = 0; x < px; x++) {
                int k = c * px + x;
                double xn = (x + 0.5) / 2 - 0.5;
                wave[k] = m.wavelength(150, xn);
                double hi = m.wavelength(150, xn - 0.25);
                double lo = m.wavelength(150, xn + 0.25);
                double sum = 0;
                for (double c0 : centres) {
                    double s = 0.4 * Math.sqrt(2);
                    sum += 50 * 0.5 * (org.apache.commons.math3.special.Erf.erf((hi - c0) / s)
                            - org.apache.commons.math3.special.Erf.erf((lo - c0) / s));
                }
                flux[k] = (float) (sum / (hi - lo));
                total += flux[k] * (hi - lo);
                err[k] = 0.1f;
            }
            mask[c * px + 3500] = 1; // BADPIX
        }
        totalFlux[0] = total;
        return new ApogeeVisit("synthetic", Header.builder().add("OBJID", "2M-SYNTHETIC").build(), 3, px, flux, err,
                mask, wave, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                0);
    }

    @Test
    void resampleWritesOneSpectrumOnTheGridAndRebinningKeepsTheIntegratedFlux(@TempDir Path dir)
            throws DrpException, IOException {
        double[] total = new double[1];
        Path in = dir.resolve("visit.fits");
        ApogeeSpectrumFiles.writeVisit(in, visit(total), false, false);
        Path uni = dir.resolve("uni.fits");
        DrpkitTest.Run r = new DrpkitTest.Run("resample", in.toString(), "--out", uni.toString());
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.contains("of 8700 pixels covered"), r.out);
        ApogeeStar s = ApogeeSpectrumFiles.readStar(uni);
        assertEquals(LogGrid.APOGEE_COUNT, s.pixels());
        assertEquals(LogGrid.APOGEE_LOG10_START, s.log10Start());
        assertEquals("2M-SYNTHETIC", s.primary().getString("OBJID").orElseThrow());
        assertTrue((s.mask()[0] & ExtraFlag.NOT_COVERED.value()) != 0, "15075 A is below chip c");

        // the first product's grid, read back from its cards, is the grid of the second
        Path rebinned = dir.resolve("rebinned.fits");
        DrpkitTest.Run j = new DrpkitTest.Run("resample", in.toString(), "--out", rebinned.toString(), "--grid",
                uni.toString(), "--flux-conserving", "--json", "--workers", "2");
        assertEquals(0, j.status, j.err);
        JsonNode doc = new ObjectMapper().readTree(j.out);
        assertEquals("FLUX_CONSERVING", doc.get("method").asText());
        assertEquals(8700, doc.get("gridPixels").asInt());
        assertEquals(8700, doc.get("coveredPixels").asInt() + doc.get("notCoveredPixels").asInt());
        ApogeeStar b = ApogeeSpectrumFiles.readStar(rebinned);
        LogGrid g = LogGrid.of(b.log10Start(), b.log10Step(), b.pixels());
        double[] e = g.edges();
        double sum = 0;
        for (int i = 0; i < b.pixels(); i++) {
            sum += b.flux()[i] * (e[i + 1] - e[i]);
        }
        System.out.printf("rebinned integrated flux %.6f vs input %.6f (relative %.2e)%n", sum, total[0],
                sum / total[0] - 1);
        assertEquals(1, sum / total[0], 1e-3);
    }

    @Test
    void badInputEndsWithStatusTwoAndNoOutput(@TempDir Path dir) throws IOException {
        Path junk = dir.resolve("junk.fits");
        Files.writeString(junk, "not a FITS file");
        Path out = dir.resolve("out.fits");
        DrpkitTest.Run r = new DrpkitTest.Run("resample", junk.toString(), "--out", out.toString());
        assertEquals(Drpkit.EXIT_BAD_INPUT, r.status, r.out);
        assertTrue(r.err.contains("junk.fits"), r.err);
        assertFalse(Files.exists(out));
        try (var l = Files.list(dir)) {
            assertEquals(1, l.count(), "nothing left behind");
        }
    }
}
