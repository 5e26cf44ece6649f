package org.drpkit.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.drpkit.archive.almanac.BadExposures;
import org.drpkit.archive.almanac.RunlistRule;
import org.drpkit.archive.almanac.RunlistRules;
import org.drpkit.core.error.DrpException;
import picocli.CommandLine.Option;

/**
 * How the almanac commands that build a night's runlists choose them: one instrument or all, the bad-exposure list,
 * and the darks' fewest reads (the demo's short darks need {@code --dark-reads 24} where upstream asks 30). Shared by
 * {@code almanac runlist}, {@code check}, {@code flow} and {@code trends}, so they pick the same exposures.
 */
final class RunlistSelection {

    @Option(names = "--instrument", paramLabel = "NAME", description = "only this instrument (default: each in the night)")
    String instrument;

    @Option(names = "--bad", paramLabel = "FILE", description = "bad-exposure list (default: ALMANAC/bad-exposures.csv)")
    Path bad;

    @Option(names = "--dark-reads", paramLabel = "N",
            description = "the darks' fewest reads instead of upstream's 30 (the small demo's darks have 24)")
    Integer darkReads;

    /** @return the bad-exposure list named, or the almanac's own */
    BadExposures badList(AlmanacOptions almanac) throws DrpException {
        return BadExposures.read(bad != null ? bad : almanac.folder.resolve("bad-exposures.csv"));
    }

    /** @return the instrument's runlist rules, the darks' fewest reads replaced when asked */
    RunlistRules rules(String forInstrument) {
        RunlistRules rules = RunlistRules.forInstrument(forInstrument);
        if (darkReads == null) {
            return rules;
        }
        List<RunlistRule> changed = new ArrayList<>();
        for (RunlistRule r : rules.rules()) {
            changed.add(r.name().equals("darks") ? r.withMinReads(darkReads) : r);
        }
        return new RunlistRules(rules.instrument(), changed);
    }

    /** @return the night of each selected instrument, with these runlists */
    List<AlmanacNight> load(AlmanacOptions almanac, String night) throws DrpException {
        return AlmanacNight.load(almanac, night, instrument, badList(almanac), this::rules);
    }
}
