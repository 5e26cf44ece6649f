package org.drpkit.instruments.keck;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.header.KeywordMap;
import org.drpkit.core.id.ArchiveId;
import org.drpkit.core.instrument.ExposureFacts;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.core.instrument.FixResult;
import org.drpkit.core.instrument.HeaderFixRule;
import org.drpkit.core.instrument.InstrumentTraits;
import org.drpkit.core.instrument.InstrumentPlugin;
import org.drpkit.instruments.corrections.Corrections;
import org.drpkit.instruments.keck.common.Values;
import org.drpkit.instruments.keck.koa.CommonRules;
import org.drpkit.instruments.keck.koa.DateTimeRules;
import org.drpkit.instruments.keck.koa.KeckErrorCode;
import org.drpkit.instruments.keck.koa.KoaId;
import org.drpkit.instruments.keck.koa.ProgramResolver;
import org.drpkit.instruments.keck.koa.ProgramResolvers;
import org.drpkit.instruments.keck.koa.ProgramRule;
import org.drpkit.instruments.keck.koa.SemesterRule;

/**
 * What every Keck instrument shares, so that each plugin is a short table of its own rules.
 *
 * <p>{@link #fixRules()} applies, in order: data-driven corrections; duplicated keywords; the instrument check
 * (INSTRUME, else CURRINST/OUTDIR/FILNAME, koa-dep 3.6); the instrument's {@link #beforeArchiveId()} rules;
 * DATE-OBS, UTC and UT repair; the archive id (KOAID card); OFNAME; FRAMENO; ELAPTIME; KOAIMTYP; SEMESTER; program
 * and PROPINT (after KOAIMTYP, fixing an archive quirk); the instrument's {@link #instrumentRules()}; weather; OA;
 * DATLEVEL; DQA_VERS and DQA_DATE. Every change is in the fix log; {@link #fix} returns the warnings and the
 * archive facts (KOAIMTYP as the image type, the program, PROPINT as the proprietary months) beside the header.
 *
 * <p>A plugin provides its name, telescope, keyword overrides, archive prefix and image-type rules, and overrides
 * the hooks whose archive behaviour differs from the default. Plugins are stateless and thread-safe.
 *
 * <pre>{@code
 * InstrumentPlugin p = Instruments.load().forHeader(primary);     // e.g. Nirc2
 * FixResult r = p.fix(primary, FixContext.builder().fileModified(mtime).hdus(all).build());
 * p.archiveId(r.header());   // Optional[N2.20170725.51470.75]
 * r.facts().imageType();     // Optional[object]
 * }</pre>
 */
public abstract class KeckInstrument implements InstrumentPlugin {

    /** The value written to DQA_VERS. */
    public static final String DQA_VERSION = "drpkit-" + Optional.ofNullable(
            KeckInstrument.class.getPackage().getImplementationVersion()).orElse("dev");

    private static final KeywordMap BASE = KeywordMap.builder()
            .map("INSTRUME", "INSTRUME").map("UTC", "UTC").map("DATE-OBS", "DATE-OBS").map("SEMESTER", "SEMESTER")
            .map("OFNAME", "OFNAME").map("FRAMENO", "FRAMENO").map("OUTDIR", "OUTDIR").build();

    /** For subclasses. */
    protected KeckInstrument() {
    }

    /** @return 1 when the instrument is on Keck I, 2 on Keck II */
    protected abstract int homeTelescope();

    /**
     * The image-type rules (KOAIMTYP) of koa-dep 4.7.
     *
     * @return {@code object}, {@code dark}, ..., or {@code undefined}
     */
    protected abstract String classify(Header h, FixContext ctx);

    /** @return the instrument's entries of the keyword map (OFNAME, FRAMENO, UTC variants); none by default */
    protected KeywordMap keywordOverrides() {
        return KeywordMap.empty();
    }

    @Override
    public final KeywordMap keywords() {
        return BASE.with(keywordOverrides());
    }

