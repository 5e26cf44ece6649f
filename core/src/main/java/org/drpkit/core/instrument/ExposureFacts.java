package org.drpkit.core.instrument;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * What an exposure table (an almanac of raw files) needs to know about one raw file beyond its image type: the key
 * the file is filed under, the exposure and night it belongs to, which chip it holds and which chips a complete
 * exposure has, how many reads the header announces and how many the file holds, the exposure time and the lamps.
 * A plugin gives them through {@link InstrumentPlugin#exposureFacts}; the names are instrument-neutral.
 *
 * <pre>{@code
 * ExposureFacts f = ExposureFacts.of("apo/60000/R/0012", "apo/60000/0012", "60000")
 *         .withChip("R", List.of("R", "G", "B")).withReads(47, 47).withLamp("quartz", 1);
 * f.toString();   // apo/60000/R/0012 (exposure apo/60000/0012, night 60000, chip R of [R, G, B], reads 47/47, lamps {quartz=1})
 * }</pre>
 *
 * @param fileKey       the file's key in the table: an APOGEE {@code ExposureKey} text ({@code apo/60000/R/0012}) or an
 *                      archive id ({@code N2.20220619.12345.67})
 * @param exposure      the exposure the file belongs to, shared by the files of its chips (for a one-file exposure,
 *                      the file key)
 * @param night         the observing night as the instrument counts them (APOGEE: the SJD, {@code 60000}; Keck: the
 *                      UT date, {@code 20220619})
 * @param chip          the chip this file holds, or {@code ""} when the file holds the whole exposure
 * @param chips         every chip file of a complete exposure ({@code [R, G, B]}; {@code [""]} for one file)
 * @param readsExpected the reads the header announces (NREAD), when it does
 * @param readsPresent  the reads the file holds, when the instrument reads up the ramp
 * @param exposureTime  the exposure time, s, when the header gives it
 * @param lamps         calibration lamp name to state: 1 on, 0 off, -1 unknown (sorted by name)
 */
public record ExposureFacts(String fileKey, String exposure, String night, String chip, List<String> chips,
        OptionalInt readsExpected, OptionalInt readsPresent, OptionalDouble exposureTime, Map<String, Integer> lamps) {

    /** Checks for nulls and copies the collections; the file's chip must be one of {@code chips}. */
    public ExposureFacts {
        Objects.requireNonNull(fileKey, "fileKey");
        Objects.requireNonNull(exposure, "exposure");
        Objects.requireNonNull(night, "night");
        Objects.requireNonNull(chip, "chip");
        chips = List.copyOf(chips);
        if (!chips.contains(chip)) {
            throw new IllegalArgumentException("chip '" + chip + "' is not one of " + chips);
        }
        Objects.requireNonNull(readsExpected, "readsExpected");
        Objects.requireNonNull(readsPresent, "readsPresent");
        Objects.requireNonNull(exposureTime, "exposureTime");
        lamps = Map.copyOf(new TreeMap<>(lamps));
    }

    /** @return the facts of a one-file exposure: no chips, reads, exposure time or lamps yet */
    public static ExposureFacts of(String fileKey, String exposure, String night) {
        return new ExposureFacts(fileKey, exposure, night, "", List.of(""), OptionalInt.empty(), OptionalInt.empty(),
                OptionalDouble.empty(), Map.of());
    }

    /** @return these facts for one chip file of an exposure of {@code allChips} */
    public ExposureFacts withChip(String fileChip, List<String> allChips) {
        return new ExposureFacts(fileKey, exposure, night, fileChip, allChips, readsExpected, readsPresent,
                exposureTime, lamps);
    }

    /** @return these facts with the reads announced and held (a negative count means unknown) */
    public ExposureFacts withReads(int expected, int present) {
        return new ExposureFacts(fileKey, exposure, night, chip, chips,
                expected < 0 ? OptionalInt.empty() : OptionalInt.of(expected),
                present < 0 ? OptionalInt.empty() : OptionalInt.of(present), exposureTime, lamps);
    }

    /** @return these facts with the exposure time, s (NaN: unknown) */
    public ExposureFacts withExposureTime(double seconds) {
        return new ExposureFacts(fileKey, exposure, night, chip, chips, readsExpected, readsPresent,
                Double.isNaN(seconds) ? OptionalDouble.empty() : OptionalDouble.of(seconds), lamps);
    }

    /** @return these facts with one lamp's state (1 on, 0 off, -1 unknown) */
    public ExposureFacts withLamp(String name, int state) {
        if (state < -1 || state > 1) {
            throw new IllegalArgumentException("lamp state is 1, 0 or -1, not " + state);
        }
        Map<String, Integer> m = new TreeMap<>(lamps);
        m.put(name, state);
        return new ExposureFacts(fileKey, exposure, night, chip, chips, readsExpected, readsPresent, exposureTime, m);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(fileKey).append(" (exposure ").append(exposure).append(", night ")
                .append(night);
        if (!chip.isEmpty()) {
            sb.append(", chip ").append(chip).append(" of ").append(chips);
        }
        if (readsExpected.isPresent() || readsPresent.isPresent()) {
            sb.append(", reads ").append(readsPresent.isPresent() ? Integer.toString(readsPresent.getAsInt()) : "?")
                    .append('/').append(readsExpected.isPresent() ? Integer.toString(readsExpected.getAsInt()) : "?");
        }
        exposureTime.ifPresent(t -> sb.append(", ").append(t).append(" s"));
        if (!lamps.isEmpty()) {
            sb.append(", lamps ").append(new TreeMap<>(lamps));
        }
        return sb.append(')').toString();
    }
}
