package org.drpkit.algorithms.sim;

/**
 * The simulated H2RG-like detector: gain, noise, bias structure, nonlinearity, saturation, cosmic rays, hot pixels
 * and an optional reset anomaly. Units: DN (raw ADU), DN/read, e-/DN.
 *
 * <p>Per read and pixel the raw value is {@code bias + output offset + pedestal(pixel) + drift(read, output) +
 * m(s) + reset anomaly(pixel, read)}, clamped at the pixel's saturation level, plus white read noise and the 1/f noise that
 * every output shares at the same pixel-clock tick; then rounded to an integer DN in {@code [0, 65535]}. Here
 * {@code s} is the accumulated charge in DN (Poisson electrons / gain, plus cosmic-ray charge) and
 * {@code m(s) = s + c2(pixel) s^2} the quadratic nonlinearity. Static maps (pedestal, c2, saturation, hot pixels,
 * output offsets) come from {@link #seed()}, so one model is one detector across exposures; the noise comes from
 * the exposure's seed.
 *
 * <pre>{@code
 * DetectorModel d = DetectorModel.apogeeLike();
 * DetectorModel clean = DetectorModel.ideal(1.9, 5.0);                 // Poisson and white read noise only
 * DetectorModel noisy = d.toBuilder().oneOverFRms(4).cosmicRayRate(1e-3).build();
 * }</pre>
 *
 * @param gain                e-/DN
 * @param readNoise           white read noise per read, DN
 * @param biasLevel           mean raw bias, DN
 * @param pedestalSigma       per-pixel fixed bias scatter, DN
 * @param outputOffsetSigma   static offset scatter between outputs, DN
 * @param biasDriftSigma      bias change per read and output, DN
 * @param oneOverFRms         rms of the 1/f noise shared by all outputs, DN per sample
 * @param darkCurrent         dark rate added to light-sensitive pixels, DN/read
 * @param nonlinearity        c2, 1/DN (negative: the response falls), per-pixel mean
 * @param nonlinearityScatter relative per-pixel scatter of c2
 * @param saturation          mean raw saturation level, DN
 * @param saturationScatter   per-pixel scatter of the saturation level, DN
 * @param cosmicRayRate       jumps per pixel per read interval (light-sensitive pixels)
 * @param cosmicRayMin        smallest jump, DN (log-uniform between min and max)
 * @param cosmicRayMax        largest jump, DN
 * @param hotPixelFraction    fraction of light-sensitive pixels that are hot
 * @param hotPixelMin         smallest extra dark rate of a hot pixel, DN/read (log-uniform)
 * @param hotPixelMax         largest extra dark rate of a hot pixel, DN/read
 * @param resetAnomaly        extra level of read k: {@code resetAnomaly exp(-k / resetAnomalyReads)}, DN
 * @param resetAnomalyReads   e-folding of the reset anomaly, reads
 * @param resetAnomalyScatter relative per-pixel scatter of the reset anomaly's amplitude (drawn from its own stream,
 *                            so the other maps do not change with it)
 * @param quantize            round to integer DN and clip to 0..65535 as a 16-bit ADC
 * @param seed                seed of the static maps
 */
