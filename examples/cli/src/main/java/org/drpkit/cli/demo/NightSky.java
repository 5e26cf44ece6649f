package org.drpkit.cli.demo;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.drpkit.algorithms.calib.CalibFlag;
import org.drpkit.algorithms.sim.WavelengthModel;
import org.drpkit.algorithms.wave.ChipLines;
import org.drpkit.algorithms.wave.ChipWavelength;
import org.drpkit.algorithms.wave.DitherFit;
import org.drpkit.algorithms.wave.SkyLines;
import org.drpkit.algorithms.wave.SkyTweak;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Spectra;
import org.drpkit.core.lines.LineList;
import org.drpkit.instruments.apogee.ApogeeChip;

/**
 * The demo night's sky-line step: in every science exposure, each fibre's OH lines are found on its three chips where
 * the night's solution (the etalon's) expects them, and one shift common to the chips is fitted ({@link SkyTweak});
 * the exposure's zero point is the inverse-variance weighted mean of its fibres' shifts, and the exposure's solution
 * of every fibre is the night's moved by it (the drift is common to the fibres; one fibre's own shift would add its
 * noise). Compared with the truth: the shift injected into the exposure ({@link Scene#zeroPointShift}) and, per fibre,
 * the shift its lines should give, the true columns of the lines it used minus the night's solution's (injected
 * shift plus the night solution's own error at those lines). Not thread-safe: one per night.
 *
 * <pre>{@code
 * NightSky sky = new NightSky(OhLines.synthetic());
 * sky.add(ApogeeChip.R, 10, traces.fibres(), spectra, scene.wavelength(k), Scene.zeroPointShift(k), columns);
 * NightSky.Result r = sky.fit(etalonSolutions);   // r.exposures().get(10).solutions() for the resampling
 * }</pre>
 */
public final class NightSky {

    private record ChipExposure(int[] fibres, Spectra spectra, WavelengthModel truth, int columns) {
    }

    private final LineList lines;
    private final Map<Integer, Map<ApogeeChip, ChipExposure>> exposures = new LinkedHashMap<>();
    private final Map<Integer, Double> injected = new LinkedHashMap<>();

    /** @param lines the sky-line list the sky was made with (the pipeline's list) */
    public NightSky(LineList lines) {
        this.lines = lines;
    }

    /**
     * One chip of one science exposure.
     *
     * @param fibres   the fibre of each row
     * @param spectra  the extracted spectra, DN/read
     * @param truth    the exposure's true wavelength of every fibre and column
     * @param shift    the zero-point drift injected into the exposure, columns
     * @param columns  light-sensitive columns from column 0 (the sky-line search's range)
     */
    void add(ApogeeChip chip, int exposure, int[] fibres, Spectra spectra, WavelengthModel truth, double shift,
            int columns) {
        exposures.computeIfAbsent(exposure, k -> new EnumMap<>(ApogeeChip.class)).put(chip,
                new ChipExposure(fibres.clone(), spectra, truth, columns));
        injected.put(exposure, shift);
    }

