package org.drpkit.instruments.keck.koa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.core.instrument.FixResult;
import org.drpkit.instruments.keck.Hires;
import org.drpkit.instruments.keck.service.Proposal;
import org.drpkit.instruments.keck.service.ProposalService;
import org.drpkit.instruments.keck.service.ScheduleEntry;
import org.drpkit.instruments.keck.service.ScheduleService;
import org.drpkit.instruments.keck.service.ServiceException;
import org.junit.jupiter.api.Test;

/** The program-resolution chain and PROPINT (koa-dep 4.5, 4.6, 8 #20) on small hand-made headers. */
class ProgramRuleTest {

    private static final ProgramRule RULE = new ProgramRule("NIRC2", ProgramResolvers.standard("PROGNAME"),
            (h, c) -> false, ProgramRule.standardQuery("NIRC2", (h, c) -> 2), false);

    /** A night-time (10:00 UT, 00:00 HST) object frame of 2021-10-10, semester 2021B. */
    private static Header.Builder night() {
        return Header.builder().add("DATE-OBS", "2021-10-10").add("UTC", "10:00:00.00").add("SEMESTER", "2021B")
                .add("KOAIMTYP", "object");
    }

    private static FixContext schedule(ScheduleEntry... entries) {
        return FixContext.builder().service(ScheduleService.class, (n, i, t) -> List.of(entries)).build();
    }

    private static ScheduleEntry entry(String prog, String start, String end, String observers) {
        return new ScheduleEntry(prog, LocalTime.parse(start), LocalTime.parse(end), "Classical", observers);
    }

    private static String source(FixResult r) {
        return r.facts().programSource().orElseThrow();
    }

    @Test
    void userOptionBeatsTheHeaderProgram() throws DrpException {
        FixResult h = RULE.apply(night().add("PROGNAME", "C222").build(),
                FixContext.builder().option("progid", "C111").build());
        assertEquals("C111", h.header().getString("PROGID").orElseThrow());
        assertEquals("option progid", source(h));
    }

    @Test
    void headerProgramBeatsTheToODirectory() throws DrpException {
        FixResult h = RULE.apply(night().add("PROGNAME", "C222").add("OUTDIR", "/s/nirc2/2021oct10_ToO_U333/").build(),
                FixContext.offline());
        assertEquals("C222", h.header().getString("PROGID").orElseThrow());
        assertEquals("header PROGNAME", source(h));
    }

    @Test
    void toODirectoryNamesTheProgramAndSkipsTheEngineeringCheck() throws DrpException {
        FixResult h = RULE.apply(night().add("OUTDIR", "/s/nirc2eng/2021oct10_ToO_U333/").add("OBSERVER", "Keck IPDM")
                .build(), FixContext.offline());
        assertEquals("U333", h.header().getString("PROGID").orElseThrow());
        assertEquals("ToO OUTDIR", source(h));
    }

    @Test
    void splitNightSuffixPicksTheNthScheduledProgram() throws DrpException {
        FixResult h = RULE.apply(night().add("OUTDIR", "/s/nirc4/2021oct10_B/").build(), schedule(
                entry("C001", "04:00", "16:00", ""), entry("C002", "04:00", "16:00", "")));
        assertEquals("C002", h.header().getString("PROGID").orElseThrow());
        assertEquals("schedule split-night suffix 2", source(h));
    }

    @Test
    void timeWindowPicksTheProgramRunningAtTheUt() throws DrpException {
        FixResult h = RULE.apply(night().build(), schedule(entry("C001", "04:00", "09:00", ""),
                entry("C002", "09:00", "16:00", "")));
        assertEquals("C002", h.header().getString("PROGID").orElseThrow());
        assertEquals("schedule time window", source(h));
    }

    @Test
    void observerNamePicksTheProgramWhenTheUtFallsBetweenPrograms() throws DrpException {
        FixResult h = RULE.apply(night().add("OBSERVER", "Jones, Brown").build(), schedule(
                entry("C001", "04:00", "09:30", "Smith"), entry("C002", "10:30", "16:00", "R. Jones")));
        assertEquals("C002", h.header().getString("PROGID").orElseThrow());
        assertEquals("schedule observer", source(h));
    }

