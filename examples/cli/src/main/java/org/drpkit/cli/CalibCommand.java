package org.drpkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.drpkit.algorithms.calib.DarkCalibration;
import org.drpkit.algorithms.calib.DarkParams;
import org.drpkit.algorithms.calib.DarkStack;
import org.drpkit.algorithms.calib.FlatField;
import org.drpkit.algorithms.calib.FlatParams;
import org.drpkit.algorithms.calib.FlatStack;
import org.drpkit.algorithms.calib.FrameNoise;
import org.drpkit.cli.demo.ReductionFiles;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.instrument.Chip;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code drpkit calib dark|flat FILES... --out PRODUCT.fits}: builds a dark-rate or pixel-flat calibration from a
 * stack of frames, streamed from the files in row bands.
 *
 * <pre>
 * drpkit calib dark apR-dark-*.fits --out dark.fits
 * drpkit calib flat flat_*.fits --dark dark.fits --min-level 0.2 --out flat.fits
 * drpkit calib nonlinearity apR-flat-*.fits --saturation sat.fits --out nonlin.fits   (raw ramps, see NonlinearityCommand)
 * </pre>
 */
@Command(name = "calib", mixinStandardHelpOptions = true,
        description = "Build calibrations from stacks of frames.",
        subcommands = {CalibCommand.Dark.class, CalibCommand.Flat.class, NonlinearityCommand.class,
            ResetAnomalyCommand.class, CommandLine.HelpCommand.class})
