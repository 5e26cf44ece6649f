package org.drpkit.archive.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.drpkit.core.error.DrpException;

/**
 * The archive's PI-notification bookkeeping, table {@code koapi_send} (koa-dep section 7.5): one row per run of
 * consecutive UT dates on which a program (SEMID) took data with an instrument; an outside mailer tells the PI when
 * {@code send_data} is 1 and {@code data_notified} 0. For each archived file of a program, {@link #record}:
 * <ul>
 * <li>no row for (semid, instrument): inserts one ({@code utdate_beg = utdate_end = utdate}, {@code send_data = 1},
 * {@code data_notified = 0}, {@code send_dvd = 1}, {@code dvd_notified = 0}), but only when the UT date is at most
 * {@link #MAX_AGE} old ({@code now <= utdate 00:00 UT + 3 days}; the archive measured from the host's local clock,
 * drpkit from UTC);</li>
 * <li>else against the latest row (greatest {@code utdate_beg}): the same day as its {@code utdate_end} or earlier:
 * nothing; the next day: {@code utdate_end} becomes the date and {@code send_data}, {@code send_dvd} 1 again; two or
 * more days later: a new row (no age limit, as in the archive).</li>
 * </ul>
 * The rule itself is {@link #decide}, a pure function; {@link #record} applies it in one transaction. Two workers
 * recording the same new run at once cannot both insert (a unique index on semid, instrument and
 * {@code utdate_beg}): the second one then sees the first one's row. Programs NONE, NULL and ENG are skipped by the
 * caller ({@code PiNotifications}), as the archive's step 24 skips them. Thread-safe.
 *
 * <pre>{@code
 * KoapiSend t = KoapiSend.of(ledger);
 * t.record("2019A_C257", "KCWI", LocalDate.parse("2019-05-09"), Instant.parse("2019-05-09T16:00:00Z"));  // INSERTED
 * t.record("2019A_C257", "KCWI", LocalDate.parse("2019-05-10"), Instant.parse("2019-05-10T16:00:00Z"));  // EXTENDED
 * }</pre>
 */
public final class KoapiSend {

    /** The oldest UT date that opens a program's first row: 3 days before now (from 00:00 UT of the date). */
    public static final Duration MAX_AGE = Duration.ofDays(3);

    /** What {@link #record} did. */
    public enum Action {
        /** A new row: the program's first, or a new run after a gap of two days or more. */
        INSERTED,
        /** The latest row's {@code utdate_end} moved to the next day; {@code send_data}, {@code send_dvd} set to 1. */
        EXTENDED,
        /** The date is the latest row's {@code utdate_end}: nothing to do. */
        SAME_DAY,
        /** The date is before the latest row's {@code utdate_end}: nothing to do. */
        EARLIER,
        /** No row yet and the date is older than {@link #MAX_AGE}: nothing recorded. */
        TOO_OLD
    }

    /**
     * One row.
     *
     * @param id           the row's id
     * @param semid        {@code SEMESTER_PROGID}
     * @param instrument   the instrument (upper case)
     * @param begin        the run's first UT date
     * @param end          the run's last UT date
     * @param sendData     1: the PI is to be told of new data
     * @param dataNotified 1: the PI was told
     * @param sendDvd      1: a copy on media is to be sent
     * @param dvdNotified  1: it was sent
     */
    public record Row(long id, String semid, String instrument, LocalDate begin, LocalDate end, int sendData,
            int dataNotified, int sendDvd, int dvdNotified) {
        @Override
        public String toString() {
            return semid + " " + instrument + " " + begin + (begin.equals(end) ? "" : ".." + end) + " send_data="
                    + sendData + " data_notified=" + dataNotified + " send_dvd=" + sendDvd + " dvd_notified="
                    + dvdNotified;
        }
    }

    /**
     * The outcome of one {@link #record}.
     *
     * @param action what was done
     * @param row    the row inserted or extended, or the latest row left alone (null when there is none)
     */
    public record Change(Action action, Row row) {
        /** @return true when a row was inserted or extended (the PI is to be told) */
        public boolean changed() {
            return action == Action.INSERTED || action == Action.EXTENDED;
        }

        @Override
        public String toString() {
            return switch (action) {
                case INSERTED -> "koapi_send: new row " + row;
                case EXTENDED -> "koapi_send: extended to " + row;
                case SAME_DAY -> "koapi_send: already recorded (" + row + ")";
                case EARLIER -> "koapi_send: a date before the latest run (" + row + "), nothing to do";
                case TOO_OLD -> "koapi_send: no row and the date is more than " + MAX_AGE.toDays()
                        + " days old, nothing recorded";
            };
        }
    }

    private final JdbcLedger ledger;

