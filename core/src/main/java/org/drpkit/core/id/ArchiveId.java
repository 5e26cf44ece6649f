package org.drpkit.core.id;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;

/**
 * A dated archive id of one file: {@code PREFIX.YYYYMMDD.SSSSS.hh} plus an optional suffix (the form an
 * observatory archive gives its raw files; the Keck plugins make them).
 *
 * <p>PREFIX is two characters naming instrument and camera ({@code KB}, {@code N2}, ...); YYYYMMDD is the UT
 * date of observation; SSSSS the UT seconds of the day, zero-padded; hh two digits after the seconds. Legacy
 * ids have no {@code .hh} part. Suffixes such as {@code _unp} (unprocessed cubes) or {@code _CAMNAME} (guiders)
 * follow the id. How hh is derived from a UTC string is instrument-side policy (it lives with the plugins that make
 * the ids); this type only holds and checks the parts.
 *
 * <pre>{@code
 * ArchiveId id = ArchiveId.parse("KB.20190509.07554.57");
 * id.seconds();          // 7554
 * id.fileName();         // "KB.20190509.07554.57.fits"
 * id.withSuffix("_unp"); // KB.20190509.07554.57_unp
 * }</pre>
 *
 * @param prefix     two characters, an upper-case letter then an upper-case letter or digit
 * @param date       the UT date
 * @param seconds    UT seconds of the day, 0..86400 (86400 only for a leap second)
 * @param hundredths the two-digit fraction 0..99, or -1 for a legacy id without one
 * @param suffix     {@code ""} or an underscore followed by letters, digits or hyphens
 */
public record ArchiveId(String prefix, LocalDate date, int seconds, int hundredths, String suffix) {

    private static final Pattern PREFIX = Pattern.compile("[A-Z][A-Z0-9]");
    private static final Pattern SUFFIX = Pattern.compile("(_[A-Za-z0-9-]+)?");
    private static final Pattern TEXT = Pattern.compile(
            "([A-Z][A-Z0-9])\\.(\\d{8})\\.(\\d{5})(?:\\.(\\d{2}))?((?:_[A-Za-z0-9-]+)?)");
    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

    /** Validates every part. */
    public ArchiveId {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("prefix must be two characters [A-Z][A-Z0-9]: " + prefix);
        }
        Objects.requireNonNull(date, "date");
        if (date.getYear() < 1000 || date.getYear() > 9999) {
            throw new IllegalArgumentException("year must have 4 digits: " + date);
        }
        if (seconds < 0 || seconds > 86400) {
            throw new IllegalArgumentException("seconds of day must be 0..86400: " + seconds);
        }
        if (hundredths < -1 || hundredths > 99) {
            throw new IllegalArgumentException("hundredths must be 0..99, or -1 for a legacy id: " + hundredths);
        }
        suffix = suffix == null ? "" : suffix;
        if (!SUFFIX.matcher(suffix).matches()) {
            throw new IllegalArgumentException("suffix must be empty or _ followed by letters/digits: " + suffix);
        }
    }

    /** @return an id with hundredths and no suffix */
    public static ArchiveId of(String prefix, LocalDate date, int seconds, int hundredths) {
        return new ArchiveId(prefix, date, seconds, hundredths, "");
    }

    /** @return a legacy id without hundredths */
    public static ArchiveId legacy(String prefix, LocalDate date, int seconds) {
        return new ArchiveId(prefix, date, seconds, -1, "");
    }

    /**
     * Parses {@code PREFIX.YYYYMMDD.SSSSS.hh[_suffix]} or the legacy {@code PREFIX.YYYYMMDD.SSSSS[_suffix]}.
     *
     * @throws DrpException {@code ARCHIVE_ID_INVALID} with the reason
     */
    public static ArchiveId parse(String text) throws DrpException {
        String t = text == null ? "" : text.trim();
        Matcher m = TEXT.matcher(t);
        if (!m.matches()) {
            throw invalid(text, "expected PREFIX.YYYYMMDD.SSSSS.hh with an optional _suffix");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(m.group(2), BASIC);
        } catch (DateTimeException e) {
            throw invalid(text, "'" + m.group(2) + "' is not a calendar date");
        }
        int sec = Integer.parseInt(m.group(3));
        if (sec > 86400) {
            throw invalid(text, "seconds of day " + sec + " beyond 86400");
        }
        int hh = m.group(4) == null ? -1 : Integer.parseInt(m.group(4));
        return new ArchiveId(m.group(1), date, sec, hh, m.group(5));
    }

    /**
     * Parses a file name: the id followed by {@code .fits} (or {@code .fits.gz}).
     *
     * @throws DrpException {@code ARCHIVE_ID_INVALID}
     */
    public static ArchiveId parseFileName(String name) throws DrpException {
        String t = name == null ? "" : name.trim();
        if (t.endsWith(".fits.gz")) {
            t = t.substring(0, t.length() - 8);
        } else if (t.endsWith(".fits")) {
            t = t.substring(0, t.length() - 5);
        } else {
            throw invalid(name, "file name does not end in .fits");
        }
        return parse(t);
    }

    /** @return true when {@link #parse} would accept the text */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (DrpException e) {
            return false;
        }
    }

    /** @return true for an id without hundredths */
    public boolean isLegacy() {
        return hundredths < 0;
    }

    /** @return the same id with another suffix ({@code ""} removes it) */
    public ArchiveId withSuffix(String newSuffix) {
        return new ArchiveId(prefix, date, seconds, hundredths, newSuffix);
    }

    /** @return the same id with other hundredths (used to repair a collision) */
    public ArchiveId withHundredths(int newHundredths) {
        return new ArchiveId(prefix, date, seconds, newHundredths, suffix);
    }

    /** @return the date as {@code YYYYMMDD}, the night folder name */
    public String dateText() {
        return date.format(BASIC);
    }

    /** @return the UT time the id encodes, to the hundredth of a second */
    public LocalDateTime utc() {
        long nanos = Math.max(0, hundredths) * 10_000_000L;
        return date.atStartOfDay().plusSeconds(seconds).plusNanos(nanos);
    }

    /** @return the id followed by {@code .fits}, the name of the archived file */
    public String fileName() {
        return this + ".fits";
    }

    @Override
    public String toString() {
        String base = prefix + "." + dateText() + "." + String.format("%05d", seconds);
        return (hundredths < 0 ? base : base + "." + String.format("%02d", hundredths)) + suffix;
    }

    private static DrpException invalid(String text, String why) {
        return new DrpException(CoreErrorCode.ARCHIVE_ID_INVALID, Location.NOWHERE, "'" + text + "': " + why);
    }
}
