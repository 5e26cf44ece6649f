package org.drpkit.instruments.keck.koa;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Card;
import org.drpkit.core.header.Header;
import org.drpkit.core.header.KeywordMap;
import org.drpkit.core.id.ArchiveId;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.core.instrument.FixResult;
import org.drpkit.core.instrument.FixWarning;
import org.drpkit.core.instrument.HeaderFixRule;
import org.drpkit.instruments.keck.common.Values;
import org.drpkit.instruments.keck.service.NightStaffService;
import org.drpkit.instruments.keck.service.ServiceException;
import org.drpkit.instruments.keck.service.WeatherSample;
import org.drpkit.instruments.keck.service.WeatherService;

/**
 * The fix rules every Keck instrument shares (koa-dep section 4.3), each a small pure function of
 * (header, context) with the instrument-specific part passed in as a function.
 *
 * <p>Where the archive writes the string {@code 'null'} for "no value" (weather without data, OA unknown), drpkit
 * writes an undefined value (a card without value), which every FITS reader and the archive's metadata step read
 * as null.
 *
 * <pre>{@code
 * HeaderFixRule ofname = CommonRules.originalFileName((h, ctx) -> Values.text(h, "FILENAME"));
 * HeaderFixRule dqa = CommonRules.dqa("drpkit-0.1.0");
 * }</pre>
 */
public final class CommonRules {

    private static final DateTimeFormatter DQA = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter WX_TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SS");
    private static final ZoneOffset HST = ZoneOffset.ofHours(-10);
    private static final Pattern TRAILING_NUMBER = Pattern.compile("_(\\d+)(?:\\.fits(?:\\.gz)?)?$");

    private CommonRules() {
    }

    /** A value computed from a header and its context. */
    @FunctionalInterface
    public interface HeaderValue<T> {
        /**
         * @return the value, when it can be computed
         * @throws DrpException when the header is unusable
         */
        Optional<T> of(Header header, FixContext context) throws DrpException;
    }

    /** Computes an archive id. */
    @FunctionalInterface
    public interface IdFunction {
        /**
         * @return the id
         * @throws DrpException {@code KOAID_CREATE_FAIL}
         */
        ArchiveId id(Header header, FixContext context) throws DrpException;
    }

    /**
     * {@code keck.duplicates}: keeps the first card of every repeated keyword and records each removed card in the
     * fix log (NIRC2 raw headers carry TELESCOP twice); WARN {@code DUPLICATE_KEYWORD} when the values differ, naming
     * the values, the rule ({@code first-card}) and the value kept. The first card wins because every reader of a
     * header (astropy's {@code header[k]}, which the archive's metadata step uses, and {@code Header.get}) takes it.
     */
    public static HeaderFixRule duplicates() {
        return HeaderFixRule.onResult("keck.duplicates", (in, ctx) -> {
            Header h = in.header();
            Map<String, Integer> dups = h.duplicates();
            if (dups.isEmpty()) {
                return in;
            }
            Header.Builder b = h.toBuilder();
            List<String> conflicts = new ArrayList<>();
            for (String k : dups.keySet()) {
                List<Card> cards = h.findAll(k);
                for (Card c : cards) {
                    if (!Objects.equals(c.value(), cards.get(0).value())) {
                        conflicts.add(k);
                        break;
                    }
                }
                b.removeDuplicates(k, "keck.duplicates");
            }
            FixResult out = in.withHeader(b.build());
            for (String k : conflicts) {
                List<Object> values = new ArrayList<>();
                for (Card c : h.findAll(k)) {
                    values.add(c.value());
                }
                out = out.warn(FixWarning.of(KoaWarningCode.DUPLICATE_KEYWORD, "keck.duplicates", k,
                        k + " has different values " + values + "; rule first-card: kept " + values.get(0)
                        + ", removed " + (values.size() - 1) + " card" + (values.size() > 2 ? "s" : "")));
            }
            return out;
        });
    }

