package org.drpkit.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.drpkit.archive.ledger.ArchiveAttributes;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerEvent;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.fits.table.IpacTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyword tables through {@link IngestService}: the table's version (the start of {@code sha256sum} of the file,
 * computed here independently) reaches the ledger row and the file's log; a malformed table stops the ingest of its
 * instrument's files at once (ERROR, nothing but the log published) naming {@code file:line} and the keyword; a
 * header keyword repeated with different values is a named warning whose rule (first card kept) the metadata table
 * obeys.
 */
class KeywordTableIngestTest {

    @TempDir
    Path tmp;

    private static final String HEAD = "FITSKeyword\tDBKeyword\tSource\tMetadataDatatype\tMetadataWidth\tNullsAllowed"
            + "\tValidateFormat\tCheckValues\tInputFormat\tMinValue\tMaxValue\tDiscreteValues\n";

    private static String row(String kw, String type, int width, String nulls) {
        return kw + "\t" + kw.replace('-', '_') + "\tKOA\t" + type + "\t" + width + "\t" + nulls + "\tY\tN\t\t\t\t\n";
    }

    private static final String TABLE = HEAD + row("KOAID", "char", 32, "N") + row("INSTRUME", "char", 16, "N")
            + row("TELESCOP", "char", 12, "Y") + row("DATE-OBS", "date", 12, "Y") + row("UTC", "char", 16, "Y")
            + row("ITIME", "double", 16, "Y") + row("COADDS", "integer", 8, "Y");

    private Path tables(String text) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("tables"));
        Files.writeString(dir.resolve("KOA_NIRC2_Keyword_Table.txt"), text, StandardCharsets.ISO_8859_1);
        return dir;
    }

    private IngestService service(Ledger l, Path tables) {
        return new IngestService(l, IngestContext.builder(tmp.resolve("koadata")).keywordTables(KeywordTables.in(tables))
                .options(IngestOptions.archive().fsync(false)).build(), null);
    }

    private Ledger ledger() throws Exception {
        return JdbcLedger.open("jdbc:h2:file:" + tmp.resolve("ledger").toAbsolutePath());
    }

    @Test
    void theTablesVersionIsRecordedInTheLedgerAndTheLog() throws Exception {
        Path dir = tables(TABLE);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(
                dir.resolve("KOA_NIRC2_Keyword_Table.txt")));
        String label = "KOA_NIRC2_Keyword_Table.txt sha256:" + HexFormat.of().formatHex(digest).substring(0, 16);
        Path f = TestFiles.nirc2(Files.createDirectories(tmp.resolve("in")), "n0001.fits", "10:00:01.00", 1);
        try (Ledger l = ledger()) {
            IngestService s = service(l, dir);
            long id = s.enqueue(f).id();
            s.drain(1, x -> { }, () -> false);
            LedgerRow r = l.row(id).orElseThrow();
            assertEquals(ProcessingStatus.PROCESSED, r.status(), l.eventsOf(id).toString());
            assertEquals(label, r.attribute(ArchiveAttributes.KEYWORD_TABLE));
            Path lev0 = Path.of(r.attribute(ArchiveAttributes.PROCESS_DIR));
            String log = Files.readString(lev0.resolve(r.archiveId() + ".log"));
            assertTrue(log.contains("metadata columns from the keyword table " + label + " (7)"), log);
            IpacTable meta = IpacTable.read(lev0.resolve(r.archiveId() + ".metadata.table"));
            assertEquals(7, meta.columns().size());
        }
    }

    @Test
    void aKeywordDefinedTwiceStopsTheIngestNamingFileLineAndKeyword() throws Exception {
        Path dir = tables(TABLE + row("ITIME", "double", 16, "Y"));
        Path f = TestFiles.nirc2(Files.createDirectories(tmp.resolve("in")), "n0002.fits", "10:00:02.00", 2);
        try (Ledger l = ledger()) {
            IngestService s = service(l, dir);
            long id = s.enqueue(f).id();
            s.drain(1, x -> { }, () -> false);
            LedgerRow r = l.row(id).orElseThrow();
            assertEquals(ProcessingStatus.ERROR, r.status(), "the archive's configuration, not the file, is at fault");
            assertEquals("METADATA_ERROR", r.statusCode());
            assertNull(r.attribute(ArchiveAttributes.KEYWORD_TABLE));
            LedgerEvent e = l.eventsOf(id).stream().filter(x -> x.code().equals("METADATA_ERROR")).findFirst()
                    .orElseThrow();
            assertTrue(e.text().contains("[KEYWORD_DEFINED_TWICE] KOA_NIRC2_Keyword_Table.txt:9, keyword ITIME:"
                    + " FITSKeyword ITIME is defined twice (first at line 7)"), e.text());
            Path lev0 = Path.of(r.attribute(ArchiveAttributes.PROCESS_DIR));
            assertEquals(List.of(r.archiveId() + ".log"), TestFiles.tree(lev0), "nothing partial published");
        }
    }

    @Test
    void aHeaderKeywordRepeatedWithDifferentValuesIsANamedWarningAndTheFirstCardIsKept() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path plain = TestFiles.nirc2(in, "n0003.fits", "10:00:03.00", 3);
        Path f = TestFiles.edited(plain, in.resolve("n0004.fits"), b -> b.add("TELESCOP", "Keck I")
                .fix("FILENAME", "n0004.fits", null, "test"));
        Files.delete(plain);
        try (Ledger l = ledger()) {
            IngestService s = service(l, tables(TABLE));
            long id = s.enqueue(f).id();
            s.drain(1, x -> { }, () -> false);
            LedgerRow r = l.row(id).orElseThrow();
            assertEquals(ProcessingStatus.PROCESSED, r.status(), l.eventsOf(id).toString());
            LedgerEvent w = l.eventsOf(id).stream().filter(x -> x.code().equals("DUPLICATE_KEYWORD")).findFirst()
                    .orElseThrow();
            assertEquals(org.drpkit.core.status.Severity.WARN, w.severity());
            assertTrue(w.text().contains("TELESCOP has different values [Keck II, Keck I]; rule first-card: kept"
                    + " Keck II, removed 1 card"), w.text());
            Path lev0 = Path.of(r.attribute(ArchiveAttributes.PROCESS_DIR));
            IpacTable meta = IpacTable.read(lev0.resolve(r.archiveId() + ".metadata.table"));
            assertEquals("Keck II", meta.value(0, "TELESCOP"));
            assertTrue(Files.readString(lev0.resolve(r.archiveId() + ".log")).contains("DUPLICATE_KEYWORD"));
        }
    }
}