final class CalibCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options shared by both builders. */
    static class Common {
        @Parameters(arity = "1..*", paramLabel = "FILES", description = "frames of one shape: rate products "
                + "(RATE/IVAR/FLAGS) or plain images")
        List<Path> files;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "output product")
        Path out;

        @Option(names = "--overwrite", description = "replace an existing output")
        boolean overwrite;

        @Option(names = "--chip", defaultValue = "auto", paramLabel = "LAYOUT",
                description = "auto (2560x2048 = APOGEE H2RG, else one plain amplifier), simple, apogee, "
                        + "h2rg:SIZE,REFCOLS,AMPS,BORDER (default: ${DEFAULT-VALUE})")
        String chip;

        @Option(names = "--noise", paramLabel = "MODEL", description = "frames (use each frame's IVAR) or scatter "
                + "(estimate from the stack); default: frames for rate products, scatter for plain images")
        String noise;

        @Option(names = "--clip", defaultValue = "3.5", paramLabel = "SIGMA",
                description = "per-pixel clipping across frames (default: ${DEFAULT-VALUE})")
        double clip;

        @Option(names = "--serial", description = "use one thread")
        boolean serial;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        FrameNoise noiseModel(boolean rate) {
            if (noise == null) {
                return rate ? FrameNoise.FROM_FRAMES : FrameNoise.FROM_SCATTER;
            }
            return switch (noise.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "frames" -> FrameNoise.FROM_FRAMES;
                case "scatter" -> FrameNoise.FROM_SCATTER;
                default -> throw new CommandLine.ParameterException(spec.commandLine(),
                        "--noise must be frames or scatter, not " + noise);
            };
        }

        Chip chipFor(FitsFrames frames) throws DrpException {
            try {
                return CalibFiles.chip(chip, frames.width(), frames.height(), frames.name(0));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }

        int fail(DrpException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return Drpkit.EXIT_BAD_INPUT;
        }
    }

    /** {@code drpkit calib dark}. */
    @Command(name = "dark", mixinStandardHelpOptions = true,
            description = "Stack dark frames into a dark rate (DARK, IVAR, FLAGS).")
    static final class Dark extends Common implements Callable<Integer> {

        @Option(names = "--hot", defaultValue = "7", paramLabel = "SIGMA",
                description = "HOT_PIXEL above the median by this many sigmas (default: ${DEFAULT-VALUE})")
        double hot;

        @Option(names = "--negative", defaultValue = "5", paramLabel = "SIGMA",
                description = "NEGATIVE_DARK below the median by this many sigmas (default: ${DEFAULT-VALUE})")
        double negative;

        @Option(names = "--noisy-p", defaultValue = "1e-6", paramLabel = "P",
                description = "false-alarm probability of the NOISY_PIXEL test (default: ${DEFAULT-VALUE})")
        double noisyP;

        @Option(names = "--subtract-level", description = "subtract each frame's median first (upstream ref_val)")
        boolean subtractLevel;

        @Override
        public Integer call() {
            PrintWriter stdout = spec.commandLine().getOut();
            try (FitsFrames frames = FitsFrames.open(files)) {
                Chip c = chipFor(frames);
                DarkParams p = DarkParams.defaults().withNoise(noiseModel(frames.isRate())).withClipSigma(clip)
                        .withThresholds(hot, negative).withNoisyProbability(noisyP)
                        .withSubtractFrameLevel(subtractLevel).withParallel(!serial);
                DarkCalibration d = DarkStack.build(frames, c, p);
                Header.Builder h = CalibFiles.productHeader("DARK", frames.primaryHeader(0), files)
                        .add("NFRAMES", (long) d.frames(), "frames stacked")
                        .add("NOISEMOD", p.noise().name(), "source of the frame noise")
                        .add("CLIPSIG", clip, "per-pixel clipping across frames [sigma]")
                        .add("SUBLEVEL", subtractLevel, "frame medians subtracted before stacking")
                        .add("DARKLEV", d.level(), "median dark rate, light-sensitive area")
                        .add("DARKSIG", d.sigma(), "IQR-sigma of the dark rate")
                        .add("DARKSIGA", d.sigmaAfter(), "IQR-sigma of the unflagged pixels")
                        .add("HOTSIG", hot, "HOT_PIXEL threshold [sigma]")
                        .add("NEGSIG", negative, "NEGATIVE_DARK threshold [sigma]")
                        .add("NOISYP", noisyP, "NOISY_PIXEL false-alarm probability")
                        .add("NHOT", d.hot(), "pixels flagged HOT_PIXEL")
                        .add("NNEGDARK", d.negative(), "pixels flagged NEGATIVE_DARK")
                        .add("NNOISY", d.noisy(), "pixels flagged NOISY_PIXEL")
                        .add("NNODARK", d.noDark(), "pixels without a dark estimate")
                        .add("NCLIPPED", d.clipped(), "samples removed by clipping")
                        .add("NSAMPLES", d.samples(), "usable samples");
                Header ext = unit(frames.isRate());
                MaskedImage m = d.dark();
                ReductionFiles.writeDark(out, h.build(), ext, m, overwrite);
                stdout.println(d);
                stdout.println("wrote " + out);
                return 0;
            } catch (DrpException e) {
                return fail(e);
            }
        }
    }

    /** {@code drpkit calib flat}. */
    @Command(name = "flat", mixinStandardHelpOptions = true,
            description = "Stack flat frames into a pixel flat (FLAT, IVAR, MODEL, FLAGS).")
    static final class Flat extends Common implements Callable<Integer> {

        @Option(names = "--dark", paramLabel = "DARK.fits", description = "dark to subtract; its bad pixels stay out "
                + "of the illumination fit")
        Path dark;

        @Option(names = "--degree", defaultValue = "8", paramLabel = "N",
                description = "total degree of the Legendre illumination surface (default: ${DEFAULT-VALUE})")
        int degree;

        @Option(names = "--block", defaultValue = "32", paramLabel = "PIXELS",
                description = "block size of the robust medians the surface is fitted to (default: ${DEFAULT-VALUE})")
        int block;

        @Option(names = "--low", defaultValue = "0.2", paramLabel = "RESPONSE",
                description = "LOW_FLAT_RESPONSE below this response (default: ${DEFAULT-VALUE})")
        double low;

        @Option(names = "--min-level", defaultValue = "1.05", paramLabel = "FLUX",
                description = "frames with a lower median are lamp-off and left out (default: ${DEFAULT-VALUE}, "
                        + "DN/read; normalised flats need e.g. 0.1)")
        double minLevel;

        @Override
        public Integer call() {
            PrintWriter stdout = spec.commandLine().getOut();
            try (FitsFrames frames = FitsFrames.open(files)) {
                Chip c = chipFor(frames);
                MaskedImage d = dark == null ? null : CalibFiles.readProduct(dark, "DARK");
                FlatParams p = FlatParams.defaults().withNoise(noiseModel(frames.isRate())).withModel(degree, block)
                        .withLowResponse(low).withMinLevel(minLevel).withClipSigma(clip).withParallel(!serial);
                FlatField f = FlatStack.build(frames, c, d, p);
                Header.Builder h = CalibFiles.productHeader("FLAT", frames.primaryHeader(0), files)
                        .add("NFRAMES", (long) f.frames(), "frames given")
                        .add("NUSED", (long) f.framesUsed(), "frames with the lamp on")
                        .add("NOISEMOD", p.noise().name(), "source of the frame noise")
                        .add("DEGREE", (long) degree, "degree of the Legendre illumination surface")
                        .add("BLOCK", (long) block, "block size of the fitted medians [pixels]")
                        .add("MINLEVEL", minLevel, "lamp-off level")
                        .add("LOWRESP", low, "LOW_FLAT_RESPONSE threshold")
                        .add("NLOWRESP", f.lowResponse(), "pixels flagged LOW_FLAT_RESPONSE")
                        .add("NNOFLAT", f.noFlat(), "pixels without a flat estimate");
                if (dark != null) {
                    h.add("CALDARK", dark.getFileName().toString(), "dark subtracted");
                }
                MaskedImage m = f.flat();
                ReductionFiles.writeFlat(out, h.build(), m, f.model(), overwrite);
                stdout.println(f);
                stdout.println("wrote " + out);
                return 0;
            } catch (DrpException e) {
                return fail(e);
            }
        }
    }

    /** @return an extension header naming the unit of rate products */
    static Header unit(boolean rate) {
        return rate ? Header.builder().add("BUNIT", "DN/read", "unit of the data").build() : Header.empty();
    }
}
