package org.drpkit.spark;

import java.io.Serializable;
import org.drpkit.algorithms.ramp.RampProcessor;
import org.drpkit.algorithms.sim.SpectrographModel;
import org.drpkit.algorithms.trace.NominalTraces;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.instrument.Chip;

/**
 * What the ramp fit of a chip is given besides its raw file: the chip's layout and the fit's parameters (noise model,
 * saturation map, nonlinearity: the lab calibrations). Shipped to the executors with the job, so it must be
 * serialisable and small: an implementation holds where its calibrations are (or how to rebuild them) and loads them
 * on the executor, once per JVM.
 *
 * <pre>{@code
 * LabCalibration lab = SimulatedLab.demo(1, 512, 0);   // the demo night's simulated detector
 * RampProcessor.Params p = lab.rampParams("R");
 * NominalTraces slit = lab.nominalTraces("R");         // where trace finding expects each fibre
 * }</pre>
 */
public interface LabCalibration extends Serializable {

    /** @return the layout of a chip (R, G, B) */
    Chip chip(String chip) throws DrpException;

    /** @return the ramp fit's parameters for a chip */
    RampProcessor.Params rampParams(String chip) throws DrpException;

    /**
     * The nominal slit that trace finding identifies the quartz flat's peaks against (the fibre configuration's
     * geometry). The default is the straight APOGEE slit of 300 fibres on the chip ({@link
     * SpectrographModel#apogeeSlit}).
     *
     * @return each fibre's nominal centre on the reference column, px
     */
    default NominalTraces nominalTraces(String chip) throws DrpException {
        return SpectrographModel.apogeeSlit(chip(chip));
    }
}
