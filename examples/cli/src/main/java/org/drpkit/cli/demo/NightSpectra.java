package org.drpkit.cli.demo;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.drpkit.algorithms.calib.CalibFlag;
import org.drpkit.algorithms.extract.FibreFlat;
import org.drpkit.algorithms.resample.LogGrid;
import org.drpkit.algorithms.resample.Resample;
import org.drpkit.algorithms.resample.ResampleParams;
import org.drpkit.algorithms.resample.ResampledSpectra;
import org.drpkit.algorithms.sim.WavelengthModel;
import org.drpkit.algorithms.flux.RelativeFlux;
import org.drpkit.algorithms.flux.SkyFlux;
import org.drpkit.algorithms.flux.SkyFluxParams;
import org.drpkit.algorithms.flux.SkyScale;
import org.drpkit.algorithms.flux.StandardFlux;
import org.drpkit.algorithms.qa.ExposureQa;
import org.drpkit.algorithms.qa.NightQa;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.algorithms.visit.Visit;
import org.drpkit.algorithms.visit.VisitCombine;
import org.drpkit.algorithms.visit.VisitDrift;
import org.drpkit.algorithms.visit.VisitParams;
import org.drpkit.algorithms.wave.ChipWavelength;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.image.Spectra;
import org.drpkit.instruments.apogee.ApogeeChip;

/**
 * The demo night's last steps: every science exposure's chips divided by each fibre's relative throughput on that
 * chip ({@link RelativeFlux}: fibre flats from the quartz exposure) and put on one log-uniform grid with each row's
 * wavelengths (the chips combined at resampling); the exposures combined into one visit spectrum per fibre
 * ({@link VisitCombine}) and their drifts against each other measured ({@link VisitDrift}: the night's wavelength and
 * flux stability), each exposure with its own wavelengths (the night's moved by its sky-line drift); the
 * standards' zero point ({@link StandardFlux}) from magnitudes the truth gives them. Compared with the truth: the
 * simulator's true fibre flux over its true relative throughput, at its true wavelengths, resampled through the same
 * kernels. Not thread-safe: one per night.
 *
 * <pre>{@code
 * NightSpectra s = new NightSpectra(LogGrid.apogee());
 * s.add(ApogeeChip.R, fibres, quartzThroughput, trueThroughputs);
 * s.addExposure(ApogeeChip.R, 10, spectra, trueFlux, scene.wavelength(0));   // every science exposure of every chip
 * NightSpectra.Result r = s.resample(solutions, skyTweaked.solutions(), qaInputs, 2);
 * r.zeroPointVsTruth();   // the standards' zero point against ZERO_POINT_TRUTH
 * }</pre>
 */
public final class NightSpectra {

    private record ChipData(int[] fibres, FibreFlat.Throughput throughput, double[] trueRelative,
            Map<Integer, ExposureData> exposures) {
    }

    private record ExposureData(Spectra spectra, Image trueFlux, WavelengthModel truth) {
    }

    /**
     * The standards' true zero point, mag: a standard's H magnitude is this minus 2.5 log10 of the median over the
     * band of its true star light in the relatively fluxed spectra (its true fibre flux over its true relative
     * throughput, on the grid, less the true sky), so a zero point measured on the fluxed spectra should be this.
     */
    public static final double ZERO_POINT_TRUTH = 17.0;

    private final LogGrid grid;
    private final Map<ApogeeChip, ChipData> chips = new EnumMap<>(ApogeeChip.class);

    /** @param grid the output grid */
    public NightSpectra(LogGrid grid) {
        this.grid = grid;
    }

    /**
     * One chip's calibration and truth.
     *
     * @param fibres         the fibre of each row
     * @param throughput     relative throughputs measured on the quartz flat ({@link FibreFlat#of})
     * @param trueThroughput the simulator's throughput of each row's fibre (any scale: normalised as the flat is)
     */
    void add(ApogeeChip chip, int[] fibres, FibreFlat.Throughput throughput, double[] trueThroughput) {
        double u = FibreFlat.unit(trueThroughput);
        double[] rel = new double[trueThroughput.length];
        for (int k = 0; k < rel.length; k++) {
            rel[k] = trueThroughput[k] / u;
        }
        chips.put(chip, new ChipData(fibres.clone(), throughput, rel, new LinkedHashMap<>()));
    }

