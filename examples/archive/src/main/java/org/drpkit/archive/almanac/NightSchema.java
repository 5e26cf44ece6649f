package org.drpkit.archive.almanac;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The header keyword schema of one instrument's night: for each keyword, the value types seen ({@code S}, {@code I},
 * {@code F}, {@code L}, {@code U}; see {@link KeywordSchema}) and the fraction of the night's files that carry it.
 *
 * <pre>{@code
 * NightSchema s = NightSchema.of("APOGEE", "60000", almanac.schemas("APOGEE", "60000"));
 * s.presence().get("CARTID");   // 1.0
 * s.types().get("SEEING");      // "F"
 * }</pre>
 *
 * @param instrument the instrument
 * @param night      the night
 * @param files      the files counted
 * @param types      keyword to the type letters seen, sorted and joined ({@code "F"}, {@code "I|F"} as {@code "FI"})
 * @param presence   keyword to the fraction of files that carry it, 0..1
 */
public record NightSchema(String instrument, String night, int files, Map<String, String> types,
        Map<String, Double> presence) {

    /** Copies the maps, sorted. */
    public NightSchema {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(night, "night");
        types = Map.copyOf(new TreeMap<>(types));
        presence = Map.copyOf(new TreeMap<>(presence));
    }

    /** @return the schema of a night from its distinct file schemas and their file counts ({@link Almanac#schemas}) */
    public static NightSchema of(String instrument, String night, Map<KeywordSchema, Integer> schemas) {
        int files = 0;
        Map<String, TreeSet<Character>> t = new TreeMap<>();
        Map<String, Integer> n = new TreeMap<>();
        for (Map.Entry<KeywordSchema, Integer> e : schemas.entrySet()) {
            files += e.getValue();
            for (Map.Entry<String, Character> k : e.getKey().types().entrySet()) {
                t.computeIfAbsent(k.getKey(), x -> new TreeSet<>()).add(k.getValue());
                n.merge(k.getKey(), e.getValue(), Integer::sum);
            }
        }
        Map<String, String> types = new TreeMap<>();
        Map<String, Double> presence = new TreeMap<>();
        for (Map.Entry<String, TreeSet<Character>> e : t.entrySet()) {
            StringBuilder sb = new StringBuilder();
            e.getValue().forEach(sb::append);
            types.put(e.getKey(), sb.toString());
            presence.put(e.getKey(), n.get(e.getKey()) / (double) files);
        }
        return new NightSchema(instrument, night, files, types, presence);
    }

    @Override
    public String toString() {
        return "NightSchema[" + instrument + " " + night + ": " + files + " files, " + types.size() + " keywords]";
    }
}
