package org.drpkit.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.fits.table.IpacColumn;
import org.drpkit.fits.table.IpacTable;

/**
 * The night's transfer table {@code ROOT/INSTR/YYYYMMDD/xfr.table}: every file delivered to the archive for that
 * instrument and night, one line per product file, as an IPAC fixed-width table like the archive's metadata tables
 * (header rows with a closing {@code |}, data rows without). Columns: {@code koaid}, {@code file} (relative to
 * {@code lev0/}, the archive's one-path-per-line {@code KOAID.xfr.table}), {@code bytes}, {@code md5}, {@code action}
 * ({@code sent}: copied and verified; {@code unchanged}: the destination already held the same size and MD5) and
 * {@code time} (UTC, seconds). A file's lines are replaced at each delivery of its archive id, so the table shows each
 * product's last delivery. Updates are serialised between threads and processes (a lock on
 * {@code .xfr.table.lock} beside it) and written atomically.
 */
final class TransferTable {

    /** The table's file name in a night folder. */
    static final String NAME = "xfr.table";
    /** The lock file beside it. */
    static final String LOCK = ".xfr.table.lock";

    private static final String[] COLUMNS = {"koaid", "file", "bytes", "md5", "action", "time"};
    private static final String[] TYPES = {"char", "char", "long", "char", "char", "char"};
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private TransferTable() {
    }

    /**
     * Records one archive id's delivery in the night folder's table (created when missing).
     *
     * @param nightDir the night folder, {@code ROOT/INSTR/YYYYMMDD}
     * @param koaid    the archive id
     * @param sent     the files of the delivery
     * @param time     when it ended
     * @return the table's path
     * @throws DrpException {@code TRANSFER_ERROR} when the table cannot be read, locked or written
     */
    static Path record(Path nightDir, String koaid, List<Transfer.FileSent> sent, Instant time) throws DrpException {
        Path table = nightDir.resolve(NAME);
        ReentrantLock local = LOCKS.computeIfAbsent(table.toAbsolutePath().normalize(), p -> new ReentrantLock());
        local.lock();
        try (FileChannel ch = FileChannel.open(nightDir.resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
            List<List<String>> rows = new ArrayList<>();
            if (Files.exists(table)) {
                IpacTable old = IpacTable.read(table);
                int k = old.indexOf("koaid");
                if (k < 0 || old.columns().size() != COLUMNS.length) {
                    throw new DrpException(IngestCode.TRANSFER_ERROR, Location.file(table.toString()),
                            "not a transfer table (columns " + old.columns() + ")");
                }
                for (List<String> row : old.rows()) {
                    if (!row.get(k).equals(koaid)) {
                        rows.add(row);
                    }
                }
            }
            String t = time.truncatedTo(ChronoUnit.SECONDS).toString();
            for (Transfer.FileSent f : sent) {
                rows.add(List.of(koaid, f.name(), Long.toString(f.bytes()), f.md5(), f.copied() ? "sent" : "unchanged",
                        t));
            }
            rows.sort(Comparator.<List<String>, String>comparing(r -> r.get(0)).thenComparing(r -> r.get(1)));
            of(rows).write(table, true);
            return table;
        } catch (IOException e) {
            throw new DrpException(IngestCode.TRANSFER_ERROR, Location.file(table.toString()),
                    "cannot lock the transfer table: " + e, e);
        } catch (DrpException e) {
            if (e.code() == IngestCode.TRANSFER_ERROR) {
                throw e;
            }
            throw new DrpException(IngestCode.TRANSFER_ERROR, Location.file(table.toString()),
                    "cannot update the transfer table: " + e.getMessage(), e);
        } finally {
            local.unlock();
        }
    }

    /** @return a table of these rows, each column as wide as its widest cell */
    static IpacTable of(List<List<String>> rows) {
        List<IpacColumn> cols = new ArrayList<>();
        for (int c = 0; c < COLUMNS.length; c++) {
            int w = Math.max(COLUMNS[c].length(), TYPES[c].length());
            for (List<String> r : rows) {
                w = Math.max(w, r.get(c).length());
            }
            cols.add(new IpacColumn(COLUMNS[c], TYPES[c], w, false, ""));
        }
        return IpacTable.of(cols, rows);
    }
}