    /**
     * One extracted science exposure of a chip (rows as given to {@link #add}).
     *
     * @param trueFlux the true extracted flux of each row per column (pixels x rows), DN/read
     * @param truth    the exposure's true wavelength of every fibre and column
     */
    void addExposure(ApogeeChip chip, int exposure, Spectra extracted, Image trueFlux, WavelengthModel truth) {
        chips.get(chip).exposures().put(exposure, new ExposureData(extracted, trueFlux, truth));
    }

    /**
     * The night's fluxed, resampled exposures against the truth.
     *
     * @param exposures each science exposure's resampled, fluxed spectra (one row per fibre of {@link #fibres()})
     * @param truth     the true fluxed spectra on the same grid (the last exposure's, through its flags)
     * @param pulls     pulls of the exposures against the truth, over the pixels both cover
     * @param visit     the exposures combined into one spectrum per fibre ({@link VisitCombine})
     * @param visitPulls pulls of the visit against the truth
     * @param drifts    each exposure's wavelength shift (m/s) and flux scale against the others, on the lit fibres
     * @param fluxRatio per fibre, the visit's flux over the true flux (ivar-weighted over the pixels both cover); NaN
     *                  for a fibre without light: relative fluxing is right when these are 1
     * @param qa        the night's QA table: per exposure its drift, flux scale, zero point, sky level and sky over
     *                  the field ({@link SkyFlux} on the sky fibres), and the arc's line-spread width
     * @param standards the standards' rows and H magnitudes (the scene's truth, {@link #ZERO_POINT_TRUTH})
     * @param zeroPoint the night's zero point from the standards ({@link StandardFlux#night})
     */
    public record Result(int[] fibres, Map<Integer, ResampledSpectra> exposures, ResampledSpectra truth, Pulls pulls,
            Visit visit, Pulls visitPulls, List<VisitDrift.Drift> drifts, double[] fluxRatio, NightQa qa,
            Standards standards, StandardFlux.Night zeroPoint) {
        @Override
        public String toString() {
            return String.format("%d exposures x %d fibres on %d px of %s; relative fluxing: visit over truth per "
                    + "fibre rms %.3f %%, worst %.3f %%", exposures.size(), fibres.length, grid().count(), grid(),
                    100 * fluxRms(), 100 * fluxWorst());
        }

        /** @return the rms of (flux ratio - 1) over the fibres with light */
        public double fluxRms() {
            return Math.sqrt(java.util.Arrays.stream(fluxRatio).filter(Double::isFinite).map(v -> (v - 1) * (v - 1))
                    .average().orElse(Double.NaN));
        }

        /** @return the largest |flux ratio - 1| over the fibres with light */
        public double fluxWorst() {
            return java.util.Arrays.stream(fluxRatio).filter(Double::isFinite).map(v -> Math.abs(v - 1)).max()
                    .orElse(Double.NaN);
        }

        /** @return the grid */
        public LogGrid grid() {
            return truth.grid();
        }

        /** @return the night's zero point against the truth, for people */
        public String zeroPointVsTruth() {
            return String.format(java.util.Locale.ROOT, "zero point H = %.4f +- %.4f mag (truth %.4f: %+.4f mag, %.1f "
                    + "errors) from %d standards (H %.2f .. %.2f) over %d exposures, rms %.4f mag across the night",
                    zeroPoint.zeroPoint(), zeroPoint.error(), ZERO_POINT_TRUTH, zeroPoint.zeroPoint() - ZERO_POINT_TRUTH,
                    (zeroPoint.zeroPoint() - ZERO_POINT_TRUTH) / zeroPoint.error(), standards.rows().length,
                    java.util.Arrays.stream(standards.magnitudes()).min().orElse(Double.NaN),
                    java.util.Arrays.stream(standards.magnitudes()).max().orElse(Double.NaN), zeroPoint.exposures(),
                    zeroPoint.rms());
        }
    }

    /**
     * The night's standards.
     *
     * @param rows       their rows
     * @param magnitudes their true H magnitudes
     */
    public record Standards(int[] rows, double[] magnitudes) {
    }

