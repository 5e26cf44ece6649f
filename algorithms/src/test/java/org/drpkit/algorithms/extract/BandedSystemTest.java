package org.drpkit.algorithms.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class BandedSystemTest {

    @Test
    void solutionAndInverseDiagonalEqualEjmlsDenseInverseForBandsUpToFour() {
        SplittableRandom r = new SplittableRandom(5);
        for (int p = 0; p <= 4; p++) {
            int n = 23;
            DMatrixRMaj dense = new DMatrixRMaj(n, n);
            BandedSystem s = new BandedSystem(40, 4);
            s.reset(n, p);
            for (int i = 0; i < n; i++) {
                double diag = 2 + r.nextDouble();
                dense.set(i, i, diag);
                s.a[s.at(i, 0)] = diag;
                for (int k = 1; k <= p && i + k < n; k++) {
                    double v = 0.4 * (r.nextDouble() - 0.5);
                    dense.set(i, i + k, v);
                    dense.set(i + k, i, v);
                    s.a[s.at(i, k)] = v;
                }
                s.b[i] = r.nextGaussian();
            }
            assertEquals(-1, s.factor());
            s.solve();
            double[] diag = new double[n];
            s.inverseDiagonal(diag);
            DMatrixRMaj inv = new DMatrixRMaj(n, n);
            CommonOps_DDRM.invert(dense, inv);
            for (int i = 0; i < n; i++) {
                double xi = 0;
                for (int j = 0; j < n; j++) {
                    xi += inv.get(i, j) * s.b[j];
                }
                assertEquals(xi, s.x[i], 1e-12, "band " + p + " x[" + i + "]");
                assertEquals(inv.get(i, i), diag[i], 1e-12, "band " + p + " inverse diagonal " + i);
            }
        }
    }

    @Test
    void reportsTheFirstUndeterminedUnknownAndSolvesOnceItIsDecoupled() {
        BandedSystem s = new BandedSystem(3, 1);
        s.reset(3, 1);
        // unknowns 0 and 1 see the same pixels: A is singular in them
        s.a[s.at(0, 0)] = 1;
        s.a[s.at(0, 1)] = 1;
        s.a[s.at(1, 0)] = 1;
        s.a[s.at(2, 0)] = 2;
        s.b[2] = 4;
        assertEquals(1, s.factor());
        s.decouple(1);
        assertEquals(-1, s.factor());
        s.solve();
        assertEquals(2, s.x[2], 1e-15);
        assertEquals(0, s.x[1], 0);
    }
}
