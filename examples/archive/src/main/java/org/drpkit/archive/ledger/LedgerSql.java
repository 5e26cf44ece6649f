package org.drpkit.archive.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.status.LedgerAttribute;
import org.drpkit.core.status.LedgerFields;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.ProcessingStatus;

/**
 * The SQL pieces the ledger's operations share: the WHERE clause of a {@link LedgerQuery}, the SET list of
 * {@link LedgerFields}, binding of arguments (always as parameters, never as text), and the small rules around them.
 */
final class LedgerSql {

    private LedgerSql() {
    }

    /** @return {@code " WHERE ..."} for a query (or "") with its arguments appended to {@code args} */
    static String where(LedgerQuery q, List<Object> args) {
        List<String> parts = new ArrayList<>();
        if (!q.statuses().isEmpty()) {
            StringBuilder in = new StringBuilder("status IN (");
            int i = 0;
            for (ProcessingStatus s : q.statuses()) {
                in.append(i++ > 0 ? ",?" : "?");
                args.add(s.name());
            }
            parts.add(in.append(')').toString());
        }
        addIf(parts, args, "status_code = ?", q.statusCode());
        addIf(parts, args, "instrument = ?", q.instrument());
        addIf(parts, args, "ofname = ?", q.ofname());
        addIf(parts, args, "ofname LIKE ? ESCAPE '!'", q.ofnameContains() == null ? null
                : "%" + q.ofnameContains().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        addIf(parts, args, "koaid = ?", q.archiveId());
        addIf(parts, args, "utdatetime >= ?", q.observedFrom());
        addIf(parts, args, "utdatetime < ?", q.observedUntil());
        addIf(parts, args, "creation_time >= ?", q.queuedFrom() == null ? null : LedgerSchema.utc(q.queuedFrom()));
        addIf(parts, args, "creation_time < ?", q.queuedUntil() == null ? null : LedgerSchema.utc(q.queuedUntil()));
        addIf(parts, args, "id = ?", q.id());
        return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
    }

    private static void addIf(List<String> parts, List<Object> args, String clause, Object value) {
        if (value != null) {
            parts.add(clause);
            args.add(value);
        }
    }

    /** @return {@code ", col = ?"} for each field, in the order {@link #bind(PreparedStatement, int, LedgerFields)} binds */
    static String set(LedgerFields fields) {
        StringBuilder sql = new StringBuilder();
        for (LedgerAttribute<?> a : fields.values().keySet()) {
            sql.append(", ").append(LedgerSchema.column(a)).append(" = ?");
        }
        return sql.toString();
    }

    /** Binds every argument from parameter 1. */
    static void bindAll(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }

    /** Binds the fields' values from parameter {@code start}; @return the next parameter index */
    static int bind(PreparedStatement ps, int start, LedgerFields fields) throws SQLException {
        int i = start;
        for (Map.Entry<LedgerAttribute<?>, Object> e : fields.values().entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                ps.setNull(i++, Types.NULL);
            } else if (v instanceof Instant t) {
                ps.setObject(i++, LedgerSchema.utc(t));
            } else {
                ps.setObject(i++, v);
            }
        }
        return i;
    }

    /** Binds a nullable long. */
    static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    /** @return {@code s} cut to {@code max} characters, ending in "..." when cut */
    static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max - 3) + "..." : s;
    }

    /** @return true when a statement failed on a unique index (SQLSTATE class 23) */
    static boolean isUniqueViolation(DrpException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException s && isConstraintViolation(s)) {
                return true;
            }
        }
        return false;
    }

    /** @return true for SQLSTATE class 23 (integrity constraint violation), which leaves a connection sound */
    static boolean isConstraintViolation(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    /** @return SHA-256 (hex) of a file's original path and MD5: one key per version of a file */
    static String fileKey(String ofname, String md5) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(ofname.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(md5.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
