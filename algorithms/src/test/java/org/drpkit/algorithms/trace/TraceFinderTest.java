package org.drpkit.algorithms.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.drpkit.algorithms.sim.FibreLight;
import org.drpkit.algorithms.sim.SpectrographFrame;
import org.drpkit.algorithms.sim.SpectrographModel;
import org.drpkit.algorithms.sim.SpectrographSimulator;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.H2rgLayout;
import org.drpkit.core.trace.TraceStatus;
import org.drpkit.core.trace.Traces;
import org.junit.jupiter.api.Test;

class TraceFinderTest {

    static final Chip SMALL = H2rgLayout.chip("G", 512, 128, 4, 4, 18);
    /** Effective gain of a 10-read flat in DN/read: 1.9 e-/DN x 10 reads. */
    static final double GAIN = 19;
    /** Read variance of a 10-read rate, (DN/read)^2. */
    static final double READ_VARIANCE = 0.03;

    static MaskedImage flat(SpectrographModel m, long seed) {
        SpectrographFrame f = SpectrographSimulator.render(m, FibreLight.quartz(m, 3000));
        return SpectrographSimulator.observe(f.light(), GAIN, READ_VARIANCE, seed);
    }

    @Test
    void findsCentresWithinTwoHundredthsPixelRmsAndWidthsWithinOnePercent() throws DrpException {
        SpectrographModel m = SpectrographModel.apogee(SMALL, 21);
        TraceResult r = TraceFinder.find(flat(m, 1), SMALL.lightSensitive(), "G", m.nominal(),
                TraceParams.defaults().withShape(m.shape()));
        Traces t = r.traces();
        assertEquals(m.fibres().length, t.count());
        double sc = 0;
        double sw = 0;
        double worstW = 0;
        int k = 0;
        for (int i = 0; i < t.count(); i++) {
            assertEquals(m.fibres()[i], t.fibres()[i]);
            for (int x = t.x0(); x < t.x1(); x++) {
                double dc = t.centre(i, x) - m.centre(i, x);
                double dw = t.sigma(i, x) / m.sigma(i, x) - 1;
                sc += dc * dc;
                sw += dw * dw;
                worstW = Math.max(worstW, Math.abs(dw));
                k++;
            }
        }
        double rmsCentre = Math.sqrt(sc / k);
        double rmsWidth = Math.sqrt(sw / k);
        System.out.printf("trace accuracy: centre rms %.4f px, width rms %.4f%%, worst width %.3f%%, %s%n",
                rmsCentre, 100 * rmsWidth, 100 * worstW, r);
        assertTrue(rmsCentre < 0.02, "centre rms " + rmsCentre);
        assertTrue(rmsWidth < 0.01, "width rms " + rmsWidth);
        assertTrue(worstW < 0.03, "worst width error " + worstW);
        assertEquals(0, r.identification().dead().length);
    }

    @Test
    void namesDeadFibresAndKeepsTheOthersNumbersWhenTheFlatIsShifted() throws DrpException {
        SpectrographModel nominalModel = SpectrographModel.apogee(SMALL, 22);
        int dead = nominalModel.fibres()[10];
        int deadEdge = nominalModel.fibres()[0];
        SpectrographModel m = nominalModel.withShift(4.3).withDead(dead, deadEdge);
        TraceResult r = TraceFinder.find(flat(m, 2), SMALL.lightSensitive(), "G", nominalModel.nominal(),
                TraceParams.defaults().withShape(m.shape()));
        assertEquals(4.3, r.identification().offset(), 0.1);
        assertArrayEquals(new int[] {deadEdge, dead}, r.identification().dead());
        Traces t = r.traces();
        assertArrayEquals(m.fibres(), t.fibres());
        int i = t.indexOf(dead);
        assertEquals(TraceStatus.DEAD, t.status()[i]);
        assertEquals(TraceStatus.LIVE, t.status()[i + 1]);
        for (int x = t.x0(); x < t.x1(); x += 50) {
            assertEquals(m.centre(i, x), t.centre(i, x), 0.1, "dead fibre interpolated at x " + x);
            assertEquals(m.centre(i + 1, x), t.centre(i + 1, x), 0.05, "neighbour keeps its own trace at x " + x);
            assertEquals(m.centre(0, x), t.centre(0, x), 0.1, "dead edge fibre extrapolated at x " + x);
        }
    }

    @Test
    void fitsTheProfileShapeFromAGaussianStartAndStillMeetsTheAccuracy() throws DrpException {
        SpectrographModel m = SpectrographModel.apogee(SMALL, 26);
        TraceResult r = TraceFinder.find(flat(m, 6), SMALL.lightSensitive(), "G", m.nominal(), TraceParams.defaults());
        Traces t = r.traces();
        double sc = 0;
        double sw = 0;
        int k = 0;
        for (int i = 0; i < t.count(); i++) {
            for (int x = t.x0(); x < t.x1(); x++) {
                double dc = t.centre(i, x) - m.centre(i, x);
                double dw = t.sigma(i, x) / m.sigma(i, x) - 1;
                sc += dc * dc;
                sw += dw * dw;
                k++;
            }
        }
        double x = 256;
        double y = 256;
        System.out.printf("fitted shape: %s (true %s), centre rms %.4f px, width rms %.3f%%%n", t.shape(), m.shape(),
                Math.sqrt(sc / k), 100 * Math.sqrt(sw / k));
        assertEquals(m.shape().h3(x, y), t.shape().h3(x, y), 0.005);
        assertEquals(m.shape().h4(x, y), t.shape().h4(x, y), 0.005);
        assertTrue(Math.sqrt(sc / k) < 0.02);
        assertTrue(Math.sqrt(sw / k) < 0.01);
    }

    @Test
    void refusesAFlatWhoseLampIsOffWithTheReason() {
        SpectrographModel m = SpectrographModel.apogee(SMALL, 23);
        MaskedImage dark = SpectrographSimulator.observe(Image.zeros(SMALL.width(), SMALL.height()), GAIN,
                READ_VARIANCE, 3);
        DrpException e = assertThrows(DrpException.class, () -> TraceFinder.find(dark, SMALL.lightSensitive(), "G",
                m.nominal(), TraceParams.defaults()));
        assertEquals(TraceErrorCode.TRACE_LAMP_OFF, e.code());
        assertTrue(e.getMessage().contains("lamp was off"), e.getMessage());
    }

    @Test
    void refusesAFlatWhosePeaksMatchNoNominalGeometry() {
        SpectrographModel m = SpectrographModel.apogee(SMALL, 24);
        double[] y = m.nominal().y().clone();
        for (int i = 0; i < y.length; i++) {
            y[i] = 20 + i * 4.1; // a slit that does not exist
        }
        NominalTraces wrong = new NominalTraces(m.fibres(), y, m.xRef());
        DrpException e = assertThrows(DrpException.class, () -> TraceFinder.find(flat(m, 4), SMALL.lightSensitive(),
                "G", wrong, TraceParams.defaults()));
        assertEquals(TraceErrorCode.TRACE_IDENTIFICATION_FAILED, e.code());
    }

    @Test
    void resultDoesNotDependOnTheThreadCount() throws DrpException {
        SpectrographModel m = SpectrographModel.apogee(SMALL, 25);
        MaskedImage f = flat(m, 5);
        Traces a = TraceFinder.find(f, SMALL.lightSensitive(), "G", m.nominal(), TraceParams.defaults()).traces();
        Traces b = TraceFinder.find(f, SMALL.lightSensitive(), "G", m.nominal(),
                TraceParams.defaults().withParallel(false)).traces();
        assertEquals(a, b);
    }
}
