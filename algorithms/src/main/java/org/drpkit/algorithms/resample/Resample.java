package org.drpkit.algorithms.resample;

import java.util.List;
import java.util.Objects;
import org.drpkit.algorithms.concurrent.BlockWorkers;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.image.SizeGuard;
import org.drpkit.core.image.Spectra;

/**
 * 1D onto the common grid: every fibre's chips resampled onto a {@link LogGrid} and combined into one spectrum per
 * fibre (spec 2.18, without upstream's quirk 7).
 *
 * <p><b>Input</b>: one {@link Spectra} per chip (any order), each fibres x pixels with flux, ivar (1/flux^2; 0 = no
 * information), flags, and a wavelength per pixel in Angstrom (increasing or decreasing along the chip; vacuum, as
 * the grid). A pixel is used when its flags have none of {@link ResampleParams#badBits()}, its flux and ivar are
 * finite and its ivar is above {@link ResampleParams#minIvar()}. A kernel never reaches across chips: each chip is
 * placed on the grid on its own, so chip gaps stay gaps (ivar 0) and no output pixel mixes pixels of two chips.
 *
 * <p><b>Chips combined at resampling</b>: the fibre's output pixel takes the one chip that covers it; where two chips
 * cover the same wavelength (they do not on APOGEE), their estimates are averaged with inverse-variance weights. So
 * the product of this stage is one spectrum per fibre, and later stages (visit combination, fluxing) work on that.
 *
 * <p><b>Kernels</b> ({@link ResampleMethod}): Lanczos-4 interpolation with a linear fallback, or flux-conserving
 * rebinning. Both are linear in the input: {@code out_i = sum_k w_ik in_k} with weights summing to 1, so the
 * variance is {@code var_out_i = sum_k w_ik^2 var_k}. The covariance that resampling creates between neighbouring
 * output pixels is ignored (ivar is the diagonal only), as upstream does. Flags: the OR of the flags of the input
 * pixels with weight; an output pixel that no chip covers has flux 0, ivar 0 and {@code ExtraFlag.NOT_COVERED} (plus
 * the flags of the unusable pixels that were there). A fibre with no usable pixel at all is all NOT_COVERED: no NaN
 * and no division by zero. Exact hits (an output wavelength equal to an input pixel's) keep that pixel.
 *
 * <p>Fibres are independent and each is computed by one worker, so the result is identical for any worker count.
 * The inputs are not modified.
 *
 * <pre>{@code
 * ResampledSpectra r = Resample.exposure(List.of(chipR, chipG, chipB), LogGrid.apogee(),
 *         ResampleParams.defaults(), 2);
 * ResampledSpectra one = Resample.fibre(List.of(chipR, chipG, chipB), 150, LogGrid.apogee(),
 *         ResampleParams.defaults().withMethod(ResampleMethod.FLUX_CONSERVING));
 * }</pre>
 */
public final class Resample {

    private Resample() {
    }

    /**
     * Resamples every fibre.
     *
     * @param chips   one entry per chip, all with the same number of fibres and with wavelengths; not modified
     * @param grid    the output grid
     * @param p       parameters
     * @param workers number of worker threads (at least 1); the result does not depend on it
     * @return fibres x {@code grid.count()} spectra and diagnostics
     * @throws DrpException {@code RESAMPLE_NO_WAVELENGTH} for a chip without wavelengths,
     *                      {@code RESAMPLE_SHAPE_MISMATCH} when the chips disagree in fibres or none is given
     */
    public static ResampledSpectra exposure(List<Spectra> chips, LogGrid grid, ResampleParams p, int workers)
            throws DrpException {
        int fibres = check(chips);
        return run(chips, 0, fibres, grid, p, workers);
    }

    /**
     * Resamples one fibre.
     *
     * @param chips one entry per chip with wavelengths; not modified
     * @param fibre the fibre's row in the chips (0-based)
     * @return one spectrum of {@code grid.count()} pixels and diagnostics
     * @throws DrpException as {@link #exposure}, and {@code RESAMPLE_SHAPE_MISMATCH} for a fibre out of range
     * @see #exposure(List, LogGrid, ResampleParams, int)
     */
    public static ResampledSpectra fibre(List<Spectra> chips, int fibre, LogGrid grid, ResampleParams p)
            throws DrpException {
        int fibres = check(chips);
        if (fibre < 0 || fibre >= fibres) {
            throw new DrpException(ResampleErrorCode.RESAMPLE_SHAPE_MISMATCH, Location.NOWHERE, "fibre " + fibre
                    + " is not among the chips' " + fibres + " fibres");
        }
        return run(chips, fibre, 1, grid, p, 1);
    }

    private static int check(List<Spectra> chips) throws DrpException {
        Objects.requireNonNull(chips, "chips");
        if (chips.isEmpty()) {
            throw new DrpException(ResampleErrorCode.RESAMPLE_SHAPE_MISMATCH, Location.NOWHERE, "no chip given");
        }
        int fibres = chips.get(0).fibres();
        for (int c = 0; c < chips.size(); c++) {
            Spectra s = chips.get(c);
            if (s.wavelength().isEmpty()) {
                throw new DrpException(ResampleErrorCode.RESAMPLE_NO_WAVELENGTH, Location.NOWHERE, "chip " + c
                        + " (" + s + ") has no wavelength array");
            }
            if (s.fibres() != fibres) {
                throw new DrpException(ResampleErrorCode.RESAMPLE_SHAPE_MISMATCH, Location.NOWHERE, "chip " + c
                        + " has " + s.fibres() + " fibres, chip 0 has " + fibres);
            }
        }
        return fibres;
    }

    private static ResampledSpectra run(List<Spectra> chips, int first, int fibres, LogGrid grid, ResampleParams p,
            int workers) throws DrpException {
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(p, "p");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
        int count = grid.count();
        int len = SizeGuard.checkArray(count, fibres);
        float[] flux = new float[len];
        float[] ivar = new float[len];
        int[] mask = new int[len];
        int capacity = 0;
        for (Spectra s : chips) {
            capacity = Math.max(capacity, s.pixels());
        }
        int cap = capacity;
        GridTables tables = GridTables.of(grid);
        ChipKernel kernel = ChipKernel.of(p.method(), p);
        long[] covered = new long[fibres];
        long[] linear = new long[fibres];
        int[] unusable = new int[fibres];
        BlockWorkers.run(workers, fibres, null, () -> new Worker(cap, count), (w, row) -> {
            int f = first + row;
            w.acc.reset();
            for (Spectra chip : chips) {
                if (w.samples.load(chip, f, chip.wavelength().orElseThrow(), p)) {
                    kernel.addChip(w.samples, tables, w.acc);
                } else if (chip.pixels() >= 2) {
                    unusable[row]++;
                }
            }
            long[] c = w.acc.writeTo(flux, ivar, mask, row);
            covered[row] = c[0];
            linear[row] = c[1];
        });
        long cov = 0;
        long lin = 0;
        int empty = 0;
        int bad = 0;
        for (int r = 0; r < fibres; r++) {
            cov += covered[r];
            lin += linear[r];
            empty += covered[r] == 0 ? 1 : 0;
            bad += unusable[r];
        }
        return new ResampledSpectra(grid, p.method(), Spectra.of(fibres, count, flux, ivar, mask, null), cov, lin,
                empty, bad);
    }

    /** One worker's buffers: a chip's samples and a fibre's output. */
    private static final class Worker {
        final ChipSamples samples;
        final FibreAccumulator acc;

        Worker(int capacity, int count) {
            samples = new ChipSamples(capacity);
            acc = new FibreAccumulator(count);
        }
    }
}
