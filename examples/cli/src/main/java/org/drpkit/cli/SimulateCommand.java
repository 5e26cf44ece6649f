package org.drpkit.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import org.drpkit.algorithms.sim.DetectorModel;
import org.drpkit.algorithms.sim.DetectorSimulator;
import org.drpkit.algorithms.sim.Exposure;
import org.drpkit.algorithms.sim.FibreLight;
import org.drpkit.algorithms.sim.LampLines;
import org.drpkit.algorithms.sim.LsfModel;
import org.drpkit.algorithms.sim.SimTruth;
import org.drpkit.algorithms.sim.SimulatedRamp;
import org.drpkit.algorithms.sim.SpectrographModel;
import org.drpkit.algorithms.sim.SpectrographSimulator;
import org.drpkit.algorithms.sim.WavelengthModel;
import org.drpkit.cli.demo.RawFrames;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.H2rgLayout;
import org.drpkit.core.instrument.Region;
import org.drpkit.core.lines.LineList;
import org.drpkit.fits.LineListFiles;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.PixelType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code drpkit simulate --out DIR}: writes an APOGEE-like raw exposure (an empty primary HDU, then one uint16 image
 * HDU per read with DATE-OBS and INTOFF) and a truth file, from the detector simulator. An arc ({@code --kind arc})
 * shows the lines of an APOGEE arc list ({@code --lines UNe.vac.apogee} or {@code tharne.lines.vac.apogee}) where the
 * simulator's wavelength solution puts them; without a list, lines drawn from the seed as in the demo night, which
 * the output says.
 */
