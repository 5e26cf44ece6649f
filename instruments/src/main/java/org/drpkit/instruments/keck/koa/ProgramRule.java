package org.drpkit.instruments.keck.koa;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.instrument.ArchiveFacts;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.core.instrument.FixResult;
import org.drpkit.core.instrument.FixWarning;
import org.drpkit.core.instrument.HeaderFixRule;
import org.drpkit.instruments.keck.common.Values;
import org.drpkit.instruments.keck.service.Proposal;
import org.drpkit.instruments.keck.service.ProposalService;
import org.drpkit.instruments.keck.service.ServiceException;
import org.drpkit.instruments.keck.service.TwilightService;

/**
 * Program and proprietary period (koa-dep sections 4.5 and 4.6), one fix rule {@code keck.program}.
 *
 * <ol>
 * <li>The resolver chain picks a program id and says where it came from (the fact {@code programSource}).</li>
 * <li>The engineering check (skipped when OUTDIR contains {@code _ToO_}) makes the program {@code ENG}: PROGNAME
 * containing {@code eng}, {@code calibrations} or {@code my program}; an engineering OUTDIR ({@code nirc2eng},
 * ...); OBSERVER containing {@code keck ipdm} or {@code nirspec}; CAMERA containing {@code fpc}; or the zero-propint
 * test (KOAIMTYP not {@code object}/{@code unknown}, daytime by the {@link TwilightService}, and no target
 * information).</li>
 * <li>An invalid id gives WARN {@code INVALID_PROGID_WARN} and PROGID = PROGPI = PROGINST = {@code NONE}.</li>
 * <li>{@code ENG}: PROGINST {@code KECK}, PROGPI {@code <instrument>eng}, title {@code <INSTRUMENT> Engineering}.</li>
 * <li>Otherwise PROGID is the program part; PI, institution and title come from the {@link ProposalService} for
 * SEMID = SEMESTER_PROGID (WARN {@code PROP_API_ERROR} and {@code NONE}/{@code ''} when it cannot tell).</li>
 * <li>The title is escaped to ASCII; PROGTL1..3 hold characters 0-50, 50-100, 100-150; the result's
 * {@link ArchiveFacts} hold the program id, the whole title, SEMID (as {@code qualifiedProgramId}) and PROPINT (as
 * {@code proprietaryMonths}).</li>
 * <li>PROPINT (months): 18 for NONE and ENG, else the proposal's period (18 with WARN {@code PROPINT_ERROR} when
 * unknown, unless the program starts with E); 0 when the zero-propint test holds.</li>
 * </ol>
 *
 * <p>The zero-propint policy (DKOA-82) is on by default; the option {@code zeroPropint=off} turns it off to reproduce
 * archive products made before it (the gold KCWI and NIRES products of 2021, DQA_VERS 0.2.5, kept their programs
 * and 18 months although they are daytime calibrations).
 *
 * <p><b>Quirk Q10, fixed:</b> this rule runs after KOAIMTYP is set, for every instrument, so the zero-propint test
 * sees the image type (the archive ran HIRES and MOSFIRE program steps first, turning daytime frames into ENG).
 *
 * <pre>{@code
 * HeaderFixRule r = new ProgramRule("NIRC2", ProgramResolvers.standard("PROGNAME"), (h, c) -> false,
 *         ProgramRule.standardQuery("NIRC2", (h, c) -> 2), false);
 * }</pre>
 */
public final class ProgramRule implements HeaderFixRule {

    /** Name of the rule in the fix log. */
    public static final String NAME = "keck.program";
    /** The option that turns the zero-propint policy off ({@code off}), to reproduce ids made before it. */
    public static final String ZERO_PROPINT_OPTION = "zeroPropint";
    /** Default proprietary period, months. */
    public static final int DEFAULT_PROPINT = 18;

    private static final List<String> ENG_DIRS = List.of("kpfeng", "kpfdev", "kcwieng", "kcwirun", "hireseng",
            "nspeceng", "nirc2eng", "dmoseng", "lriseng", "esieng", "nireseng", "osiriseng", "moseng");

    /** Whether a file carries target information (a mask design, a slit), which protects daytime frames. */
    @FunctionalInterface
    public interface TargetInfo {
        /** @return true when the file has target information */
        boolean has(Header header, FixContext context);
    }

    /** Builds the resolvers' query (instrument name and telescope as the schedule knows them). */
    @FunctionalInterface
    public interface QueryFactory {
        /**
         * @return the query
         * @throws DrpException when the telescope cannot be determined
         */
        ProgramQuery create(Header header, FixContext context, LocalDate utDate, LocalTime ut) throws DrpException;
    }

