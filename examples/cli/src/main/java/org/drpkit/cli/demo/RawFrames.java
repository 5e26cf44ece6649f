package org.drpkit.cli.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.drpkit.algorithms.sim.DetectorModel;
import org.drpkit.algorithms.sim.SimulatedRamp;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.id.ExposureKey;
import org.drpkit.fits.apz.ApzEncoder;
import org.drpkit.instruments.apogee.ApogeeRawName;

/**
 * Writes simulated exposures as APOGEE raw files: the fpacked apz encoding upstream reads (mean increment, first
 * read, residuals; lossless), named {@code apR-<chip letter>-<EXPSTR>.apz}, with the primary keywords the reduction
 * uses and DATE-OBS/INTOFF on every read.
 *
 * <pre>{@code
 * Path raw = RawFrames.write(rawRoot, key, NightPlan.Kind.OBJECT, start, model, simulated, true);
 * }</pre>
 */
public final class RawFrames {

    /** DATE-OBS as written by the APOGEE ICC: ISO with milliseconds. */
    public static final DateTimeFormatter FITS_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

    private RawFrames() {
    }

    /**
     * The per-read headers: DATE-OBS (start of the read, TAI), INTOFF (ms between reads), EXPTIME up to this read
     * and the read number.
     *
     * @param start    start of the first read
     * @param reads    number of reads
     * @param readTime seconds between reads
     * @return one header per read
     */
    public static List<Header> readHeaders(LocalDateTime start, int reads, double readTime) {
        List<Header> out = new ArrayList<>();
        for (int k = 0; k < reads; k++) {
            LocalDateTime tk = start.plusNanos(Math.round(k * readTime * 1e9));
            out.add(Header.builder()
                    .add("DATE-OBS", FITS_DATE.format(tk), "start of this read (TAI)")
                    .add("INTOFF", readTime * 1000, "time between reads (ms)")
                    .add("EXPTIME", (k + 1) * readTime, "exposure time up to this read (s)")
                    .add("READNUM", (long) (k + 1), "read number")
                    .build());
        }
        return out;
    }

    /** @return the MJD (UTC days) of a date-time */
    public static double mjd(LocalDateTime t) {
        return 40587 + Duration.between(LocalDateTime.parse("1970-01-01T00:00:00"), t).toNanos() / 86_400e9;
    }

    /**
     * Writes one exposure of one chip as an apz raw file under {@code rawRoot/<site>/<SJD>/}.
     *
     * @param key       telescope, night (SJD), chip and exposure number
     * @param kind      what the exposure observes: its upstream image type (dark, internalflat, object, ...) and lamps
     *                  (LAMPTHAR on for the arc, the demo's arc being ThAr; both arc lamps off for the etalon, which is
     *                  how upstream tells an FPI exposure from an arc)
     * @param start     start of the first read (UT)
     * @param lampOn    whether the quartz lamp was on (LAMPQRTZ)
     * @return the path written
     * @throws DrpException when the file exists and {@code overwrite} is false, or cannot be written
     */
    public static Path write(Path rawRoot, ExposureKey key, NightPlan.Kind kind, LocalDateTime start,
            DetectorModel model, SimulatedRamp sim, boolean lampOn, boolean overwrite) throws DrpException {
        return write(rawRoot, key, kind, start, model, sim, lampOn, Header.empty(), overwrite);
    }

    /**
     * As {@link #write(Path, ExposureKey, NightPlan.Kind, LocalDateTime, DetectorModel, SimulatedRamp, boolean,
     * boolean)},
     * with more primary cards after LAMPUNE (the demo's CONFIGID and cartridge keyword).
     *
     * @param more cards added to the primary header
     */
    public static Path write(Path rawRoot, ExposureKey key, NightPlan.Kind kind, LocalDateTime start,
            DetectorModel model, SimulatedRamp sim, boolean lampOn, Header more, boolean overwrite)
            throws DrpException {
        String imageType = kind.imageType();
        ApogeeRawName name = ApogeeRawName.of(key);
        Path file = name.path(rawRoot);
        int reads = sim.ramp().reads();
        double readTime = sim.ramp().readTimes().length > 1 ? sim.ramp().readTimes()[1] - sim.ramp().readTimes()[0]
                : NightPlan.READ_TIME;
        Header.Builder primary = Header.builder()
                .add("TELESCOP", "apo25m", "telescope")
                .add("INSTRUME", "APOGEE", "instrument")
                .add("FILENAME", name.fileName(), "raw file name")
                .add("CHIP", key.chip(), "chip (R, G, B)")
                .add("EXPNUM", (long) key.exposure(), "exposure number within the night")
                .add("IMAGETYP", imageType, "image type")
                .add("EXPTYPE", imageType.toUpperCase(java.util.Locale.ROOT), "exposure type")
                .add("LAMPQRTZ", lampOn ? 1L : 0L, "quartz (internal flat) lamp on")
                .add("LAMPTHAR", kind == NightPlan.Kind.ARC ? 1L : 0L, "ThAr lamp on")
                .add("LAMPUNE", 0L, "UNe lamp on");
        more.cards().forEach(primary::add);
        primary.add("NREAD", (long) reads, "number of reads")
                .add("EXPTIME", reads * readTime, "exposure time (s)")
                .add("DATE-OBS", FITS_DATE.format(start), "start of the first read (TAI)")
                .add("SIMDSEED", model.seed(), "drpkit simulator: detector seed")
                .add("SIMGAIN", model.gain(), "drpkit simulator: gain (e-/DN)")
                .add("SIMRN", model.readNoise(), "drpkit simulator: white read noise (DN)")
                .history("simulated by the drpkit demo night");
        ApzEncoder.write(file, primary.build(), readHeaders(start, reads, readTime), sim.ramp(), overwrite);
        return file;
    }
}
