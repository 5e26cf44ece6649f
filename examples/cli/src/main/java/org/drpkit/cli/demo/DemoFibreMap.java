package org.drpkit.cli.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.drpkit.algorithms.sim.SpectrographModel;
import org.drpkit.archive.almanac.FibreMap;
import org.drpkit.archive.almanac.FibreType;

/**
 * The demo night's fibre configuration, as a confSummary-like fibre map (the README's format): what the simulated
 * science exposures put down each fibre. The scene gives every third fibre of a chip's slit sky only and the others a
 * star ({@code FibreLight.science}); the map says {@code sky_apogee} for the sky fibres, {@code standard_apogee} (a
 * telluric standard) for every fifth star and {@code science} for the other stars, so a fibre's type is the truth of
 * what it saw. A fibre on no chip's cut of the slit is unused (not listed). Positions are made up around a field
 * centre.
 *
 * <pre>{@code
 * FibreMap m = DemoFibreMap.of(20001, List.of(sceneR.model(), sceneG.model(), sceneB.model()));
 * m.write(out.resolve("fibremaps").resolve(FibreMaps.fileName("CONFIGID", "20001")), true);
 * }</pre>
 */
public final class DemoFibreMap {

    /** Field centre, degrees. */
    static final double RA = 83.82;
    /** Field centre, degrees. */
    static final double DEC = -5.39;

    private DemoFibreMap() {
    }

    /**
     * @param configId the configuration id
     * @param models   the spectrograph of each chip (fibre order as {@code FibreLight.science} uses it); a fibre on
     *                 several chips takes its type from the first
     * @return the map
     */
    public static FibreMap of(long configId, List<SpectrographModel> models) {
        Map<Integer, FibreMap.Fibre> fibres = new TreeMap<>();
        for (SpectrographModel m : models) {
            int[] numbers = m.fibres();
            for (int i = 0; i < numbers.length; i++) {
                int f = numbers[i];
                if (fibres.containsKey(f)) {
                    continue;
                }
                boolean sky = i % 3 == 2;
                String category = sky ? "sky_apogee" : (i / 3) % 5 == 0 ? "standard_apogee" : "science";
                String target = sky ? "sky-" + configId + "-" + f
                        : String.format(Locale.ROOT, "2M-demo-%d-%03d", configId, f);
                double angle = 2 * Math.PI * f / 300.0;
                double radius = 1.4 * Math.sqrt(f / 300.0);
                fibres.put(f, new FibreMap.Fibre(f, FibreType.ofCategory(category), category, target,
                        RA + radius * Math.cos(angle) / Math.cos(Math.toRadians(DEC)), DEC + radius * Math.sin(angle)));
            }
        }
        Map<String, String> keywords = new LinkedHashMap<>();
        keywords.put("configuration_id", Long.toString(configId));
        keywords.put("design_id", Long.toString(configId - 10000));
        keywords.put("observatory", "APO");
        return new FibreMap(Long.toString(configId), keywords, fibres, 0);
    }
}
