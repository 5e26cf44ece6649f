package org.drpkit.core.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Typed ledger attributes: what a ledger can store, set values, cleared values and read-back. */
class LedgerAttributeTest {

    private static final LedgerAttribute<String> PROGRAM = LedgerAttribute.of("program", String.class);
    private static final LedgerAttribute<Integer> MONTHS = LedgerAttribute.of("months", Integer.class);

    @Test
    void anAttributeOfATypeNoLedgerCanStoreIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LedgerAttribute.of("bytes", byte[].class));
        assertThrows(IllegalArgumentException.class, () -> LedgerAttribute.of(" ", String.class));
        assertEquals("transferStart:Instant", LedgerAttribute.of("transferStart", Instant.class).toString());
    }

    @Test
    void fieldsKeepTheOrderSetAndNullClearsAValue() {
        LedgerFields f = LedgerFields.none().archiveId("N2.20170725.37273.00").with(MONTHS, 18).with(PROGRAM, null);
        assertEquals(java.util.List.of(LedgerAttribute.ARCHIVE_ID, MONTHS, PROGRAM), java.util.List.copyOf(
                f.values().keySet()));
        assertTrue(f.values().containsKey(PROGRAM) && f.values().get(PROGRAM) == null, "set to null: cleared");
        assertTrue(LedgerFields.none().isEmpty());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Test
    void aValueOfTheWrongTypeIsRefusedWhenSetOrRead() {
        LedgerAttribute raw = MONTHS;
        assertThrows(ClassCastException.class, () -> LedgerFields.none().with(raw, "eighteen"));
        Map<LedgerAttribute<?>, Object> wrong = new HashMap<>();
        wrong.put(MONTHS, "eighteen");
        assertThrows(ClassCastException.class, () -> LedgerAttributes.of(wrong));
    }

    @Test
    void attributesReadBackTypedAndLeaveOutNulls() {
        Map<LedgerAttribute<?>, Object> stored = new HashMap<>();
        stored.put(MONTHS, 18);
        stored.put(PROGRAM, null);
        LedgerAttributes a = LedgerAttributes.of(stored);
        assertEquals(Optional.of(18), a.get(MONTHS));
        assertEquals(Optional.empty(), a.get(PROGRAM));
        assertEquals(Map.of(MONTHS, 18), a.asMap());
        assertTrue(LedgerAttributes.of(Map.of()) == LedgerAttributes.none(), "no values: the shared empty set");
    }
}