    /**
     * @param solutions the wavelength solution of every row of every chip (null for a row without one)
     * @param perExposure an exposure's own solutions (from its sky lines), used instead of {@code solutions} for the
     *                  exposures it has
     * @param workers   threads for the resampling
     * @return the resampled, fluxed exposures and their comparison with the truth
     * @throws DrpException when the resampling fails
     */
    Result resample(Map<ApogeeChip, ChipWavelength[]> solutions,
            Map<Integer, Map<ApogeeChip, ChipWavelength[]>> perExposure, QaInputs qaInputs, int workers)
            throws DrpException {
        TreeSet<Integer> common = null;
        for (ChipData d : chips.values()) {
            TreeSet<Integer> s = new TreeSet<>();
            for (int f : d.fibres()) {
                s.add(f);
            }
            if (common == null) {
                common = s;
            } else {
                common.retainAll(s);
            }
        }
        int[] fibres = common.stream().mapToInt(Integer::intValue).toArray();
        ResampleParams p = ResampleParams.defaults().withBadBits(CalibFlag.BAD_BITS);
        Map<Integer, ResampledSpectra> out = new LinkedHashMap<>();
        ResampledSpectra truth = null;
        ResampledSpectra firstTruth = null;
        Pulls pulls = Pulls.none("fluxed spectrum vs truth");
        ChipData first = chips.values().iterator().next();
        for (int exposure : first.exposures().keySet()) {
            List<Spectra> parts = new ArrayList<>();
            List<Spectra> truthParts = new ArrayList<>();
            Map<ApogeeChip, ChipWavelength[]> own = perExposure.getOrDefault(exposure, solutions);
            for (Map.Entry<ApogeeChip, ChipData> e : chips.entrySet()) {
                ExposureData x = e.getValue().exposures().get(exposure);
                parts.add(fluxed(e.getValue(), x.spectra(), own.get(e.getKey()), fibres));
                truthParts.add(truthChip(e.getValue(), x, fibres));
            }
            ResampledSpectra r = Resample.exposure(parts, grid, p, workers);
            // the truth through the same kernels: the exposure's unusable pixels are unusable in it too
            truth = Resample.exposure(truthParts, grid, p, workers);
            firstTruth = firstTruth == null ? truth : firstTruth;
            out.put(exposure, r);
            pulls = pulls.plus(pulls(r.spectra(), truth.spectra(), "fluxed spectrum vs truth"),
                    "fluxed spectrum vs truth");
        }
        List<Spectra> grids = out.values().stream().map(ResampledSpectra::spectra).toList();
        Visit visit = VisitCombine.combine(List.copyOf(out.values()), VisitParams.defaults(), workers);
        List<Integer> lit = new ArrayList<>();
        ChipData any = chips.values().iterator().next();
        for (int r = 0; r < fibres.length; r++) {
            if (any.throughput().relative()[indexOf(any.fibres(), fibres[r])] > FibreFlat.DARK_FIBRE) {
                lit.add(r);
            }
        }
        List<VisitDrift.Drift> drifts = grids.size() < 2 ? List.of() : VisitDrift.measure(grids, grid,
                lit.stream().mapToInt(Integer::intValue).toArray(), VisitParams.defaults(), workers);
        List<ExposureQa> rows = new ArrayList<>();
        int[] skyRows = IntStream.range(0, fibres.length)
                .filter(r -> qaInputs.skyFibres().contains(fibres[r])).toArray();
        Standards standards = standards(firstTruth.spectra(), skyRows, IntStream.range(0, fibres.length)
                .filter(r -> qaInputs.standardFibres().contains(fibres[r]) && lit.contains(r)).toArray());
        List<StandardFlux.Scale> scales = new ArrayList<>();
        int j = 0;
        for (Map.Entry<Integer, ResampledSpectra> e : out.entrySet()) {
            VisitDrift.Drift d = drifts.isEmpty() ? null : drifts.get(j++);
            SkyScale sky = SkyFlux.fit(e.getValue().spectra(), fibres, skyRows, SkyFluxParams.defaults());
            // one physical flux number per exposure: the standards' zero point over the sky-subtracted fluxed spectra
            StandardFlux.Scale zp = StandardFlux.fit(e.getValue().spectra(), grid, standards.rows(),
                    standards.magnitudes(), sky.sky());
            scales.add(zp);
            rows.add(new ExposureQa(qaInputs.exposureName().apply(e.getKey()), Double.NaN,
                    d == null ? Double.NaN : d.velocity(), d == null ? Double.NaN : d.velocityError(),
                    d == null ? Double.NaN : d.fluxScale(), d == null ? Double.NaN : d.fluxError(), zp.zeroPoint(),
                    median(sky.sky()), sky.rmsBefore(), qaInputs.lsfSigma(),
                    qaInputs.apertureOverPsf().getOrDefault(e.getKey(), Double.NaN)));
        }
        return new Result(fibres, out, truth, pulls, visit, pulls(visit.spectra(), truth.spectra(),
                "visit spectrum vs truth"), drifts, ratios(visit.spectra(), truth.spectra()),
                NightQa.of(qaInputs.night(), rows), standards, StandardFlux.night(scales));
    }

