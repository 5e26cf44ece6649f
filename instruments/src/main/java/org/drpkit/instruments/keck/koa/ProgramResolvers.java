package org.drpkit.instruments.keck.koa;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.drpkit.instruments.keck.common.Values;
import org.drpkit.instruments.keck.service.ScheduleEntry;

/**
 * The standard program resolvers, in the order of the standard chain:
 * <ol>
 * <li>{@link #option()}: the user's {@code progid} option (the archive's {@code --progid});</li>
 * <li>{@link #assigned()}: the {@code assignProgname} option, {@code U205} or {@code U205,10:21:00,C251} (a program
 * per UT interval; the archive applied it to SEMESTER only, drpkit applies it to PROGID too, as the archive's
 * own notes recommend);</li>
 * <li>{@link #header(String...)}: PROGNAME (KPF also GRPROGNA, RDPROGNA);</li>
 * <li>{@link #tooDirectory()}: the last {@code _} token of an OUTDIR containing {@code _ToO_};</li>
 * <li>{@link #scheduleOnlyProgram()}: the night's only scheduled program;</li>
 * <li>{@link #scheduleSplitSuffix()}: the n-th program for an OUTDIR ending {@code _A} .. {@code _E};</li>
 * <li>{@link #scheduleTimeWindow()}: the program whose time contains the UT;</li>
 * <li>{@link #scheduleObserver()}: the only program listing one of the header's OBSERVER names;</li>
 * <li>{@link #scheduleNearest()}: the first program when the UT is before it, the last when after.</li>
 * </ol>
 *
 * <pre>{@code
 * List<ProgramResolver> chain = ProgramResolvers.standard("PROGNAME");
 * }</pre>
 */
public final class ProgramResolvers {

    private ProgramResolvers() {
    }

    /** @return the standard chain, reading the header program from {@code headerKeywords} */
    public static List<ProgramResolver> standard(String... headerKeywords) {
        return List.of(option(), assigned(), header(headerKeywords), tooDirectory(), scheduleOnlyProgram(),
                scheduleSplitSuffix(), scheduleTimeWindow(), scheduleObserver(), scheduleNearest());
    }

    /** @return the {@code progid} option */
    public static ProgramResolver option() {
        return ProgramResolver.of("option progid", q -> q.context().option("progid").map(String::trim)
                .filter(s -> !s.isEmpty()).map(p -> new ProgramChoice(p, "option progid")));
    }

    /** @return the {@code assignProgname} option: {@code P0[,T1,P1[,T2,P2...]]}, program Pi from UT Ti on */
    public static ProgramResolver assigned() {
        return ProgramResolver.of("option assignProgname", q -> q.context().option("assignProgname")
                .flatMap(spec -> pickByTime(spec, q.ut())).map(p -> new ProgramChoice(p, "option assignProgname")));
    }

    /** @return the first present header keyword of {@code keywords} */
    public static ProgramResolver header(String... keywords) {
        List<String> keys = List.of(keywords);
        return ProgramResolver.of("header " + String.join("|", keys), q -> {
            for (String k : keys) {
                Optional<String> v = Values.text(q.header(), k);
                if (v.isPresent()) {
                    return Optional.of(new ProgramChoice(v.get(), "header " + k));
                }
            }
            return Optional.empty();
        });
    }

    /** @return the last {@code _}-separated token of an OUTDIR containing {@code _ToO_} */
    public static ProgramResolver tooDirectory() {
        return ProgramResolver.of("ToO OUTDIR", q -> {
            String outdir = Values.text(q.header(), "OUTDIR").orElse("");
            if (!outdir.contains("_ToO_")) {
                return Optional.empty();
            }
            String t = outdir.endsWith("/") ? outdir.substring(0, outdir.length() - 1) : outdir;
            String last = t.substring(t.lastIndexOf('_') + 1);
            return last.isEmpty() ? Optional.empty() : Optional.of(new ProgramChoice(last, "ToO OUTDIR"));
        });
    }

    /** @return the night's only scheduled program */
    public static ProgramResolver scheduleOnlyProgram() {
        return ProgramResolver.of("schedule only program", q -> q.schedule().size() == 1
                ? Optional.of(new ProgramChoice(q.schedule().get(0).programId(), "schedule only program"))
                : Optional.empty());
    }

