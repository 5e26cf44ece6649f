package org.drpkit.cli.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;
import org.drpkit.algorithms.calib.CalibFlag;
import org.drpkit.algorithms.calib.Calibrate;
import org.drpkit.algorithms.calib.CalibratedImage;
import org.drpkit.algorithms.calib.DarkCalibration;
import org.drpkit.algorithms.calib.DarkParams;
import org.drpkit.algorithms.calib.DarkStack;
import org.drpkit.algorithms.calib.FlatField;
import org.drpkit.algorithms.calib.FlatParams;
import org.drpkit.algorithms.calib.FlatStack;
import org.drpkit.algorithms.calib.FrameSource;
import org.drpkit.algorithms.extract.ExtractParams;
import org.drpkit.algorithms.extract.Extraction;
import org.drpkit.algorithms.extract.ExtractionResult;
import org.drpkit.algorithms.extract.FibreFlat;
import org.drpkit.algorithms.extract.VarianceModel;
import org.drpkit.algorithms.flux.ApertureVsPsf;
import org.drpkit.algorithms.ramp.NoiseModel;
import org.drpkit.algorithms.ramp.Nonlinearity;
import org.drpkit.algorithms.ramp.RampProcessor;
import org.drpkit.algorithms.ramp.RampResult;
import org.drpkit.algorithms.resample.LogGrid;
import org.drpkit.algorithms.sim.DetectorModel;
import org.drpkit.algorithms.sim.DetectorSimulator;
import org.drpkit.algorithms.sim.Exposure;
import org.drpkit.algorithms.sim.OhLines;
import org.drpkit.algorithms.sim.SimulatedRamp;
import org.drpkit.algorithms.sim.WavelengthModel;
import org.drpkit.algorithms.stats.RobustStats;
import org.drpkit.algorithms.trace.LineSpread;
import org.drpkit.algorithms.trace.TraceFinder;
import org.drpkit.algorithms.trace.TraceParams;
import org.drpkit.algorithms.trace.TraceResult;
import org.drpkit.algorithms.trace.TraceTweak;
import org.drpkit.algorithms.wave.ArcCalibration;
import org.drpkit.algorithms.wave.ChipWavelength;
import org.drpkit.algorithms.wave.FibreWavelengths;
import org.drpkit.archive.almanac.BadExposures;
import org.drpkit.archive.almanac.DropFlow;
import org.drpkit.archive.almanac.FibreMap;
import org.drpkit.archive.almanac.FibreMaps;
import org.drpkit.archive.almanac.FibreType;
import org.drpkit.archive.almanac.NightCheck;
import org.drpkit.cli.demo.NightPlan.Kind;
import org.drpkit.cli.demo.NightPlan.Planned;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.id.ExposureKey;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.image.Spectra;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.Region;
import org.drpkit.core.progress.ProgressListener;
import org.drpkit.core.trace.Traces;
import org.drpkit.fits.AtomicFiles;
import org.drpkit.fits.FitsRamps;
import org.drpkit.fits.TraceFiles;
import org.drpkit.instruments.apogee.ApogeeChip;
import org.drpkit.instruments.apogee.ApogeeNames;
import org.drpkit.instruments.apogee.ApogeeProduct;
import org.drpkit.instruments.apogee.ApogeeSite;

/**
 * The demo night, the reference composition of the reduction chain: it simulates an APOGEE-like night (darks,
 * internal flats, science exposures, a quartz flat on three chips), writes the raw apz files, and reduces them with
 * the public API only — 3D to 2D for every exposure and chip, dark and flat building, 2D calibration, traces, their
 * per-exposure tweak and extraction — comparing every step with the simulator's truth. It reads top to bottom as the pipeline; each later
 * stage (wavelengths, fluxing) adds its step here.
 *
 * <pre>{@code
 * DemoNight.Result r = DemoNight.reduce(DemoNight.Options.of(NightPlan.Size.SMALL, Path.of("demo-out")),
 *         ProgressListener.NONE);
 * r.chips().get(ApogeeChip.G).calibratedPulls();   // pulls of calibrated flux against the true light
 * }</pre>
 */
public final class DemoNight {

    /** APOGEE-N at Apache Point: telescope code of the products. */
    public static final String TELESCOPE = "apo";

    private DemoNight() {
    }

    /**
     * What to run.
     *
     * @param size      small (under a minute) or full APOGEE geometry
     * @param out       output folder: {@code raw/}, {@code apred/}, {@code darks/}, {@code flats/}, {@code report/}, ...
     * @param seed      seed of the detector and of every exposure's noise
     * @param overwrite replace outputs of an earlier run
     * @param night     which night of the demo, 0 for the first (later nights: a day later each, an aged detector,
     *                  one raw keyword renamed; {@link NightPlan})
     */
    public record Options(NightPlan.Size size, Path out, long seed, boolean overwrite, int night) {
        /** Checks for nulls and the night. */
        public Options {
            Objects.requireNonNull(size, "size");
            Objects.requireNonNull(out, "out");
            if (night < 0) {
                throw new IllegalArgumentException("night must be 0 or more: " + night);
            }
        }

        /** The first night. */
        public Options(NightPlan.Size size, Path out, long seed, boolean overwrite) {
            this(size, out, seed, overwrite, 0);
        }

        /** @return options with seed 1, replacing an earlier run's outputs */
        public static Options of(NightPlan.Size size, Path out) {
            return new Options(size, out, 1, true);
        }

