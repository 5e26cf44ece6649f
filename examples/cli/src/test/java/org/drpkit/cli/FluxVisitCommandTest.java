package org.drpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.drpkit.algorithms.resample.LogGrid;
import org.drpkit.algorithms.sim.NightScene;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.archive.almanac.FibreMap;
import org.drpkit.archive.almanac.FibreType;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.Spectra;
import org.drpkit.fits.FitsWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drpkit fibreflat}, {@code drpkit flux} and {@code drpkit visit} end to end on a simulated night
 * ({@link NightScene}: 60 fibres, 4 dithered exposures), against its truth.
 */
class FluxVisitCommandTest {

    static final String[] CHIPS = {"a", "b", "c"};
    static NightScene night;
    @TempDir
    static Path dir;
    static Path map;
    static List<Path> fluxed = new ArrayList<>();

    static void writeSpectra(Path file, Spectra s, int[] fibres, Header primary) throws DrpException {
        FitsWriter.create().primary(primary).spectra(s)
                .mask("FIBRE", Header.empty(), Mask.of(fibres.length, 1, fibres)).write(file, false);
    }

    @BeforeAll
    static void night() throws DrpException, IOException {
        night = NightScene.of(60, 4, 30, 0.01, 23);
        int[] fibres = night.fibreNumbers();
        Map<Integer, FibreMap.Fibre> rows = new TreeMap<>();
        StringBuilder standards = new StringBuilder("# target H\n");
        for (int i = 0; i < night.fibres(); i++) {
            String cat = night.category(i);
            String id = cat.equals("sky_apogee") ? "sky-" + fibres[i] : "2M-sim-" + fibres[i];
            rows.put(fibres[i], new FibreMap.Fibre(fibres[i], FibreType.ofCategory(cat), cat, id, 80 + 0.01 * i, -5));
            if (cat.equals("standard_apogee")) {
                standards.append(String.format(Locale.ROOT, "%s %.4f%n", id, night.hMagnitude(i)));
            }
        }
        Map<String, String> kw = new LinkedHashMap<>();
        kw.put("configuration_id", "20001");
        map = dir.resolve("confSummary-20001.par");
        new FibreMap("20001", kw, rows, 0).write(map, false);
        Path std = dir.resolve("standards.txt");
        Files.writeString(std, standards);
        List<String> flats = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            Path flat = dir.resolve("flat-" + CHIPS[c] + ".fits");
            writeSpectra(flat, night.flat(c, 3000), fibres, Header.builder().add("CHIP", CHIPS[c]).build());
            Path ff = dir.resolve("ff-" + CHIPS[c] + ".fits");
            DrpkitTest.Run r = new DrpkitTest.Run("fibreflat", flat.toString(), "--out", ff.toString());
            assertEquals(0, r.status, r.err);
            flats.add(ff.toString());
        }
        for (int e = 0; e < night.exposures(); e++) {
            List<Spectra> chips = night.exposure(e);
            List<String> args = new ArrayList<>(List.of("flux"));
            for (int c = 0; c < 3; c++) {
                Path spec = dir.resolve(String.format(Locale.ROOT, "spec-%d-%s.fits", e, CHIPS[c]));
                writeSpectra(spec, chips.get(c), fibres, Header.builder().add("CHIP", CHIPS[c])
                        .add("MJD-OBS", 60000.1 + 0.02 * e).build());
                args.add(spec.toString());
            }
            for (String f : flats) {
                args.addAll(List.of("--flat", f));
            }
            Path out = dir.resolve("fluxed-" + e + ".fits");
            args.addAll(List.of("--fibre-map", map.toString(), "--standards", std.toString(), "--workers", "2",
                    "--out", out.toString()));
            DrpkitTest.Run r = new DrpkitTest.Run(args.toArray(new String[0]));
            assertEquals(0, r.status, r.err);
            System.out.print(r.out);
            assertTrue(r.out.contains("SkyScale[20 of 20 sky fibres used"), r.out);
            assertTrue(r.out.contains("StandardFlux.Scale[zero point H = "), r.out);
            fluxed.add(out);
        }
    }

    @Test
    void fluxPutsEveryStarOnOneScaleWithinHalfAPercent() throws DrpException {
        GridSpectraFiles.Read r = GridSpectraFiles.read(fluxed.get(0));
        LogGrid g = r.grid();
        Spectra s = r.spectra();
        double[] ratio = new double[s.fibres()];
        List<Double> stars = new ArrayList<>();
        for (int i = 0; i < s.fibres(); i++) {
            // fluxed over the truth above the atmosphere (star + sky), chip b's pixels: one number for every fibre
            double num = 0;
            double den = 0;
            for (int x = 0; x < g.count(); x++) {
                double lambda = g.wavelength(x);
                int j = s.index(i, x);
                if (lambda > 15900 && lambda < 16400 && s.ivar()[j] > 0) {
                    num += s.flux()[j];
                    den += night.transparency(0) * (night.signal(i, lambda) + night.sky(lambda));
                }
            }
            ratio[i] = num / den;
            if (!night.category(i).equals("sky_apogee")) {
                stars.add(ratio[i]); // a sky fibre's own ratio here is as noisy as its faint continuum
            }
        }
        double med = RobustStats.median(ratio);
        double worst = stars.stream().mapToDouble(q -> Math.abs(q / med - 1)).max().orElseThrow();
        System.out.printf("drpkit flux: fluxed / truth on chip b, worst star %.3f%% from the median%n", 100 * worst);
        assertTrue(worst < 0.005, "worst " + worst);
        assertTrue(r.primary().getDouble("ZEROPT").isPresent());
        assertEquals(20, r.primary().getLong("NSKY").orElseThrow());
    }

    @Test
    void visitCombinesSplitsAndWritesTheNightsQa() throws DrpException, IOException {
        Path out = dir.resolve("visits");
        List<String> args = new ArrayList<>(List.of("visit"));
        fluxed.forEach(p -> args.add(p.toString()));
        args.addAll(List.of("--fibre-map", map.toString(), "--qa", dir.resolve("qa.txt").toString(), "--out",
                out.toString(), "--workers", "2"));
        DrpkitTest.Run r = new DrpkitTest.Run(args.toArray(new String[0]));
        assertEquals(0, r.status, r.err);
        System.out.print(r.out);
        long stars = java.util.stream.IntStream.range(0, night.fibres())
                .filter(i -> !night.category(i).equals("sky_apogee")).count();
        try (var files = Files.list(out)) {
            assertEquals(stars + 1, files.count(), "visit.fits and one file per star");
        }
        int row = 3; // a science fibre
        assertEquals("science", night.category(row));
        int fibre = night.fibreNumbers()[row];
        GridSpectraFiles.Read one = GridSpectraFiles.read(out.resolve("visit-2M-sim-" + fibre + ".fits"));
        assertEquals("2M-sim-" + fibre, one.primary().getString("OBJID").orElseThrow());
        assertEquals(fibre, one.primary().getLong("FIBERID").orElseThrow());
        assertEquals(4, one.primary().getLong("NEXP").orElseThrow());
        GridSpectraFiles.Read all = GridSpectraFiles.read(out.resolve("visit.fits"));
        assertEquals(night.fibres(), all.spectra().fibres());
        float[] mine = java.util.Arrays.copyOfRange(all.spectra().flux(), row * all.grid().count(),
                (row + 1) * all.grid().count());
        assertTrue(java.util.Arrays.equals(mine, one.spectra().flux()), "the object file is its row of the visit");
        List<String> qa = Files.readAllLines(dir.resolve("qa.txt"));
        assertEquals(6, qa.size(), String.join("\n", qa));
        assertTrue(qa.get(0).startsWith("# NightQa[night, 4 exposures: wavelength rms "), qa.get(0));
        // without wavelength errors the exposures agree within the resampling's dither-phase systematics (60 m/s)
        for (String line : qa.subList(2, 6)) {
            String[] t = line.split("\t");
            assertTrue(Math.abs(Double.parseDouble(t[2])) < 60 + 4 * Double.parseDouble(t[3]), line);
            assertTrue(Double.isFinite(Double.parseDouble(t[6])), "zero point: " + line);
        }
    }

    @Test
    void visitRefusesExposuresOfOtherFibresAndWritesNothing() throws DrpException {
        GridSpectraFiles.Read r = GridSpectraFiles.read(fluxed.get(0));
        int[] other = r.fibres().clone();
        other[0] = 299;
        Path odd = dir.resolve("odd.fits");
        GridSpectraFiles.write(odd, r.primary(), r.grid(), r.spectra(), other, null, List.of(), false);
        Path out = dir.resolve("refused");
        DrpkitTest.Run run = new DrpkitTest.Run("visit", fluxed.get(0).toString(), odd.toString(), "--out",
                out.toString());
        assertEquals(2, run.status, run.out);
        assertTrue(run.err.contains("VISIT_SHAPE_MISMATCH"), run.err);
        assertFalse(Files.exists(out));
    }

    @Test
    void aSecondRunWithoutOverwriteStopsBeforeWritingAnything() throws IOException {
        Path out = dir.resolve("again");
        List<String> args = new ArrayList<>(List.of("visit"));
        fluxed.forEach(p -> args.add(p.toString()));
        args.addAll(List.of("--fibre-map", map.toString(), "--out", out.toString()));
        DrpkitTest.Run first = new DrpkitTest.Run(args.toArray(new String[0]));
        assertEquals(0, first.status, first.err);
        Files.delete(out.resolve("visit.fits"));
        args.addAll(List.of("--qa", dir.resolve("again-qa.txt").toString()));
        DrpkitTest.Run second = new DrpkitTest.Run(args.toArray(new String[0]));
        assertEquals(2, second.status, second.out);
        assertTrue(second.err.contains("OUTPUT_EXISTS"), second.err);
        assertFalse(Files.exists(out.resolve("visit.fits")), "nothing written when one output exists");
        assertFalse(Files.exists(dir.resolve("again-qa.txt")));
    }
}
