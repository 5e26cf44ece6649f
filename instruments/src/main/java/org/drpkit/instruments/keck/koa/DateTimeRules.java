package org.drpkit.instruments.keck.koa;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.header.KeywordMap;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.core.instrument.FixWarning;
import org.drpkit.core.instrument.HeaderFixRule;
import org.drpkit.instruments.keck.common.Values;

/**
 * The DATE-OBS, UTC and UT repairs of koa-dep section 3.6, as fix rules, and the parsers the other rules use.
 *
 * <ul>
 * <li>{@code keck.dateObs}: a DATE-OBS starting {@code YYYY-MM-DD} (a real calendar date) is kept, cut to its first
 * ten characters when longer; {@code DD/MM/YY} is rewritten (YY below 50 is 20YY), comment
 * {@code KOA: Value corrected (<orig>)}; otherwise the file's modification date is used, comment
 * {@code KOA: Observing date}.</li>
 * <li>{@code keck.utc}: UTC is read, else the instrument's mapped UTC keyword (KCWI, ESI, KPF: UT) and copied to
 * UTC; a value holding {@code HH:MM:SS} (hour 0-23, minute 0-59, second 0-60) is valid; otherwise the modification
 * time is used as {@code HH:MM:SS.00}, comment {@code KOA: UTC keyword corrected}.</li>
 * <li>{@code keck.ut}: UT is copied from the mapped UTC when absent (WARN {@code SET_UT_ERROR} when there is none).</li>
 * </ul>
 *
 * <p><b>Quirk Q16, fixed:</b> the modification time is read in UTC (epoch seconds), not the host's local time plus
 * 10 hours. The archive accepted hour 24 and minute 60; drpkit does not (they are not times of day). When neither
 * the header nor a modification time gives a value, the rule fails with {@code KOAID_CREATE_FAIL}, because no
 * archive id can be made.
 *
 * <pre>{@code
 * Header fixed = DateTimeRules.utc(plugin.keywords()).apply(raw, FixContext.builder().fileModified(mtime).build());
 * DateTimeRules.utTime(fixed);   // Optional[02:05:54.570]
 * }</pre>
 */
public final class DateTimeRules {