    /**
     * Accepts a header whose INSTRUME names this instrument ({@link #instrumeMatches}), or, when INSTRUME is absent,
     * whose CURRINST, OUTDIR or FILNAME does (never an OUTDIR under {@code /mira}). A plugin whose frames also name
     * a science instrument (a guide camera) declares {@link #takesPrecedenceOver}.
     */
    @Override
    public boolean accepts(Header h) {
        Optional<String> instrume = Values.text(h, "INSTRUME");
        return instrume.isPresent() ? instrumeMatches(instrume.get()) : fallbackMatches(h);
    }

    /** @return true when INSTRUME's first word (lower case, {@code :} removed) starts with the instrument name */
    protected boolean instrumeMatches(String instrume) {
        return token(instrume).startsWith(name().toLowerCase(Locale.ROOT));
    }

    /** @return true when CURRINST equals the name, or OUTDIR (upper case) or FILNAME contains it */
    protected boolean fallbackMatches(Header h) {
        String outdir = Values.text(h, "OUTDIR").orElse("");
        if (outdir.contains("/mira")) {
            return false;
        }
        String n = name();
        return Values.text(h, "CURRINST").filter(n::equalsIgnoreCase).isPresent()
                || outdir.toUpperCase(Locale.ROOT).contains(n)
                || Values.text(h, "FILNAME").filter(f -> f.toUpperCase(Locale.ROOT).contains(n)).isPresent();
    }

    /** @return INSTRUME's first space-separated word, lower case, without {@code :} (the archive's token) */
    public static String token(String instrume) {
        String t = instrume.trim().split("\\s+")[0];
        return t.replace(":", "").toLowerCase(Locale.ROOT);
    }

    @Override
    public List<HeaderFixRule> fixRules() {
        KeywordMap km = keywords();
        List<HeaderFixRule> r = new ArrayList<>();
        r.add(Corrections.rule(name(), this::observationId));
        r.add(CommonRules.duplicates());
        r.add(HeaderFixRule.of("keck.instrument", this::checkInstrument));
        r.addAll(beforeArchiveId());
        r.add(DateTimeRules.dateObs(km));
        r.add(DateTimeRules.utc(km));
        r.add(DateTimeRules.ut(km));
        r.add(CommonRules.archiveId(this::makeArchiveId));
        r.add(CommonRules.originalFileName(this::originalFileName));
        KeckSwitches sw = switches();
        if (sw.frameNumbers()) {
            r.add(CommonRules.frameNumber(km, sw.frameNumberFromFileName()));
        }
        r.add(CommonRules.elapsedTime((h, ctx) -> elapsedTime(h)));
        r.add(CommonRules.imageType((h, ctx) -> Optional.of(classify(h, ctx))));
        r.add(SemesterRule.INSTANCE);
        r.add(new ProgramRule(name(), programResolvers(), this::hasTargetInfo, programQueries(), sw.titleCard()));
        r.addAll(instrumentRules());
        r.add(CommonRules.weather(this::telescope));
        r.add(CommonRules.observingAssistant(this::telescope));
        r.add(CommonRules.dataLevel());
        r.add(CommonRules.dqa(DQA_VERSION));
        return r;
    }

    /** @return rules run before DATE-OBS/UTC repair and the archive id (DEIMOS FCS times, KPF INSTRUME) */
    protected List<HeaderFixRule> beforeArchiveId() {
        return List.of();
    }

    /** @return the instrument's own fixes (wavelengths, slits, WCS, ...), run after the program rule */
    protected List<HeaderFixRule> instrumentRules() {
        return List.of();
    }