        /** @return the same options for another night of the demo ({@link NightPlan#of(NightPlan.Size, int)}) */
        public Options withNight(int n) {
            return new Options(size, out, seed, overwrite, n);
        }
    }

    /**
     * What happened to one exposure of one chip.
     *
     * @param key     telescope, night, chip, exposure
     * @param planned the plan entry
     * @param raw     the raw file written
     * @param product the last product made from it (rate or calibrated file), if any
     * @param dropped why it was left out, or empty when it went through
     */
    public record ExposureOutcome(ExposureKey key, Planned planned, Path raw, Optional<Path> product,
            Optional<String> dropped) {
    }

    /**
     * Everything the night produced for one chip.
     *
     * @param chip            the chip geometry
     * @param scene           the true light on the chip
     * @param rampPulls       pulls of the science rates against the simulator's true rate (dark and hot pixels incl.)
     * @param calibratedPulls pulls of the calibrated science flux against the true light before the pixel response
     * @param dark            the dark stack
     * @param flat            the flat stack
     * @param firstScience    the first science exposure's calibrated image, for the report
     * @param firstScienceRate the first science exposure's rate, for the report
     * @param flagCounts      pixels per flag bit, summed over the calibrated science exposures (index = bit)
     * @param sciencePixels   pixels in those exposures (for fractions)
     * @param traces          the traces found on the quartz flat
     * @param quartz          the calibrated quartz flat they were found on
     * @param extractedPulls  pulls of the extracted science spectra against the true fibre fluxes
     * @param firstExtraction the first science exposure's extraction (spectra, model, residual), for the report
     * @param trueFlux        the true flux of each found trace per column (pixels x traces), DN/read
     * @param traceShifts     the trace tweak's shift of each extracted science exposure, px (flexure since the flat)
     * @param wavelengths     the arc-lamp solution of every found trace
     * @param waveVsTruth     per found trace, the rms of its solution against the true wavelengths over the columns
     *                        between its outermost used lines, Angstrom (NaN without a solution)
     * @param smoothVsTruth   the same for the solutions regularised across the slit (the ones written)
     */
    public record ChipResult(Chip chip, Scene scene, Pulls rampPulls, Pulls calibratedPulls, DarkCalibration dark,
            FlatField flat, MaskedImage firstScience, MaskedImage firstScienceRate, long[] flagCounts,
            long sciencePixels, TraceResult traces, MaskedImage quartz, Pulls extractedPulls,
            ExtractionResult firstExtraction, Image trueFlux, double[] traceShifts, FibreWavelengths wavelengths,
            double[] waveVsTruth, double[] smoothVsTruth) {
    }

    /**
     * The reduced night.
     *
     * @param options   what was run
     * @param plan      the night's plan
     * @param exposures one outcome per exposure and chip
     * @param chips     per-chip results
     * @param seconds   wall time per stage
     * @param check     the final QA pass over the night's products (from the almanac's runlists)
     * @param flow      the drop flow: files, exposures, products and spectra in and out of each stage, and why
     * @param bad       what the stages found wrong (a ramp that failed, a flat left out of the stack): added to the
     *                  almanac's bad-exposure list, which the next runlists honour
     * @param etalon    the night's joint etalon solution against the truth (empty when the plan has no etalon)
     * @param spectra   the science exposures resampled and fluxed, against the truth
     * @param sky       every science exposure's zero-point drift from its sky lines, against the injected drift
     */
    public record Result(Options options, NightPlan plan, List<ExposureOutcome> exposures,
            Map<ApogeeChip, ChipResult> chips, Map<String, Double> seconds, NightCheck check, DropFlow flow,
            List<BadExposures.Outcome> bad, Optional<NightEtalon.Result> etalon, NightSpectra.Result spectra,
            NightSky.Result sky, List<ApertureCheck> aperture) {

        /** @return the raw files written, in order */
        public List<Path> rawFiles() {
            return exposures.stream().map(ExposureOutcome::raw).toList();
        }
    }

    /**
     * The sky fibres' fibre-aperture against PSF flux on one chip of one science exposure (the QA number of
     * {@link ApertureVsPsf}), with its truth: the same boxcar flux over the true fibre flux, whose median the measured
     * ratio matches when the optimal extraction's flux is right.
     *
     * @param chip        the chip
     * @param exposure    the exposure number
     * @param measured    boxcar (+-2 px) over optimal extraction, per sky fibre
     * @param truth       boxcar flux over true flux, per sky fibre (the same rows as {@code measured})
     */
    public record ApertureCheck(ApogeeChip chip, int exposure, ApertureVsPsf.Result measured, double[] truth) {

