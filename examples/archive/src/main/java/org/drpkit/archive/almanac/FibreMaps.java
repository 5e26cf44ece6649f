package org.drpkit.archive.almanac;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.fits.FitsHeaders;
import org.drpkit.fits.TableColumn;

/**
 * Links a night's exposures to their fibre maps, and turns a map into the {@code FIBERMAP} table of an extraction
 * product. An exposure names its map in its exposure header: {@code CONFIGID} (FPS era, file
 * {@code confSummary-<CONFIGID>.par}) or else {@code PLATEID} (plate era, {@code plPlugMapM-<PLATEID>.par}); a value
 * of 0 or less means none (upstream's FPS {@code plate_id}). Every exposure gets an answer: its map, or why it has
 * none.
 *
 * <pre>{@code
 * List<FibreMaps.Link> links = FibreMaps.link(Exposure.group(almanac.night("60000", Optional.empty())), mapsFolder);
 * links.get(0);   // apo/60000/0009 CONFIGID 10001: FibreMap[10001: 300 fibres ...]
 * }</pre>
 */
public final class FibreMaps {

    /** The header keyword of the FPS configuration id. */
    public static final String CONFIG_KEYWORD = "CONFIGID";
    /** The header keyword of the plate id. */
    public static final String PLATE_KEYWORD = "PLATEID";

    private FibreMaps() {
    }

    /**
     * One exposure's fibre map, or why it has none.
     *
     * @param exposure the exposure id
     * @param keyword  the keyword that named the map ({@code CONFIGID} or {@code PLATEID}), {@code ""} when none did
     * @param map      the map, when found and readable
     * @param problem  why there is no map ({@code ""} when there is)
     */
    public record Link(String exposure, String keyword, Optional<FibreMap> map, String problem) {
        /** Checks for nulls. */
        public Link {
            Objects.requireNonNull(exposure, "exposure");
            Objects.requireNonNull(keyword, "keyword");
            Objects.requireNonNull(map, "map");
            Objects.requireNonNull(problem, "problem");
        }

        @Override
        public String toString() {
            return exposure + (keyword.isEmpty() ? "" : " " + keyword + " " + map.map(FibreMap::id).orElse(""))
                    + ": " + map.map(Object::toString).orElse(problem);
        }
    }

    /** @return the file name of a map: {@code confSummary-<id>.par} for CONFIGID, {@code plPlugMapM-<id>.par} else */
    public static String fileName(String keyword, String id) {
        String safe = id.replaceAll("[^A-Za-z0-9_-]", "_");
        return (keyword.equals(CONFIG_KEYWORD) ? "confSummary-" : "plPlugMapM-") + safe + ".par";
    }

    /**
     * The map id a header names: CONFIGID when above 0, else PLATEID when above 0.
     *
     * @return keyword and id, or empty
     */
    public static Optional<String[]> mapId(Header h) {
        for (String k : new String[] {CONFIG_KEYWORD, PLATE_KEYWORD}) {
            Optional<Long> v = h.getLong(k);
            if (v.isPresent() && v.get() > 0) {
                return Optional.of(new String[] {k, Long.toString(v.get())});
            }
        }
        return Optional.empty();
    }

    /**
     * Links each exposure to its map in {@code folder}, reading the exposure header (HDU 0, or HDU 1 of an fpacked file) of its first chip file and each
     * map once.
     *
     * @param exposures the exposures ({@link Exposure#group})
     * @param folder    the folder holding the maps
     * @return one link per exposure, in the order given
     */
    public static List<Link> link(List<Exposure> exposures, Path folder) {
        Map<String, Object> maps = new HashMap<>();
        List<Link> out = new ArrayList<>();
        for (Exposure e : exposures) {
            List<Header> headers;
            try {
                headers = FitsHeaders.readAll(e.files().get(0).path());
            } catch (DrpException x) {
                out.add(new Link(e.exposure(), "", Optional.empty(), x.getMessage()));
                continue;
            }
            Optional<String[]> id = Optional.empty();
            for (int i = 0; i < Math.min(2, headers.size()) && id.isEmpty(); i++) {
                id = mapId(headers.get(i)); // an fpacked apz keeps the exposure's keywords in HDU 1
            }
            if (id.isEmpty()) {
                out.add(new Link(e.exposure(), "", Optional.empty(), "no " + CONFIG_KEYWORD + " or " + PLATE_KEYWORD
                        + " above 0 in the header of " + e.files().get(0).path().getFileName()));
                continue;
            }
            Path file = folder.resolve(fileName(id.get()[0], id.get()[1]));
            Object m = maps.computeIfAbsent(file.toString(), k -> {
                try {
                    return FibreMap.read(file);
                } catch (DrpException x) {
                    return x.getMessage();
                }
            });
            out.add(m instanceof FibreMap fm ? new Link(e.exposure(), id.get()[0], Optional.of(fm), "")
                    : new Link(e.exposure(), id.get()[0], Optional.empty(), (String) m));
        }
        return out;
    }

    /**
     * The {@code FIBERMAP} binary table of an extraction product, one row per spectrum: FIBRE (the fibre number),
     * TYPE ({@link FibreType} name), CODE (upstream's short code), CATEGORY, TARGET, RA and DEC (degrees, NaN when
     * unused).
     *
     * @param fibres the fibre of each spectrum row ({@link FibreMap#forRows})
     */
    public static List<TableColumn> table(List<FibreMap.Fibre> fibres) {
        long[] number = new long[fibres.size()];
        double[] ra = new double[fibres.size()];
        double[] dec = new double[fibres.size()];
        List<String> type = new ArrayList<>();
        List<String> code = new ArrayList<>();
        List<String> category = new ArrayList<>();
        List<String> target = new ArrayList<>();
        for (int i = 0; i < fibres.size(); i++) {
            FibreMap.Fibre f = fibres.get(i);
            number[i] = f.fibre();
            ra[i] = f.ra();
            dec[i] = f.dec();
            type.add(f.type().name());
            code.add(f.type().code());
            category.add(f.category());
            target.add(f.target());
        }
        return List.of(TableColumn.longs("FIBRE", "", number), TableColumn.texts("TYPE", "", type),
                TableColumn.texts("CODE", "", code), TableColumn.texts("CATEGORY", "", category),
                TableColumn.texts("TARGET", "", target), TableColumn.doubles("RA", "deg", ra),
                TableColumn.doubles("DEC", "deg", dec));
    }

    /** @return true when the folder holds a map file for this keyword and id */
    public static boolean has(Path folder, String keyword, String id) {
        return Files.isRegularFile(folder.resolve(fileName(keyword, id)));
    }
}
