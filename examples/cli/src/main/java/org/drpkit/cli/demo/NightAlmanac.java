package org.drpkit.cli.demo;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drpkit.archive.almanac.Almanac;
import org.drpkit.archive.almanac.AlmanacEntry;
import org.drpkit.archive.almanac.BadExposures;
import org.drpkit.archive.almanac.DropFlow;
import org.drpkit.archive.almanac.ExpectedProduct;
import org.drpkit.archive.almanac.FibreMap;
import org.drpkit.archive.almanac.FibreMaps;
import org.drpkit.archive.almanac.Exposure;
import org.drpkit.archive.almanac.IndexOptions;
import org.drpkit.archive.almanac.NightCheck;
import org.drpkit.archive.almanac.ProductRules;
import org.drpkit.archive.almanac.Runlist;
import org.drpkit.archive.almanac.RunlistRule;
import org.drpkit.archive.almanac.RunlistRules;
import org.drpkit.cli.demo.DemoNight.ChipResult;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.instruments.apogee.ApogeeChip;

/**
 * The demo night's almanac: its raw files indexed into {@code out/almanac} (H2; upstream's layout, products beside it
 * in {@code out/}), the runlists built by upstream's rules, which decide what the demo reduces, and after the
 * reduction the final QA pass and the drop flow. The only change to upstream's rules: the darks' fewest reads is the
 * plan's dark length (24 reads for the small night instead of 30), so the short demo darks are usable.
 *
 * <pre>{@code
 * NightAlmanac a = NightAlmanac.index(out, "60690", plan);
 * a.leftOut(1);   // Optional[left out of runlist darks: no previous exposure in the night (persistence unknown)]
 * }</pre>
 */
final class NightAlmanac {

    /** The folder of the fibre maps ({@code confSummary-<CONFIGID>.par}), in the demo's output folder. */
    static final String FIBRE_MAPS = "fibremaps";

    /** The QA pass and the drop flow of the reduced night. */
    record Checked(NightCheck check, DropFlow flow) {
    }

    private final String night;
    private final List<AlmanacEntry> entries;
    private final List<Exposure> exposures;
    private final List<Runlist> runlists;
    private final Map<Integer, String> leftOut;
    private final int picked;
    private final Map<Integer, FibreMaps.Link> fibreMaps = new LinkedHashMap<>();

    private NightAlmanac(String night, List<AlmanacEntry> entries, List<Exposure> exposures, List<Runlist> runlists,
            List<FibreMaps.Link> links) {
        this.night = night;
        this.entries = entries;
        this.exposures = exposures;
        this.runlists = runlists;
        Map<String, Boolean> isPicked = new LinkedHashMap<>();
        Map<String, String> why = new LinkedHashMap<>();
        for (Runlist r : runlists) {
            for (Exposure e : r.selected()) {
                isPicked.put(e.exposure(), true);
            }
            for (Runlist.Exclusion x : r.excluded()) {
                why.putIfAbsent(x.exposure().exposure(), "left out of runlist " + r.rule().name() + ": "
                        + String.join("; ", x.reasons()));
            }
        }
        this.leftOut = new LinkedHashMap<>();
        int n = 0;
        for (Exposure e : exposures) {
            int number = number(e.exposure());
            if (isPicked.containsKey(e.exposure())) {
                n++;
            } else {
                leftOut.put(number, why.getOrDefault(e.exposure(), "no runlist takes image type " + e.imageType()));
            }
        }
        this.picked = n;
        for (FibreMaps.Link l : links) {
            fibreMaps.put(number(l.exposure()), l);
        }
    }

    private static int number(String exposureId) {
        return Integer.parseInt(exposureId.substring(exposureId.lastIndexOf('/') + 1));
    }

    /** @return upstream's APOGEE runlist rules with the darks' fewest reads set to the plan's dark length */
    static RunlistRules rules(NightPlan plan) {
        int darkReads = plan.of(NightPlan.Kind.DARK).get(0).reads();
        List<RunlistRule> rules = new ArrayList<>();
        for (RunlistRule r : RunlistRules.apogee().rules()) {
            rules.add(r.name().equals("darks") ? r.withMinReads(darkReads) : r);
        }
        return new RunlistRules("APOGEE", rules);
    }