        /** @return the median over the sky fibres of the measured ratio minus its truth */
        public double medianDifference() {
            return RobustStats.median(IntStream.range(0, truth.length).mapToDouble(q -> measured.ratio()[q] - truth[q])
                    .filter(Double::isFinite).toArray());
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%s %d: %s; measured - truth (boxcar over true flux) median "
                    + "%+.4f", chip, exposure, measured, medianDifference());
        }
    }

    /**
     * Simulates and reduces the night.
     *
     * @param progress told, per chip, of the exposures simulated ({@code "R simulate"}) and fitted
     *                 ({@code "R ramp"}) so far
     * @throws DrpException when a product cannot be written or read back
     */
    public static Result reduce(Options o, ProgressListener progress) throws DrpException {
        NightPlan plan = NightPlan.of(o.size(), o.night());
        int sjd = (int) Math.floor(RawFrames.mjd(plan.start()) + 0.3);
        Stopwatch clock = new Stopwatch();
        List<ExposureOutcome> outcomes = new ArrayList<>();
        Map<ApogeeChip, ChipResult> chips = new EnumMap<>(ApogeeChip.class);
        int total = plan.exposures().size();
        Map<ApogeeChip, Simulated> simulatedChips = new EnumMap<>(ApogeeChip.class);
        List<ApertureCheck> apertureChecks = new ArrayList<>();
        for (ApogeeChip c : ApogeeChip.values()) {
            int simulated = 0;
            Chip chip = plan.chip(c);
            DetectorModel detector = plan.detector(o.seed() * 10 + c.ordinal());
            Scene scene = Scene.of(chip, o.seed() * 10 + c.ordinal());

            // 1. The night at the telescope: every exposure simulated and written as an apz raw file.
            Map<Integer, Path> raw = new LinkedHashMap<>();
            Map<Integer, Image> trueRate = new LinkedHashMap<>();
            Image saturation = null;
            Image[] linearity = null;
            for (Planned e : plan.exposures()) {
                clock.start("simulate");
                Exposure ex = switch (e.kind()) {
                    case DARK, FLAT_LAMP_OFF -> Exposure.dark(e.reads(), NightPlan.READ_TIME, seed(o, plan, c, e));
                    case FLAT -> Exposure.of(e.reads(), NightPlan.READ_TIME, scene.flatLamp(), seed(o, plan, c, e));
                    case OBJECT -> Exposure.of(e.reads(), NightPlan.READ_TIME, scene.object(scienceIndex(plan, e)),
                            seed(o, plan, c, e));
                    case QUARTZ -> Exposure.of(e.reads(), NightPlan.READ_TIME, scene.quartz(), seed(o, plan, c, e));
                    case ARC -> Exposure.of(e.reads(), NightPlan.READ_TIME, scene.arc(), seed(o, plan, c, e));
                    case FPI -> Exposure.of(e.reads(), NightPlan.READ_TIME, scene.fpi(), seed(o, plan, c, e));
                };
                SimulatedRamp sim = DetectorSimulator.simulate(chip, detector, ex);
                ExposureKey key = new ExposureKey(TELESCOPE, sjd, c.name(), e.number());
                raw.put(e.number(), RawFrames.write(o.out().resolve("raw"), key, e.kind(),
                        plan.startOf(e), detector, sim, e.kind() == Kind.FLAT || e.kind() == Kind.QUARTZ, Header.builder()
                                .add(FibreMaps.CONFIG_KEYWORD, plan.configId(), "fibre configuration (confSummary)")
                                .add(plan.cartKeyword(), 0L, "cartridge id (0: FPS)").build(), o.overwrite()));
                if (e.kind() == Kind.OBJECT) {
                    trueRate.put(e.number(), sim.truth().rate());
                }
                // the detector's static maps stand for the lab calibrations a real pipeline is given
                saturation = sim.truth().saturation();
                linearity = sim.truth().linearityCoefficients(3);
                clock.stop();
                progress.progress(c + " simulate", ++simulated, total);
            }
            simulatedChips.put(c, new Simulated(detector, scene, raw, trueRate, saturation, linearity));
        }
        // the fibre configuration the night observed, as the survey's operations database would give it
        FibreMap fibreMap = DemoFibreMap.of(plan.configId(), simulatedChips.values().stream()
                .map(s -> s.scene().model()).toList());
        fibreMap.write(o.out().resolve(NightAlmanac.FIBRE_MAPS).resolve(FibreMaps.fileName(FibreMaps.CONFIG_KEYWORD,
                        Long.toString(plan.configId()))), o.overwrite());

        // 2. The almanac: the raw files indexed, the night's runlists built by upstream's rules (the darks' fewest
        //    reads scaled to the plan); an exposure no runlist picks is not reduced, and says why.
        clock.start("almanac");
        NightAlmanac almanac = NightAlmanac.index(o.out(), Integer.toString(sjd), plan);
        clock.stop();
        List<BadExposures.Outcome> bad = new ArrayList<>();
        NightEtalon etalon = new NightEtalon();
        NightSpectra spectra = new NightSpectra(LogGrid.apogee());
        NightSky sky = new NightSky(OhLines.synthetic());
        Map<ApogeeChip, ChipWavelength[]> arcSolutions = new EnumMap<>(ApogeeChip.class);
        List<Double> lsfSigmas = new ArrayList<>();

        for (ApogeeChip c : ApogeeChip.values()) {
            int fitted = 0;
            Chip chip = plan.chip(c);
            Simulated simulatedChip = simulatedChips.get(c);
            DetectorModel detector = simulatedChip.detector();
            Scene scene = simulatedChip.scene();
            Map<Integer, Path> raw = simulatedChip.raw();
            Map<Integer, Image> trueRate = simulatedChip.trueRate();
            Image saturation = simulatedChip.saturation();
            Image[] linearity = simulatedChip.linearity();

            // 3. 3D -> 2D: every ramp the runlists picked, streamed from its raw file.
            RampProcessor.Params rampParams = rampParams(detector, saturation, linearity);
            Map<Integer, MaskedImage> rates = new LinkedHashMap<>();
            Map<Integer, Path> products = new LinkedHashMap<>();
            Map<Integer, String> dropped = new LinkedHashMap<>();
            Pulls rampPulls = Pulls.none(c + " rate vs truth");
            MaskedImage firstRate = null;
            for (Planned e : plan.exposures()) {
                Optional<String> leftOut = almanac.leftOut(e.number());
                if (leftOut.isPresent()) {
                    dropped.put(e.number(), leftOut.get());
                    continue;
                }
                clock.start("ramp");
                ExposureKey key = new ExposureKey(TELESCOPE, sjd, c.name(), e.number());
                RampResult r;
                Header primary;
                try (FitsRamps.Source src = FitsRamps.open(raw.get(e.number()))) {
                    r = RampProcessor.process(src, chip, rampParams).ramp();
                    primary = src.primaryHeader();
                } catch (DrpException x) {
                    // a ramp that cannot be fitted: dropped, and on the bad-exposure list for the next runlists
                    dropped.put(e.number(), "ramp failed: " + x.getMessage());
                    bad.add(BadExposures.Outcome.of(key.toString(), "ramp", x.getMessage()));
                    clock.stop();
                    continue;
                }
                Path file = product(o, ApogeeProduct.AR2D, key, e.kind().imageType());
                ReductionFiles.writeRate(file, primary.toBuilder().add("NDIFF", (long) r.plan().differences(),
                        "read differences used").build(), r, o.overwrite());
                products.put(e.number(), file);
                rates.put(e.number(), r.toMaskedImage());
                if (e.kind() == Kind.OBJECT) {
                    rampPulls = rampPulls.plus(Pulls.of("", r.toMaskedImage(), trueRate.get(e.number()),
                            chip.lightSensitive(), CalibFlag.BAD_BITS), c + " rate vs truth");
                    firstRate = firstRate == null ? r.toMaskedImage() : firstRate;
                }
                clock.stop();
                progress.progress(c + " ramp", ++fitted, almanac.picked());
            }

            // 4. The dark-rate stack and its bad-pixel mask.
            clock.start("dark");
            DarkCalibration dark = DarkStack.build(ratesOf(plan, rates, Kind.DARK), chip, DarkParams.defaults());
            ReductionFiles.writeDark(o.out().resolve(strip(ApogeeNames.darkRate(ApogeeSite.APO, c, sjd, sjd))),
                    NightQaCards.dark(Header.builder().add("TELESCOP", "apo25m").add("CHIP", c.name())
                            .add("NFRAMES", (long) dark.frames()), dark, chip).build(),
                    Header.builder().add("BUNIT", "DN/read").build(), dark.dark(), o.overwrite());
            clock.stop();

            // 5. The pixel flat, separated from the lamp's illumination; a flat whose lamp stayed off is left out.
            clock.start("flat");
            List<Planned> flats = new ArrayList<>(plan.of(Kind.FLAT));
            flats.addAll(plan.of(Kind.FLAT_LAMP_OFF));
            flats.removeIf(e -> !rates.containsKey(e.number())); // left out by the runlists, or the ramp failed
            List<MaskedImage> flatRates = new ArrayList<>();
            for (Planned e : flats) {
                flatRates.add(rates.get(e.number()));
            }
            FlatField flat = FlatStack.build(FrameSource.of(flatRates), chip, dark.dark(), FlatParams.defaults());
            for (int i = 0; i < flats.size(); i++) {
                if (!flat.used()[i]) {
                    String why = String.format(java.util.Locale.ROOT,
                            "left out of the flat stack: lamp level %.2f DN/read below the lamp-on threshold",
                            flat.frameLevels()[i]);
                    dropped.put(flats.get(i).number(), why);
                    bad.add(BadExposures.Outcome.of(new ExposureKey(TELESCOPE, sjd, c.name(), flats.get(i).number())
                            .toString(), "flat", why));
                }
            }
            ReductionFiles.writeFlat(o.out().resolve(strip(ApogeeNames.flatFraction(ApogeeSite.APO, c, sjd, sjd))),
                    NightQaCards.flat(Header.builder().add("TELESCOP", "apo25m").add("CHIP", c.name())
                            .add("NFRAMES", (long) flat.framesUsed()), flat, chip).build(), flat.flat(), flat.model(),
                    o.overwrite());
            clock.stop();

            // 6. 2D calibration of the science exposures, compared with the true light before the pixel response.
            Pulls calPulls = Pulls.none(c + " calibrated vs truth");
            long[] flagCounts = new long[32];
            long sciencePixels = 0;
            MaskedImage firstCal = null;
            Map<Integer, MaskedImage> calibrated = new LinkedHashMap<>();
            for (Planned e : plan.of(Kind.OBJECT)) {
                if (!rates.containsKey(e.number())) {
                    continue;
                }
                clock.start("calibrate");
                ExposureKey key = new ExposureKey(TELESCOPE, sjd, c.name(), e.number());
                CalibratedImage cal = Calibrate.apply(rates.get(e.number()), chip, dark, flat);
                Path file = product(o, ApogeeProduct.AR2DCAL, key, e.kind().imageType());
                ReductionFiles.writeCalibrated(file, Header.builder().add("TELESCOP", "apo25m").add("CHIP", c.name())
                        .add("EXPNUM", (long) e.number()).build(), Header.builder().add("BUNIT", "DN/read").build(),
                        cal.image(), o.overwrite());
                products.put(e.number(), file);
                calPulls = calPulls.plus(Pulls.of("", cal.image(), scene.science().get(scienceIndex(plan, e)).light(),
                        chip.lightSensitive(),
                        CalibFlag.BAD_BITS), c + " calibrated vs truth");
                countFlags(cal.image().mask().array(), flagCounts);
                sciencePixels += cal.image().mask().pixelCount();
                firstCal = firstCal == null ? cal.image() : firstCal;
                calibrated.put(e.number(), cal.image());
                clock.stop();
            }

            // 7. 2D -> 1D: the traces found on the calibrated quartz flat (identified against the nominal slit, the
            //    profile shape fitted), then every calibrated science exposure extracted with all fibres of a column
            //    solved together, and compared with the simulator's true fibre fluxes.
            clock.start("trace");
            Planned q = plan.of(Kind.QUARTZ).get(0);
            MaskedImage quartz = Calibrate.apply(rates.get(q.number()), chip, dark, flat).image();
            TraceResult traced = TraceFinder.find(quartz, chip.lightSensitive(), c.name(), scene.model().nominal(),
                    TraceParams.defaults());
            Path traceFile = o.out().resolve(strip(ApogeeNames.traceMain(ApogeeSite.APO, sjd, c)));
            TraceFiles.write(traceFile, Header.builder().add("TELESCOP", "apo25m").add("EXPNUM", (long) q.number())
                    .build(), traced.traces(), o.overwrite());
            products.put(q.number(), traceFile);
            clock.stop();
            Traces traces = traced.traces();
            Image trueFlux = trueFlux(traces, scene.spectrograph().truth());
            Region columns = Region.of(traces.x0(), 0, traces.x1() - traces.x0(), traces.count());
            // relative throughputs of every fibre on this chip, from the quartz flat extracted with its own traces
            double[] trueThroughput = new double[traces.count()];
            for (int k = 0; k < trueThroughput.length; k++) {
                int i = scene.model().indexOf(traces.fibres()[k]);
                trueThroughput[k] = i < 0 ? 0 : scene.model().throughput()[i];
            }
            spectra.add(c, traces.fibres(), FibreFlat.of(Extraction.optimal(quartz, traces, ExtractParams.defaults())
                    .spectra(), traces.fibres(), CalibFlag.BAD_BITS), trueThroughput);
            Pulls extractedPulls = Pulls.none(c + " extracted flux vs truth");
            ExtractionResult firstExtraction = null;
            List<Double> shifts = new ArrayList<>();
            for (Map.Entry<Integer, MaskedImage> e : calibrated.entrySet()) {
                clock.start("extract");
                // the night's traces moved onto this exposure (flexure since the quartz flat)
                TraceTweak.Result tweak = TraceTweak.fit(e.getValue(), traces, TraceTweak.Params.defaults());
                shifts.add(tweak.shift());
                // weights from a variance model fitted to the image, not from each pixel's own noisy ivar
                ExtractParams params = VarianceModel.estimate(e.getValue(), chip.lightSensitive(), CalibFlag.BAD_BITS,
                        2).map(ExtractParams.defaults()::withVariance).orElse(ExtractParams.defaults());
                ExtractionResult x = Extraction.optimal(e.getValue(), tweak.traces(), params);
                ExposureKey key = new ExposureKey(TELESCOPE, sjd, c.name(), e.getKey());
                // this exposure's truth: its light moved by its zero-point drift
                int k = scienceIndex(plan, plan.exposures().stream().filter(p -> p.number() == e.getKey()).findFirst()
                        .orElseThrow());
                Image exposureFlux = trueFlux(traces, scene.science().get(k).truth());
                Path file = product(o, ApogeeProduct.AR1D, key, Kind.OBJECT.imageType());
                // which target of which type each row's fibre saw: the exposure's fibre map, linked by its CONFIGID
                Header.Builder h = Header.builder().add("TELESCOP", "apo25m").add("CHIP", c.name())
                        .add("EXPNUM", (long) e.getKey()).add("BUNIT", "DN/read").add("TRSHIFT", tweak.shift(),
                                "trace tweak shift, px");
                List<FibreMap.Fibre> rows = almanac.fibreRows(h, e.getKey(), traces.fibres(), Kind.OBJECT.imageType());
                ReductionFiles.writeSpectra(file, h.build(), x, traces.fibres(), false, rows, o.overwrite());
                products.put(e.getKey(), file);
                extractedPulls = extractedPulls.plus(Pulls.of("", asImage(x.spectra()), exposureFlux, columns,
                        CalibFlag.BAD_BITS), c + " extracted flux vs truth");
                // the sky fibres' fibre-aperture flux (boxcar) against their PSF flux (the optimal extraction)
                int[] skyRows = IntStream.range(0, rows.size()).filter(i -> rows.get(i).type() == FibreType.SKY)
                        .toArray();
                if (skyRows.length > 0) {
                    Spectra box = Extraction.boxcar(e.getValue(), tweak.traces(), params).spectra();
                    apertureChecks.add(new ApertureCheck(c, e.getKey(), ApertureVsPsf.compare(box, x.spectra(), skyRows,
                            CalibFlag.BAD_BITS), overTruth(box, exposureFlux, skyRows, columns)));
                }
                firstExtraction = firstExtraction == null ? x : firstExtraction;
                spectra.addExposure(c, e.getKey(), x.spectra(), exposureFlux, scene.wavelength(k));
                sky.add(c, e.getKey(), traces.fibres(), x.spectra(), scene.wavelength(k), Scene.zeroPointShift(k),
                        chip.lightSensitive().x1());
                clock.stop();
            }

            // 8. Wavelengths: the arc extracted like a science exposure, its lines found, identified against the
            //    lamp's list (whose columns sit off this night's) and fitted per fibre; compared with the true
            //    wavelength of every fibre and column.
            clock.start("wavecal");
            Planned arcExposure = plan.of(Kind.ARC).get(0);
            MaskedImage arcCal = Calibrate.apply(rates.get(arcExposure.number()), chip, dark, flat).image();
            TraceTweak.Result arcTweak = TraceTweak.fit(arcCal, traces, TraceTweak.Params.defaults());
            ExtractionResult arcSpectra = Extraction.optimal(arcCal, arcTweak.traces(), ExtractParams.defaults());
            FibreWavelengths wavelengths = FibreWavelengths.solve(Scene.chipNumber(chip), arcSpectra.spectra(),
                    CalibFlag.BAD_BITS, scene.arcLines(), ArcCalibration.Params.defaults().withDegree(3), 2);
            ChipWavelength[] smooth = wavelengths.regularised(traces.fibres(), 2);
            arcSolutions.put(c, smooth);
            // the line-spread width of the night (QA: its evolution between nights), from the arc's lines
            double lsfSigma = LineSpread.measure(arcSpectra.spectra(), traces.fibres(), LineSpread.Params.defaults())
                    .medianSigma();
            lsfSigmas.add(lsfSigma);
            double[] waveVsTruth = waveVsTruth(wavelengths, null, traces.fibres(), scene.wavelength());
            double[] smoothVsTruth = waveVsTruth(wavelengths, smooth, traces.fibres(), scene.wavelength());
            Path waveFile = product(o, ApogeeProduct.AR1D, new ExposureKey(TELESCOPE, sjd, c.name(),
                    arcExposure.number()), Kind.ARC.imageType());
            Header.Builder arcHeader = NightQaCards.wavelengths(Header.builder().add("TELESCOP", "apo25m")
                    .add("CHIP", c.name()).add("EXPNUM", (long) arcExposure.number()).add("BUNIT", "DN/read"),
                    wavelengths, smooth, traces).add("LSFSIG", lsfSigma, "median line-spread sigma of the arc (px)");
            List<FibreMap.Fibre> arcRows = almanac.fibreRows(arcHeader, arcExposure.number(), traces.fibres(),
                    Kind.ARC.imageType());
            ReductionFiles.writeSpectra(waveFile, arcHeader.build(), withWavelengths(arcSpectra, smooth),
                    traces.fibres(), false, arcRows, o.overwrite());
            products.put(arcExposure.number(), waveFile);

            //    The etalon exposure, extracted the same way; its peaks wait for the joint fit of the three chips.
            for (Planned fpiExposure : plan.of(Kind.FPI)) {
                if (rates.containsKey(fpiExposure.number())) {
                    MaskedImage fpiCal = Calibrate.apply(rates.get(fpiExposure.number()), chip, dark, flat).image();
                    TraceTweak.Result fpiTweak = TraceTweak.fit(fpiCal, traces, TraceTweak.Params.defaults());
                    ExtractionResult fpiSpectra = Extraction.optimal(fpiCal, fpiTweak.traces(),
                            ExtractParams.defaults());
                    etalon.add(c, traces.fibres(), fpiSpectra.spectra(), wavelengths, smooth, scene.wavelength());
                    Path fpiFile = product(o, ApogeeProduct.AR1D, new ExposureKey(TELESCOPE, sjd, c.name(),
                            fpiExposure.number()), Kind.FPI.imageType());
                    Header.Builder fpiHeader = Header.builder().add("TELESCOP", "apo25m").add("CHIP", c.name())
                            .add("EXPNUM", (long) fpiExposure.number()).add("BUNIT", "DN/read");
                    List<FibreMap.Fibre> fpiRows = almanac.fibreRows(fpiHeader, fpiExposure.number(),
                            traces.fibres(), Kind.FPI.imageType());
                    ReductionFiles.writeSpectra(fpiFile, fpiHeader.build(), fpiSpectra, traces.fibres(), false, fpiRows,
                            o.overwrite());
                    products.put(fpiExposure.number(), fpiFile);
                }
            }
            clock.stop();

            chips.put(c, new ChipResult(chip, scene, rampPulls, calPulls, dark, flat, firstCal, firstRate, flagCounts,
                    sciencePixels, traced, quartz, extractedPulls, firstExtraction, trueFlux,
                    shifts.stream().mapToDouble(Double::doubleValue).toArray(), wavelengths, waveVsTruth,
                    smoothVsTruth));
            for (Planned e : plan.exposures()) {
                outcomes.add(new ExposureOutcome(new ExposureKey(TELESCOPE, sjd, c.name(), e.number()), e,
                        raw.get(e.number()), Optional.ofNullable(products.get(e.number())),
                        Optional.ofNullable(dropped.get(e.number()))));
            }
        }
        // 9. The etalon: one cavity for the three chips, fitted with a polynomial per fibre and chip through the
        //    etalon's peaks and the arc's lines; compared with the simulator's cavity and wavelengths, and the arc
        //    solutions checked against it.
        clock.start("etalon");
        Optional<NightEtalon.Result> etalonResult = plan.of(Kind.FPI).isEmpty() ? Optional.empty()
                : Optional.of(etalon.fit());
        clock.stop();

        // 10. Sky lines: in every science exposure each fibre's OH lines, found where the night's solution expects
        //     them, give the exposure's zero-point drift against the night (SkyTweak); compared with the drift the
        //     scene injected.
        clock.start("sky");
        Map<ApogeeChip, ChipWavelength[]> nightSolutions = etalonResult.map(NightEtalon.Result::solutions)
                .orElse(arcSolutions);
        NightSky.Result skyResult = sky.fit(nightSolutions);
        clock.stop();

        // 11. Spectra: every science exposure's chips on one log-uniform grid with its own wavelengths (the night's
        //     etalon solution, the arc's where the etalon has none, moved by the exposure's sky-line drift), each
        //     fibre divided by its relative throughput on the chip (fibre flats from the quartz flat), compared with
        //     the true fibre flux over its true throughput; the standards' zero point against the scene's.
        clock.start("resample");
        java.util.Set<Integer> skyFibres = new java.util.HashSet<>();
        java.util.Set<Integer> standardFibres = new java.util.HashSet<>();
        for (FibreMap.Fibre f : fibreMap.fibres().values()) {
            if (f.type() == FibreType.SKY) {
                skyFibres.add(f.fibre());
            } else if (f.type() == FibreType.TELLURIC) {   // standard_apogee
                standardFibres.add(f.fibre());
            }
        }
        NightSpectra.Result fluxed = spectra.resample(nightSolutions, skyResult.solutions(),
                new NightSpectra.QaInputs(Integer.toString(sjd),
                        n -> TELESCOPE + "/" + sjd + "/" + String.format("%04d", n), skyFibres,
                        lsfSigmas.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN),
                        standardFibres, apertureByExposure(apertureChecks)), 2);
        // the night's QA table, one row per science exposure
        Path qaFile = o.out().resolve("qa").resolve("nightQa-" + sjd + ".txt");
        AtomicFiles.write(qaFile, o.overwrite(), out -> out.write(fluxed.qa().toText()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        clock.stop();

        // 12. The final QA pass over the night's products, and the drop flow from the raw files to the spectra.
        clock.start("check");
        NightAlmanac.Checked checked = almanac.check(o.out(), chips);
        // 13. What the stages found wrong goes on the almanac's bad-exposure list: the next runlists leave it out.
        almanac.recordBad(o.out(), bad);
        clock.stop();
        return new Result(o, plan, List.copyOf(outcomes), chips, clock.seconds(), checked.check(), checked.flow(),
                List.copyOf(bad), etalonResult, fluxed, skyResult, List.copyOf(apertureChecks));
    }

    /** @return per row, the boxcar flux over the true flux, summed over the good columns */
    private static double[] overTruth(Spectra box, Image truth, int[] rows, Region columns) {
        double[] ratio = new double[rows.length];
        for (int q = 0; q < rows.length; q++) {
            double a = 0;
            double t = 0;
            for (int x = columns.x0(); x < columns.x1(); x++) {
                int i = box.index(rows[q], x);
                if (box.ivar()[i] > 0 && (box.mask()[i] & CalibFlag.BAD_BITS) == 0) {
                    a += box.flux()[i];
                    t += truth.get(x, rows[q]);
                }
            }
            ratio[q] = t > 0 ? a / t : Double.NaN;
        }
        return ratio;
    }

    /** @return per exposure, the mean over its chips of the sky fibres' median aperture over PSF flux */
    private static Map<Integer, Double> apertureByExposure(List<ApertureCheck> checks) {
        return checks.stream().collect(java.util.stream.Collectors.groupingBy(ApertureCheck::exposure,
                java.util.TreeMap::new, java.util.stream.Collectors.averagingDouble(a -> a.measured().median())));
    }

    /** @return the index of a science exposure among the plan's, for its scene ({@link Scene#science()}) */
    static int scienceIndex(NightPlan plan, Planned e) {
        return plan.of(Kind.OBJECT).indexOf(e);
    }

    /**
     * @param smooth the regularised solutions, or null for each row's own
     * @return per row with its own solution, the rms of (the given) solution against the true wavelengths between its
     *         outermost used lines, Angstrom; NaN for the others
     */
    private static double[] waveVsTruth(FibreWavelengths w, ChipWavelength[] smooth, int[] fibres,
            WavelengthModel truth) {
        double[] out = new double[w.count()];
        for (int k = 0; k < out.length; k++) {
            out[k] = Double.NaN;
            if (w.solution(k).isEmpty()) {
                continue;
            }
            ArcCalibration.ChipResult r = w.solution(k).get();
            ChipWavelength sol = smooth == null ? r.fit().solution() : smooth[k];
            boolean[] used = r.fit().used();
            double[] x = r.centres();
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < x.length; i++) {
                if (used[i]) {
                    lo = Math.min(lo, x[i]);
                    hi = Math.max(hi, x[i]);
                }
            }
            double ss = 0;
            int m = 0;
            for (int col = (int) Math.ceil(lo); col <= hi; col++) {
                double d = sol.wavelength(col) - truth.wavelength(fibres[k], col);
                ss += d * d;
                m++;
            }
            out[k] = m > 0 ? Math.sqrt(ss / m) : Double.NaN;
        }
        return out;
    }

    /** @return the extraction's spectra with every row's wavelengths */
    private static ExtractionResult withWavelengths(ExtractionResult x, ChipWavelength[] w) {
        Spectra s = x.spectra();
        double[] lam = new double[s.fibres() * s.pixels()];
        for (int k = 0; k < s.fibres(); k++) {
            for (int col = 0; col < s.pixels(); col++) {
                lam[s.index(k, col)] = w[k].wavelength(col);
            }
        }
        return new ExtractionResult(s.withWavelength(lam), x.model(), x.residual(), x.method(), x.failed(),
                x.noGoodPixels(), x.wideProfile(), x.chi2PerPixel());
    }

    /** @return the true flux of each found trace's fibre per column (NaN for a fibre the truth does not have) */
    private static Image trueFlux(Traces found, Traces truth) {
        int w = found.columns();
        float[] f = new float[w * found.count()];
        for (int i = 0; i < found.count(); i++) {
            int j = truth.indexOf(found.fibres()[i]);
            for (int x = 0; x < w; x++) {
                f[i * w + x] = j < 0 ? Float.NaN : (float) truth.height(j, x);
            }
        }
        return Image.of(w, found.count(), f);
    }

    /** @return spectra as an image of pixels x fibres (views of the same arrays), for {@link Pulls} */
    static MaskedImage asImage(Spectra s) {
        return MaskedImage.of(Image.of(s.pixels(), s.fibres(), s.flux()), Image.of(s.pixels(), s.fibres(), s.ivar()),
                Mask.of(s.pixels(), s.fibres(), s.mask()));
    }

    private static List<MaskedImage> ratesOf(NightPlan plan, Map<Integer, MaskedImage> rates, Kind kind) {
        List<MaskedImage> out = new ArrayList<>();
        for (Planned e : plan.of(kind)) {
            if (rates.containsKey(e.number())) {
                out.add(rates.get(e.number()));
            }
        }
        return out;
    }

    private static Path product(Options o, ApogeeProduct p, ExposureKey key, String imageType) {
        return o.out().resolve(strip(p.path(key, imageType)));
    }

    /** Upstream writes HDF5 ({@code .h5}); drpkit writes the same names as FITS. */
    private static String strip(String h5Name) {
        return h5Name.endsWith(".h5") ? h5Name.substring(0, h5Name.length() - 3) + ".fits" : h5Name;
    }

    private static long seed(Options o, NightPlan plan, ApogeeChip c, Planned e) {
        return exposureSeed(o.seed(), plan.night(), c, e.number());
    }

    /**
     * The seed of an exposure's noise. Exposure 1, the night's first dark (there to be left out by the dark runlist),
     * was added to the plan after the others: they keep their earlier noise realisations (seed index = number - 1),
     * and it takes index 0. Later nights add 500 per night (the first night's seeds unchanged).
     *
     * @param nightSeed the demo's {@code --seed}
     * @param night     0 for the first night, 1 for the next, ...
     * @return the noise seed of exposure {@code number} of a chip
     */
    static long exposureSeed(long nightSeed, int night, ApogeeChip c, int number) {
        return nightSeed * 1_000_003L + c.ordinal() * 1000L + (number - 1) + 500L * night;
    }

    /** @return the simulated detector of a chip on the first night of {@code nightSeed} (as {@link NightPlan#detector}) */
    static DetectorModel detector(long nightSeed, ApogeeChip c) {
        return DetectorModel.apogeeLike().toBuilder().seed(nightSeed * 10 + c.ordinal()).build();
    }

    /**
     * The ramp fit of every exposure: the detector's noise, and its saturation and nonlinearity maps standing for the
     * lab calibrations a real pipeline is given.
     */
    static RampProcessor.Params rampParams(DetectorModel detector, Image saturation, Image[] linearity) {
        NoiseModel noise = NoiseModel.of(detector.gain(), detector.readVariance());
        return RampProcessor.Params.defaults(noise).withSaturationMap(saturation)
                .withNonlinearity(new Nonlinearity.Params(Nonlinearity.Coefficients.perPixel(linearity), 1,
                        Optional.empty()));
    }

    private static void countFlags(int[] mask, long[] counts) {
        for (int m : mask) {
            for (int rest = m; rest != 0; rest &= rest - 1) {
                counts[Integer.numberOfTrailingZeros(rest)]++;
            }
        }
    }

    /** One chip's simulated night: what the reduction is given and the truth it is compared with. */
    private record Simulated(DetectorModel detector, Scene scene, Map<Integer, Path> raw, Map<Integer, Image> trueRate,
            Image saturation, Image[] linearity) {
    }

    /** Wall time per stage, summed over chips. */
    private static final class Stopwatch {
        private final Map<String, Double> seconds = new LinkedHashMap<>();
        private String stage;
        private long t0;

        void start(String name) {
            stage = name;
            t0 = System.nanoTime();
        }

        void stop() {
            seconds.merge(stage, (System.nanoTime() - t0) / 1e9, Double::sum);
        }

        Map<String, Double> seconds() {
            return new LinkedHashMap<>(seconds);
        }
    }
}
