package org.drpkit.fits;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Ramp;
import org.drpkit.core.image.RampSource;
import org.drpkit.core.image.SizeGuard;

/**
 * Opens up-the-ramp files as a streaming {@link RampSource}: a caller reads row blocks across all reads and never
 * needs the whole cube.
 *
 * <p>Layouts ({@link Layout}), recognised from the HDUs that hold images, each plain or tile-compressed:
 * <ul>
 *   <li>{@code ONE_HDU_PER_READ}: one 2D image per read after an empty primary (the APOGEE raw layout, uint16 with
 *       BZERO 32768), also one compressed HDU per read;</li>
 *   <li>{@code CUBE}: a single 3D image whose NAXIS3 counts the reads;</li>
 *   <li>{@code APZ}: the APOGEE apz encoding (see {@link org.drpkit.fits.apz}): the mean increment {@code A}
 *       (int32), the first read (uint16), then {@code D_k - A} (int32) for reads 2..n; read k is rebuilt exactly
 *       as {@code R_1 + (k-1) A + sum of residuals 2..k}, one row block at a time.</li>
 * </ul>
 *
 * <p>Read times come from per-read {@code DATE-OBS} when every read has one (seconds from the first read),
 * else from {@code INTOFF} (milliseconds between reads) of the first read or the primary header, else 1 s spacing
 * (rates in DN/read do not depend on it). {@link Source#readHeaders()} exposes each read's header (its image view
 * when compressed) for callers that need more, e.g. mid-exposure times.
 *
 * <pre>{@code
 * try (FitsRamps.Source ramp = FitsRamps.open(Path.of("apR-a-40010012.apz"))) {
 *     float[][] block = new float[ramp.reads()][16 * ramp.width()];
 *     ramp.readRows(0, 16, block);
 * }
 * }</pre>
 */
public final class FitsRamps {

    /** How the reads of a ramp are stored. */
    public enum Layout {
        /** One 2D image HDU per read (plain or tile-compressed). */
        ONE_HDU_PER_READ,
        /** One 3D image HDU, NAXIS3 = reads. */
        CUBE,
        /** The APOGEE apz encoding: mean increment, first read, residual differences. */
        APZ
    }

    private FitsRamps() {
    }

    /**
     * Opens a ramp, recognising its layout.
     *
     * @throws DrpException {@code FITS_WRONG_DATA} when the file holds no ramp or reads differ in shape; the
     *                      errors of {@link FitsReader#open(Path)}
     */
    public static Source open(Path path) throws DrpException {
        return open(path, null, SizeGuard.defaultLimitBytes());
    }

