package org.drpkit.algorithms.ramp;

import java.util.Objects;
import java.util.Optional;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.ReadPattern;

/**
 * The detector noise the ramp stages assume: gain (e-/DN) and read variance (DN^2 per read), each a single value
 * or a per-pixel map of the ramp's shape.
 *
 * <p>A read difference of a pixel with rate f (DN/read) has variance {@code 2 s^2 + max(f, 0)/g} (DN^2): read noise
 * from both reads plus the photon noise of {@code f g} electrons. The read variance is that of one frame; a
 * {@link ReadPattern} that averages N frames per group divides it by N. Maps hold the same quantities per pixel; NaN,
 * zero or negative map values fall back to the scalar value.
 *
 * <pre>{@code
 * NoiseModel m = NoiseModel.UPSTREAM_DEFAULTS;          // 1.9 e-/DN, 25 DN^2
 * NoiseModel m2 = NoiseModel.of(2.0, 16.0).withReadVarianceMap(readVar);
 * }</pre>
 *
 * @param gain              e-/DN, positive
 * @param readVariance      DN^2 per read, positive
 * @param gainMap           optional per-pixel gain, e-/DN
 * @param readVarianceMap   optional per-pixel read variance, DN^2
 */
public record NoiseModel(double gain, double readVariance, Optional<Image> gainMap, Optional<Image> readVarianceMap) {

    /** The values ApogeeReduction.jl uses when its calibration maps are missing: 1.9 e-/DN and 25 DN^2. */
    public static final NoiseModel UPSTREAM_DEFAULTS = of(1.9, 25.0);

    /** Checks that gain and read variance are positive and finite. */
    public NoiseModel {
        if (!(gain > 0) || Double.isInfinite(gain)) {
            throw new IllegalArgumentException("gain must be positive, got " + gain);
        }
        if (!(readVariance > 0) || Double.isInfinite(readVariance)) {
            throw new IllegalArgumentException("read variance must be positive, got " + readVariance);
        }
        Objects.requireNonNull(gainMap, "gainMap");
        Objects.requireNonNull(readVarianceMap, "readVarianceMap");
    }

    /** @return a model with one gain (e-/DN) and one read variance (DN^2) for every pixel */
    public static NoiseModel of(double gain, double readVariance) {
        return new NoiseModel(gain, readVariance, Optional.empty(), Optional.empty());
    }

    /** @return this model with a per-pixel gain map (e-/DN) */
    public NoiseModel withGainMap(Image map) {
        return new NoiseModel(gain, readVariance, Optional.of(map), readVarianceMap);
    }

    /** @return this model with a per-pixel read-variance map (DN^2) */
    public NoiseModel withReadVarianceMap(Image map) {
        return new NoiseModel(gain, readVariance, gainMap, Optional.of(map));
    }

    /**
     * Fills {@code out[0..width)} with the read variance of one group of row y (DN^2): the per-frame variance times
     * the pattern's {@link ReadPattern#readVarianceScale()} (untouched for single frames).
     */
    void groupReadVarianceRow(int y, int width, float[] out, ReadPattern pattern) {
        readVarianceRow(y, width, out);
        if (!pattern.isSingleFrame()) {
            double scale = pattern.readVarianceScale();
            for (int x = 0; x < width; x++) {
                out[x] = (float) (out[x] * scale);
            }
        }
    }

    /** Fills {@code out[0..width)} with the gain of row y (e-/DN). */
    void gainRow(int y, int width, float[] out) {
        fillRow(gainMap, gain, y, width, out);
    }

    /** Fills {@code out[0..width)} with the read variance of row y (DN^2). */
    void readVarianceRow(int y, int width, float[] out) {
        fillRow(readVarianceMap, readVariance, y, width, out);
    }

    private static void fillRow(Optional<Image> map, double scalar, int y, int width, float[] out) {
        if (map.isEmpty()) {
            java.util.Arrays.fill(out, 0, width, (float) scalar);
            return;
        }
        Image m = map.get();
        float[] a = m.array();
        int base = m.rowStart(y);
        for (int x = 0; x < width; x++) {
            float v = a[base + x];
            out[x] = v > 0 && v < Float.POSITIVE_INFINITY ? v : (float) scalar;
        }
    }

    /** Checks that maps, when present, have the given shape; {@code what} names the data for the message. */
    void requireShape(int width, int height, String what) {
        for (Optional<Image> m : java.util.List.of(gainMap, readVarianceMap)) {
            m.ifPresent(img -> {
                if (img.width() != width || img.height() != height) {
                    throw new IllegalArgumentException("noise map " + img.width() + "x" + img.height()
                            + " does not match " + what + " " + width + "x" + height);
                }
            });
        }
    }

    @Override
    public String toString() {
        return "NoiseModel[gain=" + gain + " e-/DN" + (gainMap.isPresent() ? " (map)" : "") + ", readVariance="
                + readVariance + " DN^2" + (readVarianceMap.isPresent() ? " (map)" : "") + "]";
    }
}
