package org.drpkit.algorithms.calib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.instrument.Region;
import org.junit.jupiter.api.Test;

class LegendreSurfaceTest {

    private static final Region AREA = Region.of(4, 4, 200, 120);

    /** A cubic in pixel coordinates: exactly representable at degree 3. */
    private static double cubic(double x, double y) {
        double u = (x - 100) / 100;
        double v = (y - 60) / 60;
        return 5 + u - 2 * v + 0.5 * u * v + 0.3 * u * u * u - 0.2 * v * v * u + 0.1 * v * v * v;
    }

    @Test
    void reproducesASurfaceOfItsOwnDegreeAndDropsPlantedOutliers() throws DrpException {
        Random rnd = new Random(3);
        int m = 400;
        double[] xs = new double[m];
        double[] ys = new double[m];
        double[] vs = new double[m];
        double[] ws = new double[m];
        for (int i = 0; i < m; i++) {
            xs[i] = AREA.x0() + rnd.nextDouble() * AREA.width();
            ys[i] = AREA.y0() + rnd.nextDouble() * AREA.height();
            vs[i] = cubic(xs[i], ys[i]) * (1 + 1e-3 * rnd.nextGaussian());
            ws[i] = 1 / (vs[i] * vs[i]);
        }
        for (int i = 0; i < 20; i++) {
            vs[i] *= 1.5; // 5 % of the blocks hold a defect
        }
        LegendreSurface.Fit fit = LegendreSurface.fit(xs, ys, vs, ws, m, 3, AREA, 4, 10, "test");
        assertEquals(20, fit.clipped(), "exactly the planted outliers are dropped");
        assertEquals(1e-3, fit.rms(), 2e-4, "rms of the kept blocks is their noise");
        for (int i = 0; i < 50; i++) {
            double x = AREA.x0() + rnd.nextDouble() * AREA.width();
            double y = AREA.y0() + rnd.nextDouble() * AREA.height();
            // 380 points of 0.1 % noise and 10 terms: the surface is good to ~2e-4 relative
            assertEquals(cubic(x, y), fit.surface().value(x, y), 1e-3 * cubic(x, y));
        }
    }

    @Test
    void rowEvaluationAgreesWithPointEvaluation() throws DrpException {
        Random rnd = new Random(4);
        int m = 200;
        double[] xs = new double[m];
        double[] ys = new double[m];
        double[] vs = new double[m];
        double[] ws = new double[m];
        for (int i = 0; i < m; i++) {
            xs[i] = AREA.x0() + rnd.nextDouble() * AREA.width();
            ys[i] = AREA.y0() + rnd.nextDouble() * AREA.height();
            vs[i] = 1 + rnd.nextGaussian();
            ws[i] = 1;
        }
        LegendreSurface s = LegendreSurface.fit(xs, ys, vs, ws, m, 6, AREA, 100, 0, "test").surface();
        double[] table = s.columnTable();
        double[] row = new double[AREA.width()];
        double[] work = new double[14];
        for (int y = AREA.y0(); y < AREA.y1(); y += 7) {
            s.row(y, table, work, row);
            for (int x = 0; x < row.length; x++) {
                assertEquals(s.value(AREA.x0() + x, y), row[x], 1e-9);
            }
        }
    }
}
