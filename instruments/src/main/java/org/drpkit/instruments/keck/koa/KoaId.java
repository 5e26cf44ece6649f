package org.drpkit.instruments.keck.koa;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Header;
import org.drpkit.core.id.ArchiveId;

/**
 * The archive id formula (koa-dep section 3.4): {@code PREFIX.YYYYMMDD.SSSSS.hh} from a prefix, DATE-OBS and UTC.
 *
 * <p><b>Hundredths (an archive quirk, replicated).</b> The archive takes the first two characters of the decimal string of
 * the UTC's microsecond integer, zero-padded on the left to two. This is right for fractions of at least 0.10 s
 * and for 0, but {@code .05}, {@code .005} and {@code .5} all give {@code 50}, and {@code .099} gives {@code 99}.
 * Existing ids were built that way (a real NIRC2 frame at UT 16:58:35.05 is archived as
 * {@code N2.20220619.61115.50}), so drpkit reproduces it to re-derive them.
 *
 * <p><b>Whole seconds (an archive quirk, fixed).</b> A UTC without a fraction counts as {@code .00}; the archive could not
 * build an id from it. A fraction longer than six digits is cut to microseconds (the archive's parser rejects it).
 *
 * <pre>{@code
 * KoaId.make("KB", "2019-05-09", "02:05:54.57");   // KB.20190509.07554.57
 * KoaId.hundredths("05");                           // 50 (Q1)
 * }</pre>
 */
public final class KoaId {

    private static final Pattern UTC = Pattern.compile("(\\d\\d):(\\d\\d):(\\d\\d)(?:\\.(\\d*))?");
    private static final Pattern DATE = Pattern.compile("\\d{8}");

    private KoaId() {
    }

    /**
     * @param prefix  the two-character prefix ({@code KB}, {@code N2}, ...)
     * @param dateObs DATE-OBS as {@code YYYY-MM-DD} (separators {@code -} and {@code /} are removed)
     * @param utc     UTC as {@code HH:MM:SS[.ffffff]}; the first such group in the text is used
     * @return the id, without suffix
     * @throws DrpException {@code KOAID_CREATE_FAIL} naming DATE-OBS or UTC when either cannot be read
     */
    public static ArchiveId make(String prefix, String dateObs, String utc) throws DrpException {
        return make(prefix, dateObs, utc, Location.NOWHERE);
    }

    /**
     * As {@link #make(String, String, String)}, with errors located in {@code where} (file and HDU).
     *
     * @throws DrpException {@code KOAID_CREATE_FAIL}
     */
    public static ArchiveId make(String prefix, String dateObs, String utc, Location where) throws DrpException {
        String d = dateObs == null ? "" : dateObs.trim().replace("-", "").replace("/", "");
        if (d.length() > 8) {
            d = d.substring(0, 8);
        }
        if (!DATE.matcher(d).matches()) {
            throw fail(where, "DATE-OBS", "'" + dateObs + "' is not a YYYY-MM-DD date");
        }
        LocalDate date;
        try {
            date = LocalDate.of(Integer.parseInt(d.substring(0, 4)), Integer.parseInt(d.substring(4, 6)),
                    Integer.parseInt(d.substring(6, 8)));
        } catch (DateTimeException e) {
            throw fail(where, "DATE-OBS", "'" + dateObs + "' is not a calendar date");
        }
        if (date.getYear() < 1000) {
            throw fail(where, "DATE-OBS", "'" + dateObs + "' is before the year 1000 (an id's year has 4 digits)");
        }
        Matcher m = UTC.matcher(utc == null ? "" : utc);
        if (!m.find()) {
            throw fail(where, "UTC", "'" + utc + "' is not HH:MM:SS[.ff]");
        }
        int h = Integer.parseInt(m.group(1));
        int min = Integer.parseInt(m.group(2));
        int s = Integer.parseInt(m.group(3));
        if (h > 23 || min > 59 || s > 60) {
            throw fail(where, "UTC", "'" + utc + "' is not a time of day");
        }
        if (!prefix.matches("[A-Z][A-Z0-9]")) {
            throw fail(where, "INSTRUME", "no valid two-character prefix ('" + prefix + "')");
        }
        return ArchiveId.of(prefix, date, h * 3600 + min * 60 + s, hundredths(m.group(4)));
    }

    /**
     * The archive's hundredths (an archive quirk): the fraction's digits are read as microseconds (padded or cut to six
     * digits), and the first two characters of that integer's decimal string are the hundredths.
     *
     * @param fractionDigits the digits after the decimal point, or null/empty for none
     * @return 0..99
     */
    public static int hundredths(String fractionDigits) {
        if (fractionDigits == null || fractionDigits.isEmpty()) {
            return 0;
        }
        String six = (fractionDigits + "000000").substring(0, 6);
        String micro = Integer.toString(Integer.parseInt(six));
        String two = micro.length() >= 2 ? micro.substring(0, 2) : "0" + micro;
        return Integer.parseInt(two);
    }

    /**
     * The KPF rule: the id is {@code KP.} plus the text after the last {@code KP.} in OFNAME, with trailing
     * characters from {@code .fits} stripped, when it is a valid id whose date equals DATE-OBS.
     *
     * @return the id, or empty when OFNAME does not hold a valid one
     */
    public static Optional<ArchiveId> fromKpfOfname(String ofname, String dateObs) {
        if (ofname == null) {
            return Optional.empty();
        }
        int at = ofname.lastIndexOf("KP.");
        if (at < 0) {
            return Optional.empty();
        }
        String t = ofname.substring(at);
        int end = t.length();
        while (end > 0 && ".fits".indexOf(t.charAt(end - 1)) >= 0) {
            end--;
        }
        t = t.substring(0, end);
        String[] parts = t.split("\\.", -1);
        String date = dateObs == null ? "" : dateObs.trim().replace("-", "");
        if (parts.length != 4 || !parts[1].equals(date) || parts[2].length() != 5 || parts[3].length() != 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(ArchiveId.parse(t));
        } catch (DrpException e) {
            return Optional.empty();
        }
    }

    /**
     * A free id for a file whose id collides with another file's (a stuck keyword service gave 54
     * KCWI files one DATE-OBS/UTC): the same prefix, date and second with the hundredths raised until
     * {@code taken} no longer holds the id. The caller decides what a collision is (a different original name or
     * checksum); the same file again is not a collision.
     *
     * @return the first free id after {@code id}, or empty when all hundredths of that second are taken
     */
    public static Optional<ArchiveId> unique(ArchiveId id, Predicate<ArchiveId> taken) {
        if (!taken.test(id)) {
            return Optional.of(id);
        }
        for (int hh = Math.max(0, id.hundredths()) + 1; hh <= 99; hh++) {
            ArchiveId next = id.withHundredths(hh);
            if (!taken.test(next)) {
                return Optional.of(next);
            }
        }
        return Optional.empty();
    }

    /**
     * @return {@code fixed} with KOAID replaced by {@code id} through the fix log (rule {@code keck.koaidCollision}),
     *         the comment saying why, e.g. {@code KOA: unique id, N2.20170725.51470.75 was taken}
     */
    public static Header withUniqueId(Header fixed, ArchiveId id, String reason) {
        return fixed.toBuilder().fix("KOAID", id.fileName(), "KOA: unique id, " + reason, "keck.koaidCollision")
                .build();
    }

    private static DrpException fail(Location where, String keyword, String why) {
        return new DrpException(KeckErrorCode.KOAID_CREATE_FAIL, where.keyword(keyword), why);
    }
}
