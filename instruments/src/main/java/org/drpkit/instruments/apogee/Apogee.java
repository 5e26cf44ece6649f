package org.drpkit.instruments.apogee;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Header;
import org.drpkit.core.header.KeywordMap;
import org.drpkit.core.id.ArchiveId;
import org.drpkit.core.id.ExposureKey;
import org.drpkit.core.image.ReadPattern;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.ChipLayout;
import org.drpkit.core.instrument.ExposureFacts;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.core.instrument.FixResult;
import org.drpkit.core.instrument.H2rgLayout;
import org.drpkit.core.instrument.HeaderFixRule;
import org.drpkit.core.instrument.InstrumentPlugin;
import org.drpkit.instruments.corrections.Corrections;

/**
 * APOGEE-N (APO) and APOGEE-S (LCO), the SDSS H-band spectrographs (apogee-drp 1).
 *
 * <p>Accepts a header whose INSTRUME starts with {@code APOGEE}, whose TELESCOP is {@code apo25m} or {@code lco25m},
 * or whose FILENAME is a raw name ({@code apR-a-10250049.apz}). For an fpacked {@code .apz} the exposure's keywords
 * are in HDU 1 (the primary is empty): pass {@link #exposureHeader(List)}.
 *
 * <p>Layout: the H2RG chip (2048 x 2048 science pixels, 4-pixel reference border, 512-column reference output, four
 * 512-column amplifiers alternating +x/-x) named R, G or B from the raw name or CHIP keyword; all three when the
 * header does not say (CHIP holds {@code R}/{@code G}/{@code B}, or the raw letters {@code a}/{@code b}/{@code c}). Fixes: TELESCOP from the raw name; IMAGETYP canonical (lower case, from IMAGETYP or
 * EXPTYPE), which is also the result's image type, with the arc lamp ({@code thar}, {@code une}, or {@code fpi} when
 * both lamp flags are 0) as the result's calibration lamp; NREAD from the number of read HDUs when absent; DATE-OBS from the first read when absent; and the
 * data-driven corrections (observation id {@code <site>-<EXPSTR>}).
 *
 * <p>Archive id (drpkit's own, not the Keck archive's): {@code AP} (APO) or {@code AS} (LCO), the start of the first
 * read and the chip, e.g. {@code AP.20230101.10800.00_G}; image type: IMAGETYP lower case without separators.
 *
 * <pre>{@code
 * Apogee a = new Apogee();
 * Header fixed = a.fix(Apogee.exposureHeader(hdus), FixContext.builder().path(p).hdus(hdus).build());
 * a.exposureKey(fixed, ctx);   // apo/56587/R/0049
 * }</pre>
 */