public record DetectorModel(double gain, double readNoise, double biasLevel, double pedestalSigma,
        double outputOffsetSigma, double biasDriftSigma, double oneOverFRms, double darkCurrent, double nonlinearity,
        double nonlinearityScatter, double saturation, double saturationScatter, double cosmicRayRate,
        double cosmicRayMin, double cosmicRayMax, double hotPixelFraction, double hotPixelMin, double hotPixelMax,
        double resetAnomaly, double resetAnomalyReads, double resetAnomalyScatter, boolean quantize, long seed) {

    /** Checks ranges. */
    public DetectorModel {
        if (!(gain > 0) || readNoise < 0 || pedestalSigma < 0 || outputOffsetSigma < 0 || biasDriftSigma < 0
                || oneOverFRms < 0 || darkCurrent < 0 || nonlinearityScatter < 0 || !(saturation > 0)
                || saturationScatter < 0 || cosmicRayRate < 0 || cosmicRayRate > 1 || !(cosmicRayMin > 0)
                || cosmicRayMax < cosmicRayMin || hotPixelFraction < 0 || hotPixelFraction > 1 || !(hotPixelMin > 0)
                || hotPixelMax < hotPixelMin || !(resetAnomalyReads > 0) || resetAnomalyScatter < 0) {
            throw new IllegalArgumentException("detector parameter out of range: " + gain + ", " + readNoise + ", ...");
        }
    }

    /**
     * @return an APOGEE-like detector: gain 1.9 e-/DN, 4.5 DN white read noise, 2.5 DN rms shared 1/f noise, 5 DN
     *         bias drift per read and output, 0.02 DN/read dark current, c2 = -1.5e-6/DN (about 7% at 45000 DN),
     *         saturation near 57000 DN raw over a 12000 DN bias, 1e-4 cosmic rays per pixel and read of 30..3000
     *         DN, 5e-4 hot pixels of 1..100 DN/read, no reset anomaly
     */
    public static DetectorModel apogeeLike() {
        return new DetectorModel(1.9, 4.5, 12000, 50, 150, 5, 2.5, 0.02, -1.5e-6, 0.05, 57000, 1000, 1e-4, 30, 3000,
                5e-4, 1, 100, 0, 1, 0, true, 1);
    }

    /**
     * @return a detector with Poisson noise and white read noise only: no bias structure, 1/f, dark current,
     *         nonlinearity, saturation (a level of 1e9 DN), cosmic rays, hot pixels or quantisation
     */
    public static DetectorModel ideal(double gain, double readNoise) {
        return new DetectorModel(gain, readNoise, 1000, 0, 0, 0, 0, 0, 0, 0, 1e9, 0, 0, 30, 3000, 0, 1, 100, 0, 1,
                0, false, 1);
    }

    /** @return white read variance (DN^2), plus 1/12 DN^2 when quantised */
    public double readVariance() {
        return readNoise * readNoise + (quantize ? 1.0 / 12 : 0);
    }

    /** @return a builder starting from this model */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some parameters of a model. */
    public static final class Builder {
        private double gain, readNoise, biasLevel, pedestalSigma, outputOffsetSigma, biasDriftSigma, oneOverFRms,
                darkCurrent, nonlinearity, nonlinearityScatter, saturation, saturationScatter, cosmicRayRate,
                cosmicRayMin, cosmicRayMax, hotPixelFraction, hotPixelMin, hotPixelMax, resetAnomaly,
                resetAnomalyReads, resetAnomalyScatter;
        private boolean quantize;
        private long seed;

        private Builder(DetectorModel m) {
            gain = m.gain; readNoise = m.readNoise; biasLevel = m.biasLevel; pedestalSigma = m.pedestalSigma;
            outputOffsetSigma = m.outputOffsetSigma; biasDriftSigma = m.biasDriftSigma; oneOverFRms = m.oneOverFRms;
            darkCurrent = m.darkCurrent; nonlinearity = m.nonlinearity; nonlinearityScatter = m.nonlinearityScatter;
            saturation = m.saturation; saturationScatter = m.saturationScatter; cosmicRayRate = m.cosmicRayRate;
            cosmicRayMin = m.cosmicRayMin; cosmicRayMax = m.cosmicRayMax; hotPixelFraction = m.hotPixelFraction;
            hotPixelMin = m.hotPixelMin; hotPixelMax = m.hotPixelMax; resetAnomaly = m.resetAnomaly;
            resetAnomalyReads = m.resetAnomalyReads; resetAnomalyScatter = m.resetAnomalyScatter; quantize = m.quantize; seed = m.seed;
        }

        /** @param v e-/DN @return this */
        public Builder gain(double v) { gain = v; return this; }
        /** @param v DN per read @return this */
        public Builder readNoise(double v) { readNoise = v; return this; }
        /** @param v DN @return this */
        public Builder biasLevel(double v) { biasLevel = v; return this; }
        /** @param v DN @return this */
        public Builder pedestalSigma(double v) { pedestalSigma = v; return this; }
        /** @param v DN @return this */
        public Builder outputOffsetSigma(double v) { outputOffsetSigma = v; return this; }
        /** @param v DN per read and output @return this */
        public Builder biasDriftSigma(double v) { biasDriftSigma = v; return this; }
        /** @param v DN rms @return this */
        public Builder oneOverFRms(double v) { oneOverFRms = v; return this; }
        /** @param v DN/read @return this */
        public Builder darkCurrent(double v) { darkCurrent = v; return this; }
        /** @param c2 1/DN @param scatter relative @return this */
        public Builder nonlinearity(double c2, double scatter) {
            nonlinearity = c2;
            nonlinearityScatter = scatter;
            return this;
        }
        /** @param level raw DN @param scatter DN @return this */
        public Builder saturation(double level, double scatter) {
            saturation = level;
            saturationScatter = scatter;
            return this;
        }
        /** @param v per pixel and read interval @return this */
        public Builder cosmicRayRate(double v) { cosmicRayRate = v; return this; }
        /** @param min DN @param max DN @return this */
        public Builder cosmicRayRange(double min, double max) { cosmicRayMin = min; cosmicRayMax = max; return this; }
        /** @param fraction of light-sensitive pixels @param min DN/read @param max DN/read @return this */
        public Builder hotPixels(double fraction, double min, double max) {
            hotPixelFraction = fraction; hotPixelMin = min; hotPixelMax = max; return this;
        }
        /** @param amplitude DN @param reads e-folding @return this */
        public Builder resetAnomaly(double amplitude, double reads) {
            resetAnomaly = amplitude;
            resetAnomalyReads = reads;
            return this;
        }
        /** @param amplitude DN @param reads e-folding @param scatter relative, per pixel @return this */
        public Builder resetAnomaly(double amplitude, double reads, double scatter) {
            resetAnomaly = amplitude;
            resetAnomalyReads = reads;
            resetAnomalyScatter = scatter;
            return this;
        }
        /** @param v round to 16-bit integers @return this */
        public Builder quantize(boolean v) { quantize = v; return this; }
        /** @param v seed of the static maps @return this */
        public Builder seed(long v) { seed = v; return this; }

        /** @return the model */
        public DetectorModel build() {
            return new DetectorModel(gain, readNoise, biasLevel, pedestalSigma, outputOffsetSigma, biasDriftSigma,
                    oneOverFRms, darkCurrent, nonlinearity, nonlinearityScatter, saturation, saturationScatter,
                    cosmicRayRate, cosmicRayMin, cosmicRayMax, hotPixelFraction, hotPixelMin, hotPixelMax,
                    resetAnomaly, resetAnomalyReads, resetAnomalyScatter, quantize, seed);
        }
    }
}
