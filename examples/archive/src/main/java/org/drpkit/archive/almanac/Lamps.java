package org.drpkit.archive.almanac;

import java.util.Map;
import java.util.TreeMap;

/** The stored text of lamp states, {@code quartz=1,thar=0,une=-1}. */
final class Lamps {

    private Lamps() {
    }

    static String text(Map<String, Integer> lamps) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(lamps).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return sb.toString();
    }

    static Map<String, Integer> parse(String text) {
        Map<String, Integer> m = new TreeMap<>();
        if (text != null && !text.isBlank()) {
            for (String item : text.split(",")) {
                int eq = item.indexOf('=');
                m.put(item.substring(0, eq), Integer.parseInt(item.substring(eq + 1)));
            }
        }
        return m;
    }
}
