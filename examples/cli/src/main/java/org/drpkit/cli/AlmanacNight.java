package org.drpkit.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.drpkit.archive.almanac.Almanac;
import org.drpkit.archive.almanac.AlmanacEntry;
import org.drpkit.archive.almanac.BadExposures;
import org.drpkit.archive.almanac.Exposure;
import org.drpkit.archive.almanac.Runlist;
import org.drpkit.archive.almanac.RunlistRules;
import org.drpkit.core.error.DrpException;

/**
 * One instrument's night as the almanac holds it: its files, exposures and runlists (upstream's rules, the bad list
 * honoured). Shared by {@code almanac check} and {@code almanac flow}.
 *
 * @param instrument the instrument
 * @param entries    every file of the night (any state)
 * @param exposures  the files grouped into exposures
 * @param runlists   the runlists
 * @param bad        the bad-exposure list used
 */
record AlmanacNight(String instrument, List<AlmanacEntry> entries, List<Exposure> exposures, List<Runlist> runlists,
        BadExposures bad) {

    /**
     * @param bad   the bad-exposure list the runlists honour
     * @param rules each instrument's runlist rules
     * @return the night of each instrument the almanac holds files of (only {@code instrument}'s when given), in the
     *         order found
     */
    static List<AlmanacNight> load(AlmanacOptions almanac, String night, String instrument, BadExposures bad,
            Function<String, RunlistRules> rules) throws DrpException {
        List<AlmanacEntry> entries;
        try (Almanac a = almanac.open()) {
            entries = a.night(night, Optional.ofNullable(instrument));
        }
        Map<String, List<AlmanacEntry>> by = new LinkedHashMap<>();
        for (AlmanacEntry e : entries) {
            by.computeIfAbsent(e.instrument(), k -> new ArrayList<>()).add(e);
        }
        List<AlmanacNight> out = new ArrayList<>();
        for (Map.Entry<String, List<AlmanacEntry>> i : by.entrySet()) {
            List<Exposure> exposures = Exposure.group(i.getValue());
            out.add(new AlmanacNight(i.getKey(), i.getValue(), exposures,
                    Runlist.build(exposures, rules.apply(i.getKey()), bad), bad));
        }
        return out;
    }
}