    /**
     * {@code keck.koaid}: writes {@code KOAID = '<id>.fits'} (comment {@code KOA: Data file name}). A KOAID already
     * in the header is kept when valid (a re-processed archive file keeps its identity); an invalid one fails the
     * rule with {@code INVALID_KOAID}.
     */
    public static HeaderFixRule archiveId(IdFunction id) {
        return HeaderFixRule.of("keck.koaid", (h, ctx) -> {
            Optional<String> existing = Values.text(h, "KOAID");
            if (existing.isPresent()) {
                try {
                    ArchiveId.parseFileName(existing.get().endsWith(".fits") ? existing.get() : existing.get() + ".fits");
                    return h;
                } catch (DrpException e) {
                    throw new DrpException(KeckErrorCode.INVALID_KOAID, h.origin().keyword("KOAID"), e.detail(), e);
                }
            }
            ArchiveId made = id.id(h, ctx);
            return h.toBuilder().fix("KOAID", made.fileName(), "KOA: Data file name", "keck.koaid").build();
        });
    }

    /**
     * {@code keck.ofname}: OFNAME from the instrument's source (with {@code .fits} appended when missing).
     * Fails with {@code SET_OFNAME_ERROR} when there is none.
     */
    public static HeaderFixRule originalFileName(HeaderValue<String> source) {
        return HeaderFixRule.of("keck.ofname", (h, ctx) -> {
            String name = source.of(h, ctx).map(String::trim).filter(s -> !s.isEmpty()).orElseThrow(() ->
                    new DrpException(KeckErrorCode.SET_OFNAME_ERROR, h.origin().keyword("OFNAME"),
                            "the original file name cannot be determined from the header"));
            String withExt = name.endsWith(".fits") ? name : name + ".fits";
            if (Values.text(h, "OFNAME").filter(withExt::equals).isPresent()) {
                return h;
            }
            return h.toBuilder().fix("OFNAME", withExt, "KOA: Original Filename", "keck.ofname").build();
        });
    }

    /**
     * {@code keck.frameno}: FRAMENO from the mapped FRAMENO, else FRAMENUM, else the digits after the last
     * {@code _} of DATAFILE (or of the file name when {@code fromFileName}); WARN {@code SET_FRAMENO_ERROR} when
     * there is none.
     */
    public static HeaderFixRule frameNumber(KeywordMap km, boolean fromFileName) {
        return HeaderFixRule.onResult("keck.frameno", (in, ctx) -> {
            Header h = in.header();
            Optional<Long> fromHeader = fromFileName ? Optional.empty()
                    : km.getLong(h, "FRAMENO").or(() -> h.getLong("FRAMENO")).or(() -> h.getLong("FRAMENUM"));
            Optional<Long> derived = fromHeader.isPresent() ? Optional.empty()
                    : (fromFileName ? ctx.fileName() : Values.text(h, "DATAFILE")).flatMap(CommonRules::trailingNumber);
            Optional<Long> n = fromHeader.or(() -> derived);
            if (n.isEmpty()) {
                return in.warn(FixWarning.of(KoaWarningCode.SET_FRAMENO_ERROR, "keck.frameno", "FRAMENO",
                        "no frame number in FRAMENO, FRAMENUM or the file name"));
            }
            Header.Builder b = h.toBuilder();
            if (h.getLong("FRAMENO").filter(n.get()::equals).isEmpty()) {
                b.fix("FRAMENO", n.get(), "KOA: Image frame number", "keck.frameno");
            }
            if (derived.isPresent() && !h.contains("FRAMENUM")) {
                b.fix("FRAMENUM", n.get(), "KOA: Image frame number", "keck.frameno");
            }
            return in.withHeader(b.build());
        });
    }