    /**
     * One exposure's zero point against the truth.
     *
     * @param injected       the drift injected, columns
     * @param shift          the measured drift (weighted mean over fibres), columns
     * @param shiftError     its 1-sigma error: the formal one scaled up by the fibres' scatter when chi2/dof &gt; 1
     * @param expected       the weighted mean of the fibres' expected shifts (injected plus the night solution's error
     *                       at the lines used), columns
     * @param msPerColumn    m/s per column (mean over the fibres of the dither fit's velocity per column)
     * @param fibres         fibres with a fitted shift
     * @param failed         fibres without one (too few lines, no solution)
     * @param lines          sky lines used, summed over fibres and chips
     * @param pullMean       mean over fibres of (shift - expected) / error
     * @param pullStd        their standard deviation
     * @param reducedChi2    chi2/dof of the fibres' shifts about the weighted mean
     * @param solutions      the exposure's solution of every row of every chip (the night's moved by {@code shift})
     */
    public record Exposure(double injected, double shift, double shiftError, double expected, double msPerColumn,
            int fibres, int failed, int lines, double pullMean, double pullStd, double reducedChi2,
            Map<ApogeeChip, ChipWavelength[]> solutions) {

        /** @return measured minus injected drift, m/s */
        public double recoveredMinusInjected() {
            return (shift - injected) * msPerColumn;
        }

        /** @return the night solution's own error at the sky lines, as a drift, m/s */
        public double referenceError() {
            return (expected - injected) * msPerColumn;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "injected %+.4f columns (%+.1f m/s), recovered %+.4f +- %.4f (%+.1f +- "
                    + "%.1f m/s): recovered - injected %+.1f m/s, of which the night solution's error at the sky "
                    + "lines %+.1f m/s; %d fibres (%d without a shift), %d lines, per-fibre pulls against the truth "
                    + "mean %+.2f std %.2f, chi2/dof %.2f", injected, injected * msPerColumn, shift, shiftError,
                    shift * msPerColumn, shiftError * msPerColumn, recoveredMinusInjected(), referenceError(),
                    fibres, failed, lines, pullMean, pullStd, reducedChi2);
        }
    }

    /** @param exposures each science exposure's zero point, by exposure number */
    public record Result(Map<Integer, Exposure> exposures) {

        /** @return each exposure's solutions, for the resampling */
        public Map<Integer, Map<ApogeeChip, ChipWavelength[]>> solutions() {
            Map<Integer, Map<ApogeeChip, ChipWavelength[]>> out = new LinkedHashMap<>();
            exposures.forEach((k, v) -> out.put(k, v.solutions()));
            return out;
        }
    }

    /**
     * @param night the night's solution of every row of every chip (null for a row without one)
     * @return every exposure's zero point and solutions
     * @throws DrpException when no fibre of an exposure gives a shift
     */
    Result fit(Map<ApogeeChip, ChipWavelength[]> night) throws DrpException {
        Map<Integer, Exposure> out = new LinkedHashMap<>();
        for (Map.Entry<Integer, Map<ApogeeChip, ChipExposure>> e : exposures.entrySet()) {
            out.put(e.getKey(), exposure(e.getValue(), night, injected.get(e.getKey())));
        }
        return new Result(out);
    }

    private Exposure exposure(Map<ApogeeChip, ChipExposure> chips, Map<ApogeeChip, ChipWavelength[]> night,
            double injectedShift) throws DrpException {
        TreeSet<Integer> all = new TreeSet<>();
        chips.values().forEach(c -> {
            for (int f : c.fibres()) {
                all.add(f);
            }
        });
        List<double[]> rows = new ArrayList<>();   // shift, error, expected, m/s per column
        int failed = 0;
        int used = 0;
        for (int fibre : all) {
            List<SkyTweak.ChipSpectrum> parts = new ArrayList<>();
            List<ChipExposure> truthOf = new ArrayList<>();
            for (Map.Entry<ApogeeChip, ChipExposure> c : chips.entrySet()) {
                ChipExposure x = c.getValue();
                int k = indexOf(x.fibres(), fibre);
                ChipWavelength ref = k < 0 ? null : night.get(c.getKey())[k];
                if (ref == null) {
                    continue;
                }
                Spectra s = x.spectra();
                double[] flux = new double[s.pixels()];
                double[] ivar = new double[s.pixels()];
                for (int col = 0; col < flux.length; col++) {
                    int i = s.index(k, col);
                    boolean good = (s.mask()[i] & CalibFlag.BAD_BITS) == 0 && Float.isFinite(s.flux()[i]);
                    flux[col] = good ? s.flux()[i] : 0;
                    ivar[col] = good ? s.ivar()[i] : 0;
                }
                parts.add(new SkyTweak.ChipSpectrum(chipNumber(c.getKey()), flux, ivar, ref));
                truthOf.add(x);
            }
            if (parts.isEmpty()) {
                failed++;
                continue;
            }
            SkyTweak.Result r;
            try {
                SkyLines.Params p = SkyLines.Params.defaults();
                p = new SkyLines.Params(p.peaks(), p.maxShift(), p.tolerance(), p.isolation(), p.blendRatio(),
                        p.minIntensity(), p.edge(), truthOf.get(0).columns());
                r = SkyTweak.fibre(parts, lines, p, DitherFit.Params.shift());
            } catch (DrpException | IllegalArgumentException x) {
                failed++;   // a dead fibre, or too few lines
                continue;
            }
            DitherFit.Result d = r.dither();
            if (!(d.shiftError() > 0) || !Double.isFinite(d.shift())) {
                failed++;
                continue;
            }
            // the shift the truth says the used lines should give: their true columns minus the night solution's
            double sw = 0;
            double swd = 0;
            for (int q = 0; q < parts.size(); q++) {
                ChipLines cl = r.found().get(q).lines();
                boolean[] u = d.used()[q];
                WavelengthModel truth = truthOf.get(q).truth();
                for (int i = 0; i < cl.size(); i++) {
                    if (u[i]) {
                        double sigma = Math.max(cl.sigmaX()[i], DitherFit.Params.shift().errorFloor());
                        double lambda = cl.lambda()[i];
                        double w = 1 / (sigma * sigma);
                        sw += w;
                        swd += w * (truth.column(fibre, lambda) - parts.get(q).reference().column(lambda));
                        used++;
                    }
                }
            }
            rows.add(new double[] {d.shift(), d.shiftError(), swd / sw, Math.abs(d.velocityError() / d.shiftError())});
        }
        if (rows.isEmpty()) {
            throw new DrpException(org.drpkit.algorithms.wave.WaveErrorCode.WAVE_TOO_FEW_LINES,
                    org.drpkit.core.error.Location.NOWHERE, "no fibre of the exposure gave a sky-line shift");
        }
        double sw = 0;
        double sws = 0;
        double swe = 0;
        double msPerColumn = 0;
        for (double[] r : rows) {
            double w = 1 / (r[1] * r[1]);
            sw += w;
            sws += w * r[0];
            swe += w * r[2];
            msPerColumn += r[3] / rows.size();
        }
        double mean = sws / sw;
        double chi2 = 0;
        double pm = 0;
        for (double[] r : rows) {
            chi2 += (r[0] - mean) * (r[0] - mean) / (r[1] * r[1]);
            pm += (r[0] - r[2]) / r[1] / rows.size();
        }
        double ps = 0;
        for (double[] r : rows) {
            double p = (r[0] - r[2]) / r[1] - pm;
            ps += p * p / Math.max(1, rows.size() - 1);
        }
        double red = rows.size() > 1 ? chi2 / (rows.size() - 1) : Double.NaN;
        double error = Math.sqrt(1 / sw) * (red > 1 ? Math.sqrt(red) : 1);
        Map<ApogeeChip, ChipWavelength[]> solutions = new EnumMap<>(ApogeeChip.class);
        for (Map.Entry<ApogeeChip, ChipWavelength[]> c : night.entrySet()) {
            ChipWavelength[] moved = new ChipWavelength[c.getValue().length];
            for (int k = 0; k < moved.length; k++) {
                moved[k] = c.getValue()[k] == null ? null : c.getValue()[k].moved(mean, 0);
            }
            solutions.put(c.getKey(), moved);
        }
        return new Exposure(injectedShift, mean, error, swe / sw, msPerColumn, rows.size(), failed, used, pm,
                Math.sqrt(ps), red, solutions);
    }

    private static int chipNumber(ApogeeChip c) {
        return switch (c) {
            case R -> 1;
            case G -> 2;
            case B -> 3;
        };
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }
}
