package org.drpkit.algorithms.sim;

import org.drpkit.core.image.Image;
import org.drpkit.core.trace.Traces;

/**
 * The light of a fibre spectrograph on a chip and the truth behind it.
 *
 * @param light the noiseless image, DN/read (the chip's shape; a rate map for {@link Exposure})
 * @param truth the true traces: centre, rms width, and as height the true flux of each fibre per column (throughput
 *              applied), DN/read; dead fibres have height 0 and status {@code LIVE} (the truth does not judge)
 * @param model the optics the frame was made with
 * @param input the light before the throughputs
 */
public record SpectrographFrame(Image light, Traces truth, SpectrographModel model, FibreLight input) {

    @Override
    public String toString() {
        return "SpectrographFrame[" + light.width() + "x" + light.height() + ", " + model.fibres().length
                + " fibres, " + input.kind() + "]";
    }
}