    /**
     * {@code keck.instrument}: INSTRUME names the instrument, else it is set from the fallbacks.
     *
     * @throws DrpException {@code SET_INSTR_ERROR} when nothing names this instrument
     */
    protected Header checkInstrument(Header h, FixContext ctx) throws DrpException {
        Optional<String> instrume = Values.text(h, "INSTRUME");
        if (instrume.isPresent() && instrumeMatches(instrume.get())) {
            return h;
        }
        if (instrume.isEmpty() && fallbackMatches(h)) {
            return h.toBuilder().fix("INSTRUME", name(), "KOA: Instrument", "keck.instrument").build();
        }
        throw new DrpException(KeckErrorCode.SET_INSTR_ERROR, h.origin().keyword("INSTRUME"),
                "INSTRUME " + instrume.map(s -> "'" + s + "'").orElse("(absent)") + " does not name " + name());
    }

    // ---- archive id

    /** @return the id suffix ({@code _unp}, {@code _CAMNAME}); none by default */
    protected String archiveIdSuffix(Header h, FixContext ctx) throws DrpException {
        return "";
    }

    /**
     * The archive id of a header whose DATE-OBS and UTC are valid: prefix, the {@link KoaId} formula and suffix.
     *
     * @throws DrpException {@code KOAID_CREATE_FAIL} naming the keyword that is missing
     */
    protected ArchiveId makeArchiveId(Header h, FixContext ctx) throws DrpException {
        String prefix = archivePrefix(h).orElseThrow(() -> new DrpException(KeckErrorCode.KOAID_CREATE_FAIL,
                h.origin().keyword("INSTRUME"), "no archive prefix for INSTRUME "
                        + Values.text(h, "INSTRUME").map(s -> "'" + s + "'").orElse("(absent)")));
        ArchiveId id = KoaId.make(prefix, Values.text(h, "DATE-OBS").orElse(null), Values.text(h, "UTC")
                .or(() -> keywords().getString(h, "UTC")).orElse(null), h.origin());
        return id.withSuffix(archiveIdSuffix(h, ctx));
    }

    /** @return the KOAID card when present, else the id computed from the header (call it on a fixed header) */
    @Override
    public Optional<ArchiveId> archiveId(Header fixed) throws DrpException {
        Optional<String> card = Values.text(fixed, "KOAID");
        if (card.isPresent()) {
            String t = card.get();
            return Optional.of(ArchiveId.parseFileName(t.endsWith(".fits") ? t : t + ".fits"));
        }
        return Optional.of(makeArchiveId(fixed, FixContext.builder().build()));
    }

    /** Applies {@link #fixRules()}; the image type of the result is the fixed header's KOAIMTYP. */
    @Override
    public FixResult fix(Header primary, FixContext context) throws DrpException {
        FixResult r = InstrumentPlugin.super.fix(primary, context);
        Optional<String> type = Values.text(r.header(), "KOAIMTYP");
        return type.isEmpty() ? r : r.withFacts(f -> f.withImageType(type.get()));
    }

    /**
     * @return the first id from {@code wanted} on, raising the hundredths, that is not taken (a stuck keyword service
     *         once gave many files one id)
     */
    @Override
    public Optional<ArchiveId> uniqueArchiveId(ArchiveId wanted, Predicate<ArchiveId> taken) {
        return KoaId.unique(wanted, taken);
    }

    /** @return the header with KOAID replaced by {@code id} (rule {@code keck.koaidCollision}) */
    @Override
    public Header withArchiveId(Header fixed, ArchiveId id, String reason) {
        return KoaId.withUniqueId(fixed, id, reason);
    }

    /** The Keck family's switches: extension tables on (every instrument but KCWI), statistics on, no level. */
    protected static final InstrumentTraits KECK = InstrumentTraits.DEFAULT.withExtensionTables(true);

    /** @return {@link #KECK} unless the instrument declares its own */
    @Override
    public InstrumentTraits traits(Header fixed) {
        return KECK;
    }

    // ---- names

    /** @return the original file name (koa-dep 3.2); by default the mapped OFNAME */
    protected Optional<String> originalFileName(Header h, FixContext ctx) {
        return keywords().getString(h, "OFNAME").map(String::trim);
    }