    @Test
    void beforeTheFirstProgramTakesTheFirstAndAfterTheLastTakesTheLast() throws DrpException {
        FixContext ctx = schedule(entry("C001", "11:00", "12:00", ""), entry("C002", "12:00", "13:00", ""));
        assertEquals("C001", RULE.apply(night().build(), ctx).header().getString("PROGID").orElseThrow());
        Header late = night().build().toBuilder().set("UTC", "14:00:00.00").build();
        assertEquals("C002", RULE.apply(late, ctx).header().getString("PROGID").orElseThrow());
    }

    @Test
    void assignedProgramsFollowTheUtSplitTimes() throws DrpException {
        FixContext ctx = FixContext.builder().option("assignProgname", "U205,10:21:00,C251").build();
        assertEquals("U205", RULE.apply(night().build(), ctx).header().getString("PROGID").orElseThrow());
        Header later = night().build().toBuilder().set("UTC", "10:21:00.00").build();
        assertEquals("C251", RULE.apply(later, ctx).header().getString("PROGID").orElseThrow());
    }

    @Test
    void noProgramAnywhereIsNoneWithAnInvalidProgidWarning() throws DrpException {
        FixResult h = RULE.apply(night().build(), FixContext.offline());
        for (String k : List.of("PROGID", "PROGPI", "PROGINST")) {
            assertEquals("NONE", h.header().getString(k).orElseThrow(), k);
        }
        assertEquals("INVALID_PROGID_WARN", h.warnings().get(0).code());
        assertEquals(OptionalInt.of(18), h.facts().proprietaryMonths());
        assertTrue(h.facts().qualifiedProgramId().isEmpty(), "no SEMID without a program");
        assertTrue(h.facts().programId().isEmpty(), "NONE is no program");
    }

    @Test
    void programIdValidityFollowsTheArchiveRules() {
        assertTrue(ProgramIds.isValid("C257"));
        assertTrue(ProgramIds.isValid("2019A_C257"));
        assertTrue(!ProgramIds.isValid("C2"), "too short");
        assertTrue(!ProgramIds.isValid("C25790"), "too long");
        assertTrue(!ProgramIds.isValid("19A_C257"), "semester part must have 5 characters");
        assertTrue(!ProgramIds.isValid("A_B_C257"), "two underscores");
        assertTrue(!ProgramIds.isValid("PROGID"));
        assertTrue(!ProgramIds.isValid("NONE"));
    }

    @Test
    void engineeringDirectoryMakesTheEngineeringProgram() throws DrpException {
        FixResult h = RULE.apply(night().add("PROGNAME", "C222").add("OUTDIR", "/sdata901/nirc2eng/2021oct10/").build(),
                FixContext.offline());
        assertEquals("ENG", h.header().getString("PROGID").orElseThrow());
        assertEquals("nirc2eng", h.header().getString("PROGPI").orElseThrow());
        assertEquals("KECK", h.header().getString("PROGINST").orElseThrow());
        assertEquals("NIRC2 Engineering", h.header().getString("PROGTL1").orElseThrow());
        assertEquals(OptionalInt.of(18), h.facts().proprietaryMonths());
    }

    @Test
    void daytimeCalibrationWithoutTargetInformationIsEngineeringWithPropintZero() throws DrpException {
        Header day = night().add("PROGNAME", "C222").build().toBuilder().set("UTC", "20:00:00.00")
                .set("KOAIMTYP", "dark").build();
        FixResult h = RULE.apply(day, FixContext.offline());
        assertEquals("ENG", h.header().getString("PROGID").orElseThrow());
        assertEquals(OptionalInt.of(0), h.facts().proprietaryMonths());
        Header dayObject = day.toBuilder().set("KOAIMTYP", "object").build();
        assertEquals("C222", RULE.apply(dayObject, FixContext.offline()).header().getString("PROGID").orElseThrow(),
                "a daytime object frame keeps its program");
        Header nightDark = day.toBuilder().set("UTC", "10:00:00.00").build();
        assertEquals("C222", RULE.apply(nightDark, FixContext.offline()).header().getString("PROGID").orElseThrow(),
                "a night-time dark keeps its program");
    }