    private KoapiSend(JdbcLedger ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /** @return the table in {@code ledger}'s database (created by the ledger's migrations) */
    public static KoapiSend of(JdbcLedger ledger) {
        return new KoapiSend(ledger);
    }

    /**
     * The rule of section 7.5 as a pure function.
     *
     * @param latestEnd the latest row's {@code utdate_end}, or empty when the program has no row for the instrument
     * @param utdate    the file's UT date
     * @param now       the present
     * @return what to do ({@link Action#INSERTED} and {@link Action#EXTENDED} are what to write)
     */
    public static Action decide(Optional<LocalDate> latestEnd, LocalDate utdate, Instant now) {
        if (latestEnd.isEmpty()) {
            Instant limit = utdate.atStartOfDay(ZoneOffset.UTC).toInstant().plus(MAX_AGE);
            return now.isAfter(limit) ? Action.TOO_OLD : Action.INSERTED;
        }
        long days = ChronoUnit.DAYS.between(latestEnd.get(), utdate);
        if (days == 0) {
            return Action.SAME_DAY;
        }
        if (days == 1) {
            return Action.EXTENDED;
        }
        return days < 0 ? Action.EARLIER : Action.INSERTED;
    }

    /**
     * Records that {@code semid} has data of {@code instrument} on {@code utdate}, by {@link #decide}.
     *
     * @param now the present (the age limit and {@code last_mod})
     * @return what was done, with the row concerned
     * @throws DrpException {@code LEDGER_UNAVAILABLE} when the database fails
     */
    public Change record(String semid, String instrument, LocalDate utdate, Instant now) throws DrpException {
        Objects.requireNonNull(semid, "semid");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(utdate, "utdate");
        try {
            return recordOnce(semid, instrument, utdate, now);
        } catch (DrpException e) {
            if (!LedgerSql.isUniqueViolation(e)) {
                throw e;
            }
            return recordOnce(semid, instrument, utdate, now); // another worker inserted the same run first
        }
    }

    private Change recordOnce(String semid, String instrument, LocalDate utdate, Instant now) throws DrpException {
        return ledger.tx(conn -> {
            Optional<Row> latest = Optional.empty();
            try (PreparedStatement ps = conn.prepareStatement("SELECT " + COLUMNS + " FROM koapi_send"
                    + " WHERE semid = ? AND instr = ? ORDER BY utdate_beg DESC")) {
                ps.setString(1, semid);
                ps.setString(2, instrument);
                ps.setMaxRows(1);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        latest = Optional.of(row(rs));
                    }
                }
            }
            Action a = decide(latest.map(Row::end), utdate, now);
            switch (a) {
                case INSERTED -> {
                    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO koapi_send (semid, instr,"
                            + " utdate_beg, utdate_end, send_data, data_notified, send_dvd, dvd_notified, last_mod)"
                            + " VALUES (?, ?, ?, ?, 1, 0, 1, 0, ?)", new String[] {"id"})) {
                        ps.setString(1, semid);
                        ps.setString(2, instrument);
                        ps.setObject(3, utdate);
                        ps.setObject(4, utdate);
                        ps.setObject(5, LedgerSchema.utc(now));
                        ps.executeUpdate();
                        try (ResultSet keys = ps.getGeneratedKeys()) {
                            keys.next();
                            return new Change(a, new Row(keys.getLong(1), semid, instrument, utdate, utdate, 1, 0, 1, 0));
                        }
                    }
                }
                case EXTENDED -> {
                    Row r = latest.orElseThrow();
                    try (PreparedStatement ps = conn.prepareStatement("UPDATE koapi_send SET utdate_end = ?,"
                            + " send_data = 1, send_dvd = 1, last_mod = ? WHERE id = ?")) {
                        ps.setObject(1, utdate);
                        ps.setObject(2, LedgerSchema.utc(now));
                        ps.setLong(3, r.id());
                        ps.executeUpdate();
                    }
                    return new Change(a, new Row(r.id(), semid, instrument, r.begin(), utdate, 1, r.dataNotified(), 1,
                            r.dvdNotified()));
                }
                default -> {
                    return new Change(a, latest.orElse(null));
                }
            }
        });
    }

    /**
     * @return the rows of a program and instrument, oldest run first
     * @throws DrpException {@code LEDGER_UNAVAILABLE} when the database fails
     */
    public List<Row> rows(String semid, String instrument) throws DrpException {
        return ledger.tx(conn -> {
            List<Row> out = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement("SELECT " + COLUMNS + " FROM koapi_send"
                    + " WHERE semid = ? AND instr = ? ORDER BY utdate_beg")) {
                ps.setString(1, semid);
                ps.setString(2, instrument);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
            }
            return out;
        });
    }

    private static final String COLUMNS = "id, semid, instr, utdate_beg, utdate_end, send_data, data_notified, "
            + "send_dvd, dvd_notified";

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class),
                rs.getObject(5, LocalDate.class), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9));
    }

    @Override
    public String toString() {
        return "KoapiSend[" + ledger + "]";
    }
}
