package org.drpkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.drpkit.algorithms.ramp.FitParams;
import org.drpkit.algorithms.ramp.JumpParams;
import org.drpkit.algorithms.ramp.MidExposure;
import org.drpkit.algorithms.ramp.NoiseModel;
import org.drpkit.algorithms.ramp.RampProcessor;
import org.drpkit.algorithms.ramp.RampResult;
import org.drpkit.algorithms.ramp.ReadPlan;
import org.drpkit.algorithms.ramp.RampErrorCode;
import org.drpkit.algorithms.ramp.ReadSelection;
import org.drpkit.algorithms.refcorr.RowNoiseParams;
import org.drpkit.cli.demo.ReductionFiles;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.error.Location;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.RampSource;
import org.drpkit.core.image.ReadPattern;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.core.instrument.H2rgLayout;
import org.drpkit.core.instrument.InstrumentPlugin;
import org.drpkit.core.instrument.Instruments;
import org.drpkit.core.progress.ProgressListener;
import org.drpkit.fits.AtomicFiles;
import org.drpkit.fits.FitsHeaders;
import org.drpkit.fits.FitsRamps;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.HduInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code drpkit ramp IN OUT}: 3D raw ramp to 2D rate, streaming, with the upstream defaults when no calibration is
 * given. OUT: the raw primary header plus processing keywords, then RATE, IVAR, CHI2 (float32), FLAGS, JUMPS and
 * LASTDIFF (int32), VAR_POISSON and VAR_RNOISE (float32). The output is checked for writability before any data is
 * read.
 */
@Command(name = "ramp", description = {
        "Fit the up-the-ramp reads of a raw file (empty primary HDU, one image HDU per read; or a 3D cube) into a "
                + "2D rate file: RATE (DN/read), IVAR ((DN/read)^-2), CHI2, FLAGS (PixelFlag bits), JUMPS, LASTDIFF, "
                + "VAR_POISSON and VAR_RNOISE ((DN/read)^2, the two parts of 1/IVAR).",
        "Reads that average several frames (JWST/HST MULTIACCUM groups) are modelled from --nframes, --groupgap "
                + "and --frame-time, or the header's NFRAMES, GROUPGAP and TFRAME; RATE is then DN per read interval.",
        "Without calibration files it uses the upstream defaults (gain 1.9 e-/DN, read variance 25 DN^2, no "
                + "saturation map) and says so. Chips of the APOGEE structure (width = 1.25 x height) get the "
                + "reference zeropoint and the row-noise correction; other shapes are fitted as plain arrays."})
