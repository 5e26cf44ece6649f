package org.drpkit.fits;

import java.nio.file.Path;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Mask;
import org.drpkit.core.trace.ProfileShape;
import org.drpkit.core.trace.TraceStatus;
import org.drpkit.core.trace.Traces;

/**
 * Trace products: {@link Traces} as a FITS file with named extensions, and back.
 *
 * <table>
 *   <caption>Layout</caption>
 *   <tr><th>HDU</th><th>content</th></tr>
 *   <tr><td>primary</td><td>the caller's cards, then {@code CHIP}, {@code NTRACE}, {@code XMIN}, {@code XMAX}
 *       (first and last traced column, 0-based), {@code GHH3}, {@code GHH3X}, {@code GHH3Y}, {@code GHH4},
 *       {@code GHH4X}, {@code GHH4Y} (the profile shape)</td></tr>
 *   <tr><td>{@code CENTRE}</td><td>float64, NAXIS1 = columns, NAXIS2 = traces: centre y, pixels, 0-based</td></tr>
 *   <tr><td>{@code SIGMA}</td><td>float64, same shape: rms width, pixels</td></tr>
 *   <tr><td>{@code HEIGHT}</td><td>float64, same shape: the flat's integrated flux per column</td></tr>
 *   <tr><td>{@code FIBRE}</td><td>int32, NAXIS1 = traces, NAXIS2 = 2: fibre number (row 1), status (row 2:
 *       0 live, 1 dead)</td></tr>
 * </table>
 *
 * <pre>{@code
 * TraceFiles.write(Path.of("traces.fits"), Header.empty(), traces, false);
 * Traces t = TraceFiles.read(Path.of("traces.fits"));
 * }</pre>
 */
public final class TraceFiles {

    /** Extension names. */
    public static final String CENTRE = "CENTRE";
    /** Width extension. */
    public static final String SIGMA = "SIGMA";
    /** Height extension. */
    public static final String HEIGHT = "HEIGHT";
    /** Fibre number and status extension. */
    public static final String FIBRE = "FIBRE";

    private TraceFiles() {
    }

    /**
     * Writes traces atomically (nothing is left behind on failure).
     *
     * @param primary   cards for the primary header (e.g. the flat's identity); not modified
     * @param overwrite replace an existing file
     * @throws DrpException {@code OUTPUT_EXISTS} or {@code WRITE_FAILED}
     */
    public static void write(Path target, Header primary, Traces t, boolean overwrite) throws DrpException {
        ProfileShape s = t.shape();
        Header h = primary.toBuilder().add("CHIP", t.chip(), "chip traced")
                .add("NTRACE", (long) t.count(), "number of traces")
                .add("XMIN", (long) t.x0(), "first traced column (0-based)")
                .add("XMAX", (long) (t.x1() - 1), "last traced column (0-based)")
                .add("GHH3", s.h3(), "Gauss-Hermite h3 at the origin").add("GHH3X", s.h3x(), "h3 per 1000 columns")
                .add("GHH3Y", s.h3y(), "h3 per 1000 rows").add("GHH4", s.h4(), "Gauss-Hermite h4 at the origin")
                .add("GHH4X", s.h4x(), "h4 per 1000 columns").add("GHH4Y", s.h4y(), "h4 per 1000 rows").build();
        int n = t.count();
        int[] fib = new int[2 * n];
        for (int i = 0; i < n; i++) {
            fib[i] = t.fibres()[i];
            fib[n + i] = t.status()[i] == TraceStatus.DEAD ? 1 : 0;
        }
        Header px = Header.builder().add("BUNIT", "pixel").build();
        FitsWriter.create().primary(h)
                .doubleImage(CENTRE, px, t.columns(), n, t.centre())
                .doubleImage(SIGMA, px, t.columns(), n, t.sigma())
                .doubleImage(HEIGHT, Header.empty(), t.columns(), n, t.height())
                .mask(FIBRE, Header.empty(), Mask.of(n, 2, fib))
                .write(target, overwrite);
    }