    /** @return OUTFILE + FRAMENO zero-padded to 4 + {@code .fits} (the HIRES, DEIMOS, ESI and LRIS file name) */
    protected static Optional<String> outfileAndFrame(Header h) {
        Optional<String> out = Values.text(h, "OUTFILE");
        Optional<Long> frame = h.getLong("FRAMENO");
        return out.isPresent() && frame.isPresent()
                ? Optional.of(out.get() + String.format("%04d", frame.get()) + ".fits") : Optional.empty();
    }

    /**
     * @return the observation id of the data-driven corrections: {@code YYYYMMDD.<original file stem>} from the
     *         raw DATE-OBS, or the stem alone when DATE-OBS is not a date
     */
    protected Optional<String> observationId(Header h, FixContext ctx) {
        Optional<String> name = originalFileName(h, ctx).or(ctx::fileName);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String stem = name.get().replaceAll("\\.fits(\\.gz)?$", "");
        return Optional.of(Values.text(h, "DATE-OBS").flatMap(DateTimeRules::parseIsoDate)
                .map(d -> d.toString().replace("-", "") + "." + stem).orElse(stem));
    }

    /**
     * The exposure table's facts: the default's (the archive id as key, exposure and UT night; the calibration lamp)
     * with the exposure time from the fixed header's ELAPTIME.
     */
    @Override
    public Optional<ExposureFacts> exposureFacts(FixResult fixed, FixContext context) throws DrpException {
        Optional<ExposureFacts> f = InstrumentPlugin.super.exposureFacts(fixed, context);
        Optional<Double> elapsed = fixed.header().getDouble("ELAPTIME");
        return elapsed.isPresent() ? f.map(x -> x.withExposureTime(elapsed.get())) : f;
    }

    /** @return how this instrument's fix chain differs from the family's; {@link KeckSwitches#STANDARD} by default */
    protected KeckSwitches switches() {
        return KeckSwitches.STANDARD;
    }

    /** @return ELAPTIME in seconds; by default ELAPTIME, EXPTIME, XPOSURE, else ITIME x COADDS (4 decimals) */
    protected Optional<Object> elapsedTime(Header h) {
        return CommonRules.defaultElapsed(h);
    }

    // ---- program

    /** @return the program-resolution chain; standard, reading PROGNAME */
    protected List<ProgramResolver> programResolvers() {
        return ProgramResolvers.standard("PROGNAME");
    }

    /** @return false when a daytime calibration frame of this file would carry no target information */
    protected boolean hasTargetInfo(Header h, FixContext ctx) {
        return true;
    }

    /** @return how resolvers query the schedule; by instrument name and telescope */
    protected ProgramRule.QueryFactory programQueries() {
        return ProgramRule.standardQuery(name(), this::telescope);
    }

    /**
     * @return the telescope: TELESCOP ({@code Keck I} or {@code Keck II}), else the instrument's home telescope
     * @throws DrpException {@code TELNR_VALUE_ERROR} when TELESCOP names neither (GUIDER has no home)
     */
    public int telescope(Header h, FixContext ctx) throws DrpException {
        Optional<String> t = Values.text(h, "TELESCOP");
        if (t.isPresent()) {
            String last = t.get().trim().toUpperCase(Locale.ROOT);
            if (last.endsWith(" II") || last.endsWith(" 2")) {
                return 2;
            }
            if (last.endsWith(" I") || last.endsWith(" 1")) {
                return 1;
            }
        }
        int home = homeTelescope();
        if (home == 1 || home == 2) {
            return home;
        }
        throw new DrpException(KeckErrorCode.TELNR_VALUE_ERROR, h.origin().keyword("TELESCOP"),
                "TELESCOP " + t.map(s -> "'" + s + "'").orElse("(absent)") + " names neither Keck I nor Keck II");
    }

    @Override
    public String toString() {
        return name() + " (" + getClass().getName() + ")";
    }
}
