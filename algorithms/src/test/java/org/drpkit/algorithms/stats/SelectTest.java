package org.drpkit.algorithms.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SelectTest {

    static double sortedMedian(float[] v) {
        float[] s = v.clone();
        Arrays.sort(s);
        return 0.5 * ((double) s[3] + s[4]);
    }

    static double network(float[] v) {
        return Select.median8(v.clone(), 8, new float[2]);
    }

    /** The zero-one principle: a network of comparators that orders every 0/1 input orders every input. */
    @Test
    void median8AgreesWithSortingOnEveryZeroOneInput() {
        for (int bits = 0; bits < 256; bits++) {
            float[] v = new float[8];
            for (int i = 0; i < 8; i++) {
                v[i] = (bits >>> i) & 1;
            }
            assertEquals(sortedMedian(v), network(v), "input bits " + Integer.toBinaryString(bits));
        }
    }

    @Test
    void median8AgreesWithSortingOnRandomValuesWithTies() {
        SplittableRandom r = new SplittableRandom(3);
        for (int t = 0; t < 100_000; t++) {
            float[] v = new float[8];
            for (int i = 0; i < 8; i++) {
                v[i] = t % 2 == 0 ? (float) r.nextGaussian() * 100 : r.nextInt(4);
            }
            assertEquals(sortedMedian(v), network(v), Arrays.toString(v));
        }
    }

    @Test
    void median8OfFewerValuesAgreesWithSorting() {
        SplittableRandom r = new SplittableRandom(7);
        float[] pair = new float[2];
        for (int t = 0; t < 100_000; t++) {
            int m = 1 + r.nextInt(8);
            float[] v = new float[8];
            for (int i = 0; i < m; i++) {
                v[i] = t % 2 == 0 ? (float) r.nextGaussian() * 100 : r.nextInt(3);
            }
            float[] s = Arrays.copyOf(v, m);
            Arrays.sort(s);
            double expected = (m & 1) == 1 ? s[m / 2] : 0.5 * ((double) s[m / 2 - 1] + s[m / 2]);
            assertEquals(expected, Select.median8(v, m, pair), "m " + m + " " + Arrays.toString(s));
        }
    }

    @Test
    void kthAgreesWithSorting() {
        SplittableRandom r = new SplittableRandom(5);
        for (int t = 0; t < 2000; t++) {
            int len = 1 + r.nextInt(60);
            float[] v = new float[len];
            for (int i = 0; i < len; i++) {
                v[i] = (float) r.nextGaussian();
            }
            float[] s = v.clone();
            Arrays.sort(s);
            int k = r.nextInt(len);
            assertEquals(s[k], Select.kth(v, 0, len, k));
        }
    }
}
