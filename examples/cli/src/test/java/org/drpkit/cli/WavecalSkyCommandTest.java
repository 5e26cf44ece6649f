package org.drpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.drpkit.algorithms.sim.FibreLight;
import org.drpkit.algorithms.sim.LampLines;
import org.drpkit.algorithms.sim.LsfModel;
import org.drpkit.algorithms.sim.SpectrographModel;
import org.drpkit.algorithms.sim.WavelengthModel;
import org.drpkit.algorithms.stats.Polynomials;
import org.drpkit.algorithms.wave.ChipWavelength;
import org.drpkit.algorithms.wave.FabryPerot;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.Spectra;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.H2rgLayout;
import org.drpkit.core.lines.LineList;
import org.drpkit.core.testing.SharedData;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.LineListFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drpkit wavecal sky} and {@code wavecal dither} on simulated extracted spectra of three chips (8 fibres each)
 * against a night's solution file holding the simulator's true solutions: the exposure's spectra fell half a column
 * further (a dither), and the commands must say so within their quoted errors. The sky is APOGEE's real OH list
 * ({@code APOGEE_lines.csv}; that test is skipped without ../shared) through the simulator's optics.
 */
class WavecalSkyCommandTest {

    private static final int FIBRES = 8;
    private static final String[][] CHIPS = {{"R", "a"}, {"G", "b"}, {"B", "c"}};

    @TempDir
    Path dir;

    private final SpectrographModel[] models = new SpectrographModel[3];
    private final WavelengthModel[] waves = new WavelengthModel[3];

