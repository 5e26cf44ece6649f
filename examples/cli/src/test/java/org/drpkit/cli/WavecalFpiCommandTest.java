package org.drpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.drpkit.algorithms.sim.FibreLight;
import org.drpkit.algorithms.sim.LampLines;
import org.drpkit.algorithms.sim.LsfModel;
import org.drpkit.algorithms.sim.SpectrographModel;
import org.drpkit.algorithms.sim.WavelengthModel;
import org.drpkit.algorithms.wave.WavelengthFit;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.Spectra;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.H2rgLayout;
import org.drpkit.core.lines.ArcLine;
import org.drpkit.core.lines.LineList;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.FitsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drpkit wavecal fpi} on simulated extracted etalon and arc spectra of three chips (8 fibres each), an arc
 * line list written in APOGEE's format: the cavity comes back near the truth within its quoted error.
 */
class WavecalFpiCommandTest {

    private static final double L = 3.7363125e7;
    private static final double EPS = 0.225;
    private static final int FIBRES = 8;
    private int firstFibre;

    @TempDir
    Path dir;

    @Test
    void fpiFitsTheCavityOfThreeChipsFromExtractedSpectra() throws Exception {
        StringBuilder list = new StringBuilder("# ID CHIPNUM XPIX WAVE FLUX NAME USEWAVE WAVEGROUP\n");
        List<String> args = new ArrayList<>(List.of("wavecal", "fpi", "--json", "--length", "3.73632e7",
                "--phase", "0.2"));
        String[][] chips = {{"R", "a"}, {"G", "b"}, {"B", "c"}};
        for (int c = 0; c < 3; c++) {
            Chip chip = H2rgLayout.apogee(chips[c][0]);
            SpectrographModel m = SpectrographModel.apogee(chip, 20 + c);
            if (c == 0) {
                firstFibre = m.fibres()[0];
            }
            WavelengthModel wave = WavelengthModel.apogee(chips[c][1], 0);
            LsfModel lsf = LsfModel.varying(m.fibres(), chip.width(), 2, 1.3, 0, 0.03);
            double lo = wave.wavelength(150, chip.width() + 40.0);
            double hi = wave.wavelength(150, -40.0);
            LineList arcLines = LampLines.arc(lo, hi, 120, 0, 30 + c);
            for (ArcLine l : LampLines.listed(arcLines, wave, 150, c + 1, -1.4, 2)) {
                list.append(String.format(Locale.ROOT, "%s %d %.2f %.4f 1 sim %d -1%n", l.id(), l.chip(), l.xpix(),
                        l.wavelength(), l.useWave() ? 1 : 0));
            }
            Path fpi = write("fpi-" + chips[c][0], chips[c][0], m, FibreLight.lamp(m, wave, lsf,
                    LampLines.etalon(lo, hi, L, EPS), 20000, 0).first(FIBRES).observe(1.9, 12, 40 + c));
            Path arc = write("arc-" + chips[c][0], chips[c][0], m, FibreLight.lamp(m, wave, lsf, arcLines, 200000, 0)
                    .first(FIBRES).observe(1.9, 12, 50 + c));
            args.addAll(List.of("--fpi", fpi.toString(), "--arc", arc.toString()));
        }
        Path listFile = Files.writeString(dir.resolve("sim.lines.vac.apogee"), list.toString());
        Path out = dir.resolve("wave-fpi.fits");
        args.addAll(List.of("--lines", listFile.toString(), "--out", out.toString()));
        DrpkitTest.Run r = new DrpkitTest.Run(args.toArray(new String[0]));
        assertEquals(0, r.status, r.err);
        JsonNode doc = new ObjectMapper().readTree(r.out);
        double length = doc.get("lengthAngstrom").asDouble();
        double error = doc.get("lengthError").asDouble();
        System.out.println("wavecal fpi: " + doc);
        assertEquals(3 * FIBRES, doc.get("fibres").asInt());
        assertEquals(0, doc.get("leftOut").size(), "every simulated fibre is lit");
        assertTrue(error > 0 && error / L < 1e-6, "quoted error " + error);
        assertEquals(L, length, 4 * error, "within 4 quoted errors");
        assertEquals(EPS, doc.get("phase").asDouble(), 4 * doc.get("phaseError").asDouble());
        assertTrue(doc.get("medianPeakRmsAngstrom").asDouble() < 0.005, doc.toString());
        try (FitsReader f = FitsReader.open(out)) {
            assertEquals(length, f.hdu(0).header().getDouble("CAVLEN").orElseThrow(), 1e-6);
            double[] wave = f.readDoubles("WAVE");
            int[] chip = f.readMask("CHIPNUM").toArray();
            assertEquals(3 * FIBRES, chip.length);
            int n = wave.length / chip.length;
            // row 0 is the red chip's first fibre: its solution at the chip middle within 0.01 A of the truth
            double truth = WavelengthModel.apogee("a", 0).wavelength(firstFibre, 1024);
            assertEquals(truth, wave[1024], 0.01, "red chip, column 1024 of " + n);
            assertEquals(3, chip[chip.length - 1]);
            // the cross-check: arc minus etalon solution per chip. The etalon solutions are far closer to the truth
            // than that difference, so it measures the arc solutions' own error (a few thousandths of an Angstrom)
            int[] fibre = f.readMask("FIBRE").toArray();
            String[] letters = {"a", "b", "c"};
            for (JsonNode c : doc.get("arcMinusFpi")) {
                int ch = c.get("chip").asInt();
                double[] fpiErr = new double[FIBRES];
                int m = 0;
                for (int k = 0; k < chip.length; k++) {
                    if (chip[k] != ch) {
                        continue;
                    }
                    WavelengthModel truthModel = WavelengthModel.apogee(letters[ch - 1], 0);
                    double ss = 0;
                    for (int x = 100; x < 1948; x++) {
                        double d = wave[k * n + x] - truthModel.wavelength(fibre[k], x);
                        ss += d * d;
                    }
                    fpiErr[m++] = Math.sqrt(ss / 1848);
                }
                Arrays.sort(fpiErr);
                double median = c.get("medianAngstrom").asDouble();
                assertEquals(FIBRES, c.get("fibres").asInt());
                assertTrue(median > 2 * fpiErr[FIBRES / 2] && median < 0.004,
                        "chip " + ch + ": arc - etalon median " + median + ", etalon vs truth " + fpiErr[FIBRES / 2]);
                assertEquals(WavelengthFit.C_METRES_PER_SECOND * median / 16000, c.get("medianMetresPerSecond")
                        .asDouble(), 0.1 * c.get("medianMetresPerSecond").asDouble());
            }
        }
    }

    @Test
    void unpairedInputsAreAUsageError() {
        DrpkitTest.Run r = new DrpkitTest.Run("wavecal", "fpi", "--fpi", "a.fits", "--fpi", "b.fits", "--arc",
                "c.fits", "--lines", "x");
        assertEquals(2, r.status);
        assertTrue(r.err.contains("one --arc for every --fpi"), r.err);
    }

    private Path write(String name, String chip, SpectrographModel m, Spectra s) throws Exception {
        Path p = dir.resolve(name + ".fits");
        int[] fibres = java.util.Arrays.copyOf(m.fibres(), FIBRES);
        FitsWriter.create().primary(Header.builder().add("CHIP", chip).build()).spectra(s)
                .mask("FIBRE", Header.empty(), Mask.of(FIBRES, 1, fibres)).write(p, false);
        return p;
    }
}