final class RampCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "raw ramp FITS file")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "2D output FITS file")
    Path out;

    @Option(names = "--estimator", defaultValue = "gls", paramLabel = "gls|ols",
            description = "GLS with the tridiagonal covariance, or Fixsen-weighted OLS per segment. Default: ${DEFAULT-VALUE}")
    String estimator;

    @Option(names = "--covariance", defaultValue = "neighbours", paramLabel = "self|neighbours",
            description = "rate in the photon term of the covariance: its row neighbours' (centred pulls at every "
                    + "rate) or the pixel's own (upstream; errors under-reported below ~10 DN/read). "
                    + "Default: ${DEFAULT-VALUE}")
    String covariance;

    @Option(names = "--gain", paramLabel = "E_PER_DN|FILE",
            description = "gain: a number, or a per-pixel map (first image HDU, e-/DN; pixels <= 0 or NaN take 1.9) "
                    + "(default: upstream's 1.9 e-/DN)")
    String gain;

    @Option(names = "--read-variance", paramLabel = "DN2", description = "read variance per frame (default: 25 DN^2)")
    Double readVariance;

    @Option(names = "--read-noise", paramLabel = "DN|FILE",
            description = "read noise per frame: a number, or a per-pixel map (first image HDU, DN; squared into the "
                    + "read variance; pixels <= 0 or NaN take the scalar). Not with --read-variance")
    String readNoise;

    @Option(names = "--nonlinearity", paramLabel = "FILE",
            description = "nonlinearity corrections (A2, A3, ... extensions, as `drpkit calib nonlinearity` writes)")
    Path nonlinearity;

    @Option(names = "--saturation", paramLabel = "FILE",
            description = "saturation map (raw DN; the first image HDU); default: none, nothing saturates")
    Path saturation;

    @Option(names = "--drop", paramLabel = "N", description = "reads dropped at the start (default: 2, upstream)")
    Integer drop;

    @Option(names = "--jump-sigma", defaultValue = "4.5", paramLabel = "SIGMA",
            description = "jump threshold in sigma of one difference. Default: ${DEFAULT-VALUE}")
    double jumpSigma;

    @Option(names = "--no-zeropoint", description = "skip the reference zeropoint")
    boolean noZeropoint;

    @Option(names = "--no-row-noise", description = "skip the 1/f row-noise correction")
    boolean noRowNoise;

    @Option(names = "--reset-anomaly", paramLabel = "FILE",
            description = "subtract the first-read anomaly measured by `drpkit calib reset` (use with --drop 0)")
    Path resetAnomaly;

    @Option(names = "--nframes", paramLabel = "N",
            description = "frames averaged into each read (default: the header's NFRAMES, else 1)")
    Integer nframes;

    @Option(names = "--groupgap", paramLabel = "N",
            description = "frames skipped between reads (default: the header's GROUPGAP, else 0)")
    Integer groupgap;

    @Option(names = "--frame-time", paramLabel = "SECONDS",
            description = "time from one frame to the next (default: the header's TFRAME, else the read spacing / "
                    + "(nframes + groupgap))")
    Double frameTime;

    @Option(names = "--threads", paramLabel = "N", description = "workers (default: one per processor)")
    Integer threads;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    @Option(names = "--overwrite", description = "replace OUT if it exists")
    boolean overwrite;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            AtomicFiles.requireWritable(out, overwrite); // before any data is read: a full chip takes a while
        } catch (DrpException e) {
            err.println(e.getMessage());
            return Drpkit.EXIT_BAD_INPUT;
        }
        try (FitsRamps.Source src = FitsRamps.open(in)) {
            Header primary = src.primaryHeader();
            List<String> defaults = new ArrayList<>();
            List<String> codes = new ArrayList<>();
            if (readNoise != null && readVariance != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "give --read-noise or --read-variance, not both");
            }
            Image gainMap = null;
            double g;
            if (gain == null) {
                g = defaulted(defaults, codes, "gain 1.9 e-/DN", "GAIN", 1.9);
            } else if (isNumber(gain)) {
                g = Double.parseDouble(gain.trim());
            } else {
                g = 1.9;
                gainMap = readMap(Path.of(gain));
            }
            Image readVarianceMap = null;
            double rv;
            if (readVariance != null) {
                rv = readVariance;
            } else if (readNoise != null && isNumber(readNoise)) {
                double rn = Double.parseDouble(readNoise.trim());
                rv = rn * rn;
            } else if (readNoise != null) {
                rv = 25.0;
                readVarianceMap = squared(readMap(Path.of(readNoise)));
            } else {
                rv = defaulted(defaults, codes, "read variance 25 DN^2", "RDVAR", 25.0);
            }
            Image satMap = null;
            if (saturation != null) {
                satMap = readMap(saturation);
            } else {
                defaults.add("no saturation map (nothing saturates)");
                codes.add("NOSATMAP");
            }
            Chip chip = layout(src.width(), src.height(), primary.getString("CHIP").orElse("R"));
            boolean apogee = chip.referenceOutput().isPresent();
            ReadSelection.Params sel = drop == null ? ReadSelection.Params.UPSTREAM
                    : new ReadSelection.Params(drop, ReadSelection.Params.UPSTREAM.dcsMaxReads(), false);
            String type = primary.getString("IMAGETYP").orElse("").trim().toLowerCase(Locale.ROOT);
            if (type.equals("domeflat") && src.reads() == 5) {
                sel = sel.withForcedDcs(); // upstream: APOGEE dome flats of 5 reads lose the lamp early
            }
            ReadPattern pattern = pattern(primary, src);
            NoiseModel noise = NoiseModel.of(g, rv);
            if (gainMap != null) {
                noise = noise.withGainMap(gainMap);
            }
            if (readVarianceMap != null) {
                noise = noise.withReadVarianceMap(readVarianceMap);
            }
            FitParams fit = FitParams.defaults(noise)
                    .withEstimator(estimator.equalsIgnoreCase("ols") ? FitParams.Estimator.OLS_FIXSEN
                            : FitParams.Estimator.GLS)
                    .withCovarianceRate(covariance.toLowerCase(Locale.ROOT).startsWith("n")
                            ? FitParams.CovarianceRate.NEIGHBOURS : FitParams.CovarianceRate.SELF);
            RampProcessor.Params p = RampProcessor.Params.defaults(noise).withReads(sel).withFit(fit)
                    .withJumps(new JumpParams(jumpSigma, true, false)).withSaturationMap(satMap)
                    .withZeropoint(apogee && !noZeropoint)
                    .withRowNoise(apogee && !noRowNoise ? RowNoiseParams.DEFAULTS : null);
            if (nonlinearity != null) {
                p = p.withNonlinearity(NonlinearityCommand.read(nonlinearity));
            }
            if (resetAnomaly != null) {
                p = p.withResetAnomaly(ResetAnomalyCommand.read(resetAnomaly));
            }
            if (threads != null) {
                p = p.withBlocks(p.blockRows(), Math.max(1, threads));
            }
            if (!defaults.isEmpty()) {
                o.println("using upstream defaults: " + String.join(", ", defaults));
            }
            if (!apogee) {
                o.println("layout " + src.width() + "x" + src.height()
                        + " is not APOGEE-structured: no reference zeropoint or row-noise correction");
            }
            o.flush();
            if (!pattern.isSingleFrame() || pattern.groupgap() != 0) {
                o.println(pattern);
            }
            RampProcessor.Result r = run(src.withPattern(pattern), chip, p);
            RampResult res = r.ramp();
            MidExposure.Times mid = midExposure(src, primary, res.plan(), o);
            Header.Builder hb = outputHeader(primary, src.reads(), res, p, codes, mid, r).toBuilder();
            if (gainMap != null) {
                hb.set("GAINMAP", Path.of(gain).getFileName().toString(), "per-pixel gain map (GAIN: its fallback)");
            }
            if (readVarianceMap != null) {
                hb.set("RDNSMAP", Path.of(readNoise).getFileName().toString(),
                        "per-pixel read-noise map (RDVAR: its fallback)");
            }
            if (resetAnomaly != null) {
                hb.set("RESETCOR", resetAnomaly.getFileName().toString(), "first-read anomaly subtracted");
            }
            if (nonlinearity != null) {
                hb.set("NONLIN", nonlinearity.getFileName().toString(), "nonlinearity corrections applied");
            }
            Header h = hb.build();
            ReductionFiles.writeRate(out, h, res, overwrite);
            o.println(res.plan() + ": " + res.stats());
            r.zeropoint().ifPresent(z -> o.println(z));
            r.rowNoise().ifPresent(s -> o.println(s));
            o.println("wrote " + out);
            o.flush();
            return 0;
        } catch (DrpException e) {
            err.println(e.getMessage());
            return Drpkit.EXIT_BAD_INPUT;
        }
    }

    /**
     * The readout pattern: the options, else what the instrument plugin reads from the headers
     * ({@link InstrumentPlugin#readPattern}), else the header's JWST-style NFRAMES, GROUPGAP and TFRAME, else single
     * frames; the frame time defaults to the read spacing over the frames per read.
     */
    private ReadPattern pattern(Header primary, RampSource src) throws DrpException {
        if (nframes == null && groupgap == null && frameTime == null) {
            Optional<ReadPattern> stated = statedPattern(primary);
            if (stated.isPresent()) {
                return stated.get();
            }
        }
        int nf = nframes != null ? nframes : primary.getLong("NFRAMES").orElse(1L).intValue();
        int gap = groupgap != null ? groupgap : primary.getLong("GROUPGAP").orElse(0L).intValue();
        double spacing = src.pattern().frameTime(); // the mean read spacing of single frames
        double tf = frameTime != null ? frameTime
                : primary.getDouble("TFRAME").orElse(nf + gap > 0 ? spacing / (nf + gap) : Double.NaN);
        try {
            return new ReadPattern(nf, gap, tf);
        } catch (IllegalArgumentException e) {
            throw new DrpException(RampErrorCode.RAMP_BAD_PATTERN, Location.ofKeyword("NFRAMES"), e.getMessage());
        }
    }

    /** @return the pattern the file's instrument plugin reads from its headers; empty without a plugin or pattern */
    private Optional<ReadPattern> statedPattern(Header primary) throws DrpException {
        List<Header> headers = new ArrayList<>();
        for (HduInfo h : FitsHeaders.scan(in)) {
            headers.add(h.header());
        }
        Instruments.FileMatch m;
        try {
            m = Instruments.load().forFile(headers);
        } catch (DrpException e) {
            if (e.code() != CoreErrorCode.INSTRUMENT_UNKNOWN) {
                throw e;
            }
            return Optional.empty();   // no plugin takes this file: the header keywords or the read spacing decide
        }
        FixContext ctx = FixContext.builder().path(in).hdus(headers).build();
        InstrumentPlugin plugin = m.plugin();
        Optional<ReadPattern> p = plugin.readPattern(plugin.fix(headers.get(m.hdu()), ctx).header(), ctx);
        p.ifPresent(q -> spec.commandLine().getOut().println("read pattern from the " + plugin.name() + " plugin: "
                + q));
        return p;
    }

    private RampProcessor.Result run(RampSource src, Chip chip, RampProcessor.Params p) throws DrpException {
        if (noProgress) {
            return RampProcessor.process(src, chip, p);
        }
        int blocks = (src.height() + p.blockRows() - 1) / p.blockRows();
        long total = (p.zeropoint() ? 2L : 1L) * blocks;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("ramp " + in.getFileName()).setInitialMax(total)
                .setUpdateIntervalMillis(200).build()) {
            ProgressListener listener = new ProgressListener() {
                @Override
                public synchronized void progress(String stage, long done, long tot) {
                    bar.stepTo(stage.equals("ramp") && p.zeropoint() ? tot + done : done);
                    bar.setExtraMessage(stage);
                }
            };
            return RampProcessor.process(src, chip, p, null, listener);
        }
    }

    private static MidExposure.Times midExposure(FitsRamps.Source src, Header primary, ReadPlan plan, PrintWriter o)
            throws DrpException {
        List<Header> reads = src.readHeaders();
        boolean any = false;
        for (Header h : reads) {
            any |= h.contains("DATE-OBS");
        }
        if (!any || !reads.get(0).contains("INTOFF")) {
            o.println("no per-read DATE-OBS/INTOFF: mid-exposure time not computed");
            return null;
        }
        return MidExposure.fromHeaders(reads, primary, plan);
    }

    private static Header outputHeader(Header primary, int nread, RampResult res, RampProcessor.Params p,
            List<String> defaults, MidExposure.Times mid, RampProcessor.Result r) {
        ReadPlan plan = res.plan();
        String method = plan.method() == ReadPlan.Method.DCS ? "DCS"
                : res.fit().estimator() == FitParams.Estimator.GLS ? "SUTR-GLS" : "SUTR-OLS-FIXSEN";
        Header.Builder b = primary.toBuilder()
                .set("NREAD", (long) nread, "reads in the exposure")
                .set("NDIFF", (long) plan.differences(), "read differences used")
                .set("FIRSTRD", (long) plan.firstRead() + 1, "first read used (1-based)")
                .set("RAMPMETH", method, "slope estimator")
                .set("COVRATE", res.fit().covarianceRate().name(), "rate in the covariance's photon term")
                .set("GAIN", res.fit().noise().gain(), "gain used (e-/DN)")
                .set("RDVAR", res.fit().noise().readVariance(), "read variance used (DN^2)")
                .set("DEFAULTS", defaults.isEmpty() ? "NONE" : String.join(",", defaults), "upstream defaults used")
                .set("ZEROPNT", r.zeropoint().isPresent(), "reference zeropoint per read and amplifier")
                .set("ROWNOISE", r.rowNoise().isPresent(), "1/f row-noise correction")
                .set("JUMPSIG", p.jumps().threshold(), "jump threshold (sigma of one difference)")
                .set("NFRAMES", (long) res.pattern().nframes(), "frames averaged per read")
                .set("GROUPGAP", (long) res.pattern().groupgap(), "frames skipped between reads")
                .set("BUNIT", res.pattern().isSingleFrame() ? "DN/read" : "DN/group", "unit of RATE");
        if (!Double.isNaN(res.pattern().frameTime())) {
            b.set("TFRAME", res.pattern().frameTime(), "time between frames (s)")
                    .set("TGROUP", res.pattern().groupTime(), "time between reads (s); RATE/TGROUP is DN/s");
        }
        if (mid != null) {
            b.set("MJDMID", mid.precise(), "mid-exposure MJD (TAI), precise")
                    .set("MJDMIDRO", mid.rough(), "mid-exposure MJD (TAI), rough")
                    .set("MJDMIDOL", mid.old(), "mid-exposure MJD (TAI), old");
        }
        b.history("drpkit ramp: " + res.stats());
        return b.build();
    }

    private static double defaulted(List<String> defaults, List<String> codes, String what, String code,
            double value) {
        defaults.add(what);
        codes.add(code);
        return value;
    }

    /** @return the first image HDU of a calibration map file */
    static Image readMap(Path file) throws DrpException {
        try (FitsReader r = FitsReader.open(file)) {
            for (int i = 0; i < r.hdus().size(); i++) {
                if (r.hdus().get(i).isImage()) {
                    return r.readImage(i);
                }
            }
            return r.readImage(0);
        }
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Image squared(Image m) {
        float[] a = m.toArray();
        for (int i = 0; i < a.length; i++) {
            a[i] = a[i] * a[i];
        }
        return Image.of(m.width(), m.height(), a);
    }

    /** APOGEE structure when the width is the height plus a quarter (a reference output of one amplifier). */
    static Chip layout(int width, int height, String name) {
        if (width == H2rgLayout.APOGEE_SIZE + H2rgLayout.APOGEE_REFERENCE_COLUMNS && height == H2rgLayout.APOGEE_SIZE) {
            return H2rgLayout.apogee(name);
        }
        if (height % 4 == 0 && width == height + height / 4 && height > 2 * H2rgLayout.APOGEE_BORDER) {
            return H2rgLayout.chip(name, height, height / 4, 4, H2rgLayout.APOGEE_BORDER,
                    H2rgLayout.H2RG_PIXEL_MICRONS);
        }
        return Chip.simple(name, -1, width, height, 0);
    }
}
