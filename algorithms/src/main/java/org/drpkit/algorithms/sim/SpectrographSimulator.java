package org.drpkit.algorithms.sim;

import java.util.SplittableRandom;
import org.drpkit.algorithms.concurrent.BlockWorkers;
import org.drpkit.algorithms.trace.GaussHermite;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.image.SizeGuard;
import org.drpkit.core.instrument.Region;
import org.drpkit.core.trace.ProfileShape;
import org.drpkit.core.trace.TraceStatus;
import org.drpkit.core.trace.Traces;

/**
 * Renders fibre light through a {@link SpectrographModel} onto the chip, and, for stage tests that do not need the
 * detector, adds Gaussian noise of known variance.
 *
 * <p>Each fibre's flux in a column is spread over rows with the pixel-integrated Gauss-Hermite profile of its true
 * centre, width and shape, out to {@code max(8, 7 sigma)} pixels, so neighbouring wings overlap. The result is the
 * noiseless light (DN/read) and the truth; feed the light to {@link DetectorSimulator} through
 * {@link Exposure#of} to run the whole chain from raw reads. Deterministic for any thread count.
 *
 * <pre>{@code
 * SpectrographModel m = SpectrographModel.apogee(chip, 1);
 * SpectrographFrame flat = SpectrographSimulator.render(m, FibreLight.quartz(m, 3000));
 * MaskedImage cal = SpectrographSimulator.observe(flat.light(), 1.9, 4.0, 5);   // noisy, DN/read, with ivar
 * }</pre>
 */
public final class SpectrographSimulator {

    private static final int COLUMNS_PER_TASK = 64;

    private SpectrographSimulator() {
    }

    /**
     * @param m     the optics
     * @param light the light entering each fibre (the model's fibre count and the chip's width); not modified
     * @return the light on the chip and the true traces (new arrays)
     */
    public static SpectrographFrame render(SpectrographModel m, FibreLight light) {
        int w = m.chip().width();
        int h = m.chip().height();
        int n = m.fibres().length;
        if (light.fibres() != n || light.columns() != w) {
            throw new IllegalArgumentException("light for " + light.fibres() + " fibres x " + light.columns()
                    + " columns, model has " + n + " x " + w);
        }
        Region a = m.chip().lightSensitive();
        float[] img = new float[SizeGuard.checkArray(w, h)];
        double[] centre = new double[SizeGuard.checkArray(w, n)];
        double[] sigma = new double[centre.length];
        double[] flux = new double[centre.length];
        java.util.Arrays.fill(centre, Double.NaN);
        java.util.Arrays.fill(sigma, Double.NaN);
        java.util.Arrays.fill(flux, Double.NaN);
        ProfileShape shape = m.shape();
        int blocks = (a.width() + COLUMNS_PER_TASK - 1) / COLUMNS_PER_TASK;
        try {
            BlockWorkers.run(Runtime.getRuntime().availableProcessors(), blocks, null, () -> new double[256],
                    (frac, b) -> {
                        int xa = a.x0() + b * COLUMNS_PER_TASK;
                        int xb = Math.min(a.x1(), xa + COLUMNS_PER_TASK);
                        for (int x = xa; x < xb; x++) {
                            for (int i = 0; i < n; i++) {
                                double mu = m.centre(i, x);
                                double s = m.sigma(i, x);
                                double f = light.flux()[i * w + x] * m.throughput()[i];
                                int k = i * w + x;
                                centre[k] = mu;
                                sigma[k] = s;
                                flux[k] = f;
                                if (f == 0) {
                                    continue;
                                }
                                int half = (int) Math.ceil(Math.max(8, 7 * s));
                                int y0 = Math.max(a.y0(), (int) Math.rint(mu) - half);
                                int y1 = Math.min(a.y1() - 1, (int) Math.rint(mu) + half);
                                GaussHermite.fractions(mu, s, shape.h3(x, mu), shape.h4(x, mu), y0, y1 - y0 + 1, frac);
                                for (int y = y0; y <= y1; y++) {
                                    img[y * w + x] += (float) (f * frac[y - y0]);
                                }
                            }
                        }
                    });
        } catch (DrpException e) {
            throw new IllegalStateException("the simulator raised a bad-input error", e);
        }
        TraceStatus[] status = new TraceStatus[n];
        java.util.Arrays.fill(status, TraceStatus.LIVE);
        Traces truth = new Traces(m.chip().name(), w, a.x0(), a.x1(), m.fibres().clone(), status, centre, sigma, flux,
                shape);
        return new SpectrographFrame(Image.of(w, h, img), truth, m, light);
    }

    /**
     * A calibrated frame without the detector: the light plus Gaussian noise of variance
     * {@code readVariance + light / gain} per pixel, and that same variance (from the noiseless light, so the
     * weights carry no noise) as the inverse variance. Flags are 0.
     *
     * @param light        noiseless light, DN/read
     * @param gain         e-/DN; the photon variance of a pixel is {@code light / gain} (DN/read)^2
     * @param readVariance variance of the empty pixel, (DN/read)^2
     * @param seed         noise seed; row y draws from its own stream, so the frame is the same for any thread count
     * @return flux (DN/read), ivar ((DN/read)^-2) and zero flags; the input is not modified
     */
    public static MaskedImage observe(Image light, double gain, double readVariance, long seed) {
        if (!(gain > 0) || !(readVariance > 0)) {
            throw new IllegalArgumentException("gain and read variance must be positive");
        }
        int w = light.width();
        int h = light.height();
        float[] f = new float[SizeGuard.checkArray(w, h)];
        float[] iv = new float[f.length];
        for (int y = 0; y < h; y++) {
            SplittableRandom r = Seeds.stream(seed, Seeds.OBSERVE, y);
            int s = light.rowStart(y);
            for (int x = 0; x < w; x++) {
                double l = light.array()[s + x];
                double var = readVariance + Math.max(0, l) / gain;
                f[y * w + x] = (float) (l + Math.sqrt(var) * r.nextGaussian());
                iv[y * w + x] = (float) (1 / var);
            }
        }
        return MaskedImage.of(Image.of(w, h, f), Image.of(w, h, iv), Mask.zeros(w, h));
    }
}