    /** Writes each chip's spectra of the given light and the night's (true) solutions; returns the spectra files. */
    private List<Path> simulate(String kind, LightOf light, UnaryOperator<WavelengthModel> moved, Header.Builder night)
            throws Exception {
        List<Path> specs = new ArrayList<>();
        List<ChipWavelength> sols = new ArrayList<>();
        List<Integer> chipNums = new ArrayList<>();
        List<Integer> fibreNums = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            Chip chip = H2rgLayout.apogee(CHIPS[c][0]);
            models[c] = SpectrographModel.apogee(chip, 60 + c);
            waves[c] = WavelengthModel.apogee(CHIPS[c][1], 0);
            LsfModel lsf = LsfModel.varying(models[c].fibres(), chip.width(), 2, 1.3, 0, 0);
            Spectra s = light.of(c, models[c], moved.apply(waves[c]), lsf).first(FIBRES).observe(1.9, 12, 70 + c);
            Path p = dir.resolve(kind + "-" + CHIPS[c][0] + ".fits");
            int[] fibres = Arrays.copyOf(models[c].fibres(), FIBRES);
            FitsWriter.create().primary(Header.builder().add("CHIP", CHIPS[c][0]).build()).spectra(s)
                    .mask("FIBRE", Header.empty(), Mask.of(FIBRES, 1, fibres)).write(p, false);
            specs.add(p);
            for (int k = 0; k < FIBRES; k++) {
                sols.add(truth(c, fibres[k]));
                chipNums.add(c + 1);
                fibreNums.add(fibres[k]);
            }
        }
        WavecalCommand.writeSolutions(dir.resolve("night.fits"), true, night.build(), sols, 2560,
                chipNums.stream().mapToInt(i -> i).toArray(), fibreNums.stream().mapToInt(i -> i).toArray());
        return specs;
    }

    /** @return the true solution of chip index c and a fibre, about column 1023.5 as solution files hold it */
    private ChipWavelength truth(int c, int fibre) {
        double shift = (1023.5 - waves[c].middle(fibre)) / 1024;
        return new ChipWavelength(Polynomials.composeAffine(waves[c].coeff(), shift, 1), 1023.5, 1024);
    }

    @FunctionalInterface
    private interface LightOf {
        FibreLight of(int c, SpectrographModel m, WavelengthModel w, LsfModel lsf);
    }

    private static Header.Builder nightHeader() {
        return Header.builder().add("PRODTYPE", "WAVECAL").add("CAVLEN", FabryPerot.Cavity.apo().length())
                .add("CAVEPS", FabryPerot.Cavity.apo().phase());
    }

    @Test
    void skyRecoversAHalfColumnDitherOfEveryFibreAndTheSkyFluxOfTheSkyFibres() throws Exception {
        LineList oh = LineListFiles.readSky(SharedData.require("apogee/APOGEE_lines.csv"));
        // stars in fibre rows 0, 1, 3, 4, 6, 7; rows 2 and 5 (and 7's sky alone would do) are sky fibres
        List<Path> specs = simulate("sci", (c, m, w, lsf) -> {
            FibreLight sky = FibreLight.nightSky(m, w, lsf, oh, 20000, 5);
            double[] f = sky.flux().clone();
            for (int k = 0; k < FIBRES; k++) {
                if (k % 3 != 2) {
                    for (int x = 0; x < sky.columns(); x++) {
                        f[k * sky.columns() + x] += f[k * sky.columns() + x] > 0 ? 300 : 0;
                    }
                }
            }
            return new FibreLight(sky.fibres(), sky.columns(), f, "sky and stars");
        }, w -> w.moved(0.5, 0), nightHeader());
        int sky1 = models[0].fibres()[2];
        int sky2 = models[0].fibres()[5];
        Path out = dir.resolve("wave-sci.fits");
        List<String> args = new ArrayList<>(List.of("wavecal", "sky"));
        specs.forEach(p -> args.add(p.toString()));
        args.addAll(List.of("--solution", dir.resolve("night.fits").toString(), "--lines",
                SharedData.require("apogee/APOGEE_lines.csv").toString(), "--sky-fibres", sky1 + "," + sky2, "--json",
                "--out", out.toString()));
        DrpkitTest.Run r = new DrpkitTest.Run(args.toArray(new String[0]));
        assertEquals(0, r.status, r.err);
        JsonNode doc = new ObjectMapper().readTree(r.out);
        assertEquals(3 * FIBRES, doc.size());
        System.out.println("wavecal sky, first row: " + doc.get(0));
        for (JsonNode row : doc) {
            assertTrue(row.get("fitted").asBoolean(), row.toString());
            double shift = row.get("shiftPixels").asDouble();
            double err = row.get("shiftErrorPixels").asDouble();
            assertTrue(err > 0 && err < 0.02, row.toString());
            assertEquals(0.5, shift, 4 * err, "the dither within 4 quoted errors: " + row);
            assertTrue(row.get("linesUsed").asInt() >= 5, row.toString());
            assertTrue(row.get("rmsMetresPerSecond").asDouble() > 0, row.toString());
            int fibre = row.get("fibre").asInt();
            if (fibre == sky1 || fibre == sky2) {
                // the same sky in both: each within 4 errors of the median (1)
                assertEquals(1, row.get("skyLineFlux").asDouble(), 4 * row.get("skyLineFluxError").asDouble(),
                        row.toString());
            } else {
                assertTrue(row.get("skyLineFlux") == null, row.toString());
            }
        }
        // the written solutions against the exposure's truth (the night's moved by half a column)
        try (FitsReader f = FitsReader.open(out)) {
            double[] wave = f.readDoubles("WAVE");
            int[] chip = f.readMask("CHIPNUM").toArray();
            int[] fibre = f.readMask("FIBRE").toArray();
            double[] dither = f.readDoubles("DITHER");
            int n = wave.length / chip.length;
            assertEquals(2560, n);
            double worst = 0;
            for (int k = 0; k < chip.length; k++) {
                WavelengthModel t = waves[chip[k] - 1].moved(0.5, 0);
                double bound = 4 * dither[k * 6 + 1] * 0.33;
                for (int x = 16; x < 2032; x += 16) {
                    double d = Math.abs(wave[k * n + x] - t.wavelength(fibre[k], x));
                    assertTrue(d < bound, "row " + k + " column " + x + ": " + d + " A > " + bound);
                    worst = Math.max(worst, d);
                }
            }
            System.out.printf("wavecal sky: written solutions within %.5f A of the exposure's truth%n", worst);
            assertEquals(2, f.readDoubles("SKYFLUX").length / 6 / 3);
        }
    }

    @Test
    void ditherRecoversAHalfColumnDitherOfAnEtalonExposure() throws Exception {
        FabryPerot.Cavity cavity = FabryPerot.Cavity.apo();
        List<Path> specs = simulate("fpi", (c, m, w, lsf) -> {
            double lo = w.wavelength(150, 2100);
            double hi = w.wavelength(150, -50);
            return FibreLight.lamp(m, w, lsf, LampLines.etalon(lo, hi, cavity.length(), cavity.phase()), 20000, 0);
        }, w -> w.moved(0.5, 0), nightHeader());
        List<String> args = new ArrayList<>(List.of("wavecal", "dither"));
        specs.forEach(p -> args.add(p.toString()));
        args.addAll(List.of("--solution", dir.resolve("night.fits").toString(), "--json", "--per-chip"));
        DrpkitTest.Run r = new DrpkitTest.Run(args.toArray(new String[0]));
        assertEquals(0, r.status, r.err);
        JsonNode doc = new ObjectMapper().readTree(r.out);
        System.out.println("wavecal dither, first row: " + doc.get(0));
        assertEquals(3 * FIBRES, doc.size());
        for (JsonNode row : doc) {
            double err = row.get("shiftErrorPixels").asDouble();
            assertTrue(err > 0 && err < 0.003, "an etalon pins the shift: " + row);
            assertEquals(0.5, row.get("shiftPixels").asDouble(), 4 * err, row.toString());
            assertTrue(row.get("linesUsed").asInt() > 100, row.toString());
        }
    }

    @Test
    void aSolutionWithoutACavityNeedsLengthAndPhase() throws Exception {
        FabryPerot.Cavity cavity = FabryPerot.Cavity.apo();
        List<Path> specs = simulate("fpi", (c, m, w, lsf) -> FibreLight.lamp(m, w, lsf, LampLines.etalon(
                w.wavelength(150, 2100), w.wavelength(150, -50), cavity.length(), cavity.phase()), 20000, 0),
                w -> w, Header.builder().add("PRODTYPE", "WAVECAL"));
        DrpkitTest.Run r = new DrpkitTest.Run("wavecal", "dither", specs.get(0).toString(), "--solution",
                dir.resolve("night.fits").toString());
        assertEquals(2, r.status);
        assertTrue(r.err.contains("CAVLEN"), r.err);
    }
}
