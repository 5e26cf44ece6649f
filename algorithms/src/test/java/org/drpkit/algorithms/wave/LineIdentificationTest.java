package org.drpkit.algorithms.wave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineIdentificationTest {

    /**
     * 60 lines expected across a chip; the spectrum is shifted by 1.9 columns and stretched by 0.1 %, 10 lines are
     * missing and 25 unlisted peaks are added: every present line is found at its own peak.
     */
    @Test
    void aShiftedStretchedSpectrumWithMissingAndExtraPeaksIsIdentified() {
        Random rnd = new Random(2);
        int n = 60;
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            expected[i] = 20 + (2000.0 / n) * i + 10 * rnd.nextDouble();
        }
        double[] centres = new double[n - 10 + 25];
        int[] truePeak = new int[n];
        Arrays.fill(truePeak, -1);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (i % 6 == 3) {
                continue;   // absent from the spectrum
            }
            truePeak[i] = m;
            centres[m++] = 1023.5 + 1.001 * (expected[i] - 1023.5) + 1.9 + 0.05 * rnd.nextGaussian();
        }
        while (m < centres.length) {
            centres[m++] = 2048 * rnd.nextDouble();   // unlisted lines
        }
        LineIdentification.Result r = LineIdentification.identify(centres, null, expected,
                LineIdentification.Params.defaults());
        int right = 0;
        int wrong = 0;
        for (int i = 0; i < n; i++) {
            if (truePeak[i] >= 0 && r.peakOf()[i] == truePeak[i]) {
                right++;
            } else if (r.peakOf()[i] >= 0) {
                wrong++;
            }
        }
        System.out.println(r + ": " + right + " right, " + wrong + " wrong");
        assertEquals(50, right, "all present lines identified");
        assertEquals(0, wrong, "no line given an unlisted peak (a random peak within 0.5 column of a line: "
                + "rare with this seed)");
        assertEquals(1.9, r.shift(), 0.15);
        assertEquals(0.001, r.stretch(), 0.0006);
    }
}
