package org.drpkit.fits;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.RampSource;

/**
 * Opens up-the-ramp files as a streaming {@link RampSource}.
 *
 * <p>Layouts recognised: (a) one 2D image HDU per read after an empty primary (the APOGEE raw layout, uint16 with
 * BZERO 32768); (b) a single 3D image whose NAXIS3 counts the reads. Read times come from per-read
 * {@code DATE-OBS} when every read has one, else from {@code INTOFF} (milliseconds between reads), else 1 s
 * spacing (rates in DN/read do not depend on it).
 *
 * <pre>{@code
 * try (FitsRamps.Source ramp = FitsRamps.open(Path.of("apR-a-40010012.fits"))) {
 *     float[][] block = new float[ramp.reads()][16 * ramp.width()];
 *     ramp.readRows(0, 16, block);
 * }
 * }</pre>
 */
public final class FitsRamps {

    private FitsRamps() {
    }

    /**
     * @throws DrpException {@code FITS_WRONG_DATA} when the file is neither layout, or reads differ in shape
     */
    public static Source open(Path path) throws DrpException {
        FitsReader r = FitsReader.open(path);
        try {
            return new Source(r);
        } catch (DrpException | RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /** A ramp read from a FITS file; thread-safe (positional reads). */
    public static final class Source implements RampSource {

        private final FitsReader reader;
        private final List<HduInfo> reads;
        private final boolean cube;
        private final int width;
        private final int height;
        private final int nreads;
        private final double[] times;

        Source(FitsReader reader) throws DrpException {
            this.reader = reader;
            List<HduInfo> images = new ArrayList<>();
            for (HduInfo h : reader.hdus()) {
                if (h.isImage()) {
                    images.add(h);
                }
            }
            if (images.isEmpty()) {
                throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, reader.where(reader.hdu(0)),
                        "no image HDU: not a ramp");
            }
            HduInfo first = images.get(0);
            int[] s = reader.shape2d(first);
            width = s[0];
            height = s[1];
            if (images.size() == 1 && first.naxis() == 3) {
                cube = true;
                nreads = (int) first.axis(3);
                reads = List.of(first);
            } else {
                cube = false;
                for (HduInfo h : images) {
                    int[] t = reader.shape2d(h);
                    if (t[0] != width || t[1] != height || FitsReader.planes(h) != 1) {
                        throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, reader.where(h).keyword("NAXIS1"),
                                "read is " + t[0] + "x" + t[1] + ", the first read is " + width + "x" + height);
                    }
                }
                nreads = images.size();
                reads = List.copyOf(images);
            }
            times = timesFromHeaders();
        }

        /** @return the header of each read (for a cube, the cube's header once per read) */
        public List<Header> readHeaders() {
            List<Header> out = new ArrayList<>();
            for (int k = 0; k < nreads; k++) {
                out.add(reads.get(cube ? 0 : k).header());
            }
            return out;
        }

        /** @return the primary header */
        public Header primaryHeader() {
            return reader.hdus().get(0).header();
        }

        @Override
        public int width() {
            return width;
        }

        @Override
        public int height() {
            return height;
        }

        @Override
        public int reads() {
            return nreads;
        }

        @Override
        public double[] readTimes() {
            return times.clone();
        }

        @Override
        public void readRows(int y0, int rows, float[][] dest) throws DrpException {
            for (int k = 0; k < nreads; k++) {
                reader.readRows(reads.get(cube ? 0 : k), cube ? k : 0, y0, rows, dest[k], 0);
            }
        }

        @Override
        public void close() {
            reader.close();
        }

        private double[] timesFromHeaders() {
            double[] t = new double[nreads];
            List<Header> hs = readHeaders();
            if (!cube) {
                LocalDateTime t0 = null;
                boolean ok = true;
                for (int k = 0; k < nreads && ok; k++) {
                    try {
                        LocalDateTime tk = LocalDateTime.parse(hs.get(k).getString("DATE-OBS").orElse("").trim());
                        if (t0 == null) {
                            t0 = tk;
                        }
                        t[k] = java.time.Duration.between(t0, tk).toNanos() / 1e9;
                        ok = k == 0 || t[k] > t[k - 1];
                    } catch (DateTimeParseException e) {
                        ok = false; // no usable DATE-OBS: fall back to INTOFF
                    }
                }
                if (ok) {
                    return t;
                }
            }
            double dt = hs.get(0).getDouble("INTOFF").map(ms -> ms / 1000.0).filter(v -> v > 0).orElse(1.0);
            for (int k = 0; k < nreads; k++) {
                t[k] = k * dt;
            }
            return t;
        }

        @Override
        public String toString() {
            return "FitsRamp[" + reader.path() + ", " + width + "x" + height + " x " + nreads + " reads"
                    + (cube ? ", 3D cube" : ", one HDU per read") + "]";
        }
    }
}
