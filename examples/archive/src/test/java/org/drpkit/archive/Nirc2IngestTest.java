package org.drpkit.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.drpkit.core.header.Header;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.core.status.Severity;
import org.drpkit.core.testing.SharedData;
import org.drpkit.fits.FitsHeaders;
import org.drpkit.fits.checksum.Md5;
import org.drpkit.fits.table.IpacTable;
import org.drpkit.fits.table.KeywordTable;
import org.drpkit.fits.table.Md5SumTable;
import org.drpkit.fits.validate.FitsValidator;
import org.drpkit.instruments.keck.KeckInstrument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seventeen real NIRC2 frames of {@code ../shared/data/keck/nirc2} through {@link Ingest} (skipped when absent),
 * with the archive's NIRC2 keyword table. Truth: the archive's own ids (the sixteen 2022 frames carry the KOAID the
 * Keck archive gave them; the 2017 raw frame's id is re-derived in {@code Nirc2RealHeadersTest}), numpy's statistics
 * of the same pixels, and the products' own checksums.
 */
class Nirc2IngestTest {

    @TempDir
    static Path tmp;

    private static final Map<String, IngestResult> RESULTS = new TreeMap<>();
    private static Path tables;

    @BeforeAll
    static void ingestAll() throws Exception {
        Path dir = SharedData.require("keck/nirc2");
        tables = SharedData.require("keck/keyword-tables");
        IngestContext ctx = IngestContext.builder(tmp.resolve("koadata")).keywordTables(KeywordTables.in(tables))
                .options(IngestOptions.archive().renamed(Severity.WARN).fsync(false)).build();
        ArchiveIdRegistry ids = new ArchiveIdRegistry();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".fits")).sorted().toList()) {
                String md5 = Md5.hex(f);
                RESULTS.put(f.getFileName().toString(), Ingest.run(new IngestRequest(f, f, md5,
                        ids.claimsFor(f.toString(), md5), null, 1, List.of(), null), ctx));
            }
        }
    }

    @Test
    void everyFrameIsArchivedUnderTheIdTheArchiveGaveIt() throws Exception {
        assertEquals(17, RESULTS.size());
        for (Map.Entry<String, IngestResult> e : RESULTS.entrySet()) {
            IngestResult r = e.getValue();
            assertEquals(ProcessingStatus.PROCESSED, r.status(), e.getKey() + ": " + r.events());
            Header original = FitsHeaders.readPrimary(SharedData.require("keck/nirc2/" + e.getKey()));
            String archived = original.getString("KOAID").map(k -> k.replace(".fits", ""))
                    .orElse("N2.20170725.51470.75");
            assertEquals(archived, r.koaid(), e.getKey());
            assertTrue(r.events().stream().anyMatch(x -> x.code().equals("MISMATCHED_FILENAME")),
                    "the shared copies are renamed: " + e.getKey());
        }
    }

    @Test
    void everyProductSetIsCompleteAndItsChecksumsHold() throws Exception {
        for (IngestResult r : RESULTS.values()) {
            String k = r.koaid();
            Md5SumTable md5 = Md5SumTable.read(r.processDir().resolve(k + ".md5sum.table"));
            assertEquals(List.of(k + ".fits", k + ".jpg", k + ".metadata.table", k + ".png", k + ".thumb.jpg", k + ".thumb.png"),
                    md5.entries().stream().map(Md5SumTable.Entry::path).toList());
            for (Md5SumTable.Entry e : md5.entries()) {
                assertEquals(Md5.hex(r.processDir().resolve(e.path())), e.md5(), e.path());
            }
            assertTrue(Files.exists(r.processDir().resolve(k + ".log")));
            assertTrue(FitsValidator.validate(r.processDir().resolve(k + ".fits")).isValid(),
                    "the archived copy passes the validator: " + k);
        }
    }

    @Test
    void metadataTablesHaveTheArchiveColumnsAndTheFilesValues() throws Exception {
        KeywordTable nirc2 = KeywordTable.load(tables.resolve("KOA_NIRC2_Keyword_Table.txt"));
        for (IngestResult r : RESULTS.values()) {
            IpacTable t = IpacTable.read(r.processDir().resolve(r.koaid() + ".metadata.table"));
            assertEquals(nirc2.columns(), t.columns(), r.koaid());
            assertEquals(r.koaid() + ".fits", t.value(0, "KOAID"));
            assertEquals(r.koaimtyp(), t.value(0, "KOAIMTYP"));
            Header h = FitsHeaders.readPrimary(r.processDir().resolve(r.koaid() + ".fits"));
            assertEquals(h.getDouble("IMAGEMN").orElseThrow(), Double.parseDouble(t.value(0, "IMAGEMN")), 0);
        }
        // the only value the archive's NIRC2 definitions reject: DQA_VERS (drpkit's version, written by the
        // instruments module) is wider than its 8-character column and is cut, with a warning event
        List<String> warnings = RESULTS.values().stream().flatMap(r -> r.events().stream()
                .filter(e -> e.code().startsWith("MD_")).map(e -> e.code() + " " + e.text())).distinct().toList();
        assertEquals(List.of("MD_TRUNCATE DQA_VERS: '" + KeckInstrument.DQA_VERSION + "' cut to 8 characters"),
                warnings);
    }

    /** numpy (float64) mean, median and std of each archived frame's primary array, against IMAGEMN/MD/SD. */
    @Test
    void imageStatisticsAgreeWithNumpy() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
        List<String> cmd = new ArrayList<>(List.of(python.toString(), "-c", "import sys, numpy as np\n"
                + "from astropy.io import fits\n"
                + "for f in sys.argv[1:]:\n"
                + "    d = fits.getdata(f).astype(np.float64)\n"
                + "    print(f, repr(float(np.mean(d))), repr(float(np.median(d))), repr(float(np.std(d))))\n"));
        for (IngestResult r : RESULTS.values()) {
            cmd.add(r.processDir().resolve(r.koaid() + ".fits").toString());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assumeTrue(p.exitValue() == 0, "numpy/astropy not available: " + out);
        int compared = 0;
        for (String line : out.lines().filter(l -> l.startsWith("/")).toList()) {
            String[] w = line.split(" ");
            Header h = FitsHeaders.readPrimary(Path.of(w[0]));
            // ours are rounded to 2 decimals: within 0.005 of numpy's, plus float64 summation-order noise
            assertEquals(Double.parseDouble(w[1]), h.getDouble("IMAGEMN").orElseThrow(), 0.0051, line);
            assertEquals(Double.parseDouble(w[2]), h.getDouble("IMAGEMD").orElseThrow(), 0.0051, line);
            assertEquals(Double.parseDouble(w[3]), h.getDouble("IMAGESD").orElseThrow(), 0.0051, line);
            compared++;
        }
        assertEquals(17, compared, out);
    }
}