@Command(name = "simulate", description = {
        "Simulate an APOGEE-like up-the-ramp exposure: writes the raw file (one uint16 HDU per read) and its truth.",
        "Raw: apR-<chip letter>-<EXPSTR>.fits. Truth: the same name ending -truth.fits, with RATE (DN/read), "
                + "SATURATION (raw DN), FIRSTSAT, NONLIN (c2, 1/DN), HOT and JUMPS (x, y, read, DN per row); for an arc "
                + "also ARCLINES (wavelength A, column of the middle fibre, list intensity per row)."})
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (created if needed)")
    Path out;

    @Option(names = "--size", defaultValue = "small", paramLabel = "small|full",
            description = "small: 320x256 (256 science columns in 4 amplifiers, a 64-column reference output); "
                    + "full: the APOGEE 2560x2048 chip. Default: ${DEFAULT-VALUE}")
    String size;

    @Option(names = "--kind", defaultValue = "traces", paramLabel = "dark|flat|traces|quartz|science|arc",
            description = "what falls on the chip: nothing, a smooth illumination, straight fibre traces, or the "
                    + "spectrograph simulator's APOGEE slit (slit seed 1: curved traces, Gauss-Hermite profiles) lit "
                    + "by a quartz lamp, by sky and stars, or by an arc (the lines of --lines, Gaussian LSF sigma "
                    + "1.2 px). Default: ${DEFAULT-VALUE}")
    String kind;

    @Option(names = "--rate", defaultValue = "200", paramLabel = "DN/read",
            description = "peak rate of the illumination; for an arc, the brightest line on the chip has "
                    + ARC_FLUX_PER_RATE + " x this integrated flux per fibre (about this rate in its peak pixel). "
                    + "Default: ${DEFAULT-VALUE}")
    double rate;

    @Option(names = "--lines", paramLabel = "LIST",
            description = "an APOGEE arc line list (e.g. ../shared/data/apogee/UNe.vac.apogee or "
                    + "tharne.lines.vac.apogee) whose lines the arc lamp shows, at their vacuum wavelengths through "
                    + "the simulator's APOGEE wavelength solution of the chip, with the list's relative fluxes. "
                    + "Without it, --kind arc draws lines from the seed as the demo night does (and says so)")
    Path lines;

    @Option(names = "--reads", defaultValue = "47", paramLabel = "N", description = "reads. Default: ${DEFAULT-VALUE}")
    int reads;

    @Option(names = "--read-time", defaultValue = "10.6", paramLabel = "S",
            description = "seconds between reads. Default: ${DEFAULT-VALUE}")
    double readTime;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "noise seed of the exposure. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--chip", defaultValue = "R", paramLabel = "R|G|B", description = "chip name. Default: ${DEFAULT-VALUE}")
    String chipName;

    @Option(names = "--start", defaultValue = "2024-01-01T03:00:00", paramLabel = "ISO",
            description = "DATE-OBS of the first read (TAI). Default: ${DEFAULT-VALUE}")
    String start;

    @Option(names = "--reset-anomaly", defaultValue = "0", paramLabel = "DN",
            description = "first-read anomaly: read k gets DN exp(-k) more, 20%% pixel scatter. Default: none")
    double resetAnomaly;

    @Option(names = "--overwrite", description = "replace existing files")
    boolean overwrite;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Integrated flux of the arc's brightest line per unit of {@code --rate}: about --rate in the peak pixel. */
    static final double ARC_FLUX_PER_RATE = 8;

    /** Gaussian sigma of the simulated arc's line-spread function, px along x. */
    static final double ARC_LSF_SIGMA = 1.2;

    /** Arc lines per column when none are listed (the demo's density; APOGEE's UNe list has about 0.06). */
    static final double SEEDED_LINE_DENSITY = 0.06;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter o = spec.commandLine().getOut();
        if (reads < 2 || !(readTime > 0) || !(rate >= 0)) {
            err.println("reads must be at least 2, read time and rate positive");
            return Drpkit.EXIT_BAD_INPUT;
        }
        Chip chip = switch (size) {
            case "full" -> H2rgLayout.apogee(chipName);
            case "small" -> H2rgLayout.chip(chipName, 256, 64, 4, 4, 18);
            default -> null;
        };
        if (chip == null || !java.util.List.of("dark", "flat", "traces", "quartz", "science", "arc").contains(kind)) {
            err.println("unknown --size " + size + " or --kind " + kind);
            return Drpkit.EXIT_BAD_INPUT;
        }
        if (lines != null && !kind.equals("arc")) {
            err.println("--lines is for --kind arc, not " + kind);
            return Drpkit.EXIT_BAD_INPUT;
        }
        LocalDateTime t0;
        try {
            t0 = LocalDateTime.parse(start);
        } catch (java.time.format.DateTimeParseException e) {
            err.println("--start is not an ISO date-time: " + start);
            return Drpkit.EXIT_BAD_INPUT;
        }
        Arc arc = null;
        if (kind.equals("arc")) {
            try {
                arc = arc(chip);
            } catch (DrpException e) {
                err.println(e.getMessage());
                return Drpkit.EXIT_BAD_INPUT;
            }
            if (arc.light() == null) {
                err.println(arc.description());
                return Drpkit.EXIT_BAD_INPUT;
            }
            o.println(arc.description());
        }
        DetectorModel model = resetAnomaly == 0 ? DetectorModel.apogeeLike()
                : DetectorModel.apogeeLike().toBuilder().resetAnomaly(resetAnomaly, 1, 0.2).build();
        Exposure exposure = kind.equals("dark") ? Exposure.dark(reads, readTime, seed)
                : Exposure.of(reads, readTime, arc != null ? arc.light() : scene(chip), seed);
        SimulatedRamp sim = DetectorSimulator.simulate(chip, model, exposure);
        String letter = switch (chipName) {
            case "G" -> "b";
            case "B" -> "c";
            default -> "a";
        };
        long sjd = (long) Math.floor(RawFrames.mjd(t0) + 0.3);
        String name = String.format("apR-%s-%08d", letter, (sjd - 55562) * 10000 + seed % 10000);
        try {
            Files.createDirectories(out);
            Path raw = out.resolve(name + ".fits");
            Path truth = out.resolve(name + "-truth.fits");
            writeRaw(raw, chip, model, sim, t0);
            writeTruth(truth, sim.truth(), model, arc);
            o.printf("wrote %s (%dx%d x %d reads, %s) and %s; %d jumps injected%n", raw, chip.width(), chip.height(),
                    reads, kind, truth.getFileName(), sim.truth().jumps().count());
            o.flush();
            return 0;
        } catch (DrpException e) {
            err.println(e.getMessage());
            return Drpkit.EXIT_BAD_INPUT;
        } catch (java.io.IOException e) {
            err.println("cannot create " + out + ": " + e.getMessage());
            return Drpkit.EXIT_BAD_INPUT;
        }
    }

    /**
     * An arc exposure's light and its lines.
     *
     * @param light       the lamp through the fibres, DN/read; null when no line falls on the chip
     * @param lines       the lines on the chip, vacuum Angstrom, list intensities
     * @param column      each line's column for the middle fibre
     * @param brightest   integrated flux of the brightest line per fibre, DN/read
     * @param description what the lamp is, for the output
     */
    record Arc(Image light, LineList lines, double[] column, double brightest, String description) {
    }

    /**
     * The arc lamp on the spectrograph simulator's slit (seed 1): the listed lines, or without a list the demo's seeded
     * lines, through the chip's {@link WavelengthModel#apogee} solution (a cut sees the detector's middle columns) and
     * a Gaussian LSF of {@link #ARC_LSF_SIGMA} px.
     */
    private Arc arc(Chip chip) throws DrpException {
        SpectrographModel m = SpectrographModel.apogee(chip, 1);
        Region a = chip.lightSensitive();
        // APOGEE's chip letters: R is a, G is b, B is c (WavelengthModel reads "b" as the green chip)
        String letter = switch (chipName) {
            case "G" -> "b";
            case "B" -> "c";
            default -> "a";
        };
        WavelengthModel wave = WavelengthModel.apogee(letter, (H2rgLayout.APOGEE_SIZE - a.width()) / 2 - a.x0());
        int middle = m.fibres()[m.fibres().length / 2];
        double lo = wave.wavelength(middle, a.x1() - 1);
        double hi = wave.wavelength(middle, a.x0());
        LineList all;
        String source;
        if (lines != null) {
            all = LineListFiles.readArc(lines, 0);
            source = all.name() + " lines of " + lines;
        } else {
            int count = Math.max(1, (int) Math.round(SEEDED_LINE_DENSITY * a.width()));
            all = LampLines.arc(lo, hi, count, 1.5, seed * 37 + 5);
            source = "lines drawn from seed " + seed + " (no --lines given: not a real lamp; the demo night's seeded"
                    + " arc)";
        }
        LineList on = all.between(lo, hi);
        if (!(on.maxIntensity() > 0)) {
            return new Arc(null, on, new double[0], 0, String.format("no line of %s with a flux falls on chip %s "
                    + "(%.1f..%.1f A)", lines, chipName, lo, hi));
        }
        double brightest = ARC_FLUX_PER_RATE * rate;
        LsfModel lsf = LsfModel.gaussian(m.fibres(), chip.width(), 1, ARC_LSF_SIGMA);
        Image light = SpectrographSimulator.render(m, FibreLight.lamp(m, wave, lsf, all, brightest, 0)).light();
        double[] column = new double[on.size()];
        for (int k = 0; k < column.length; k++) {
            column[k] = wave.column(middle, on.wavelength()[k]);
        }
        return new Arc(light, on, column, brightest, String.format("arc: %d %s on chip %s (%.1f..%.1f A), brightest"
                + " %.0f DN/read per fibre, LSF sigma %.1f px", on.size(), source, chipName, lo, hi, brightest,
                ARC_LSF_SIGMA));
    }

    /** Light on the light-sensitive area: flat, or fibre traces along x (every 6.6 rows, sigma 1 row). */
    private Image scene(Chip chip) {
        if (kind.equals("quartz") || kind.equals("science")) {
            SpectrographModel m = SpectrographModel.apogee(chip, 1);
            FibreLight light = kind.equals("quartz") ? FibreLight.quartz(m, 2.7 * rate) : FibreLight.science(m, seed);
            return SpectrographSimulator.render(m, light).light();
        }
        float[] r = new float[chip.width() * chip.height()];
        for (int y = 0; y < chip.height(); y++) {
            for (int x = 0; x < chip.width(); x++) {
                double v;
                if (kind.equals("flat")) {
                    double u = (double) x / chip.width() - 0.5;
                    double w = (double) y / chip.height() - 0.5;
                    v = rate * (1 - 0.3 * (u * u + w * w));
                } else {
                    double phase = (y - 10) / 6.6;
                    double dy = (phase - Math.rint(phase)) * 6.6;
                    double spectrum = 0.6 + 0.4 * Math.sin(x / 37.0) * Math.sin(x / 11.0);
                    v = rate * spectrum * Math.exp(-0.5 * dy * dy);
                }
                r[y * chip.width() + x] = (float) v;
            }
        }
        return Image.of(chip.width(), chip.height(), r);
    }

    private void writeRaw(Path file, Chip chip, DetectorModel model, SimulatedRamp sim, LocalDateTime t0)
            throws DrpException {
        double exptime = reads * readTime;
        Header primary = Header.builder()
                .add("TELESCOP", "apo25m", "simulated")
                .add("INSTRUME", "APOGEE", "instrument")
                .add("CHIP", chipName, "chip name")
                .add("IMAGETYP", kind.equals("dark") ? "Dark" : kind.equals("flat") ? "InternalFlat"
                        : kind.equals("quartz") ? "QuartzFlat" : kind.equals("arc") ? "ArcLamp" : "Object",
                        "image type")
                .add("NREAD", (long) reads, "number of reads")
                .add("EXPTIME", exptime, "exposure time (s)")
                .add("DATE-OBS", RawFrames.FITS_DATE.format(t0), "start of the first read (TAI)")
                .add("SIMSEED", seed, "drpkit simulator: exposure seed")
                .add("SIMDSEED", model.seed(), "drpkit simulator: detector seed")
                .add("SIMGAIN", model.gain(), "drpkit simulator: gain (e-/DN)")
                .add("SIMRN", model.readNoise(), "drpkit simulator: white read noise (DN)")
                .add("SIM1F", model.oneOverFRms(), "drpkit simulator: shared 1/f noise rms (DN)")
                .history("simulated by drpkit simulate --kind " + kind + " --rate " + rate)
                .build();
        FitsWriter w = FitsWriter.create().primary(primary);
        List<Header> readHeaders = RawFrames.readHeaders(t0, reads, readTime);
        for (int k = 0; k < reads; k++) {
            w.image(null, readHeaders.get(k), sim.ramp().read(k), PixelType.UINT16);
        }
        w.write(file, overwrite);
    }

    private void writeTruth(Path file, SimTruth t, DetectorModel model, Arc arc) throws DrpException {
        SimTruth.Jumps j = t.jumps();
        float[] table = new float[4 * Math.max(1, j.count())];
        int w = t.rate().width();
        for (int i = 0; i < j.count(); i++) {
            table[4 * i] = j.pixel()[i] % w;
            table[4 * i + 1] = j.pixel()[i] / w;
            table[4 * i + 2] = j.read()[i];
            table[4 * i + 3] = j.amplitude()[i];
        }
        Header primary = Header.builder()
                .add("GAIN", t.gain(), "e-/DN")
                .add("RDNOISE", t.readNoise(), "white read noise per read (DN)")
                .add("RDVAR", t.readVariance(), "white read variance incl. quantisation (DN^2)")
                .add("ONEFRMS", t.oneOverFRms(), "shared 1/f noise rms (DN)")
                .add("NJUMPS", (long) j.count(), "jumps in JUMPS")
                .add("NREAD", (long) reads, "reads")
                .add("SATFUDGE", 0.9, "FIRSTSAT: first read over this fraction of SATURATION")
                .build();
        FitsWriter writer = FitsWriter.create().primary(primary)
                .image("RATE", Header.empty(), t.rate(), PixelType.FLOAT32)
                .image("SATURATION", Header.empty(), t.saturation(), PixelType.FLOAT32)
                .mask("FIRSTSAT", Header.empty(), t.firstSaturatedRead())
                .image("NONLIN", Header.empty(), t.nonlinearity(), PixelType.FLOAT32)
                .mask("HOT", Header.empty(), t.hotPixels())
                .image("JUMPS", Header.builder().add("COLUMNS", "x, y, read, amplitude (DN)").build(),
                        Image.of(4, Math.max(1, j.count()), table), PixelType.FLOAT32);
        if (arc != null) {
            int n = arc.lines().size();
            double[] rows = new double[3 * n];
            for (int k = 0; k < n; k++) {
                rows[3 * k] = arc.lines().wavelength()[k];
                rows[3 * k + 1] = arc.column()[k];
                rows[3 * k + 2] = arc.lines().intensity()[k];
            }
            writer.doubleImage("ARCLINES", Header.builder()
                    .add("COLUMNS", "vacuum wavelength (A), column of the middle fibre, list intensity")
                    .add("LAMP", arc.lines().name(), "the lamp's line list")
                    .add("BRIGHTST", arc.brightest(), "integrated flux of the brightest line (DN/read per fibre)")
                    .add("LSFSIGMA", ARC_LSF_SIGMA, "Gaussian LSF sigma along x (px)")
                    .build(), 3, n, rows);
        }
        writer.write(file, overwrite);
    }

}