    /**
     * The standards' H magnitudes from the truth: {@link #ZERO_POINT_TRUTH} minus 2.5 log10 of the median over the
     * band ({@link StandardFlux#BAND_MIN} .. {@link StandardFlux#BAND_MAX}) of the true fluxed spectrum less the true
     * sky (the median of the sky rows' truth: every sky fibre sees the same sky).
     */
    private Standards standards(Spectra truth, int[] skyRows, int[] rows) {
        int px = truth.pixels();
        int x0 = Math.max(0, (int) Math.ceil(grid.pixelOf(StandardFlux.BAND_MIN)));
        int x1 = Math.min(px, (int) Math.floor(grid.pixelOf(StandardFlux.BAND_MAX)) + 1);
        double[] mags = new double[rows.length];
        for (int q = 0; q < rows.length; q++) {
            List<Double> star = new ArrayList<>();
            for (int x = x0; x < x1; x++) {
                final int col = x;
                double[] sky = java.util.Arrays.stream(skyRows).filter(r -> truth.ivar()[r * px + col] > 0)
                        .mapToDouble(r -> truth.flux()[r * px + col]).toArray();
                int i = rows[q] * px + x;
                if (truth.ivar()[i] > 0 && sky.length > 0) {
                    star.add(truth.flux()[i] - RobustStats.median(sky));
                }
            }
            double m = RobustStats.median(star.stream().mapToDouble(Double::doubleValue).toArray());
            mags[q] = ZERO_POINT_TRUTH - 2.5 * Math.log10(m);
        }
        return new Standards(rows, mags);
    }

    /**
     * What the night's QA table needs besides the spectra.
     *
     * @param night        the night's name
     * @param exposureName the name of an exposure number
     * @param skyFibres    the fibres the fibre map calls sky
     * @param lsfSigma     the arc's median line-spread width, px
     * @param standardFibres the fibres the fibre map calls standards
     * @param apertureOverPsf per exposure number, the sky fibres' fibre-aperture over PSF flux (absent: NaN)
     */
    record QaInputs(String night, java.util.function.IntFunction<String> exposureName, java.util.Set<Integer> skyFibres,
            double lsfSigma, java.util.Set<Integer> standardFibres, Map<Integer, Double> apertureOverPsf) {
    }

    /** @return the median of the finite, non-zero values (the sky where the grid is covered); NaN when none */
    private static double median(float[] v) {
        return RobustStats.median(IntStream.range(0, v.length).mapToDouble(i -> v[i])
                .filter(x -> Double.isFinite(x) && x != 0).toArray());
    }

    /** Per row, sum(w f t) / sum(w t^2) with w the visit's ivar: the least-squares scale of the truth to the visit. */
    private static double[] ratios(Spectra visit, Spectra truth) {
        double[] out = new double[visit.fibres()];
        for (int r = 0; r < out.length; r++) {
            double num = 0;
            double den = 0;
            for (int x = 0; x < visit.pixels(); x++) {
                int i = visit.index(r, x);
                double w = visit.ivar()[i];
                if (w > 0 && truth.ivar()[i] > 0 && (visit.mask()[i] & CalibFlag.BAD_BITS) == 0) {
                    num += w * visit.flux()[i] * truth.flux()[i];
                    den += w * truth.flux()[i] * truth.flux()[i];
                }
            }
            out[r] = den > 0 ? num / den : Double.NaN;
        }
        return out;
    }