    @Test
    void hiresDaytimeObjectKeepsItsProgramBecauseKoaimtypIsKnownFirstQ10() throws DrpException {
        // The archive ran HIRES program steps before KOAIMTYP, so this daytime object frame became ENG with PROPINT 0.
        Header raw = Header.builder().add("INSTRUME", "HIRES").add("OUTFILE", "hires").add("FRAMENO", 5L)
                .add("DATE-OBS", "2021-10-10").add("UTC", "20:00:00.00").add("AUTOSHUT", 1L).add("LAMPNAME", "none")
                .add("LMIRRIN", 0L).add("DARKCLOS", 0L).add("TTIME", 30.0).add("DECKNAME", "C2").add("CATCUR1", 0.0)
                .add("CATCUR2", 0.0).add("HATCLOS", 0L).add("PROGNAME", "C222").build();
        FixResult h = new Hires().fix(raw, FixContext.offline());
        assertEquals("object", h.header().getString("KOAIMTYP").orElseThrow());
        assertEquals("C222", h.header().getString("PROGID").orElseThrow());
        assertEquals(OptionalInt.of(18), h.facts().proprietaryMonths());
    }

    @Test
    void proposalsGivePiInstitutionTitleAndPeriodWithTheTitleSplitAndEscaped() throws DrpException {
        String title = "Résumé of a very long program title that needs more than fifty characters to be written out";
        FixContext ctx = FixContext.builder().service(ProposalService.class, semid -> semid.equals("2021B_C222")
                ? Optional.of(new Proposal("van der Berg", "UC Berkeley", title, OptionalInt.of(24)))
                : Optional.empty()).build();
        FixResult h = RULE.apply(night().add("PROGNAME", "C222").build(), ctx);
        assertEquals("vanderBerg", h.header().getString("PROGPI").orElseThrow());
        assertEquals("UCBerkeley", h.header().getString("PROGINST").orElseThrow());
        String ascii = "R&#233;sum&#233; of a very long program title that needs more than fifty characters to be "
                + "written out";
        assertEquals(ascii, h.facts().programTitle().orElseThrow());
        assertEquals(ascii.substring(0, 50), h.header().getString("PROGTL1").orElseThrow());
        assertEquals(ascii.substring(50, 100), h.header().getString("PROGTL2").orElseThrow());
        assertEquals(ascii.substring(100), h.header().getString("PROGTL3").orElseThrow());
        assertEquals(OptionalInt.of(24), h.facts().proprietaryMonths());
        assertEquals("2021B_C222", h.facts().qualifiedProgramId().orElseThrow());
        assertEquals("C222", h.facts().programId().orElseThrow());
        assertTrue(h.warnings().isEmpty(), h.warnings().toString());
    }

    @Test
    void failingProposalsServiceWarnsAndKeepsDefaultsButEngineeringProgramsNeedNoPropintWarning()
            throws DrpException {
        FixContext ctx = FixContext.builder().service(ProposalService.class, semid -> {
            throw new ServiceException("HTTP 503");
        }).build();
        FixResult h = RULE.apply(night().add("PROGNAME", "E123").build(), ctx);
        assertEquals("NONE", h.header().getString("PROGPI").orElseThrow());
        List<String> codes = new ArrayList<>();
        h.warnings().forEach(w -> codes.add(w.code()));
        assertEquals(List.of("PROP_API_ERROR"), codes, "no PROPINT_ERROR for programs starting with E");
        assertTrue(h.warnings().get(0).text().contains("HTTP 503"));
    }

    @Test
    void failingScheduleIsOneWarningAndTheChainGoesOn() throws DrpException {
        AtomicInteger calls = new AtomicInteger();
        FixContext ctx = FixContext.builder().service(ScheduleService.class, (n, i, t) -> {
            calls.incrementAndGet();
            throw new ServiceException("timeout");
        }).build();
        FixResult h = RULE.apply(night().build(), ctx);
        assertEquals(1, calls.get(), "the schedule is asked once");
        assertEquals("NONE", h.header().getString("PROGID").orElseThrow());
        List<String> codes = new ArrayList<>();
        h.warnings().forEach(w -> codes.add(w.code()));
        assertEquals(List.of("SCHEDULE_API_ERROR", "INVALID_PROGID_WARN"), codes);
    }
}
