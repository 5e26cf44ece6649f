package org.drpkit.algorithms.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.core.lines.LineList;
import org.drpkit.core.testing.SharedData;
import org.junit.jupiter.api.Test;

class OhLinesTest {

    /**
     * The list is fixed, sorted, and about as dense as the real sky's: ApogeeReduction.jl's list has 99 OH features
     * in 14900..17250 A, 2..8 per 100 A over the APOGEE chips.
     */
    @Test
    void theListIsSortedFixedAndAsDenseAsTheRealSky() {
        LineList oh = OhLines.synthetic();
        double[] w = oh.wavelength();
        for (int i = 1; i < w.length; i++) {
            assertTrue(w[i] >= w[i - 1], "sorted at " + i);
        }
        assertEquals(1, oh.maxIntensity(), 1e-12);
        assertTrue(oh.size() > 80 && oh.size() < 300, oh.toString());
        // bright lines (above 1 % of the brightest) in every 150 A of the chips: a small demo chip sees several
        for (double lo = 15150; lo < 16900; lo += 150) {
            LineList part = oh.between(lo, lo + 150);
            long bright = Arrays.stream(part.intensity()).filter(v -> v >= 0.01).count();
            assertTrue(bright >= 2, bright + " bright lines in " + lo + ".." + (lo + 150) + " A");
        }
        assertEquals(oh, OhLines.synthetic());
    }

    /** The model's positions against the real list's single-branch OH features, matched by band, branch and J. */
    @Test
    void positionsAgreeWithTheRealOhListWithinAFewAngstrom() throws Exception {
        List<String> text = Files.readAllLines(SharedData.require("apogee/APOGEE_lines.csv"));
        Pattern label = Pattern.compile("^\\((\\d)-(\\d)\\)([pqr])([PQR])([12])[ef]\\((\\d+\\.5)\\)");
        List<Double> diff = new ArrayList<>();
        for (String line : text) {
            String[] f = line.split(",");
            if (f.length < 7 || !f[0].matches("\\d+")) {
                continue;
            }
            Matcher m = label.matcher(f[6]);
            if (!m.find() || !m.group(3).equalsIgnoreCase(m.group(4))) {
                continue;
            }
            double jl = Double.parseDouble(m.group(6));
            double ju = jl + switch (m.group(4)) {
                case "P" -> -1;
                case "Q" -> 0;
                default -> 1;
            };
            double model = 1e8 / OhLines.wavenumber(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(5)), ju, jl);
            diff.add(model - 10 * Double.parseDouble(f[1]));
        }
        double[] d = diff.stream().mapToDouble(Double::doubleValue).toArray();
        double med = RobustStats.median(d.clone());
        System.out.printf("OH model minus real list: %d features, median %+.2f A, range %+.2f .. %+.2f A%n", d.length,
                med, Arrays.stream(d).min().orElseThrow(), Arrays.stream(d).max().orElseThrow());
        assertTrue(d.length > 60, d.length + " features matched");
        assertEquals(0, med, 2, "median offset");
        assertTrue(Arrays.stream(d).allMatch(v -> Math.abs(v) < 20), Arrays.toString(d));
    }
}
