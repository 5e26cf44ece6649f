package org.drpkit.archive;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.util.concurrent.UncheckedExecutionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.drpkit.core.error.DrpException;
import org.drpkit.fits.table.KeywordTable;

/**
 * The archive's keyword tables ({@code KOA_{INSTR}_Keyword_Table.txt}) in one folder, loaded on first use and kept.
 * The tables are the archive's data and are not shipped with drpkit: point this at a copy of the KeywordTables
 * repository's files. Thread-safe: concurrent first uses of one instrument load its table once.
 *
 * <pre>{@code
 * KeywordTables t = KeywordTables.in(Path.of("../shared/data/keck/keyword-tables"));
 * t.forInstrument("NIRC2");   // Optional[KeywordTable ...]
 * }</pre>
 */
public final class KeywordTables {

    private static final KeywordTables NONE = new KeywordTables(null);

    private final Path dir;
    private final Cache<String, Optional<KeywordTable>> loaded = CacheBuilder.newBuilder().build();

    private KeywordTables(Path dir) {
        this.dir = dir;
    }

    /** @return the tables of a folder (which may lack some instruments) */
    public static KeywordTables in(Path dir) {
        return new KeywordTables(dir);
    }

    /**
     * @return the archive's tables shipped with the shared data ({@code ../shared/data/keck/keyword-tables} from the
     *         working folder) when that folder exists, else {@link #none()}
     */
    public static KeywordTables sharedOrNone() {
        Path shared = Path.of("..", "shared", "data", "keck", "keyword-tables");
        return Files.isDirectory(shared) ? in(shared.toAbsolutePath().normalize()) : none();
    }

    /** @return no tables: every instrument gets the generic table made from its header */
    public static KeywordTables none() {
        return NONE;
    }

    /** @return the folder, when there is one */
    public Optional<Path> dir() {
        return Optional.ofNullable(dir);
    }

    /**
     * @return the table of an instrument, or empty when the folder has none for it
     * @throws DrpException {@code KEYWORD_TABLE_INVALID} (or a read error) when the instrument's file is malformed
     */
    public Optional<KeywordTable> forInstrument(String instrument) throws DrpException {
        if (dir == null) {
            return Optional.empty();
        }
        String key = instrument.toUpperCase(Locale.ROOT);
        try {
            return loaded.get(key, () -> {
                Path f = dir.resolve("KOA_" + key + "_Keyword_Table.txt");
                return Files.isRegularFile(f) ? Optional.of(KeywordTable.load(f)) : Optional.empty();
            });
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DrpException d) {
                throw d; // a malformed table is not kept: the next call reads the file again
            }
            throw new IllegalStateException("loading the keyword table of " + key, e.getCause());
        } catch (UncheckedExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    @Override
    public String toString() {
        return "KeywordTables[" + (dir == null ? "none" : dir) + "]";
    }
}
