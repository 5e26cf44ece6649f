package org.drpkit.instruments.keck;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.header.KeywordMap;
import org.drpkit.core.id.ArchiveId;
import org.drpkit.core.instrument.ChipLayout;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.core.instrument.HeaderFixRule;
import org.drpkit.core.instrument.InstrumentTraits;
import org.drpkit.instruments.keck.common.MosaicLayout;
import org.drpkit.instruments.keck.common.Values;
import org.drpkit.instruments.keck.koa.KoaId;
import org.drpkit.instruments.keck.koa.ProgramResolver;
import org.drpkit.instruments.keck.koa.ProgramResolvers;

/**
 * KPF, the Keck Planet Finder (koa-dep 4.7). Prefix {@code KP} when INSTRUME contains {@code kpf}; INSTRUME is then
 * set to {@code KPF} and the original kept in INSTSLCT. UTC is read from UT. The archive id is normally taken from
 * OFNAME ({@code KP.} plus the text after its last {@code KP.}, when that is a valid id dated DATE-OBS), else made
 * by the generic formula.
 *
 * <p>Fixes: ELAPTIME from ELAPSED (whole seconds), else DATE-END - DATE-BEG; KOAIMTYP (an existing one is kept;
 * {@code solar} for SoCal; else IMTYPE when it is a known type); the program from PROGNAME, GRPROGNA or RDPROGNA,
 * with PROGTITL also written as a card; WAVEBLUE/CNTR/RED from the cameras in use (CA_HK, GREEN, RED). KPF has no
 * target information during the day, so daytime calibrations get PROPINT 0. Layout: one chip per amplifier
 * extension (GREEN_AMP1.., RED_AMP1.., CA_HK); no image statistics.
 *
 * <pre>{@code
 * new Kpf().fix(raw, ctx);   // KOAID from OFNAME 'KP.20230815.12345.67.fits'
 * }</pre>
 */
public final class Kpf extends KeckInstrument {

    private static final Set<String> TYPES = Set.of("object", "bias", "dark", "arclamp", "flatlamp", "domeflat",
            "twiflat", "undefined");

    @Override
    public String name() {
        return "KPF";
    }

    @Override
    protected int homeTelescope() {
        return 1;
    }

    @Override
    protected KeywordMap keywordOverrides() {
        return KeywordMap.builder().map("UTC", "UT").build();
    }

    @Override
    protected boolean instrumeMatches(String instrume) {
        return instrume.toLowerCase(Locale.ROOT).contains("kpf");
    }

    @Override
    public Optional<String> archivePrefix(Header h) {
        return Values.text(h, "INSTRUME").filter(this::instrumeMatches).map(s -> "KP");
    }

    @Override
    protected List<HeaderFixRule> beforeArchiveId() {
        return List.of(HeaderFixRule.of("kpf.instrument", (h, ctx) -> {
            String instrume = Values.text(h, "INSTRUME").orElse("");
            if (instrume.equals("KPF")) {
                return h;
            }
            return h.toBuilder().fix("INSTSLCT", instrume, "KOA: Instrument as written", "kpf.instrument")
                    .fix("INSTRUME", "KPF", "KOA: Instrument", "kpf.instrument").build();
        }));
    }

    @Override
    protected ArchiveId makeArchiveId(Header h, FixContext ctx) throws DrpException {
        Optional<ArchiveId> fromName = KoaId.fromKpfOfname(Values.text(h, "OFNAME").orElse(null),
                Values.text(h, "DATE-OBS").orElse(null));
        return fromName.isPresent() ? fromName.get() : super.makeArchiveId(h, ctx);
    }

    @Override
    protected KeckSwitches switches() {
        return KeckSwitches.STANDARD.withoutFrameNumbers().withTitleCard();
    }

    @Override
    protected Optional<Object> elapsedTime(Header h) {
        OptionalDouble e = Values.number(h, "ELAPSED");
        if (e.isPresent()) {
            return Optional.of(Math.round(Values.round(e.getAsDouble(), 0)));
        }
        Optional<String> beg = Values.text(h, "DATE-BEG");
        Optional<String> end = Values.text(h, "DATE-END");
        if (beg.isPresent() && end.isPresent()) {
            try {
                Duration d = Duration.between(LocalDateTime.parse(beg.get()), LocalDateTime.parse(end.get()));
                return Optional.of(d.toNanos() / 1e9);
            } catch (DateTimeParseException ex) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    @Override
    protected String classify(Header h, FixContext ctx) {
        Optional<String> existing = Values.text(h, "KOAIMTYP");
        if (existing.isPresent()) {
            return existing.get();
        }
        String imtype = Values.lower(h, "IMTYPE");
        if (imtype.equals("object") && Values.text(h, "OBJECT").filter("SoCal"::equals).isPresent()) {
            return "solar";
        }
        return TYPES.contains(imtype) ? imtype : "undefined";
    }

    @Override
    protected List<ProgramResolver> programResolvers() {
        return ProgramResolvers.standard("PROGNAME", "GRPROGNA", "RDPROGNA");
    }

    /** @return false: KPF frames carry no target information by day, which is when the zero-propint test asks */
    @Override
    protected boolean hasTargetInfo(Header h, FixContext ctx) {
        return false;
    }

    @Override
    protected List<HeaderFixRule> instrumentRules() {
        return List.of(HeaderFixRule.of("kpf.wavelengths", (h, ctx) -> {
            boolean hk = Values.lower(h, "CA_HK").equals("yes");
            boolean green = !Values.lower(h, "GREEN").equals("no");
            boolean red = !Values.lower(h, "RED").equals("no");
            long blue = hk ? 3900 : green ? 4450 : 5900;
            long redEnd = red ? 8700 : green ? 5900 : 4450;
            String rule = "kpf.wavelengths";
            return h.toBuilder().fix("WAVEBLUE", blue, "KOA: Blue end wavelength", rule)
                    .fix("WAVECNTR", (blue + redEnd) / 2, "KOA: Center wavelength", rule)
                    .fix("WAVERED", redEnd, "KOA: Red end wavelength", rule).build();
        }));
    }

    /** @return false: the archive computes no image statistics for KPF */
    @Override
    public InstrumentTraits traits(Header fixed) {
        return KECK.withImageStatistics(false);
    }

    /** One chip per amplifier extension, named by EXTNAME and placed by DETSEC when present. */
    @Override
    public ChipLayout layout(List<Header> hdus) throws DrpException {
        return MosaicLayout.fromExtensions(hdus, "EXTNAME");
    }
}