    /** Gives the telescope number of a header. */
    @FunctionalInterface
    public interface TelescopeFn {
        /**
         * @return 1 or 2
         * @throws DrpException {@code TELNR_VALUE_ERROR}
         */
        int telescope(Header header, FixContext context) throws DrpException;
    }

    private final String instrument;
    private final List<ProgramResolver> resolvers;
    private final TargetInfo targetInfo;
    private final QueryFactory queries;
    private final boolean titleCard;

    /**
     * @param instrument the instrument name (for the ENG defaults)
     * @param resolvers  the chain, asked in order
     * @param targetInfo whether a file has target information
     * @param queries    builds the resolvers' query
     * @param titleCard  true to also write PROGTITL as a card (KPF)
     */
    public ProgramRule(String instrument, List<ProgramResolver> resolvers, TargetInfo targetInfo, QueryFactory queries,
            boolean titleCard) {
        this.instrument = instrument;
        this.resolvers = List.copyOf(resolvers);
        this.targetInfo = targetInfo;
        this.queries = queries;
        this.titleCard = titleCard;
    }

    /** @return queries naming {@code instrument} and restricted to the header's telescope */
    public static QueryFactory standardQuery(String instrument, TelescopeFn telescope) {
        return (h, ctx, d, t) -> new ProgramQuery(instrument, h, ctx, d, t, OptionalInt.of(telescope.telescope(h, ctx)),
                false);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FixResult apply(FixResult in, FixContext ctx) throws DrpException {
        Header header = in.header();
        List<FixWarning> warnings = new ArrayList<>();
        LocalDate date = DateTimeRules.utDate(header).orElseThrow(() -> new DrpException(KeckErrorCode.SET_SEMESTER_FAIL,
                header.origin().keyword("DATE-OBS"), "DATE-OBS is missing; run the DATE-OBS repair first"));
        LocalTime ut = DateTimeRules.utTime(header).orElseThrow(() -> new DrpException(KeckErrorCode.SET_SEMESTER_FAIL,
                header.origin().keyword("UTC"), "UTC is missing; run the UTC repair first"));
        Header h = header;
        ProgramQuery q = queries.create(h, ctx, date, ut);
        ProgramChoice choice = null;
        boolean scheduleWarned = false;
        for (ProgramResolver r : resolvers) {
            try {
                Optional<ProgramChoice> c = r.resolve(q);
                if (c.isPresent()) {
                    choice = c.get();
                    break;
                }
            } catch (ServiceException e) {
                if (!scheduleWarned) {
                    warnings.add(FixWarning.of(KoaWarningCode.SCHEDULE_API_ERROR, NAME, "PROGID",
                            r.name() + ": " + e.getMessage()));
                    scheduleWarned = true;
                }
            }
        }
        boolean too = Values.text(h, "OUTDIR").orElse("").contains("_ToO_");
        ZeroPropint zero = zeroPropint(h, ctx, date, ut);
        zero.warning.ifPresent(warnings::add);
        Optional<String> engineering = too ? Optional.empty() : engineering(h, zero.applies);
        String progid = choice == null ? ProgramIds.NONE : choice.progid();
        String source = choice == null ? "none" : choice.source();
        if (engineering.isPresent()) {
            progid = ProgramIds.ENG;
            source = "engineering: " + engineering.get();
        }
        Header.Builder b = h.toBuilder();
        String title;
        int propint;
        if (progid.equals(ProgramIds.ENG)) {
            b.fix("PROGID", ProgramIds.ENG, "KOA: Program ID", NAME);
            b.fix("PROGPI", instrument.toLowerCase(Locale.ROOT) + "eng", "KOA: Program principal investigator", NAME);
            b.fix("PROGINST", "KECK", "KOA: Program institution", NAME);
            title = instrument + " Engineering";
            propint = DEFAULT_PROPINT;
        } else if (!ProgramIds.isValid(progid)) {
            warnings.add(FixWarning.of(KoaWarningCode.INVALID_PROGID_WARN, NAME, "PROGID",
                    "program id '" + progid + "' (" + source + ") is not valid"));
            for (String k : List.of("PROGID", "PROGPI", "PROGINST")) {
                b.fix(k, ProgramIds.NONE, null, NAME);
            }
            title = "";
            propint = DEFAULT_PROPINT;
        } else {
            String prog = ProgramIds.program(progid);
            String sem = ProgramIds.semester(progid).orElseGet(() -> Values.text(header, "SEMESTER").orElse(""));
            String semid = sem + "_" + prog;
            b.fix("PROGID", prog, "KOA: Program ID", NAME);
            Optional<Proposal> p;
            String failure;
            try {
                p = ProposalService.from(ctx).proposal(semid);
                failure = p.isPresent() ? null : "no proposal " + semid;
            } catch (ServiceException e) {
                p = Optional.empty();
                failure = semid + ": " + e.getMessage();
            }
            b.fix("PROGPI", p.map(x -> x.piLastName().replace(" ", "")).orElse(ProgramIds.NONE),
                    "KOA: Program principal investigator", NAME);
            b.fix("PROGINST", p.map(x -> x.institution().replace(" ", "")).orElse(ProgramIds.NONE),
                    "KOA: Program institution", NAME);
            title = p.map(Proposal::title).orElse("");
            OptionalInt months = p.map(Proposal::proprietaryMonths).orElse(OptionalInt.empty());
            propint = months.orElse(DEFAULT_PROPINT);
            if (failure != null) {
                warnings.add(FixWarning.of(KoaWarningCode.PROP_API_ERROR, NAME, "PROGPI", failure));
            }
            if (months.isEmpty() && !prog.startsWith("E")) {
                warnings.add(FixWarning.of(KoaWarningCode.PROPINT_ERROR, NAME, "PROPINT",
                        "no proprietary period for " + semid + "; using " + DEFAULT_PROPINT + " months"));
            }
        }
        if (zero.applies) {
            propint = 0;
        }
        String ascii = ProgramIds.asciiTitle(title);
        for (int i = 0; i < 3; i++) {
            String part = ascii.length() > 50 * i ? ascii.substring(50 * i, Math.min(ascii.length(), 50 * (i + 1))) : "";
            b.fix("PROGTL" + (i + 1), part, "Program title " + (i + 1), NAME);
        }
        if (titleCard) {
            b.fix("PROGTITL", ascii, "Program title", NAME);
        }
        Header done = b.build();
        Optional<String> finalProg = Values.text(done, "PROGID").filter(p -> !p.equals(ProgramIds.NONE));
        Optional<String> semester = Values.text(done, "SEMESTER");
        String semid = finalProg.isPresent() && semester.isPresent() ? semester.get() + "_" + finalProg.get() : null;
        FixResult out = in.withHeader(done);
        for (FixWarning w : warnings) {
            out = out.warn(w);
        }
        int months = propint;
        String src = source;
        return out.withFacts(f -> f.withProgram(finalProg.orElse(null), ascii, src, semid)
                .withProprietaryMonths(months));
    }

    /** The zero-propint test and any warning it raised. */
    private record ZeroPropint(boolean applies, Optional<FixWarning> warning) {
    }

    private ZeroPropint zeroPropint(Header h, FixContext ctx, LocalDate date, LocalTime ut) {
        if (ctx.option(ZERO_PROPINT_OPTION).filter("off"::equalsIgnoreCase).isPresent()) {
            return new ZeroPropint(false, Optional.empty());
        }
        String type = Values.lower(h, "KOAIMTYP");
        if (type.equals("object") || type.equals("unknown")) {
            return new ZeroPropint(false, Optional.empty());
        }
        boolean day;
        try {
            day = TwilightService.from(ctx).twilight(date).isDaytime(ut);
        } catch (ServiceException e) {
            return new ZeroPropint(false, Optional.of(FixWarning.of(KoaWarningCode.CHECK_ZERO_PROPINT_FAIL, NAME,
                    "PROPINT", "twilight: " + e.getMessage())));
        }
        return new ZeroPropint(day && !targetInfo.has(h, ctx), Optional.empty());
    }

    private static Optional<String> engineering(Header h, boolean zeroPropint) {
        String progname = Values.lower(h, "PROGNAME");
        for (String s : List.of("eng", "calibrations", "my program")) {
            if (progname.contains(s)) {
                return Optional.of("PROGNAME contains '" + s + "'");
            }
        }
        String outdir = Values.lower(h, "OUTDIR");
        for (String d : ENG_DIRS) {
            if (outdir.contains(d)) {
                return Optional.of("OUTDIR contains '" + d + "'");
            }
        }
        String observer = Values.lower(h, "OBSERVER");
        for (String s : List.of("keck ipdm", "nirspec")) {
            if (observer.contains(s)) {
                return Optional.of("OBSERVER contains '" + s + "'");
            }
        }
        if (Values.lower(h, "CAMERA").contains("fpc")) {
            return Optional.of("CAMERA is fpc");
        }
        return zeroPropint ? Optional.of("daytime calibration without target information") : Optional.empty();
    }
}