    /**
     * {@code keck.elaptime}: ELAPTIME (s) from the instrument's formula; WARN {@code SET_ELAPTIME_ERROR} when none.
     */
    public static HeaderFixRule elapsedTime(HeaderValue<Object> seconds) {
        return HeaderFixRule.onResult("keck.elaptime", (in, ctx) -> {
            Header h = in.header();
            Optional<Object> v = seconds.of(h, ctx);
            if (v.isEmpty()) {
                return in.warn(FixWarning.of(KoaWarningCode.SET_ELAPTIME_ERROR, "keck.elaptime", "ELAPTIME",
                        "no exposure time keyword to derive ELAPTIME from"));
            }
            return in.withHeader(h.toBuilder().fix("ELAPTIME", v.get(), "KOA: Total integration time", "keck.elaptime")
                    .build());
        });
    }

    /**
     * The default elapsed time: the first of ELAPTIME, EXPTIME, XPOSURE, else ITIME x COADDS, in seconds rounded to
     * 4 decimals.
     */
    public static Optional<Object> defaultElapsed(Header h) {
        for (String k : List.of("ELAPTIME", "EXPTIME", "XPOSURE")) {
            if (Values.number(h, k).isPresent()) {
                return Optional.of(Values.round(Values.number(h, k).getAsDouble(), 4));
            }
        }
        return product(h, "ITIME", "COADDS", 4);
    }

    /** @return {@code a x b} rounded to {@code decimals}, when both are present */
    public static Optional<Object> product(Header h, String a, String b, int decimals) {
        if (Values.number(h, a).isEmpty() || Values.number(h, b).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Values.round(Values.number(h, a).getAsDouble() * Values.number(h, b).getAsDouble(), decimals));
    }

    /**
     * {@code keck.koaimtyp}: KOAIMTYP (comment {@code KOA: Image type}) from the instrument's rules; WARN
     * {@code KOAIMTYP_UDF} when they give {@code undefined}.
     */
    public static HeaderFixRule imageType(HeaderValue<String> rules) {
        return HeaderFixRule.onResult("keck.koaimtyp", (in, ctx) -> {
            Header h = in.header();
            String t = rules.of(h, ctx).orElse("undefined");
            FixResult out = in.withHeader(h.toBuilder().fix("KOAIMTYP", t, "KOA: Image type", "keck.koaimtyp").build());
            return t.equals("undefined") ? out.warn(FixWarning.of(KoaWarningCode.KOAIMTYP_UDF, "keck.koaimtyp",
                    "KOAIMTYP", "no image-type rule matched the header")) : out;
        });
    }

    /**
     * {@code keck.weather}: WXDOMHUM, WXDOMTMP, WXDWPT, WXOUTHUM, WXOUTTMP, WXPRESS, WXWNDIR, WXWNDSP, WXTIME,
     * GUIDFWHM, GUIDTIME from the {@link WeatherService} at the exposure's UT; undefined when it has no data (WARN
     * {@code WEATHER_DATA_FAIL} when it fails).
     */
    public static HeaderFixRule weather(ProgramRule.TelescopeFn telescope) {
        return HeaderFixRule.onResult("keck.weather", (in, ctx) -> {
            Header h = in.header();
            Optional<Instant> at = utInstant(h);
            Optional<WeatherSample> s = Optional.empty();
            FixResult out = in;
            if (at.isPresent()) {
                try {
                    s = WeatherService.from(ctx).sample(telescope.telescope(h, ctx), at.get());
                } catch (ServiceException e) {
                    out = in.warn(FixWarning.of(KoaWarningCode.WEATHER_DATA_FAIL, "keck.weather", "WXTIME",
                            e.getMessage()));
                }
            }
            WeatherSample w = s.orElse(new WeatherSample(null, null, null, null, null, null, null, null, null, null,
                    null));
            Header.Builder b = h.toBuilder();
            put(b, "WXDOMHUM", w.domeHumidity(), "KOA: Weather dome humidity");
            put(b, "WXDOMTMP", w.domeTemperature(), "KOA: Weather dome temperature");
            put(b, "WXDWPT", w.dewPoint(), "KOA: Weather dewpoint");
            put(b, "WXOUTHUM", w.outsideHumidity(), "KOA: Weather outside humidity");
            put(b, "WXOUTTMP", w.outsideTemperature(), "KOA: Weather outside temperature");
            put(b, "WXPRESS", w.pressure(), "KOA: Weather pressure");
            put(b, "WXWNDIR", w.windDirection(), "KOA: Weather wind direction");
            put(b, "WXWNDSP", w.windSpeed(), "KOA: Weather wind speed");
            put(b, "WXTIME", w.time() == null ? null : w.time().format(WX_TIME), "KOA: Weather measurement time");
            put(b, "GUIDFWHM", w.guideFwhm(), "KOA: Guide star FWHM value");
            put(b, "GUIDTIME", w.guideTime() == null ? null : w.guideTime().format(WX_TIME),
                    "KOA: Guide star FWHM measure time");
            return out.withHeader(b.build());
        });
    }