    /**
     * Indexes {@code out/raw} into {@code out/almanac} and builds the night's runlists.
     *
     * @throws DrpException when the almanac's database or the bad-exposure list cannot be used
     */
    static NightAlmanac index(Path out, String night, NightPlan plan) throws DrpException {
        Path folder = out.resolve("almanac");
        List<AlmanacEntry> entries;
        try (Almanac a = Almanac.open(Almanac.h2Url(folder))) {
            a.index(List.of(out.resolve("raw")), IndexOptions.defaults());
            entries = a.night(night, Optional.of("APOGEE"));
        }
        List<Exposure> exposures = Exposure.group(entries);
        return new NightAlmanac(night, entries, exposures, Runlist.build(exposures, rules(plan),
                BadExposures.read(folder.resolve(BAD_LIST))), FibreMaps.link(exposures, out.resolve(FIBRE_MAPS)));
    }

    /** The bad-exposure list, in the almanac's folder ({@code drpkit almanac bad} reads the same file). */
    static final String BAD_LIST = "bad-exposures.csv";

    /**
     * The fibre of each spectrum row of an exposure, from the fibre map its CONFIGID names; the map's file and id are
     * added to the product's header.
     *
     * @return the rows ({@code FibreMap.forRows}), or none when the exposure has no readable map
     */
    List<FibreMap.Fibre> fibreRows(Header.Builder header, int exposure, int[] fibres, String imageType) {
        FibreMaps.Link l = fibreMaps.get(exposure);
        if (l == null || l.map().isEmpty()) {
            return List.of();
        }
        FibreMap m = l.map().get();
        header.add("FIBREMAP", FibreMaps.fileName(l.keyword(), m.id()), "fibre map of FIBERMAP")
                .add(l.keyword(), Long.parseLong(m.id()), "configuration or plate id");
        return m.forRows(fibres, imageType);
    }

    /** @return each exposure's fibre map, or why it has none, by exposure number */
    Map<Integer, FibreMaps.Link> fibreMaps() {
        return fibreMaps;
    }

    /**
     * Adds what the stages found wrong to the almanac's bad-exposure list (keys not listed yet, one new version), so
     * the next runlists leave them out.
     *
     * @throws DrpException {@code BAD_LIST_CONFLICT} when another writer changed the list meanwhile
     */
    void recordBad(Path out, List<BadExposures.Outcome> outcomes) throws DrpException {
        Path file = out.resolve("almanac").resolve(BAD_LIST);
        BadExposures before = BadExposures.read(file);
        BadExposures after = before.withOutcomes(outcomes, Instant.now());
        if (after != before) {
            after.write(file);
        }
    }

    /** @return why the runlists left an exposure out, empty when one picked it */
    Optional<String> leftOut(int exposure) {
        return Optional.ofNullable(leftOut.get(exposure));
    }

    /** @return the number of exposures some runlist picked */
    int picked() {
        return picked;
    }

    /** @return the runlists */
    List<Runlist> runlists() {
        return runlists;
    }

    /**
     * The final QA pass over the products the runlists call for, and the drop flow with the demo's own flat-stack
     * stage (internal flats whose lamp stayed off are left out of the stack) after the flat products.
     */
    Checked check(Path out, Map<ApogeeChip, ChipResult> chips) {
        NightCheck check = NightCheck.run(out, night, ExpectedProduct.of(runlists, ProductRules.apogee()));
        DropFlow flow = DropFlow.of(night, "APOGEE", entries, exposures, runlists).withProducts(check);
        List<String> flatDrops = new ArrayList<>();
        int flats = 0;
        for (ChipResult c : chips.values()) {
            flats += c.flat().used().length;
            for (boolean used : c.flat().used()) {
                if (!used) {
                    flatDrops.add("lamp off: below the lamp-on level");
                }
            }
        }
        List<DropFlow.Stage> stages = new ArrayList<>();
        for (DropFlow.Stage s : flow.stages()) {
            stages.add(s);
            if (s.name().equals("flat")) {
                stages.add(DropFlow.Stage.of("flat stack", "chip files", flats, flatDrops));
            }
        }
        return new Checked(check, new DropFlow(night, "APOGEE", stages));
    }
}
