package org.drpkit.archive.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.drpkit.core.error.DrpException;

/**
 * The archive's {@code headers} table (koa-dep section 1.5 step 22, table in 2.2): one row per KOAID holding the
 * archived file's primary header as JSON text ({@code HeadersJson} builds it), inserted the first time and replaced
 * when the file is processed again. Thread-safe; each call is one transaction of the ledger's database.
 *
 * <pre>{@code
 * HeadersTable t = HeadersTable.of(ledger);
 * t.put("N2.20170725.37273.00", json, Instant.now());   // INSERTED, then UPDATED on a reprocess
 * t.get("N2.20170725.37273.00");                        // Optional[{"SIMPLE":{"value":true,...},...}]
 * }</pre>
 */
public final class HeadersTable {

    /** What {@link #put} did. */
    public enum Write {
        /** A new row. */
        INSERTED,
        /** The KOAID's row was replaced (a reprocess). */
        UPDATED
    }

    /** The longest KOAID the table stores (its column's width). */
    public static final int MAX_KOAID = 64;

    private final JdbcLedger ledger;

    private HeadersTable(JdbcLedger ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /** @return the table in {@code ledger}'s database (created by the ledger's migrations) */
    public static HeadersTable of(JdbcLedger ledger) {
        return new HeadersTable(ledger);
    }

    /**
     * Stores a file's header, replacing the KOAID's earlier one.
     *
     * @param koaid the archive id, without {@code .fits}
     * @param json  the header as JSON text
     * @param now   the row's {@code last_mod}
     * @return whether a row was inserted or replaced
     * @throws DrpException {@code LEDGER_UNAVAILABLE} when the database fails
     */
    public Write put(String koaid, String json, Instant now) throws DrpException {
        Objects.requireNonNull(json, "json");
        if (koaid == null || koaid.isBlank() || koaid.length() > MAX_KOAID) {
            throw new IllegalArgumentException("a KOAID of 1.." + MAX_KOAID + " characters: " + koaid);
        }
        return ledger.tx(conn -> {
            try (PreparedStatement up = conn.prepareStatement(
                    "UPDATE headers SET header = ?, last_mod = ? WHERE koaid = ?")) {
                up.setString(1, json);
                up.setObject(2, LedgerSchema.utc(now));
                up.setString(3, koaid);
                if (up.executeUpdate() == 1) {
                    return Write.UPDATED;
                }
            }
            try (PreparedStatement in = conn.prepareStatement(
                    "INSERT INTO headers (koaid, header, last_mod) VALUES (?, ?, ?)")) {
                in.setString(1, koaid);
                in.setString(2, json);
                in.setObject(3, LedgerSchema.utc(now));
                in.executeUpdate();
                return Write.INSERTED;
            }
        });
    }

    /**
     * @return the JSON stored for {@code koaid}, when there is a row
     * @throws DrpException {@code LEDGER_UNAVAILABLE} when the database fails
     */
    public Optional<String> get(String koaid) throws DrpException {
        return ledger.tx(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT header FROM headers WHERE koaid = ?")) {
                ps.setString(1, koaid);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public String toString() {
        return "HeadersTable[" + ledger + "]";
    }
}
