package org.drpkit.archive.almanac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.PixelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Night QA values read from product headers and followed across nights, against the values written. */
class QaTrendsTest {

    @TempDir
    Path root;

    private void product(String path, Header primary) throws Exception {
        Path f = root.resolve(path);
        Files.createDirectories(f.getParent());
        FitsWriter.create().primary(primary).image("X", Header.empty(), Image.of(2, 2, new float[4]),
                PixelType.FLOAT32).write(f, false);
    }

    private static List<ExpectedProduct> expected(String night) {
        return List.of(
                new ExpectedProduct("dark", "", "R", "darks", "darks/darkRate_apo_R_" + night + "_" + night + ".fits"),
                new ExpectedProduct("dark", "", "G", "darks", "darks/darkRate_apo_G_" + night + "_" + night + ".fits"),
                new ExpectedProduct("extracted", "apo/" + night + "/0012", "R", "science",
                        "apred/" + night + "/ar1D_apo_" + night + "_0012_R_object.fits"),
                new ExpectedProduct("extracted", "apo/" + night + "/0015", "R", "arcs",
                        "apred/" + night + "/ar1D_apo_" + night + "_0015_R_arclamp.fits"));
    }

    @Test
    void valuesComeFromTheStagesProductsAndTrendsGiveEachNightAndTheChange() throws Exception {
        List<QaMetric> metrics = QaMetric.forInstrument("APOGEE");
        double[] darkR = {0.0201, 0.0507, 0.0498};
        String[] nights = {"60690", "60691", "60692"};
        for (int i = 0; i < 3; i++) {
            String n = nights[i];
            product("darks/darkRate_apo_R_" + n + "_" + n + ".fits", Header.builder().add("DARKMED", darkR[i])
                    .add("NHOT", 130L + 50 * i).add("NBADPIX", 140L + 50 * i).build());
            if (i != 1) { // night 60691's G dark is missing
                product("darks/darkRate_apo_G_" + n + "_" + n + ".fits", Header.builder().add("DARKMED", 0.02)
                        .add("NHOT", 120L).build()); // and carries no NBADPIX
            }
            // the science product carries a WAVEREF that must not be taken: the metric reads the arcs' products
            product("apred/" + n + "/ar1D_apo_" + n + "_0012_R_object.fits", Header.builder().add("WAVEREF", 1.0)
                    .build());
            product("apred/" + n + "/ar1D_apo_" + n + "_0015_R_arclamp.fits", Header.builder()
                    .add("WAVEREF", 16000.1234 + 0.001 * i).add("WAVERMS", 0.01).build());
        }
        List<NightQa> qa = new java.util.ArrayList<>();
        for (String n : nights) {
            qa.add(NightQa.read(root, n, "APOGEE", expected(n), metrics));
        }
        assertEquals(java.util.Optional.of(0.0507), qa.get(1).value("dark DARKMED", "R"));
        assertEquals(java.util.Optional.of(16000.1244), qa.get(1).value("arcs WAVEREF", "R"));
        assertTrue(qa.get(1).missing().contains("dark DARKMED G: darks/darkRate_apo_G_60691_60691.fits: no such file"),
                qa.get(1).missing().toString());
        assertTrue(qa.get(0).missing().contains("dark NBADPIX G: darks/darkRate_apo_G_60690_60690.fits: no finite "
                + "NBADPIX in the primary header"), qa.get(0).missing().toString());
        assertTrue(qa.get(0).missing().contains("flat FLATLVL: the night's runlists call for no flat product"),
                qa.get(0).missing().toString());

        QaTrends t = QaTrends.of("APOGEE", qa);
        assertEquals(List.of("60690", "60691", "60692"), t.nights());
        assertEquals(darkR[2] - darkR[0], t.trend("dark DARKMED", "R").orElseThrow().change(), 1e-12);
        QaTrends.Trend g = t.trend("dark DARKMED", "G").orElseThrow();
        assertTrue(Double.isNaN(g.values()[1]), "the missing night is NaN");
        assertEquals(0.0, g.change(), 0, "first and last nights with a value");
        assertEquals(100, t.trend("dark NHOT", "R").orElseThrow().change());
        assertEquals(0.002, t.trend("arcs WAVEREF", "R").orElseThrow().change(), 1e-9);
        assertTrue(t.trend("dark NBADPIX", "G").isEmpty(), "no night has it");
        String table = t.table();
        assertTrue(table.contains("dark DARKMED       DN/read   R          0.0201       0.0507       0.0498"
                + "      +0.0297"), table);
        assertTrue(table.contains("dark DARKMED       DN/read   G            0.02            -         0.02"),
                table);
        assertTrue(table.contains("arcs WAVEREF       Angstrom  R       16000.123    16000.124    16000.125"
                + "       +0.002"), table);
        assertTrue(table.contains("dark NHOT                    R             130          180          230"
                + "         +100"), table);
    }
}