    /**
     * Opens a ramp in a given layout (null: recognise it), with a size limit for single allocations (see
     * {@link FitsReader#open(Path, long)}).
     *
     * @throws DrpException {@code FITS_WRONG_DATA} when the file is not in that layout
     */
    public static Source open(Path path, Layout layout, long limitBytes) throws DrpException {
        FitsReader r = FitsReader.open(path, limitBytes);
        try {
            return new Source(r, layout);
        } catch (DrpException | RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /**
     * Returns per-read headers that let {@link FitsRamps} recover a ramp's read times: when the headers carry no
     * DATE-OBS on every read and no INTOFF, each gets {@code INTOFF} (milliseconds between reads).
     *
     * <pre>{@code
     * List<Header> hs = FitsRamps.timedHeaders(ramp, List.of());   // INTOFF = 10600.0 for 10.6 s reads
     * }</pre>
     *
     * @param readHeaders one header per read, or empty for none
     * @throws IllegalArgumentException when the counts differ, or the times are uneven and there is no DATE-OBS
     */
    public static List<Header> timedHeaders(Ramp ramp, List<Header> readHeaders) {
        int n = ramp.reads();
        if (!readHeaders.isEmpty() && readHeaders.size() != n) {
            throw new IllegalArgumentException(readHeaders.size() + " read headers for " + n + " reads");
        }
        List<Header> hs = new ArrayList<>();
        boolean dated = !readHeaders.isEmpty();
        for (int k = 0; k < n; k++) {
            Header h = readHeaders.isEmpty() ? Header.empty() : readHeaders.get(k);
            dated &= h.contains("DATE-OBS");
            hs.add(h);
        }
        if (dated || hs.get(0).contains("INTOFF")) {
            return hs;
        }
        List<Header> out = new ArrayList<>();
        for (Header h : hs) {
            out.add(h.contains("INTOFF") ? h : withIntoff(h, ramp.readTimes()));
        }
        return out;
    }

    /**
     * @return {@code h} with {@code INTOFF} (ms) describing evenly spaced read times
     * @throws IllegalArgumentException when the times are not evenly spaced
     */
    static Header withIntoff(Header h, double[] t) {
        double dt = t.length > 1 ? t[1] - t[0] : 1.0;
        for (int k = 1; k < t.length; k++) {
            if (Math.abs(t[k] - t[0] - k * dt) > 1e-9 * Math.max(1, Math.abs(t[k]))) {
                throw new IllegalArgumentException("read times are not evenly spaced, so INTOFF cannot describe them;"
                        + " give per-read DATE-OBS headers");
            }
        }
        return h.toBuilder().add("INTOFF", dt * 1000, "interval between reads [ms]").build();
    }

    /** A ramp read from a FITS file; thread-safe (positional reads, per-call work arrays). */
    public static final class Source implements RampSource {

        private final FitsReader reader;
        private final Layout layout;
        private final List<HduInfo> images;
        private final List<ImageData> data;
        private final int width;
        private final int height;
        private final int nreads;
        private final double[] times;

        Source(FitsReader reader, Layout wanted) throws DrpException {
            this.reader = reader;
            List<HduInfo> found = new ArrayList<>();
            List<ImageData> ds = new ArrayList<>();
            for (HduInfo h : reader.hdus()) {
                if (h.hasImage()) {
                    found.add(h);
                    ds.add(reader.imageData(h));
                }
            }
            if (found.isEmpty()) {
                throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, reader.where(reader.hdu(0)),
                        "no image HDU: not a ramp");
            }
            images = List.copyOf(found);
            data = List.copyOf(ds);
            int[] s = new int[] {data.get(0).width(), data.get(0).height()};
            width = s[0];
            height = s[1];
            Layout detected = found.size() == 1 && found.get(0).imageHeader().getInt("NAXIS").orElse(0) == 3
                    ? Layout.CUBE : isApz() ? Layout.APZ : Layout.ONE_HDU_PER_READ;
            layout = wanted == null ? detected : wanted;
            if (layout != detected && !(layout == Layout.ONE_HDU_PER_READ && detected == Layout.APZ)) {
                throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, reader.where(found.get(0)),
                        "the file is not a " + layout + " ramp (its images look like " + detected + ")");
            }
            if (layout == Layout.CUBE) {
                reader.shape2d(found.get(0));
                long planes = data.get(0).planes();
                if (planes > Integer.MAX_VALUE) {
                    throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, reader.where(found.get(0)).keyword("NAXIS3"),
                            "too many reads: " + planes);
                }
                nreads = (int) planes;
            } else {
                Header first = found.get(0).imageHeader();
                for (int k = 0; k < found.size(); k++) {
                    HduInfo h = found.get(k);
                    ImageData d = data.get(k);
                    reader.shape2d(h);
                    if (d.width() != width || d.height() != height || d.planes() != 1) {
                        throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, reader.where(h).keyword(
                                d.compressed() ? "ZNAXIS1" : "NAXIS1"), "read is " + d.width() + "x" + d.height()
                                + "x" + d.planes() + ", the first is " + width + "x" + height);
                    }
                    Header ih = h.imageHeader();
                    if (layout == Layout.ONE_HDU_PER_READ && !sameType(first, ih)) {
                        throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, reader.where(h).keyword("BITPIX"),
                                "read is BITPIX " + ih.getInt("BITPIX").orElse(0) + " BZERO "
                                        + ih.getDouble("BZERO").orElse(0.0) + ", the first is BITPIX "
                                        + first.getInt("BITPIX").orElse(0) + " BZERO " + first.getDouble("BZERO")
                                        .orElse(0.0) + ": not the reads of one ramp");
                    }
                }
                nreads = layout == Layout.APZ ? found.size() - 1 : found.size();
            }
            if (nreads == 0 || width == 0 || height == 0) {
                HduInfo first = found.get(0);
                String k = data.get(0).compressed() ? "ZNAXIS" : "NAXIS";
                throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, reader.where(first).keyword(
                        nreads == 0 ? k + "3" : width == 0 ? k + "1" : k + "2"),
                        "the ramp has no pixels: " + width + "x" + height + " x " + nreads + " reads");
            }
            // read times and per-read headers: one double and one reference per read
            SizeGuard.requireWithin(16L * nreads, reader.limitBytes(), reader.where(found.get(0)).keyword(
                    data.get(0).compressed() ? "ZNAXIS3" : "NAXIS3"));
            times = timesFromHeaders();
        }

        private static boolean sameType(Header a, Header b) {
            return a.getInt("BITPIX").equals(b.getInt("BITPIX"))
                    && a.getDouble("BZERO").orElse(0.0).equals(b.getDouble("BZERO").orElse(0.0))
                    && a.getDouble("BSCALE").orElse(1.0).equals(b.getDouble("BSCALE").orElse(1.0));
        }

        /** apz: A (int32), the first read (uint16), then int32 residuals; all plain 2D integers. */
        private boolean isApz() {
            if (images.size() < 3) {
                return false;
            }
            for (int k = 0; k < images.size(); k++) {
                Header h = images.get(k).imageHeader();
                int bitpix = h.getInt("BITPIX").orElse(0);
                double bzero = h.getDouble("BZERO").orElse(0.0);
                double bscale = h.getDouble("BSCALE").orElse(1.0);
                boolean ok = k == 1 ? bitpix == 16 && bzero == 32768 : bitpix == 32 && bzero == 0;
                if (!ok || bscale != 1 || h.getInt("NAXIS").orElse(0) != 2) {
                    return false;
                }
            }
            return true;
        }

        /** @return the layout the file uses */
        public Layout layout() {
            return layout;
        }

        /** @return true when the reads are tile-compressed */
        public boolean compressed() {
            return data.get(0).compressed();
        }

        /**
         * @return the header of each read: its image header (the uncompressed view of a compressed HDU); for a cube,
         *         the cube's header once per read
         */
        public List<Header> readHeaders() {
            List<Header> out = new ArrayList<>();
            for (int k = 0; k < nreads; k++) {
                out.add(images.get(layout == Layout.CUBE ? 0 : layout == Layout.APZ ? k + 1 : k).imageHeader());
            }
            return out;
        }

        /**
         * @return the exposure's primary header: for apz the header stored with the mean increment (the original
         *         primary), for an fpacked primary image its image view, else HDU 0
         */
        public Header primaryHeader() {
            HduInfo first = images.get(0);
            if (layout == Layout.APZ || first.index() == 0 || first.imageHeader().contains("SIMPLE")) {
                return first.imageHeader();
            }
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

        /** @return false: the reads stay in the file and are decoded one row block at a time by {@link #readRows} */
        @Override
        public boolean holdsPlanes() {
            return false;
        }

        /**
         * Decodes rows {@code y0 .. y0+rows-1} of every read; thread-safe.
         *
         * @param dest Modified: {@code dest[k][r * width() + x]} receives read k, pixel (x, y0 + r), in DN
         */
        @Override
        public void readRows(int y0, int rows, float[][] dest) throws DrpException {
            if (y0 < 0 || rows < 0 || (long) y0 + rows > height) {
                throw new IndexOutOfBoundsException("rows " + y0 + "+" + rows + " outside 0.." + height);
            }
            if (dest.length < nreads) {
                throw new IllegalArgumentException(dest.length + " destination arrays for " + nreads + " reads");
            }
            readRows(y0, rows, dest, 0, new Scratch());
        }

        private void readRows(int y0, int rows, float[][] dest, int off, Scratch s) throws DrpException {
            switch (layout) {
                case CUBE -> {
                    for (int k = 0; k < nreads; k++) {
                        data.get(0).readRows(k, y0, rows, dest[k], off, s);
                    }
                }
                case ONE_HDU_PER_READ -> {
                    for (int k = 0; k < nreads; k++) {
                        data.get(k).readRows(0, y0, rows, dest[k], off, s);
                    }
                }
                case APZ -> readApz(y0, rows, dest, off, s);
                default -> throw new IllegalStateException(layout.toString());
            }
        }

        /** cube[1] = R1; cube[k] = cube[k-1] + A + resid_k, in exact integer arithmetic per row block. */
        private void readApz(int y0, int rows, float[][] dest, int off, Scratch s) throws DrpException {
            int n = rows * width;
            int[] mean = new int[n];
            int[] acc = new int[n];
            int[] resid = new int[n];
            data.get(0).readRowsInt(0, y0, rows, mean, 0, s);
            data.get(1).readRowsInt(0, y0, rows, acc, 0, s);
            float[] d0 = dest[0];
            for (int i = 0; i < n; i++) {
                d0[off + i] = acc[i];
            }
            for (int k = 1; k < nreads; k++) {
                data.get(k + 1).readRowsInt(0, y0, rows, resid, 0, s);
                float[] dk = dest[k];
                for (int i = 0; i < n; i++) {
                    int v = acc[i] + mean[i] + resid[i];
                    acc[i] = v;
                    dk[off + i] = v;
                }
            }
        }

        /**
         * Reads the whole ramp into memory.
         *
         * <pre>{@code
         * Ramp r = FitsRamps.open(path).readAll();
         * }</pre>
         *
         * @throws DrpException {@code SIZE_LIMIT_EXCEEDED} when the cube is larger than the reader's limit
         */
        public Ramp readAll() throws DrpException {
            int n = reader.shape2d(images.get(0))[0] * height;
            SizeGuard.requireWithin(4L * n * nreads, reader.limitBytes(), reader.where(images.get(0)).keyword(
                    compressed() ? "ZNAXIS2" : "NAXIS2"));
            float[][] planes = new float[nreads][n];
            Scratch s = new Scratch();
            int block = Math.max(1, Math.min(height, (1 << 20) / Math.max(1, width)));
            for (int y = 0; y < height; y += block) {
                readRows(y, Math.min(block, height - y), planes, y * width, s);
            }
            return Ramp.of(width, height, times, planes);
        }

        @Override
        public void close() {
            reader.close();
        }

        private double[] timesFromHeaders() {
            double[] t = new double[nreads];
            List<Header> hs = readHeaders();
            if (layout != Layout.CUBE) {
                LocalDateTime t0 = null;
                boolean ok = true;
                for (int k = 0; k < nreads && ok; k++) {
                    try {
                        LocalDateTime tk = LocalDateTime.parse(hs.get(k).getString("DATE-OBS").orElse("").trim());
                        if (t0 == null) {
                            t0 = tk;
                        }
                        Duration d = Duration.between(t0, tk); // seconds and nanos: no overflow over centuries
                        t[k] = d.getSeconds() + d.getNano() / 1e9;
                        ok = k == 0 || t[k] > t[k - 1];
                    } catch (DateTimeParseException e) {
                        ok = false; // no usable DATE-OBS: fall back to INTOFF
                    }
                }
                if (ok) {
                    return t;
                }
            }
            double dt = hs.get(0).getDouble("INTOFF").or(() -> primaryHeader().getDouble("INTOFF"))
                    .map(ms -> ms / 1000.0).filter(v -> v > 0).orElse(1.0);
            for (int k = 0; k < nreads; k++) {
                t[k] = k * dt;
            }
            return t;
        }

        @Override
        public String toString() {
            return "FitsRamp[" + reader.path() + ", " + width + "x" + height + " x " + nreads + " reads, " + layout
                    + (compressed() ? ", tile-compressed" : "") + "]";
        }
    }
}