    /** @return the n-th scheduled program for an OUTDIR ending {@code _A}..{@code _E} (n = 1..5) */
    public static ProgramResolver scheduleSplitSuffix() {
        return ProgramResolver.of("schedule split-night suffix", q -> {
            int n = splitIndex(Values.text(q.header(), "OUTDIR").orElse(""));
            List<ScheduleEntry> s = q.schedule();
            return n >= 1 && n <= s.size()
                    ? Optional.of(new ProgramChoice(s.get(n - 1).programId(), "schedule split-night suffix " + n))
                    : Optional.empty();
        });
    }

    /** @return the first scheduled program whose [start, end] contains the UT */
    public static ProgramResolver scheduleTimeWindow() {
        return ProgramResolver.of("schedule time window", q -> {
            for (ScheduleEntry e : q.schedule()) {
                if (e.contains(q.ut())) {
                    return Optional.of(new ProgramChoice(e.programId(), "schedule time window"));
                }
            }
            return Optional.empty();
        });
    }

    /** @return the only scheduled program whose observers share a name with the header's OBSERVER */
    public static ProgramResolver scheduleObserver() {
        return ProgramResolver.of("schedule observer", q -> {
            Set<String> names = names(Values.text(q.header(), "OBSERVER").orElse(""));
            ScheduleEntry hit = null;
            for (ScheduleEntry e : q.schedule()) {
                Set<String> common = names(e.observers());
                common.retainAll(names);
                if (!common.isEmpty()) {
                    if (hit != null) {
                        return Optional.empty();
                    }
                    hit = e;
                }
            }
            return hit == null ? Optional.empty() : Optional.of(new ProgramChoice(hit.programId(), "schedule observer"));
        });
    }

    /** @return the first program when the UT is before its start, the last when the UT is after its end */
    public static ProgramResolver scheduleNearest() {
        return ProgramResolver.of("schedule nearest", q -> {
            List<ScheduleEntry> s = new ArrayList<>();
            for (ScheduleEntry e : q.schedule()) {
                if (!q.classicalOnlyFallback() || e.obsType().equalsIgnoreCase("Classical")) {
                    s.add(e);
                }
            }
            if (s.isEmpty()) {
                return Optional.empty();
            }
            if (q.ut().isBefore(s.get(0).startUt())) {
                return Optional.of(new ProgramChoice(s.get(0).programId(), "schedule before first program"));
            }
            ScheduleEntry last = s.get(s.size() - 1);
            if (q.ut().isAfter(last.endUt())) {
                return Optional.of(new ProgramChoice(last.programId(), "schedule after last program"));
            }
            return Optional.empty();
        });
    }

    /** @return 1..5 for an OUTDIR ending in {@code _A}..{@code _E} (a trailing {@code /} ignored), else 0 */
    static int splitIndex(String outdir) {
        String t = outdir.endsWith("/") ? outdir.substring(0, outdir.length() - 1) : outdir;
        if (t.length() >= 2 && t.charAt(t.length() - 2) == '_') {
            char c = t.charAt(t.length() - 1);
            if (c >= 'A' && c <= 'E') {
                return c - 'A' + 1;
            }
        }
        return 0;
    }

    static Optional<String> pickByTime(String spec, LocalTime ut) {
        String[] p = spec.split(",");
        if (p.length == 0 || p[0].trim().isEmpty() || p.length % 2 == 0) {
            return Optional.empty();
        }
        String prog = p[0].trim();
        for (int i = 1; i + 1 < p.length; i += 2) {
            Optional<LocalTime> t = DateTimeRules.parseTime(p[i].trim());
            if (t.isEmpty()) {
                return Optional.empty();
            }
            if (!ut.isBefore(t.get())) {
                prog = p[i + 1].trim();
            }
        }
        return Optional.of(prog);
    }

    private static Set<String> names(String text) {
        Set<String> out = new HashSet<>();
        for (String t : text.toLowerCase(Locale.ROOT).split("[^a-z']+")) {
            if (t.length() >= 3) {
                out.add(t);
            }
        }
        return out;
    }
}
