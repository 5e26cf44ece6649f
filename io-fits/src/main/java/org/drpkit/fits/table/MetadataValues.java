package org.drpkit.fits.table;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.drpkit.core.instrument.ArchiveFacts;

/**
 * The values of a metadata row that are not header cards, by column name, in order: what a plugin derived while
 * fixing the header ({@link ArchiveFacts}, under the archive's column names) and what the caller measured (the file
 * size). {@link MetadataWriter} takes a column's value from the header's card first and from here second;
 * {@link HeaderKeywordTable} adds a column for each value after the header's own. Immutable.
 *
 * <p>The archive's column for each fact: {@code PROGTITL} (program title), {@code PROPINT} (proprietary months),
 * {@code PROGSRC} (how the program was found), {@code SEMID} (semester-qualified program id), {@code DATE_BEG} and
 * {@code DATE_END} (exposure start and end), {@code MJD-OBS} (start MJD) and {@code ARCLAMP} (calibration lamp).
 *
 * <pre>{@code
 * MetadataValues v = MetadataValues.of(fixResult.facts()).with("FILESIZE_MB", 10.1635);
 * MetadataWriter.of(table).write(fixResult.header(), v);
 * }</pre>
 */
public final class MetadataValues {

    private static final MetadataValues NONE = new MetadataValues(Map.of());

    private final Map<String, Object> values;

    private MetadataValues(Map<String, Object> values) {
        this.values = values;
    }

    /** @return no values */
    public static MetadataValues none() {
        return NONE;
    }

    /** @return the facts a plugin derived, under the archive's column names, in the order listed above */
    public static MetadataValues of(ArchiveFacts f) {
        Map<String, Object> m = new LinkedHashMap<>();
        f.programTitle().ifPresent(v -> m.put("PROGTITL", v));
        f.proprietaryMonths().ifPresent(v -> m.put("PROPINT", (long) v));
        f.programSource().ifPresent(v -> m.put("PROGSRC", v));
        f.qualifiedProgramId().ifPresent(v -> m.put("SEMID", v));
        f.exposureStart().ifPresent(v -> m.put("DATE_BEG", v));
        f.exposureEnd().ifPresent(v -> m.put("DATE_END", v));
        f.startMjd().ifPresent(v -> m.put("MJD-OBS", v));
        f.calibrationLamp().ifPresent(v -> m.put("ARCLAMP", v));
        return new MetadataValues(Collections.unmodifiableMap(m));
    }

    /**
     * @param value a String, Boolean, integer or floating-point number, or null (a null cell)
     * @return these values with {@code keyword} set (replaced in place when present, else appended)
     */
    public MetadataValues with(String keyword, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(values);
        m.put(key(keyword), value);
        return new MetadataValues(Collections.unmodifiableMap(m));
    }

    /** @return the value of a column (case-insensitive); empty when absent, {@code Optional.of(null)} never */
    public Optional<Object> find(String keyword) {
        return Optional.ofNullable(values.get(key(keyword)));
    }

    /** @return true when the column has an entry (even a null one) */
    public boolean has(String keyword) {
        return values.containsKey(key(keyword));
    }

    /** @return column name to value, in order (unmodifiable) */
    public Map<String, Object> asMap() {
        return values;
    }

    private static String key(String keyword) {
        return Objects.requireNonNull(keyword, "keyword").trim().toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "MetadataValues" + values;
    }
}
