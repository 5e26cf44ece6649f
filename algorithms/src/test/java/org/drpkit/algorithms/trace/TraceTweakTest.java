package org.drpkit.algorithms.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.drpkit.algorithms.sim.FibreLight;
import org.drpkit.algorithms.sim.SpectrographModel;
import org.drpkit.algorithms.sim.SpectrographSimulator;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.trace.Traces;
import org.junit.jupiter.api.Test;

class TraceTweakTest {

    @Test
    void recoversAThreeTenthsPixelShiftOfAScienceExposureToAHundredthPixel() throws DrpException {
        SpectrographModel m = SpectrographModel.apogee(TraceFinderTest.SMALL, 31);
        Traces night = TraceFinder.find(TraceFinderTest.flat(m, 1), TraceFinderTest.SMALL.lightSensitive(), "G",
                m.nominal(), TraceParams.defaults().withShape(m.shape())).traces();
        SpectrographModel moved = m.withShift(0.3);
        MaskedImage science = SpectrographSimulator.observe(SpectrographSimulator.render(moved,
                FibreLight.science(moved, 3)).light(), 1.9 * 24, 0.01, 7);
        TraceTweak.Result r = TraceTweak.fit(science, night, TraceTweak.Params.defaults());
        System.out.println("tweak: " + r);
        assertEquals(0.3, r.shift(), 0.01);
        assertTrue(r.shiftError() < 0.005, r.toString());
        int x = 300;
        assertEquals(moved.centre(5, x), r.traces().centre(5, x), 0.03);
    }

    @Test
    void fitsShiftAndScaleTogether() throws DrpException {
        SpectrographModel m = SpectrographModel.apogee(TraceFinderTest.SMALL, 32);
        Traces truth = SpectrographSimulator.render(m, FibreLight.quartz(m, 1)).truth();
        Traces stretched = truth.moved(-0.2, 1e-3, 260);
        MaskedImage flat = TraceFinderTest.flat(m, 8);
        TraceTweak.Result r = TraceTweak.fit(flat, stretched, TraceTweak.Params.defaults().withScale(true));
        // the inverse move: at row 260 the tweak moves the traces back by +0.2 px
        double back0 = r.shift() + r.scale() * (260 - r.yRef());
        System.out.println("tweak with scale: " + r);
        assertEquals(-1e-3 / (1 + 1e-3), r.scale(), 5 * r.scaleError() + 1e-5);
        assertEquals(0.2, back0, 0.01);
    }
}
