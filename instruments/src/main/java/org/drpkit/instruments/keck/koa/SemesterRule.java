package org.drpkit.instruments.keck.koa;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.core.instrument.FixResult;
import org.drpkit.core.instrument.HeaderFixRule;
import org.drpkit.instruments.keck.common.Values;

/**
 * SEMESTER (koa-dep section 4.4), fix rule {@code keck.semester}: from the {@code assignProgname} option or PROGNAME
 * when either is a valid {@code SEM_PROG} id (comment {@code Calculated SEMESTER from PROGNAME}), else computed from
 * DATE-OBS and UTC with {@link Semester} (comment {@code Calculated SEMESTER from DATE-OBS}).
 *
 * <pre>{@code
 * Header fixed = SemesterRule.INSTANCE.apply(header, ctx);   // SEMESTER = '2019A'
 * }</pre>
 */
public final class SemesterRule implements HeaderFixRule {

    /** Name of the rule in the fix log. */
    public static final String NAME = "keck.semester";
    /** The rule (stateless). */
    public static final SemesterRule INSTANCE = new SemesterRule();

    private SemesterRule() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * @throws DrpException {@code SET_SEMESTER_FAIL} naming DATE-OBS or UTC when the semester cannot be computed
     */
    @Override
    public FixResult apply(FixResult in, FixContext ctx) throws DrpException {
        return in.withHeader(semester(in.header(), ctx));
    }

    private static Header semester(Header h, FixContext ctx) throws DrpException {
        Optional<LocalTime> ut = DateTimeRules.utTime(h);
        Optional<String> assigned = ut.flatMap(t -> ctx.option("assignProgname")
                .flatMap(spec -> ProgramResolvers.pickByTime(spec, t))).flatMap(ProgramIds::semester);
        Optional<String> fromProgram = assigned.or(() -> Values.text(h, "PROGNAME").flatMap(ProgramIds::semester));
        if (fromProgram.isPresent()) {
            return h.toBuilder().fix("SEMESTER", fromProgram.get(), "Calculated SEMESTER from PROGNAME", NAME).build();
        }
        LocalDate date = DateTimeRules.utDate(h).orElseThrow(() -> new DrpException(KeckErrorCode.SET_SEMESTER_FAIL,
                h.origin().keyword("DATE-OBS"), "DATE-OBS is absent or not YYYY-MM-DD"));
        LocalTime time = ut.orElseThrow(() -> new DrpException(KeckErrorCode.SET_SEMESTER_FAIL,
                h.origin().keyword("UTC"), "UTC is absent or not HH:MM:SS"));
        return h.toBuilder().fix("SEMESTER", Semester.of(date, time), "Calculated SEMESTER from DATE-OBS", NAME).build();
    }

    @Override
    public String toString() {
        return "HeaderFixRule[" + NAME + "]";
    }
}
