package org.drpkit.spark;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.drpkit.algorithms.sim.DetectorSimulator;
import org.drpkit.algorithms.sim.Exposure;
import org.drpkit.algorithms.sim.FibreLight;
import org.drpkit.algorithms.sim.SimulatedRamp;
import org.drpkit.algorithms.sim.SpectrographModel;
import org.drpkit.algorithms.sim.SpectrographSimulator;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.id.ExposureKey;
import org.drpkit.core.image.Image;
import org.drpkit.core.instrument.Chip;
import org.drpkit.fits.apz.ApzEncoder;
import org.drpkit.instruments.apogee.ApogeeRawName;

/**
 * A small night of APOGEE-like raw files written for the tests, as the demo night writes them (apz, the primary and
 * per-read keywords the APOGEE plugin reads): darks and science exposures of two chips on the demo's simulated detector
 * at a reduced size, night SJD 60000.
 */
final class SmallNight {

    static final int SJD = 60000;
    static final double READ_TIME = 10.6;
    /** Quartz flux per fibre and column, DN/read (the demo's level). */
    static final double QUARTZ_LEVEL = 2700;
    /** Flexure between the quartz flat and the objects, px (the demo's). */
    static final double FLEXURE = 0.2;
    private static final DateTimeFormatter FITS_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

    private SmallNight() {
    }

    /** @return the raw files written under {@code rawRoot}: exposures 1..n per chip, darks, then flats, then objects */
    static List<Path> write(Path rawRoot, SimulatedLab lab, List<String> chips, int darks, int flats, int objects,
            int reads)
            throws DrpException {
        return write(rawRoot, lab, chips, darks, flats, 0, objects, reads);
    }

    /**
     * With fibres: when {@code quartz > 0}, quartz flats follow the flats (the quartz lamp through the demo's
     * spectrograph, {@link SimulatedLab#spectrograph}) and the objects are the spectrograph's sky and stars, the traces
     * moved by {@link #FLEXURE} px since the quartz flat; else the objects are a smooth pattern.
     *
     * @return the raw files written under {@code rawRoot}: exposures 1..n per chip, darks, flats, quartz flats, objects
     */
    static List<Path> write(Path rawRoot, SimulatedLab lab, List<String> chips, int darks, int flats, int quartz,
            int objects, int reads) throws DrpException {
        List<Path> out = new ArrayList<>();
        LocalDateTime start = LocalDateTime.parse("2023-02-25T03:00:00");
        for (String c : chips) {
            Chip chip = lab.chip(c);
            SpectrographModel optics = lab.spectrograph(c);
            for (int n = 1; n <= darks + flats + quartz + objects; n++) {
                boolean dark = n <= darks;
                boolean flat = !dark && n <= darks + flats;
                boolean lamp = !dark && !flat && n <= darks + flats + quartz;
                long seed = 1000L * c.charAt(0) + n;
                Image light = flat ? lamp(chip) : lamp
                        ? SpectrographSimulator.render(optics, FibreLight.quartz(optics, QUARTZ_LEVEL)).light()
                        : quartz > 0 ? SpectrographSimulator.render(optics.withShift(FLEXURE),
                                FibreLight.science(optics, seed)).light()
                        : light(chip);
                Exposure ex = dark ? Exposure.dark(reads, READ_TIME, seed) : Exposure.of(reads, READ_TIME, light, seed);
                SimulatedRamp sim = DetectorSimulator.simulate(chip, lab.detector(c), ex);
                ExposureKey key = new ExposureKey("apo", SJD, c, n);
                ApogeeRawName name = ApogeeRawName.of(key);
                LocalDateTime t = start.plusMinutes(10L * n);
                String type = dark ? "dark" : flat ? "internalflat" : lamp ? "quartzflat" : "object";
                Header primary = Header.builder().add("TELESCOP", "apo25m").add("INSTRUME", "APOGEE")
                        .add("FILENAME", name.fileName()).add("CHIP", c).add("EXPNUM", (long) n)
                        .add("IMAGETYP", type).add("EXPTYPE", type.toUpperCase(java.util.Locale.ROOT))
                        .add("LAMPQRTZ", flat || lamp ? 1L : 0L).add("LAMPTHAR", 0L).add("LAMPUNE", 0L).add("NREAD", (long) reads)
                        .add("EXPTIME", reads * READ_TIME).add("DATE-OBS", FITS_DATE.format(t)).build();
                List<Header> readHeaders = new ArrayList<>();
                for (int k = 0; k < reads; k++) {
                    readHeaders.add(Header.builder()
                            .add("DATE-OBS", FITS_DATE.format(t.plusNanos(Math.round(k * READ_TIME * 1e9))))
                            .add("INTOFF", READ_TIME * 1000).add("EXPTIME", (k + 1) * READ_TIME)
                            .add("READNUM", (long) (k + 1)).build());
                }
                Path file = name.path(rawRoot);
                ApzEncoder.write(file, primary, readHeaders, sim.ramp(), false);
                out.add(file);
            }
        }
        return out;
    }

    /** The flat lamp: a gentle gradient over the chip, 30..40 DN/read. */
    private static Image lamp(Chip chip) {
        int w = chip.width();
        int h = chip.height();
        float[] f = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                f[y * w + x] = (float) (30 + 10.0 * x / w);
            }
        }
        return Image.of(w, h, f);
    }

    /** A smooth light pattern over the whole chip, 0..40 DN/read. */
    private static Image light(Chip chip) {
        int w = chip.width();
        int h = chip.height();
        float[] f = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                f[y * w + x] = (float) (20 + 20 * Math.sin(x / 7.0) * Math.cos(y / 11.0));
            }
        }
        return Image.of(w, h, f);
    }
}
