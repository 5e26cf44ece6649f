package org.drpkit.core.status;

import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values a processing step records on its ledger row, set together with a state transition (in one transaction).
 * Immutable: each setter returns new fields. A value set to null clears it.
 *
 * <pre>{@code
 * LedgerFields.none().archiveId("N2.20170725.37273.00").with(imageType, "object")
 * }</pre>
 */
public final class LedgerFields {

    private final Map<LedgerAttribute<?>, Object> values;

    private LedgerFields(Map<LedgerAttribute<?>, Object> values) {
        this.values = values;
    }

    /** @return no fields */
    public static LedgerFields none() {
        return new LedgerFields(Map.of());
    }

    /** @return these fields plus {@code attribute = value} (null clears the value) */
    public <T> LedgerFields with(LedgerAttribute<T> attribute, T value) {
        Map<LedgerAttribute<?>, Object> m = new LinkedHashMap<>(values);
        m.put(attribute, value == null ? null : attribute.cast(value));
        return new LedgerFields(Collections.unmodifiableMap(m));
    }

    /** @return these fields plus the archive id */
    public LedgerFields archiveId(String v) {
        return with(LedgerAttribute.ARCHIVE_ID, v);
    }

    /** @return these fields plus the instrument (when processing found another one than the queuer guessed) */
    public LedgerFields instrument(String v) {
        return with(LedgerAttribute.INSTRUMENT, v);
    }

    /** @return these fields plus the status code */
    public LedgerFields statusCode(String v) {
        return with(LedgerAttribute.STATUS_CODE, v);
    }

    /** @return these fields plus the worker now responsible for the row ({@link LedgerAttribute#WORKER}) */
    public LedgerFields worker(String v) {
        return with(LedgerAttribute.WORKER, v);
    }

    /** @return these fields plus the observation time (UTC) */
    public LedgerFields observed(LocalDateTime v) {
        return with(LedgerAttribute.OBSERVED, v);
    }

    /** @return attribute to value (null = clear), in the order set; for ledger implementations */
    public Map<LedgerAttribute<?>, Object> values() {
        return values;
    }

    /** @return true when no value is set */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public String toString() {
        return "LedgerFields" + values;
    }
}
