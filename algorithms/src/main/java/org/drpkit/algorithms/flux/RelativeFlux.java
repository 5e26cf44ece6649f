package org.drpkit.algorithms.flux;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.drpkit.algorithms.extract.FibreFlat;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.image.Spectra;

/**
 * Relative fluxing of one chip from a fibre flat: each fibre's flux divided by its relative throughput on that chip
 * ({@link FibreFlat#of}), its ivar multiplied by the throughput squared. Unlike upstream (quirk 8, which applies the
 * blue chip's throughputs to all three), each chip takes its own flat's throughputs.
 *
 * <p>A row whose fibre the flat does not list, or lists at or below {@link FibreFlat#DARK_FIBRE}, cannot be fluxed:
 * its flux is kept and its ivar set to 0 (counted in {@link Result#unfluxed()}). The flat's own error is not added to
 * the ivar (it is a scale common to the whole spectrum; {@link FibreFlat.Throughput#error()} says how large). The
 * input is not modified; the wavelengths, when present, are carried over (shared).
 *
 * <pre>{@code
 * FibreFlat.Throughput t = FibreFlat.of(quartzB, fibres, CalibFlag.BAD_BITS);
 * RelativeFlux.Result r = RelativeFlux.applyFlat(scienceB, fibres, t);
 * r.spectra();   // chip b of the science exposure, every fibre on the flat's scale
 * }</pre>
 */
public final class RelativeFlux {

    private RelativeFlux() {
    }

    /**
     * @param spectra  the chip's spectra after division
     * @param scale    the throughput each row was divided by (NaN for a row left unfluxed)
     * @param unfluxed rows without a usable throughput (ivar set to 0)
     */
    public record Result(Spectra spectra, double[] scale, int unfluxed) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "RelativeFlux.Result[%d rows divided by their fibre-flat throughput, "
                    + "%d without one (ivar 0)]", scale.length - unfluxed, unfluxed);
        }
    }

    /**
     * @param chip      one chip's spectra (rows x pixels); not modified
     * @param rowFibres the fibre number of each row
     * @param flat      the chip's fibre-flat throughputs, by fibre number
     * @return new spectra and the scales used
     * @throws DrpException {@code FLUX_SHAPE_MISMATCH} when {@code rowFibres} does not name every row
     */
    public static Result applyFlat(Spectra chip, int[] rowFibres, FibreFlat.Throughput flat) throws DrpException {
        if (rowFibres.length != chip.fibres()) {
            throw new DrpException(FluxErrorCode.FLUX_SHAPE_MISMATCH, Location.NOWHERE, rowFibres.length
                    + " fibre numbers for " + chip.fibres() + " spectrum rows");
        }
        Map<Integer, Double> byFibre = new HashMap<>();
        for (int k = 0; k < flat.fibres().length; k++) {
            byFibre.put(flat.fibres()[k], flat.relative()[k]);
        }
        int px = chip.pixels();
        float[] f = chip.flux().clone();
        float[] iv = chip.ivar().clone();
        double[] scale = new double[chip.fibres()];
        int unfluxed = 0;
        for (int i = 0; i < chip.fibres(); i++) {
            Double t = byFibre.get(rowFibres[i]);
            boolean usable = t != null && t > FibreFlat.DARK_FIBRE && Double.isFinite(t);
            scale[i] = usable ? t : Double.NaN;
            unfluxed += usable ? 0 : 1;
            for (int x = i * px; x < (i + 1) * px; x++) {
                if (usable) {
                    f[x] = (float) (f[x] / t);
                    iv[x] = (float) (iv[x] * t * t);
                } else {
                    iv[x] = 0;
                }
            }
        }
        Spectra out = Spectra.of(chip.fibres(), px, f, iv, chip.mask().clone(), null);
        return new Result(chip.wavelength().map(out::withWavelength).orElse(out), scale, unfluxed);
    }
}