    /** Name of the DATE-OBS rule in the fix log. */
    public static final String DATE_OBS_RULE = "keck.dateObs";
    /** Name of the UTC rule in the fix log. */
    public static final String UTC_RULE = "keck.utc";
    /** Name of the UT rule in the fix log. */
    public static final String UT_RULE = "keck.ut";

    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2}).*");
    private static final Pattern TIME = Pattern.compile("(\\d\\d):(\\d\\d):(\\d\\d(?:\\.\\d*)?)");
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private DateTimeRules() {
    }

    /** @return the DATE-OBS repair rule */
    public static HeaderFixRule dateObs(KeywordMap km) {
        return HeaderFixRule.of(DATE_OBS_RULE, (h, ctx) -> fixDateObs(h, ctx, km));
    }

    /** @return the UTC repair rule */
    public static HeaderFixRule utc(KeywordMap km) {
        return HeaderFixRule.of(UTC_RULE, (h, ctx) -> fixUtc(h, ctx, km));
    }

    /** @return the rule adding UT from the mapped UTC */
    public static HeaderFixRule ut(KeywordMap km) {
        return HeaderFixRule.onResult(UT_RULE, (in, ctx) -> {
            Header h = in.header();
            if (Values.has(h, "UT")) {
                return in;
            }
            Optional<String> utc = km.getString(h, "UTC").or(() -> Values.text(h, "UTC"));
            if (utc.isEmpty()) {
                return in.warn(FixWarning.of(KoaWarningCode.SET_UT_ERROR, UT_RULE, "UT", "neither UT nor UTC is present"));
            }
            return in.withHeader(h.toBuilder().fix("UT", utc.get().trim(), "KOA: Observing time", UT_RULE).build());
        });
    }

    /** @return DATE-OBS as a date, when it starts with a valid {@code YYYY-MM-DD} */
    public static Optional<LocalDate> utDate(Header h) {
        return Values.text(h, "DATE-OBS").flatMap(DateTimeRules::parseIsoDate);
    }

    /** @return UTC (else UT) as a time of day, when it holds a valid {@code HH:MM:SS[.ff]} */
    public static Optional<LocalTime> utTime(Header h) {
        return Values.text(h, "UTC").flatMap(DateTimeRules::parseTime)
                .or(() -> Values.text(h, "UT").flatMap(DateTimeRules::parseTime));
    }

    /** @return the date when the text starts with a valid {@code YYYY-MM-DD} */
    public static Optional<LocalDate> parseIsoDate(String text) {
        Matcher m = ISO.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** @return the first {@code HH:MM:SS[.ff]} in the text as a time of day (second 60 is clamped to 59.999999) */
    public static Optional<LocalTime> parseTime(String text) {
        Matcher m = TIME.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        int h = Integer.parseInt(m.group(1));
        int min = Integer.parseInt(m.group(2));
        double s = Double.parseDouble(m.group(3));
        if (h > 23 || min > 59 || s >= 61) {
            return Optional.empty();
        }
        long nanos = Math.round(Math.min(s, 59.999999) * 1e9);
        return Optional.of(LocalTime.of(h, min).plusNanos(nanos));
    }

    private static Header fixDateObs(Header h, FixContext ctx, KeywordMap km) throws DrpException {
        Optional<String> raw = Values.text(h, "DATE-OBS").or(() -> km.getString(h, "DATE-OBS").map(String::trim));
        if (raw.isPresent()) {
            String s = raw.get();
            if (parseIsoDate(s).isPresent()) {
                boolean onCard = Values.text(h, "DATE-OBS").filter(s::equals).isPresent();
                if (s.length() > 10 || !onCard) {
                    return h.toBuilder().fix("DATE-OBS", s.substring(0, 10), null, DATE_OBS_RULE).build();
                }
                return h;
            }
            Optional<LocalDate> slashed = s.contains("/") ? parseSlashed(s) : Optional.empty();
            if (slashed.isPresent()) {
                return h.toBuilder().fix("DATE-OBS", slashed.get().toString(), "KOA: Value corrected (" + s + ")",
                        DATE_OBS_RULE).build();
            }
        }
        Instant mtime = ctx.fileModified().orElseThrow(() -> new DrpException(KeckErrorCode.KOAID_CREATE_FAIL,
                h.origin().keyword("DATE-OBS"), "DATE-OBS is " + raw.map(v -> "'" + v + "', not a date").orElse("absent")
                        + ", and the file's modification time is unknown"));
        String date = mtime.atZone(ZoneOffset.UTC).toLocalDate().toString();
        return h.toBuilder().fix("DATE-OBS", date, "KOA: Observing date", DATE_OBS_RULE).build();
    }

    private static Header fixUtc(Header h, FixContext ctx, KeywordMap km) throws DrpException {
        Optional<String> raw = Values.text(h, "UTC");
        boolean copy = raw.isEmpty();
        if (copy) {
            raw = km.getString(h, "UTC").map(String::trim);
        }
        if (raw.isPresent() && parseTime(raw.get()).isPresent()) {
            return copy ? h.toBuilder().fix("UTC", raw.get(), "KOA: UTC keyword corrected", UTC_RULE).build() : h;
        }
        Optional<String> shown = raw;
        Instant mtime = ctx.fileModified().orElseThrow(() -> new DrpException(KeckErrorCode.KOAID_CREATE_FAIL,
                h.origin().keyword("UTC"), "UTC is " + shown.map(v -> "'" + v + "', not HH:MM:SS").orElse("absent")
                        + ", and the file's modification time is unknown"));
        ZonedDateTime t = mtime.atZone(ZoneOffset.UTC);
        return h.toBuilder().fix("UTC", t.format(HMS) + ".00", "KOA: UTC keyword corrected", UTC_RULE).build();
    }

    private static Optional<LocalDate> parseSlashed(String s) {
        String[] p = s.trim().split("/");
        if (p.length != 3) {
            return Optional.empty();
        }
        try {
            int day = Integer.parseInt(p[0].trim());
            int month = Integer.parseInt(p[1].trim());
            int year = Integer.parseInt(p[2].trim());
            if (p[2].trim().length() <= 2) {
                year += year < 50 ? 2000 : 1900;
            }
            return Optional.of(LocalDate.of(year, month, day));
        } catch (NumberFormatException | DateTimeException e) {
            return Optional.empty();
        }
    }
}
