package org.drpkit.algorithms.ramp;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Header;

/**
 * The mid-exposure time of the reads a plan uses, in upstream's three variants, as MJD on the TAI scale (the scale of
 * APOGEE's DATE-OBS). With {@code t1} the start of the first used read, {@code tN} the start of the last read,
 * {@code dt} the read interval (INTOFF/1000 s), {@code n} the reads used and {@code N} the reads in the exposure:
 * <ul>
 *   <li>{@code old = t1 + 0.5 EXPTIME n / N};</li>
 *   <li>{@code rough = t1 + dt (0.5 + 0.5 (n - 1))};</li>
 *   <li>{@code precise = t1 + 0.5 dt + 0.5 (tN - t1)}, the one adopted.</li>
 * </ul>
 * Like upstream, the reads a pixel actually used (saturation) are not taken into account.
 *
 * <pre>{@code
 * MidExposure.Times t = MidExposure.fromHeaders(src.readHeaders(), src.primaryHeader(), plan);
 * t.precise();   // MJD (TAI)
 * }</pre>
 */
public final class MidExposure {

    private static final LocalDateTime MJD_ZERO = LocalDateTime.of(1858, 11, 17, 0, 0);

    private MidExposure() {
    }

    /**
     * @param old     t1 + 0.5 EXPTIME n/N, MJD (TAI)
     * @param rough   t1 + dt (0.5 + 0.5 (n - 1)), MJD (TAI)
     * @param precise t1 + 0.5 dt + 0.5 (tN - t1), MJD (TAI); the adopted mid-exposure time
     */
    public record Times(double old, double rough, double precise) {
    }

    /**
     * @param readStartMjd start of every read of the exposure, MJD. Not modified.
     * @param readInterval dt, seconds
     * @param exposureTime EXPTIME, seconds
     * @param plan         the reads used
     * @return the three mid-exposure times
     */
    public static Times compute(double[] readStartMjd, double readInterval, double exposureTime, ReadPlan plan) {
        if (readStartMjd.length != plan.totalReads()) {
            throw new IllegalArgumentException(readStartMjd.length + " read times for " + plan);
        }
        double t1 = readStartMjd[plan.firstRead()];
        double tn = readStartMjd[plan.lastRead()];
        double dt = readInterval / 86400.0;
        int n = plan.readsUsed();
        double old = t1 + 0.5 * exposureTime / 86400.0 * n / plan.totalReads();
        double rough = t1 + dt * (0.5 + 0.5 * (n - 1));
        double precise = t1 + 0.5 * dt + 0.5 * (tn - t1);
        return new Times(old, rough, precise);
    }

    /**
     * Reads DATE-OBS of every read header, INTOFF (ms) from the first read header and EXPTIME from the primary
     * (or, failing that, the last read) header.
     *
     * @param readHeaders one header per read. Not modified (headers are immutable).
     * @param primary     the exposure's primary header. Not modified.
     * @param plan        the reads used
     * @return the three mid-exposure times
     * @throws DrpException {@code RAMP_BAD_TIME} naming the header and keyword that is missing or unparsable
     */
    public static Times fromHeaders(List<Header> readHeaders, Header primary, ReadPlan plan) throws DrpException {
        double[] t = new double[readHeaders.size()];
        for (int k = 0; k < t.length; k++) {
            Header h = readHeaders.get(k);
            String s = h.getString("DATE-OBS").orElseThrow(() -> bad(h, "DATE-OBS", "is missing"));
            t[k] = mjd(s, h);
        }
        Header first = readHeaders.get(0);
        double intoff = first.getDouble("INTOFF").orElseThrow(() -> bad(first, "INTOFF", "is missing"));
        Header last = readHeaders.get(readHeaders.size() - 1);
        double exptime = primary.getDouble("EXPTIME").or(() -> last.getDouble("EXPTIME"))
                .orElseThrow(() -> bad(primary, "EXPTIME", "is missing"));
        return compute(t, intoff / 1000.0, exptime, plan);
    }

    /**
     * @param isoDateTime e.g. {@code 2024-03-01T04:05:06.789}, no zone (the scale is the caller's)
     * @return the MJD of that instant
     * @throws DrpException {@code RAMP_BAD_TIME} when it does not parse
     */
    public static double mjd(String isoDateTime, Header origin) throws DrpException {
        try {
            LocalDateTime t = LocalDateTime.parse(isoDateTime.trim());
            long days = ChronoUnit.DAYS.between(MJD_ZERO.toLocalDate(), t.toLocalDate());
            double sec = t.toLocalTime().toNanoOfDay() / 1e9;
            return days + sec / 86400.0;
        } catch (DateTimeParseException e) {
            throw bad(origin, "DATE-OBS", "'" + isoDateTime + "' is not an ISO date-time");
        }
    }

    private static DrpException bad(Header h, String key, String what) {
        Location where = h == null ? Location.ofKeyword(key) : h.origin().keyword(key);
        return new DrpException(RampErrorCode.RAMP_BAD_TIME, where, key + " " + what);
    }
}
