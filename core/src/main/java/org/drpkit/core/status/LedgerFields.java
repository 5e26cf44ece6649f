package org.drpkit.core.status;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values a processing step records on its ledger row, set together with a state transition (in one transaction).
 *
 * <pre>{@code
 * LedgerFields.none().koaid("N2.20170725.37273.00").koaimtyp("object").semid("2017B_U098")
 * }</pre>
 */
public final class LedgerFields {

    private final Map<String, Object> values;

    private LedgerFields(Map<String, Object> values) {
        this.values = values;
    }

    /** @return no fields */
    public static LedgerFields none() {
        return new LedgerFields(Map.of());
    }

    private LedgerFields with(String column, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(values);
        m.put(column, value);
        return new LedgerFields(Collections.unmodifiableMap(m));
    }

    /** @return these fields plus the archive id (without {@code .fits}) */
    public LedgerFields koaid(String v) {
        return with("koaid", v);
    }

    /** @return these fields plus the instrument (when processing found another one than the queuer guessed) */
    public LedgerFields instrument(String v) {
        return with("instrument", v);
    }

    /** @return these fields plus the status code */
    public LedgerFields statusCode(String v) {
        return with("status_code", v);
    }

    /** @return these fields plus the observation time */
    public LedgerFields utDateTime(LocalDateTime v) {
        return with("utdatetime", v);
    }

    /** @return these fields plus the image type */
    public LedgerFields koaimtyp(String v) {
        return with("koaimtyp", v);
    }

    /** @return these fields plus {@code SEMESTER_PROGID} */
    public LedgerFields semid(String v) {
        return with("semid", v);
    }

    /** @return these fields plus the proprietary period in months */
    public LedgerFields propint(Integer v) {
        return with("propint", v);
    }

    /** @return these fields plus the output folder */
    public LedgerFields processDir(String v) {
        return with("process_dir", v);
    }

    /** @return these fields plus the archived FITS size in MB */
    public LedgerFields filesizeMb(Double v) {
        return with("filesize_mb", v);
    }

    /** @return these fields plus the size of all products in MB */
    public LedgerFields archsizeMb(Double v) {
        return with("archsize_mb", v);
    }

    /** @return these fields plus the file's MD5 */
    public LedgerFields fileMd5(String v) {
        return with("file_md5", v);
    }

    /** @return these fields plus the transfer start time */
    public LedgerFields xfrStartTime(Instant v) {
        return with("xfr_start_time", v);
    }

    /** @return these fields plus the transfer end time */
    public LedgerFields xfrEndTime(Instant v) {
        return with("xfr_end_time", v);
    }

    /** @return column name to value, in the order set */
    Map<String, Object> values() {
        return values;
    }

    @Override
    public String toString() {
        return "LedgerFields" + values;
    }
}