    /**
     * Reads traces written by {@link #write}.
     *
     * @throws DrpException {@code FITS_NO_SUCH_HDU} for a missing extension, {@code HEADER_MISSING_KEYWORD} (or
     *                      another header code) for a missing or mistyped keyword, {@code FITS_WRONG_DATA} when
     *                      shapes disagree, the column range is impossible, a status is unknown, or a live trace has
     *                      a non-finite centre or a non-positive width inside its column range; plus the reader's
     *                      codes for unreadable files
     */
    public static Traces read(Path path) throws DrpException {
        try (FitsReader r = FitsReader.open(path)) {
            Header h = r.headers().get(0);
            String chip = h.requireString("CHIP");
            int n = h.requireInt("NTRACE");
            int x0 = h.requireInt("XMIN");
            int x1 = h.requireInt("XMAX") + 1;
            ProfileShape shape = new ProfileShape(h.requireDouble("GHH3"), h.requireDouble("GHH3X"),
                    h.requireDouble("GHH3Y"), h.requireDouble("GHH4"), h.requireDouble("GHH4X"),
                    h.requireDouble("GHH4Y"));
            HduInfo ch = r.hdu(CENTRE);
            long columns = ch.axis(1);
            Location at = Location.file(path.toString());
            if (ch.naxis() != 2 || ch.axis(2) != n || columns < 1 || x0 < 0 || x1 > columns || x0 >= x1) {
                throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, at.hdu(ch.index()), "CENTRE is "
                        + ch.axis(1) + "x" + ch.axis(2) + " for NTRACE " + n + " and columns " + x0 + ".." + (x1 - 1));
            }
            double[] centre = r.readDoubles(CENTRE);
            double[] sigma = sameShape(r, SIGMA, (int) columns, n, at);
            double[] height = sameShape(r, HEIGHT, (int) columns, n, at);
            HduInfo fh = r.hdu(FIBRE);
            Mask fib = r.readMask(FIBRE);
            if (fib.width() != n || fib.height() != 2) {
                throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, at.hdu(fh.index()), "FIBRE is " + fib.width()
                        + "x" + fib.height() + ", expected " + n + "x2");
            }
            int[] fibres = new int[n];
            TraceStatus[] status = new TraceStatus[n];
            for (int i = 0; i < n; i++) {
                fibres[i] = fib.get(i, 0);
                int s = fib.get(i, 1);
                if (s != 0 && s != 1) {
                    throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, at.hdu(fh.index()), "trace " + i
                            + " has status " + s + " (0 live, 1 dead)");
                }
                status[i] = s == 0 ? TraceStatus.LIVE : TraceStatus.DEAD;
                if (s != 0) {
                    continue;
                }
                for (int x = x0; x < x1; x++) {
                    int k = (int) (i * columns + x);
                    if (!Double.isFinite(centre[k]) || !(sigma[k] > 0) || !Double.isFinite(sigma[k])) {
                        throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, at.hdu(ch.index()), "live trace " + i
                                + " (fibre " + fibres[i] + ") has centre " + centre[k] + " and width " + sigma[k]
                                + " at column " + x);
                    }
                }
            }
            return new Traces(chip, (int) columns, x0, x1, fibres, status, centre, sigma, height, shape);
        }
    }

    private static double[] sameShape(FitsReader r, String name, int columns, int n, Location at)
            throws DrpException {
        HduInfo hd = r.hdu(name);
        if (hd.naxis() != 2 || hd.axis(1) != columns || hd.axis(2) != n) {
            throw new DrpException(FitsErrorCode.FITS_WRONG_DATA, at.hdu(hd.index()), name + " is " + hd.axis(1)
                    + "x" + hd.axis(2) + ", CENTRE " + columns + "x" + n);
        }
        return r.readDoubles(name);
    }
}
