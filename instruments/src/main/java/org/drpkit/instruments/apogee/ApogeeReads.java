package org.drpkit.instruments.apogee;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Header;

/**
 * The read timing of one APOGEE raw exposure, from its per-read headers (apogee-drp 1.2 and 2.2): each read's
 * DATE-OBS (read start, TAI) as MJD, the read interval INTOFF (ms, given here in s) and EXPTIME.
 *
 * <p>An fpacked {@code .apz} file read by a FITS library has an empty primary, the mean increment in HDU 1 and read
 * k in HDU k + 1, so it holds {@code HDUs - 2} reads; an unpacked multi-extension raw file holds read k in HDU k,
 * {@code HDUs - 1} reads.
 *
 * <pre>{@code
 * ApogeeReads r = ApogeeReads.of(hdus, true);   // fpacked apz
 * r.nread();               // 47
 * r.intervalSeconds();     // 10.647
 * }</pre>
 *
 * @param nread           number of reads
 * @param intervalSeconds the read interval INTOFF, s (NaN when no header gives it)
 * @param startMjd        each read's start, MJD on the TAI scale (index 0 = read 1)
 * @param exptimeSeconds  EXPTIME of the last read, s (NaN when absent)
 */
public record ApogeeReads(int nread, double intervalSeconds, double[] startMjd, double exptimeSeconds) {

    private static final LocalDate MJD_ZERO = LocalDate.of(1858, 11, 17);

    /** Copies the array. */
    public ApogeeReads {
        startMjd = startMjd.clone();
        if (startMjd.length != nread) {
            throw new IllegalArgumentException(nread + " reads but " + startMjd.length + " start times");
        }
    }

    @Override
    public double[] startMjd() {
        return startMjd.clone();
    }

    /**
     * @param hdus       the headers of every HDU, primary first
     * @param compressed true for an fpacked {@code .apz} (reads from HDU 2), false for an unpacked raw (from HDU 1)
     * @return the timing
     * @throws DrpException {@code APOGEE_READ_HEADER_INVALID} naming the HDU and keyword of a missing or bad value
     */
    public static ApogeeReads of(List<Header> hdus, boolean compressed) throws DrpException {
        int first = compressed ? 2 : 1;
        int n = Math.max(0, hdus.size() - first);
        double[] mjd = new double[n];
        double interval = Double.NaN;
        double exptime = Double.NaN;
        for (int k = 0; k < n; k++) {
            Header h = hdus.get(first + k);
            Location at = h.origin().hdu(first + k);
            int read = k + 1;
            String date = h.getString("DATE-OBS").map(String::trim).orElseThrow(() -> new DrpException(
                    ApogeeErrorCode.APOGEE_READ_HEADER_INVALID, at.keyword("DATE-OBS"), "read " + read
                            + " has no DATE-OBS"));
            mjd[k] = mjd(date).orElseThrow(() -> new DrpException(ApogeeErrorCode.APOGEE_READ_HEADER_INVALID,
                    at.keyword("DATE-OBS"), "'" + date + "' is not an ISO date-time"));
            Optional<Double> intoff = h.getDouble("INTOFF");
            if (intoff.isPresent() && Double.isNaN(interval)) {
                interval = intoff.get() / 1000.0;
            }
            exptime = h.getDouble("EXPTIME").orElse(exptime);
        }
        if (Double.isNaN(interval) && !hdus.isEmpty()) {
            interval = hdus.get(Math.min(first - 1, hdus.size() - 1)).getDouble("INTOFF").map(v -> v / 1000.0)
                    .orElse(Double.NaN);
        }
        return new ApogeeReads(n, interval, mjd, exptime);
    }

    /** @return an ISO date-time ({@code YYYY-MM-DDTHH:MM:SS[.fff]}) as MJD on the same time scale */
    public static Optional<Double> mjd(String isoDateTime) {
        try {
            LocalDateTime t = LocalDateTime.parse(isoDateTime.trim());
            double days = ChronoUnit.DAYS.between(MJD_ZERO, t.toLocalDate());
            return Optional.of(days + t.toLocalTime().toNanoOfDay() / 86_400e9);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApogeeReads r && r.nread == nread && Double.compare(r.intervalSeconds, intervalSeconds) == 0
                && Arrays.equals(r.startMjd, startMjd) && Double.compare(r.exptimeSeconds, exptimeSeconds) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(startMjd) + nread;
    }

    @Override
    public String toString() {
        return "ApogeeReads[" + nread + " reads, interval " + intervalSeconds + " s, first MJD "
                + (nread > 0 ? startMjd[0] : Double.NaN) + ", EXPTIME " + exptimeSeconds + " s]";
    }
}