public final class Apogee implements InstrumentPlugin {

    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d\\d)-(\\d\\d)T(\\d\\d):(\\d\\d):(\\d\\d)(?:\\.(\\d+))?");

    @Override
    public String name() {
        return "APOGEE";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("APOGEE-N", "APOGEE-S");
    }

    @Override
    public boolean accepts(Header h) {
        String instrume = h.getString("INSTRUME").orElse("").trim().toUpperCase(Locale.ROOT);
        return instrume.startsWith("APOGEE") || h.getString("TELESCOP").flatMap(ApogeeSite::of).isPresent()
                || rawName(h).isPresent();
    }

    /** @return the header holding the exposure's keywords: HDU 1 of an fpacked file whose primary is empty */
    public static Header exposureHeader(List<Header> hdus) {
        Header p = hdus.get(0);
        boolean empty = p.getInt("NAXIS").orElse(0) == 0 && !p.contains("NREAD") && !p.contains("IMAGETYP");
        return empty && hdus.size() > 1 && hdus.get(1).contains("ZIMAGE") ? hdus.get(1) : p;
    }

    @Override
    public KeywordMap keywords() {
        return KeywordMap.builder().map("IMAGETYP", "IMAGETYP", "EXPTYPE").map("NREAD", "NREAD")
                .map("INTOFF", "INTOFF").map("EXPTIME", "EXPTIME").map("DATE-OBS", "DATE-OBS")
                .map("TELESCOP", "TELESCOP").map("CARTID", "CARTID").map("LAMPQRTZ", "LAMPQRTZ")
                .map("LAMPTHAR", "LAMPTHAR").map("LAMPUNE", "LAMPUNE").map("FILENAME", "FILENAME").build();
    }

    /** The chip of the file (from the raw name or CHIP), or R, G and B when the header does not say. */
    @Override
    public ChipLayout layout(List<Header> hdus) {
        Optional<ApogeeChip> chip = hdus.isEmpty() ? Optional.empty() : chipOf(exposureHeader(hdus));
        if (chip.isPresent()) {
            return ChipLayout.of(H2rgLayout.apogee(chip.get().name()));
        }
        List<Chip> all = new ArrayList<>();
        for (ApogeeChip c : ApogeeChip.values()) {
            all.add(H2rgLayout.apogee(c.name()));
        }
        return new ChipLayout(all);
    }

    @Override
    public List<HeaderFixRule> fixRules() {
        return List.of(Corrections.rule(name(), (h, ctx) -> rawName(h).or(() -> ctx.fileName().flatMap(Apogee::parseName))
                        .map(n -> n.site().code() + "-" + n.expstrText())),
                HeaderFixRule.of("apogee.telescope", Apogee::telescope),
                HeaderFixRule.onResult("apogee.imagetyp", this::imageTypeRule),
                HeaderFixRule.of("apogee.nread", Apogee::nread),
                HeaderFixRule.of("apogee.dateObs", Apogee::dateObs));
    }

    /** @return {@code AP} for APOGEE-N at APO, {@code AS} for APOGEE-S at LCO (drpkit's own prefixes, not KOA's) */
    @Override
    public Optional<String> archivePrefix(Header fixed) {
        return site(fixed).map(s -> s == ApogeeSite.APO ? "AP" : "AS");
    }

    /**
     * drpkit's own archive id for an APOGEE raw file (the Keck archive does not hold APOGEE data):
     * {@code AP|AS.YYYYMMDD.SSSSS.hh_C}, from the site, the start of the first read (DATE-OBS of the fixed header,
     * {@code YYYY-MM-DDTHH:MM:SS[.fff]}, hundredths truncated) and the chip ({@code _R}, {@code _G}, {@code _B}) when
     * the raw name or CHIP says it, so the three chips of one exposure get three ids.
     *
     * @throws DrpException {@code APOGEE_SITE_UNKNOWN} without a site, {@code APOGEE_READ_HEADER_INVALID} when
     *                      DATE-OBS is absent or not an ISO date and time
     */
    @Override
    public Optional<ArchiveId> archiveId(Header fixed) throws DrpException {
        String prefix = archivePrefix(fixed).orElseThrow(() -> new DrpException(ApogeeErrorCode.APOGEE_SITE_UNKNOWN,
                fixed.origin().keyword("TELESCOP"), "no APOGEE site in TELESCOP or FILENAME"));
        String date = fixed.getString("DATE-OBS").map(String::trim).orElse("");
        Matcher m = ISO.matcher(date);
        if (!m.matches()) {
            throw new DrpException(ApogeeErrorCode.APOGEE_READ_HEADER_INVALID, fixed.origin().keyword("DATE-OBS"),
                    "'" + date + "' is not YYYY-MM-DDTHH:MM:SS[.fff] (the start of the first read)");
        }
        LocalDate day;
        try {
            day = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            throw new DrpException(ApogeeErrorCode.APOGEE_READ_HEADER_INVALID, fixed.origin().keyword("DATE-OBS"),
                    "'" + date + "' is not a calendar date");
        }
        int h = Integer.parseInt(m.group(4));
        int min = Integer.parseInt(m.group(5));
        int s = Integer.parseInt(m.group(6));
        if (day.getYear() < 1000 || h > 23 || min > 59 || s > 60) {
            throw new DrpException(ApogeeErrorCode.APOGEE_READ_HEADER_INVALID, fixed.origin().keyword("DATE-OBS"),
                    "'" + date + "' is not a date of years 1000..9999 and a time of day");
        }
        int seconds = h * 3600 + min * 60 + s;
        String fraction = m.group(7) == null ? "" : m.group(7);
        int hundredths = Integer.parseInt((fraction + "00").substring(0, 2));
        String chip = chipOf(fixed).map(c -> "_" + c.name()).orElse("");
        return Optional.of(new ArchiveId(prefix, day, seconds, hundredths, chip));
    }

    private static Optional<ApogeeSite> site(Header h) {
        return h.getString("TELESCOP").flatMap(ApogeeSite::of).or(() -> rawName(h).map(ApogeeRawName::site));
    }

    /** @return the canonical image type of a header (from IMAGETYP or EXPTYPE), e.g. {@code object}, {@code quartzflat} */
    public Optional<String> imageType(Header h) {
        return keywords().getString(h, "IMAGETYP").map(Apogee::canonicalType);
    }

    /** @return for an arc-lamp exposure: {@code thar}, {@code une}, or {@code fpi} when both lamp flags are 0 */
    public Optional<String> arcLamp(Header h) {
        if (!imageType(h).filter("arclamp"::equals).isPresent()) {
            return Optional.empty();
        }
        boolean thar = h.getLong("LAMPTHAR").filter(v -> v == 1).isPresent();
        boolean une = h.getLong("LAMPUNE").filter(v -> v == 1).isPresent();
        return Optional.of(thar ? "thar" : une ? "une" : "fpi");
    }

    /**
     * The exposure key: from the raw name (FILENAME, else the context's file name), else from TELESCOP, the SJD of
     * DATE-OBS, CHIP and EXPNUM.
     *
     * @throws DrpException {@code APOGEE_SITE_UNKNOWN} or {@code APOGEE_NAME_INVALID} naming what is missing
     */
    public ExposureKey exposureKey(Header h, FixContext ctx) throws DrpException {
        Optional<ApogeeRawName> n = rawName(h).or(() -> ctx.fileName().flatMap(Apogee::parseName));
        if (n.isPresent()) {
            return n.get().key();
        }
        ApogeeSite site = h.getString("TELESCOP").flatMap(ApogeeSite::of).orElseThrow(() -> new DrpException(
                ApogeeErrorCode.APOGEE_SITE_UNKNOWN, h.origin().keyword("TELESCOP"), "no APOGEE site in TELESCOP"));
        double mjd = h.getString("DATE-OBS").flatMap(ApogeeReads::mjd).orElseThrow(() -> new DrpException(
                ApogeeErrorCode.APOGEE_NAME_INVALID, h.origin().keyword("DATE-OBS"), "no ISO DATE-OBS for the night"));
        ApogeeChip chip = chipOf(h).orElseThrow(() -> new DrpException(ApogeeErrorCode.APOGEE_NAME_INVALID,
                h.origin().keyword("CHIP"), "no chip in FILENAME or CHIP"));
        int exposure = h.getInt("EXPNUM").orElseThrow(() -> new DrpException(ApogeeErrorCode.APOGEE_NAME_INVALID,
                h.origin().keyword("EXPNUM"), "no exposure number"));
        return new ExposureKey(site.code(), site.sjd(mjd), chip.name(), exposure % 10000);
    }

    /**
     * The exposure table's facts of one chip file: its {@link #exposureKey} as the key, the exposure
     * {@code site/SJD/exposure} shared by the R, G and B files, the night (SJD), NREAD against the reads the file holds
     * (HDUs - 2 for an fpacked {@code .apz}, HDUs - 1 unpacked), EXPTIME, and the lamps {@code quartz}, {@code thar},
     * {@code une} (LAMPQRTZ, LAMPTHAR, LAMPUNE; -1 when absent, upstream's "unknown").
     *
     * <pre>{@code
     * apogee.exposureFacts(apogee.fix(h, ctx), ctx);
     * // Optional[apo/60000/R/0012 (exposure apo/60000/0012, night 60000, chip R of [R, G, B], reads 47/47, ...)]
     * }</pre>
     *
     * @throws DrpException {@code APOGEE_SITE_UNKNOWN} or {@code APOGEE_NAME_INVALID} as {@link #exposureKey}
     */
    @Override
    public Optional<ExposureFacts> exposureFacts(FixResult fixed, FixContext ctx) throws DrpException {
        Header h = fixed.header();
        ExposureKey key = exposureKey(h, ctx);
        boolean compressed = ctx.fileName().map(n -> n.endsWith(".apz")).orElse(false);
        int present = ctx.hdus().isEmpty() ? -1 : Math.max(0, ctx.hdus().size() - (compressed ? 2 : 1));
        int expected = keywords().getLong(h, "NREAD").map(Long::intValue).orElse(-1);
        List<String> chips = new ArrayList<>();
        for (ApogeeChip c : ApogeeChip.values()) {
            chips.add(c.name());
        }
        ExposureFacts f = ExposureFacts.of(key.toString(), key.telescope() + "/" + key.mjd() + "/" + key.exposureText(),
                Integer.toString(key.mjd())).withChip(key.chip(), chips).withReads(expected, present)
                .withExposureTime(keywords().getDouble(h, "EXPTIME").orElse(Double.NaN));
        for (String[] lamp : new String[][] {{"quartz", "LAMPQRTZ"}, {"thar", "LAMPTHAR"}, {"une", "LAMPUNE"}}) {
            f = f.withLamp(lamp[0], keywords().getLong(h, lamp[1]).map(v -> v == 1 ? 1 : v == 0 ? 0 : -1).orElse(-1));
        }
        return Optional.of(f);
    }

    private static Optional<ApogeeRawName> rawName(Header h) {
        return h.getString("FILENAME").flatMap(Apogee::parseName);
    }

    private static Optional<ApogeeRawName> parseName(String s) {
        try {
            return Optional.of(ApogeeRawName.parse(s));
        } catch (DrpException e) {
            return Optional.empty();
        }
    }

    private static Optional<ApogeeChip> chipOf(Header h) {
        Optional<ApogeeRawName> n = rawName(h);
        if (n.isPresent()) {
            return Optional.of(n.get().chip());
        }
        String c = h.getString("CHIP").orElse("").trim();
        if (c.length() != 1) {
            return Optional.empty();
        }
        char ch = c.charAt(0);
        if (ch == 'R' || ch == 'G' || ch == 'B') {
            return Optional.of(ApogeeChip.valueOf(c));
        }
        return ApogeeChip.ofLetter(ch);
    }

    private static String canonicalType(String raw) {
        return raw.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
    }

    private static Header telescope(Header h, FixContext ctx) {
        if (h.getString("TELESCOP").flatMap(ApogeeSite::of).isPresent()) {
            return h;
        }
        Optional<ApogeeRawName> n = rawName(h).or(() -> ctx.fileName().flatMap(Apogee::parseName));
        return n.map(x -> h.toBuilder().fix("TELESCOP", x.site().telescope(), "Telescope (from the raw file name)",
                "apogee.telescope").build()).orElse(h);
    }

    private FixResult imageTypeRule(FixResult in, FixContext ctx) {
        Header h = in.header();
        Optional<String> raw = keywords().getString(h, "IMAGETYP");
        if (raw.isEmpty()) {
            return in;
        }
        String t = canonicalType(raw.get());
        Header.Builder b = h.toBuilder();
        if (!h.getString("IMAGETYP").map(String::trim).filter(t::equals).isPresent()) {
            b.fix("IMAGETYP", t, "Image type (canonical, lower case)", "apogee.imagetyp");
        }
        Header out = b.build();
        Optional<String> lamp = arcLamp(out);
        return in.withHeader(out).withFacts(f -> lamp.map(f.withImageType(t)::withCalibrationLamp)
                .orElse(f.withImageType(t)));
    }

    private static Header nread(Header h, FixContext ctx) {
        if (h.contains("NREAD") || ctx.hdus().isEmpty()) {
            return h;
        }
        boolean compressed = ctx.fileName().map(n -> n.endsWith(".apz")).orElse(false);
        int reads = ctx.hdus().size() - (compressed ? 2 : 1);
        return reads < 1 ? h : h.toBuilder().fix("NREAD", (long) reads, "Number of reads (from the HDUs)",
                "apogee.nread").build();
    }

    private static Header dateObs(Header h, FixContext ctx) throws DrpException {
        if (h.contains("DATE-OBS") || ctx.hdus().size() < 2) {
            return h;
        }
        boolean compressed = ctx.fileName().map(n -> n.endsWith(".apz")).orElse(false);
        int first = compressed ? 2 : 1;
        if (ctx.hdus().size() <= first) {
            return h;
        }
        Header read1 = ctx.hdus().get(first);
        String date = read1.getString("DATE-OBS").orElseThrow(() -> new DrpException(
                ApogeeErrorCode.APOGEE_READ_HEADER_INVALID, Location.NOWHERE.hdu(first).keyword("DATE-OBS"),
                "neither the exposure nor its first read has DATE-OBS"));
        return h.toBuilder().fix("DATE-OBS", date.trim(), "Start of the first read (TAI)", "apogee.dateObs").build();
    }

    /**
     * APOGEE reads are single frames (NFRAMES 1, no skipped frames) at the interval of the read headers (INTOFF, in
     * ms; else the spacing of the reads' DATE-OBS).
     *
     * @return single frames at the read interval; empty for a file of fewer than two reads
     * @throws DrpException {@code APOGEE_READ_HEADER_INVALID} for a read without a valid DATE-OBS
     */
    @Override
    public Optional<ReadPattern> readPattern(Header fixed, FixContext ctx) throws DrpException {
        boolean compressed = ctx.fileName().map(n -> n.endsWith(".apz")).orElse(false);
        ApogeeReads r = ApogeeReads.of(ctx.hdus(), compressed);
        if (r.nread() < 2) {
            return Optional.empty();
        }
        double interval = r.intervalSeconds();
        if (!(interval > 0)) {
            double[] t = r.startMjd();
            interval = (t[t.length - 1] - t[0]) * 86400 / (t.length - 1);
        }
        return interval > 0 ? Optional.of(ReadPattern.singleFrames(interval)) : Optional.empty();
    }

    /**
     * drpkit's own APOGEE products of a raw chip file {@code ID}: level 1 the up-the-ramp rate image
     * ({@code drpkit ramp}), named {@code ID_ar2D.fits} (or {@code .fits.fz}, {@code .fits.gz}); level 2 the
     * calibrated image ({@code drpkit calibrate}), {@code ID_ar2Dcal.fits}; the type tags are
     * {@link ApogeeProduct#AR2D} and {@link ApogeeProduct#AR2DCAL}'s. Files naming the id in {@code plots/},
     * {@code redux/} or {@code logs/} (QA figures, logs) go with either level.
     *
     * <pre>{@code
     * new Apogee().drpProduct("AP.20230101.10800.00_R_ar2D.fits", "AP.20230101.10800.00_R", 1);   // Optional[...]
     * }</pre>
     */
    @Override
    public Optional<String> drpProduct(String source, String archiveId, int level) {
        String tag = "_" + (level == 1 ? ApogeeProduct.AR2D : ApogeeProduct.AR2DCAL).fnameType();
        String name = source.substring(source.lastIndexOf('/') + 1);
        String dest = InstrumentPlugin.productSubFolder(source);
        for (String ext : new String[] {".fits", ".fits.fz", ".fits.gz"}) {
            if (name.equals(archiveId + tag + ext)) {
                return Optional.of(dest);
            }
        }
        return dest.contains("/") && name.contains(archiveId) ? Optional.of(dest) : Optional.empty();
    }
}
