package org.drpkit.archive.almanac;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.id.ExposureKey;
import org.drpkit.core.image.Ramp;
import org.drpkit.fits.apz.ApzEncoder;
import org.drpkit.instruments.apogee.ApogeeRawName;

/**
 * Small simulated APOGEE raw nights (fpacked apz files of 8x4-pixel reads, every keyword the almanac reads), with the
 * defects the almanac must find, so tests compare with a known truth:
 *
 * <pre>
 * night 60000 (the plan below; each exposure R, G and B unless said)
 *  0001 dark 31 reads        0002 dark 31 reads        0003 quartzflat 3 reads (quartz on)
 *  0004 domeflat 5 reads     0005 arclamp ThAr 5 reads 0006 arclamp FPI 5 reads (ThAr and UNe off)
 *  0007 object, chip B never written                   0008 object, chip G truncated inside its third read
 *  0009 object 5 reads       0010 object 2 reads       0011 internalflat 5 reads
 *  0012 object 5 reads (put on the bad list by tests)  0013 object, chip R holds 4 of the 5 reads NREAD announces
 * night 60001: 0001 dark 31 reads, 0002 object 5 reads, with CARTID renamed CART_ID and SEEING written as text
 * </pre>
 */
final class SimulatedNights {

    static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");
    static final double READ_TIME = 10.6;

    /** One planned exposure. */
    record Plan(int exposure, String type, int reads, int quartz, int thar, int une) {
    }

    static final List<Plan> NIGHT_60000 = List.of(new Plan(1, "dark", 31, 0, 0, 0), new Plan(2, "dark", 31, 0, 0, 0),
            new Plan(3, "quartzflat", 3, 1, 0, 0), new Plan(4, "domeflat", 5, 0, 0, 0),
            new Plan(5, "arclamp", 5, 0, 1, 0), new Plan(6, "arclamp", 5, 0, 0, 0), new Plan(7, "object", 5, 0, 0, 0),
            new Plan(8, "object", 5, 0, 0, 0), new Plan(9, "object", 5, 0, 0, 0), new Plan(10, "object", 2, 0, 0, 0),
            new Plan(11, "internalflat", 5, 1, 0, 0), new Plan(12, "object", 5, 0, 0, 0),
            new Plan(13, "object", 5, 0, 0, 0));

    private SimulatedNights() {
    }

    /** Writes night 60000 under {@code root/apo/60000} with its defects; @return the number of files written (38) */
    static int night60000(Path root) throws DrpException, IOException {
        int files = 0;
        for (Plan p : NIGHT_60000) {
            for (String chip : new String[] {"R", "G", "B"}) {
                if (p.exposure() == 7 && chip.equals("B")) {
                    continue;
                }
                int reads = p.exposure() == 13 && chip.equals("R") ? 4 : p.reads();
                Header primary = primary(60000, chip, p, true, false);
                write(root, new ExposureKey("apo", 60000, chip, p.exposure()), primary, reads);
                files++;
            }
        }
        Path cut = ApogeeRawName.of(new ExposureKey("apo", 60000, "G", 8)).path(root);
        List<org.drpkit.fits.HduInfo> hdus = org.drpkit.fits.FitsHeaders.scan(cut);
        try (FileChannel ch = FileChannel.open(cut, StandardOpenOption.WRITE)) {
            ch.truncate(hdus.get(4).dataOffset() + 10); // inside the data of read 3 (HDU 4)
        }
        return files;
    }

    /** Writes night 60001 (CARTID renamed CART_ID, SEEING as text); @return the number of files written (6) */
    static int night60001(Path root) throws DrpException {
        int files = 0;
        for (Plan p : List.of(new Plan(1, "dark", 31, 0, 0, 0), new Plan(2, "object", 5, 0, 0, 0))) {
            for (String chip : new String[] {"R", "G", "B"}) {
                write(root, new ExposureKey("apo", 60001, chip, p.exposure()), primary(60001, chip, p, false, true),
                        p.reads());
                files++;
            }
        }
        return files;
    }

    /** The exposure header as the APOGEE ICC writes it (the keywords the almanac and upstream read). */
    static Header primary(int sjd, String chip, Plan p, boolean cartid, boolean seeingAsText) {
        ExposureKey key = new ExposureKey("apo", sjd, chip, p.exposure());
        LocalDateTime start = LocalDateTime.of(2023, 1, 1, 3, 0).plusDays(sjd - 60000L).plusMinutes(10L * p.exposure());
        Header.Builder b = Header.builder()
                .add("TELESCOP", "apo25m", "telescope").add("INSTRUME", "APOGEE", "instrument")
                .add("FILENAME", ApogeeRawName.of(key).fileName(), "raw file name")
                .add("CHIP", chip, "chip").add("EXPNUM", (long) p.exposure(), "exposure number")
                .add("IMAGETYP", p.type(), "image type").add("EXPTYPE", p.type().toUpperCase(Locale.ROOT), "type")
                .add("LAMPQRTZ", (long) p.quartz(), "quartz lamp").add("LAMPTHAR", (long) p.thar(), "ThAr lamp")
                .add("LAMPUNE", (long) p.une(), "UNe lamp").add("NREAD", (long) p.reads(), "number of reads")
                .add("EXPTIME", p.reads() * READ_TIME, "exposure time (s)")
                .add("DATE-OBS", ISO.format(start), "start of the first read (TAI)");
        b.add(cartid ? "CARTID" : "CART_ID", 0L, "cart (FPS: 0)");
        if (seeingAsText) {
            b.add("SEEING", "1.2", "seeing (arcsec)");
        } else {
            b.add("SEEING", 1.2, "seeing (arcsec)");
        }
        return b.build();
    }

    /** Writes one chip file of {@code reads} 8x4 reads. */
    static Path write(Path root, ExposureKey key, Header primary, int reads) throws DrpException {
        Path file = ApogeeRawName.of(key).path(root);
        Ramp ramp = Ramp.zeros(8, 4, reads, READ_TIME);
        LocalDateTime start = LocalDateTime.parse(primary.getString("DATE-OBS").orElseThrow());
        List<Header> readHeaders = new ArrayList<>();
        for (int k = 0; k < reads; k++) {
            readHeaders.add(Header.builder()
                    .add("DATE-OBS", ISO.format(start.plusNanos(Math.round(k * READ_TIME * 1e9))), "read start")
                    .add("INTOFF", READ_TIME * 1000, "ms between reads").build());
        }
        ApzEncoder.write(file, primary, readHeaders, ramp, false);
        return file;
    }

    /** Rewrites a file's bytes with a later modification time (a changed file of the same size). */
    static void touch(Path file) throws IOException {
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(file).toMillis() + 60_000));
    }
}