    /** Rows of {@code fibres}: the extraction over the measured throughput, at the row's solution. */
    private static Spectra fluxed(ChipData d, Spectra extracted, ChipWavelength[] solution, int[] fibres)
            throws DrpException {
        Spectra s = RelativeFlux.applyFlat(extracted, d.fibres(), d.throughput()).spectra();
        int w = s.pixels();
        float[] flux = new float[fibres.length * w];
        float[] ivar = new float[fibres.length * w];
        int[] mask = new int[fibres.length * w];
        double[] lambda = new double[fibres.length * w];
        for (int r = 0; r < fibres.length; r++) {
            int k = indexOf(d.fibres(), fibres[r]);
            double t = d.throughput().relative()[k];
            double rt = d.throughput().error()[k] / t;   // the throughput's relative error, common to the row
            boolean lit = solution[k] != null;
            for (int x = 0; x < w; x++) {
                int i = s.index(k, x);
                int o = r * w + x;
                double f = s.flux()[i];
                // RelativeFlux leaves the flat's error out (a scale common to the row); the comparison adds it
                double var = 1 / s.ivar()[i] + f * f * rt * rt;
                flux[o] = lit ? (float) f : 0;
                ivar[o] = lit && s.ivar()[i] > 0 ? (float) (1 / var) : 0;
                mask[o] = s.mask()[i];
                lambda[o] = solution[k] != null ? solution[k].wavelength(x) : Double.NaN;
            }
        }
        return Spectra.of(fibres.length, w, flux, ivar, mask, lambda);
    }

    /**
     * Rows of {@code fibres}: the true flux over the true relative throughput, at the true wavelengths, with the
     * exposure's flags (so the resampling leaves out the same pixels and takes the same kernel).
     */
    private static Spectra truthChip(ChipData d, ExposureData e, int[] fibres) {
        Spectra exposure = e.spectra();
        int w = e.trueFlux().width();
        float[] flux = new float[fibres.length * w];
        float[] ivar = new float[fibres.length * w];
        int[] mask = new int[fibres.length * w];
        double[] lambda = new double[fibres.length * w];
        for (int r = 0; r < fibres.length; r++) {
            int k = indexOf(d.fibres(), fibres[r]);
            double t = d.trueRelative()[k];
            for (int x = 0; x < w; x++) {
                mask[r * w + x] = exposure.mask()[exposure.index(k, x)];
            }
            for (int x = 0; x < w; x++) {
                float v = e.trueFlux().get(x, k);
                boolean ok = t > FibreFlat.DARK_FIBRE && Float.isFinite(v);
                flux[r * w + x] = ok ? (float) (v / t) : 0;
                ivar[r * w + x] = ok ? 1 : 0;
                lambda[r * w + x] = e.truth().wavelength(fibres[r], x);
            }
        }
        return Spectra.of(fibres.length, w, flux, ivar, mask, lambda);
    }

    private static Pulls pulls(Spectra est, Spectra truth, String label) {
        int w = est.pixels();
        float[] t = truth.flux().clone();
        float[] iv = est.ivar().clone();
        for (int i = 0; i < iv.length; i++) {
            if (!(truth.ivar()[i] > 0)) {
                iv[i] = 0;   // the truth does not cover this pixel (a dark fibre's, or outside the chips)
            }
        }
        MaskedImage e = MaskedImage.of(Image.of(w, est.fibres(), est.flux()), Image.of(w, est.fibres(), iv),
                Mask.of(w, est.fibres(), est.mask()));
        return Pulls.of(label, e, Image.of(w, est.fibres(), t),
                org.drpkit.core.instrument.Region.of(0, 0, w, est.fibres()), CalibFlag.BAD_BITS);
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        throw new IllegalArgumentException("fibre " + v + " not on the chip");
    }
}
