package org.drpkit.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.drpkit.core.header.Card;
import org.drpkit.core.header.Header;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.core.testing.SharedData;
import org.drpkit.fits.FitsHeaders;
import org.drpkit.fits.checksum.Md5;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frames whose header values are mutated (removed, garbage text, empty, absurd numbers, wrong types, dates in other
 * forms) go through the whole ingest and end PROCESSED or INVALID: a header that makes the archive id, the program,
 * the metadata or the products impossible is the file's fault, and ERROR is kept for failures of the system (disk,
 * database, a bug). No system fails here, so no mutant may end ERROR.
 */
class MutatedHeaderIngestTest {

    /** Cards that describe the data: FitsRewrite refuses a header that changes them, so they are left alone. */
    private static final Set<String> STRUCTURE = Set.of("SIMPLE", "BITPIX", "NAXIS", "NAXIS1", "NAXIS2", "NAXIS3",
            "EXTEND", "BSCALE", "BZERO", "PCOUNT", "GCOUNT", "END");

    private static final Object[] VALUES = {"", " ", "garbage", "2017-13-45", "25/07/17", "99:99:99.99", "-1",
            "nan", "T", Long.MAX_VALUE, Long.MIN_VALUE, -1L, 0L, 1e300, -1e-300, "NaN", true, false,
            "x".repeat(68), "'quoted'", "2017-07-25T10:21:13.25", "10:21:13.2500000001"};

    @TempDir
    Path tmp;

    @Test
    void everyMutatedSmallFrameEndsProcessedOrInvalidNeverError() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path src = TestFiles.nirc2(in, "n0001.fits", "10:21:13.25", 100);
        assertNoError(src, KeywordTables.none(), 160, 1);
    }

    @Test
    void everyMutatedRealNirc2FrameEndsProcessedOrInvalidNeverError() throws Exception {
        Path real = SharedData.require("keck/nirc2/raw_n0051_standard_1.fits");
        KeywordTables tables = KeywordTables.in(SharedData.require("keck/keyword-tables"));
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path src = Files.copy(real, in.resolve("n0051.fits"));
        assertNoError(src, tables, 120, 2);
    }

    @Test
    void aBrokenKeywordTableIsTheSystemsFaultAndStillEndsError() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path f = TestFiles.nirc2(in, "n0001.fits", "10:21:13.25", 100);
        Path tables = Files.createDirectories(tmp.resolve("tables"));
        Files.writeString(tables.resolve("KOA_NIRC2_Keyword_Table.txt"), "not\ta keyword table\n\u0000\n");
        IngestContext ctx = IngestContext.builder(tmp.resolve("koadata")).keywordTables(KeywordTables.in(tables))
                .options(IngestOptions.archive().fsync(false)).build();
        String md5 = Md5.hex(f);
        IngestResult r = Ingest.run(new IngestRequest(f, f, md5, new ArchiveIdRegistry().claimsFor(f.toString(), md5),
                null, 1, List.of(), null), ctx);
        assertEquals(ProcessingStatus.ERROR, r.status(), r.events().toString());
        assertEquals("METADATA_ERROR", r.code());
    }

    private void assertNoError(Path src, KeywordTables tables, int mutants, long seed) throws Exception {
        Header original = FitsHeaders.readAll(src).get(0);
        List<String> keywords = new ArrayList<>();
        for (Card c : original.cards()) {
            if (!c.isCommentary() && !STRUCTURE.contains(c.keyword()) && !keywords.contains(c.keyword())) {
                keywords.add(c.keyword());
            }
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        TreeMap<String, List<String>> errors = new TreeMap<>();
        int processed = 0;
        int invalid = 0;
        for (int i = 0; i < mutants; i++) {
            String keyword = keywords.get(rnd.nextInt(keywords.size()));
            Object value = rnd.nextInt(6) == 0 ? null : VALUES[rnd.nextInt(VALUES.length)];
            Path dir = Files.createDirectories(tmp.resolve("m" + i));
            Path f = TestFiles.edited(src, dir.resolve(src.getFileName()),
                    b -> value == null ? b.remove(keyword) : b.set(keyword, value));
            IngestContext ctx = IngestContext.builder(dir.resolve("koadata")).keywordTables(tables)
                    .options(IngestOptions.archive().fsync(false)).build();
            String md5 = Md5.hex(f);
            IngestResult r = Ingest.run(new IngestRequest(f, f, md5,
                    new ArchiveIdRegistry().claimsFor(f.toString(), md5), null, 1, List.of(), null), ctx);
            String what = keyword + (value == null ? " removed" : " = " + value);
            if (r.status() == ProcessingStatus.ERROR) {
                errors.computeIfAbsent(r.code(), k -> new ArrayList<>()).add(what);
            } else if (r.status() == ProcessingStatus.PROCESSED) {
                processed++;
            } else {
                assertEquals(ProcessingStatus.INVALID, r.status(), what);
                assertTrue(r.code() != null && !r.code().isBlank(), "an INVALID file names its code");
                invalid++;
            }
        }
        assertTrue(errors.isEmpty(), "mutants ended ERROR although no system failed: " + errors);
        assertTrue(processed > 0 && invalid > 0, "the mutations reach both outcomes: " + processed + " processed, "
                + invalid + " invalid");
    }
}