    /** {@code keck.oa}: OA from the {@link NightStaffService} for the HST night; undefined when unknown. */
    public static HeaderFixRule observingAssistant(ProgramRule.TelescopeFn telescope) {
        return HeaderFixRule.onResult("keck.oa", (in, ctx) -> {
            Header h = in.header();
            Optional<LocalDate> date = DateTimeRules.utDate(h);
            Optional<String> oa = Optional.empty();
            FixResult out = in;
            if (date.isPresent()) {
                try {
                    oa = NightStaffService.from(ctx).observingAssistant(date.get().minusDays(1), telescope.telescope(h, ctx));
                } catch (ServiceException e) {
                    out = in.warn(FixWarning.of(KoaWarningCode.NIGHT_STAFF_API_ERROR, "keck.oa", "OA", e.getMessage()));
                }
            }
            return out.withHeader(h.toBuilder().fix("OA", oa.orElse(null), "KOA: Observing Assistant name", "keck.oa")
                    .build());
        });
    }

    /** {@code keck.datlevel}: DATLEVEL = 0 (raw data). */
    public static HeaderFixRule dataLevel() {
        return HeaderFixRule.of("keck.datlevel", (h, ctx) ->
                h.toBuilder().fix("DATLEVEL", 0L, "KOA: Data reduction level", "keck.datlevel").build());
    }

    /**
     * {@code keck.dqa}: DQA_VERS = {@code version} and DQA_DATE = the context clock's time in HST
     * ({@code yyyy-MM-ddTHH:mm:ss}), as the archive's Hawaii hosts wrote their local time.
     */
    public static HeaderFixRule dqa(String version) {
        return HeaderFixRule.of("keck.dqa", (h, ctx) -> h.toBuilder()
                .fix("DQA_VERS", version, "KOA: Data quality assess code version", "keck.dqa")
                .fix("DQA_DATE", ctx.clock().instant().atOffset(HST).format(DQA), "KOA: Data quality assess time",
                        "keck.dqa")
                .build());
    }

    /** @return DATE-OBS and UTC as an instant, when both are valid */
    public static Optional<Instant> utInstant(Header h) {
        Optional<LocalDate> d = DateTimeRules.utDate(h);
        Optional<LocalTime> t = DateTimeRules.utTime(h);
        return d.isPresent() && t.isPresent() ? Optional.of(d.get().atTime(t.get()).toInstant(ZoneOffset.UTC))
                : Optional.empty();
    }

    /** @return the digits after the last {@code _} of a file name such as {@code s190615_0020.fits} */
    public static Optional<Long> trailingNumber(String name) {
        Matcher m = TRAILING_NUMBER.matcher(name.trim());
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    private static void put(Header.Builder b, String key, Object value, String comment) {
        b.fix(key, value, comment, "keck.weather");
    }
}
