package org.drpkit.core.status;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Set;

/**
 * A typed value a pipeline records on its ledger rows beyond the contract's own fields (an image type, a program, a
 * product folder, a transfer time). The ledger implementation declares which attributes it stores; the contract
 * defines only the ones every pipeline has ({@link #ARCHIVE_ID}, {@link #INSTRUMENT}, {@link #STATUS_CODE},
 * {@link #OBSERVED}).
 *
 * <pre>{@code
 * LedgerAttribute<String> program = LedgerAttribute.of("program", String.class);
 * ledger.update(id, ProcessingStatus.PROCESSING, LedgerFields.none().with(program, "2017B_U098"), Instant.now());
 * }</pre>
 *
 * @param name a stable name, unique within a ledger (an implementation may map it to a column)
 * @param type the value's class: String, Integer, Long, Double, Boolean, Instant (UTC) or LocalDateTime (UTC)
 * @param <T>  the value's type
 */
public record LedgerAttribute<T>(String name, Class<T> type) {

    private static final Set<Class<?>> TYPES = Set.of(String.class, Integer.class, Long.class, Double.class,
            Boolean.class, Instant.class, LocalDateTime.class);

    /** The archive id a row's file was given (text, e.g. {@code N2.20170725.37273.00}); unique per level. */
    public static final LedgerAttribute<String> ARCHIVE_ID = of("archiveId", String.class);
    /** The instrument, when processing found another one than the queuer guessed. */
    public static final LedgerAttribute<String> INSTRUMENT = of("instrument", String.class);
    /** The stable code that decided a final INVALID or ERROR state. */
    public static final LedgerAttribute<String> STATUS_CODE = of("statusCode", String.class);
    /** The observation time (UTC, from the file's header). */
    public static final LedgerAttribute<LocalDateTime> OBSERVED = of("observed", LocalDateTime.class);
    /**
     * Who works on the row now (host:pid, see {@link LedgerRow#worker()}): set by a claim, and by a process that takes
     * a finished row into a new non-final state (a delivery sent again), so that recovery knows whose it is.
     */
    public static final LedgerAttribute<String> WORKER = of("worker", String.class);

    /** Checks the name and that the type is one a ledger can store. */
    public LedgerAttribute {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an attribute needs a name");
        }
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("attribute " + name + ": a ledger cannot store " + type
                    + "; use one of String, Integer, Long, Double, Boolean, Instant, LocalDateTime");
        }
    }

    /** @return an attribute named {@code name} holding values of {@code type} */
    public static <T> LedgerAttribute<T> of(String name, Class<T> type) {
        return new LedgerAttribute<>(name, type);
    }

    /** @return {@code value} as this attribute's type (a programming error when it is not one) */
    public T cast(Object value) {
        return type.cast(value);
    }

    @Override
    public String toString() {
        return name + ":" + type.getSimpleName();
    }
}
