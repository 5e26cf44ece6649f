package org.drpkit.core.status;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The attribute values a ledger row holds beyond the contract's fields (only those that are set), as the ledger
 * implementation stored them. Immutable.
 *
 * <pre>{@code
 * String program = row.attributes().get(program).orElse("none");
 * }</pre>
 */
public final class LedgerAttributes {

    private static final LedgerAttributes NONE = new LedgerAttributes(Map.of());

    private final Map<LedgerAttribute<?>, Object> values;

    private LedgerAttributes(Map<LedgerAttribute<?>, Object> values) {
        this.values = values;
    }

    /** @return no attributes */
    public static LedgerAttributes none() {
        return NONE;
    }

    /**
     * @param values attribute to value; null values are left out
     * @return the attributes, checked against their types
     */
    public static LedgerAttributes of(Map<LedgerAttribute<?>, ?> values) {
        Map<LedgerAttribute<?>, Object> m = new LinkedHashMap<>();
        values.forEach((a, v) -> {
            if (v != null) {
                m.put(a, a.cast(v));
            }
        });
        return m.isEmpty() ? NONE : new LedgerAttributes(Collections.unmodifiableMap(m));
    }

    /** @return the value of {@code attribute}, or empty when the row has none */
    public <T> Optional<T> get(LedgerAttribute<T> attribute) {
        return Optional.ofNullable(attribute.cast(values.get(attribute)));
    }

    /** @return the value of {@code attribute}, or null when the row has none */
    public <T> T orNull(LedgerAttribute<T> attribute) {
        return attribute.cast(values.get(attribute));
    }

    /** @return every set attribute and its value */
    public Map<LedgerAttribute<?>, Object> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
