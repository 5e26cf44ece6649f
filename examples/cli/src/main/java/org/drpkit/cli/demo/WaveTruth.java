package org.drpkit.cli.demo;

import java.util.Arrays;
import org.drpkit.algorithms.wave.FibreWavelengths;
import org.drpkit.algorithms.wave.WavelengthFit;

/**
 * The demo's wavelength solutions against the simulator's truth, per chip: fibres solved, the median and worst rms
 * of a fibre's solution against the true wavelengths (Angstrom and m/s), and the median line residual rms.
 *
 * @param fibres       found traces
 * @param solved       traces with a solution
 * @param medianTruth  median over solved fibres of the rms against truth, Angstrom
 * @param worstTruth   worst of them, Angstrom
 * @param medianSmooth the median for the solutions regularised across the slit, Angstrom
 * @param worstSmooth  the worst of those, Angstrom
 * @param medianFit    median over solved fibres of the rms of the used lines' residuals, Angstrom
 * @param wavelength   a typical wavelength of the chip, Angstrom (to turn Angstrom into m/s)
 */
public record WaveTruth(int fibres, int solved, double medianTruth, double worstTruth, double medianSmooth,
        double worstSmooth, double medianFit, double wavelength) {

    /** @return the comparison of a chip's solutions */
    public static WaveTruth of(DemoNight.ChipResult c) {
        FibreWavelengths w = c.wavelengths();
        double[] t = Arrays.stream(c.waveVsTruth()).filter(Double::isFinite).sorted().toArray();
        double[] sm = Arrays.stream(c.smoothVsTruth()).filter(Double::isFinite).sorted().toArray();
        double lam = w.solved().isEmpty() ? Double.NaN
                : w.solution(w.solved().get(0)).orElseThrow().fit().meanWavelength();
        return new WaveTruth(w.count(), t.length, t.length == 0 ? Double.NaN : t[t.length / 2],
                t.length == 0 ? Double.NaN : t[t.length - 1], sm.length == 0 ? Double.NaN : sm[sm.length / 2],
                sm.length == 0 ? Double.NaN : sm[sm.length - 1], w.medianRms(), lam);
    }

    /** @return an rms in Angstrom as a velocity, m/s */
    public double metresPerSecond(double angstrom) {
        return WavelengthFit.C_METRES_PER_SECOND * angstrom / wavelength;
    }

    @Override
    public String toString() {
        return String.format("%d of %d fibres solved, line residuals median %.4f A; vs truth: per fibre median %.5f A"
                + " (%.1f m/s), worst %.5f A; regularised across the slit median %.5f A (%.1f m/s), worst %.5f A"
                + " (%.1f m/s)", solved, fibres, medianFit, medianTruth, metresPerSecond(medianTruth), worstTruth,
                medianSmooth, metresPerSecond(medianSmooth), worstSmooth, metresPerSecond(worstSmooth));
    }
}
