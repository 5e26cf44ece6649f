package org.drpkit.archive.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.drpkit.archive.IngestContext;
import org.drpkit.archive.IngestOptions;
import org.drpkit.archive.IngestResult;
import org.drpkit.archive.IngestService;
import org.drpkit.archive.KeywordTables;
import org.drpkit.archive.ledger.ArchiveAttributes;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.header.Card;
import org.drpkit.core.header.Header;
import org.drpkit.core.id.ArchiveId;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.StatusEvent;
import org.drpkit.core.testing.SharedData;
import org.drpkit.fits.FitsHeaders;
import org.drpkit.fits.checksum.Md5;
import org.drpkit.core.image.Image;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.PixelType;
import org.drpkit.fits.table.IpacColumn;
import org.drpkit.fits.table.IpacTable;
import org.drpkit.instruments.keck.service.NightStaffService;
import org.drpkit.instruments.keck.service.Proposal;
import org.drpkit.instruments.keck.service.ProposalService;
import org.drpkit.fits.table.Md5SumTable;
import org.drpkit.fits.table.MetadataCompare;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The archive regression suite (koa-dep sections 6 and 8 item 22): for every archive prefix of koa-dep 3.5, a raw
 * file made from a hand-written fixture ({@code src/test/resources/regression/*.fixture}, see
 * {@link RegressionFixture}) goes through {@link IngestService} on an H2 ledger, and the ledger row, the archive id,
 * the image type, the archived (lev0) FITS header, the product set and the metadata table must be the ones the spec
 * prescribes. Each fixture says, in its comments, which rule of the spec gives each expected value.
 *
 * <p>Metadata tables are compared with {@link MetadataCompare} at the archive's tolerance (numbers at 1 decimal;
 * DQA_DATE and DQA_VERS are not compared) against {@code regression/expected/KOAID.metadata.table}. These are made
 * with the archive's keyword tables ({@code ../shared/data/keck/keyword-tables}); without them the ingest writes the
 * header's own columns, and the values of the columns both tables hold are compared. Re-record after a deliberate
 * change with {@code -Ddrpkit.regression.record=true} (needs the keyword tables), review the diff against the spec,
 * and commit it; without the property any difference fails.
 */
class ArchiveRegressionTest {

    /** Re-record the expected metadata tables instead of failing on differences. */
    static final boolean RECORD = Boolean.getBoolean("drpkit.regression.record");
    /** The fixed clock of every run (DQA_DATE, event times). */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T17:00:00Z"), ZoneOffset.UTC);
    /** The archive prefixes of koa-dep 3.5 (KS included: KCWI's svc camera). */
    static final List<String> PREFIXES = List.of("DE", "DF", "ES", "GR", "HI", "KB", "KF", "KP", "KR", "KS", "LB",
            "LR", "MF", "N2", "NC", "NI", "NR", "NS", "OI", "OS");

    @TempDir
    Path tmp;

    static Stream<Arguments> fixtures() {
        return RegressionFixture.all().stream().map(n -> Arguments.of(n, RegressionFixture.load(n)));
    }

    /**
     * @return the archive's keyword tables from the shared data, or none (also with
     *         {@code -Ddrpkit.regression.headerColumns=true}, which tries the path a clone without the shared data takes)
     */
    static KeywordTables archiveTables() {
        Path t = SharedData.dir().resolve("keck/keyword-tables");
        if (Boolean.getBoolean("drpkit.regression.headerColumns")) {
            return KeywordTables.none();
        }
        return Files.isDirectory(t) ? KeywordTables.in(t) : KeywordTables.none();
    }

    /** @return the folder the expected tables are recorded into (the module's test resources) */
    static Path expectedSourceDir() {
        return SharedData.root().resolve("examples/archive/src/test/resources/regression/expected");
    }

    @Test
    void everyArchivePrefixOfTheSpecHasAFixture() {
        TreeSet<String> covered = new TreeSet<>();
        for (String n : RegressionFixture.all()) {
            RegressionFixture.load(n).expected("@KOAID").ifPresent(k -> covered.add(((String) k).substring(0, 2)));
        }
        assertEquals(new TreeSet<>(PREFIXES), covered);
    }

    /** The synthetic pixels are what the fixtures' formulas say: a permutation of base .. base + n - 1. */
    @Test
    void syntheticPixelsArePermutationsOfTheirRange() {
        RegressionFixture.Data d = new RegressionFixture.Data("image", 32, 16, 2, PixelType.INT32, 1000);
        for (int p = 0; p < 2; p++) {
            float[] px = d.plane(p).toArray();
            Arrays.sort(px);
            for (int i = 0; i < px.length; i++) {
                assertEquals(1000 + 512 * p + i, px[i], 0, "plane " + p + " sorted pixel " + i);
            }
        }
    }

    /** The suite fails on a wrong expectation, and on a header change that only the metadata table shows. */
    @Test
    void aDifferenceFromTheExpectedValuesFails() throws Exception {
        String text = RegressionFixture.text("N2-nirc2-dark.fixture");
        RegressionFixture wrongType = RegressionFixture.parse("wrong-type",
                text.replace("#> KOAIMTYP   = 'dark'", "#> KOAIMTYP   = 'object'"));
        AssertionError e = assertThrows(AssertionError.class,
                () -> fixtureIsArchivedAsTheSpecPrescribes("wrong-type", wrongType));
        assertTrue(e.getMessage().contains("KOAIMTYP: expected String 'object' but lev0 has String 'dark'"),
                e.getMessage());
        if (!RECORD) {
            RegressionFixture otherObserver = RegressionFixture.parse("other-observer",
                    text.replace("OBSERVER= 'Smith   '", "OBSERVER= 'Jones   '"));
            AssertionError m = assertThrows(AssertionError.class,
                    () -> fixtureIsArchivedAsTheSpecPrescribes("other-observer", otherObserver));
            assertTrue(m.getMessage().contains("col \"OBSERVER\": (0)\"Smith\" != (1)\"Jones\""), m.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtureIsArchivedAsTheSpecPrescribes(String name, RegressionFixture f) throws Exception {
        Path base = Files.createTempDirectory(tmp, "run");
        Path raw = f.write(base.resolve("raw"));
        KeywordTables tables = archiveTables();
        IngestContext ctx = f.services(IngestContext.builder(base.resolve("koadata")).clock(CLOCK)
                .keywordTables(tables).options(IngestOptions.archive().fsync(false))).build();
        String koaid = (String) f.expected("@KOAID").orElseThrow(() -> new AssertionError(name + ": no @KOAID"));
        List<String> problems = new ArrayList<>();
        try (Ledger l = JdbcLedger.open("jdbc:h2:file:" + base.resolve("koadata/ledger").toAbsolutePath())) {
            IngestService s = new IngestService(l, ctx, null);
            long id = s.enqueue(raw).id();
            List<IngestService.Finished> done = s.drain(1, x -> { }, () -> false);
            List<IngestService.Finished> frame = done.stream().filter(d -> d.id() == id).toList();
            assertEquals(1, frame.size(), name);
            for (IngestService.Finished other : done) {
                // the only other row a frame makes is DEIMOS's level-1 run (koa-dep 1.5 step 26, run_lev1)
                assertTrue(other.id() == id || ("DEIMOS".equals(other.result().instrument())
                        && l.row(other.id()).orElseThrow().level() == 1), name + ": another row " + other);
            }
            IngestResult r = frame.get(0).result();
            LedgerRow row = l.row(id).orElseThrow();
            String status = (String) f.expected("@STATUS").orElse("PROCESSED");
            if (!status.equals(row.status().name())) {
                fail(name + ": ended " + row + "\n" + events(r));
            }
            ledger(f, koaid, row, r, problems);
            products(f, koaid, r, problems);
            Header lev0 = FitsHeaders.readPrimary(r.processDir().resolve(koaid + ".fits"));
            cards(f, lev0, r, problems);
            if (!problems.isEmpty()) {
                fail(name + " (" + f.description() + "):\n  " + String.join("\n  ", problems) + "\n--- lev0 header:\n"
                        + lev0 + "\n" + events(r));
            }
            metadata(name, koaid, r.processDir().resolve(koaid + ".metadata.table"), tables);
        }
    }

    /** The ledger row and the run's result: state, id, instrument, image type, time, program. */
    private static void ledger(RegressionFixture f, String koaid, LedgerRow row, IngestResult r, List<String> p)
            throws Exception {
        check(p, "ledger archive id", koaid, row.archiveId());
        check(p, "result archive id", koaid, r.koaid());
        check(p, "ledger original path", f.originalPath().getFileName().toString(),
                Path.of(row.ofname()).getFileName().toString());
        f.expected("@INSTRUMENT").ifPresent(i -> check(p, "ledger instrument", i, row.instrument()));
        f.expected("@KOAIMTYP").ifPresent(t -> {
            check(p, "ledger image type", t, row.attribute(ArchiveAttributes.IMAGE_TYPE));
            check(p, "result image type", t, r.koaimtyp());
        });
        f.expected("@PROPINT").ifPresent(m -> check(p, "ledger proprietary months", ((Long) m).intValue(),
                row.attribute(ArchiveAttributes.PROPRIETARY_MONTHS)));
        f.expected("@PROGRAM").ifPresent(m -> check(p, "ledger program", m, row.attribute(ArchiveAttributes.PROGRAM)));
        ArchiveId id = ArchiveId.parse(koaid);
        check(p, "ledger observation time (the id's date, seconds and hundredths)", id.date().atStartOfDay()
                .plusSeconds(id.seconds()).plusNanos(Math.max(0, id.hundredths()) * 10_000_000L), row.observed());
        check(p, "ledger file size", r.filesizeMb(), row.attribute(ArchiveAttributes.FILE_SIZE_MB));
    }

    /** The products: the lev0 folder of koa-dep 1.7, the md5sum table and its checksums, the log. */
    private static void products(RegressionFixture f, String koaid, IngestResult r, List<String> p)
            throws Exception {
        String instrument = (String) f.expected("@INSTRUMENT").orElse(r.instrument());
        ArchiveId id = ArchiveId.parse(koaid);
        Path lev0 = r.processDir();
        check(p, "product folder", instrument + "/" + id.date().toString().replace("-", "") + "/lev0",
                lev0.getParent().getParent().getFileName() + "/" + lev0.getParent().getFileName() + "/"
                        + lev0.getFileName());
        Md5SumTable md5 = Md5SumTable.read(lev0.resolve(koaid + ".md5sum.table"));
        List<String> listed = md5.entries().stream().map(Md5SumTable.Entry::path).toList();
        for (String must : List.of(".fits", ".metadata.table")) {
            if (!listed.contains(koaid + must)) {
                p.add("md5sum table lacks " + koaid + must + ": " + listed);
            }
        }
        for (Card c : f.expectations()) {
            if (c.keyword().equals("@PRODUCT") && !listed.contains(koaid + c.value())) {
                p.add("md5sum table lacks " + koaid + c.value() + ": " + listed);
            }
            if (c.keyword().equals("@NOPRODUCT") && listed.contains(koaid + c.value())) {
                p.add("md5sum table lists " + koaid + c.value() + ": " + listed);
            }
        }
        for (Md5SumTable.Entry e : md5.entries()) {
            check(p, "md5 of " + e.path(), e.md5(), Md5.hex(lev0.resolve(e.path())));
        }
        if (!Files.isRegularFile(lev0.resolve(koaid + ".log"))) {
            p.add("no " + koaid + ".log");
        }
    }

    /** The lev0 header's cards against the fixture's expectations. */
    private static void cards(RegressionFixture f, Header lev0, IngestResult r, List<String> p) {
        for (Card c : f.expectations()) {
            String k = c.keyword();
            if (k.equals("@ABSENT")) {
                if (lev0.value((String) c.value()).isPresent()) {
                    p.add("@ABSENT " + c.value() + " but the lev0 header has " + lev0.value((String) c.value()).get());
                }
            } else if (k.equals("@WARN")) {
                if (r.events().stream().noneMatch(e -> e.code().equals(c.value()))) {
                    p.add("@WARN " + c.value() + " was not recorded");
                }
            } else if (!k.startsWith("@")) {
                Object actual = lev0.value(k).orElse(null);
                if (!matches(c, actual)) {
                    p.add(k + ": expected " + show(c.value()) + " but lev0 has " + show(actual));
                }
            }
        }
    }

    /**
     * The archive's two gold products (koa-dep 5.7 and 6; {@code ../shared/data/keck/koa-gold}, skipped when absent):
     * their raw FITS files are lost, so the raw header is rebuilt from the gold row's values less every column the
     * archive's processing computes (the id, program, PROPINT, image type, statistics, slit and wavelength values, ...),
     * with synthetic pixels of the gold's shape and type whose mean, median and standard deviation are the gold's. The
     * outside services are fakes seeded from the gold values (spec 6's recommendation), the zero-propint policy is
     * off (the products predate it). The ingest must recompute every value of the gold's table at the archive's
     * tolerance; the only differences allowed are named: the checksums of the lost raw header (KCWI), and the NIRES
     * file's size (its raw file held more than the one image the table describes: 18.9 MB for a 2048 x 1024 float
     * image).
     */
    static Stream<Arguments> golds() {
        return Stream.of(
                Arguments.of("KB.20190509.07554.57", "KCWI", PixelType.UINT16, Set.of("SLITWIDT", "SLITLEN",
                        "SPATSCAL", "DISPSCAL", "SPECRES", "WAVEBLUE", "WAVECNTR", "WAVERED"),
                        Set.of("CHECKSUM", "DATASUM")),
                Arguments.of("NR.20190615.12571.36", "NIRES", PixelType.FLOAT32, Set.of("SLITWIDT", "SLITLEN",
                        "SPATSCAL", "DISPSCAL", "SPECRES", "WAVEBLUE", "WAVECNTR", "WAVERED", "FILTER", "OFNAME",
                        "FRAMENO"), Set.of("FILESIZE_MB")));
    }

    /** Columns every Keck plugin or the ingest computes (koa-dep 1.5, 4.5-4.8), or the FITS writer writes. */
    static final Set<String> COMPUTED = Set.of("KOAID", "PROPINT", "FILESIZE_MB", "KOAIMTYP", "SEMESTER", "PROGID",
            "PROGINST", "PROGPI", "PROGTITL", "PROGTL1", "PROGTL2", "PROGTL3", "ELAPTIME", "DATLEVEL", "IMAGEMN",
            "IMAGEMD", "IMAGESD", "NPIXSAT", "OA", "DQA_VERS", "DQA_DATE", "SIMPLE", "BITPIX", "NAXIS", "NAXIS1",
            "NAXIS2", "EXTEND", "BZERO", "BSCALE", "CHECKSUM", "DATASUM");

    @ParameterizedTest(name = "{0}")
    @MethodSource("golds")
    void goldProductIsRecomputedFromItsRawHeader(String koaid, String instrument, PixelType type,
            Set<String> computedByPlugin, Set<String> allowedDifferences) throws Exception {
        Path goldFile = SharedData.require("keck/koa-gold/" + koaid + ".metadata.table");
        Path tables = SharedData.require("keck/keyword-tables");
        IpacTable gold = IpacTable.read(goldFile);
        Header.Builder raw = Header.builder();
        for (IpacColumn c : gold.columns()) {
            String v = gold.value(0, c.name());
            if (v.equals(IpacTable.NULL) || COMPUTED.contains(c.name()) || computedByPlugin.contains(c.name())
                    || c.name().startsWith("WX")) {
                continue;
            }
            raw.add(c.name(), switch (c.type()) {
                case "integer" -> Long.parseLong(v);
                case "double" -> Double.parseDouble(v);
                default -> v;
            });
        }
        int w = Integer.parseInt(gold.value(0, "NAXIS1"));
        int h = Integer.parseInt(gold.value(0, "NAXIS2"));
        float[] px = pixels(w * h, Double.parseDouble(gold.value(0, "IMAGEMD")),
                Double.parseDouble(gold.value(0, "IMAGEMN")), Double.parseDouble(gold.value(0, "IMAGESD")),
                type != PixelType.FLOAT32);
        String outdir = gold.value(0, "OUTDIR");
        Path f = tmp.resolve("raw").resolve((outdir.endsWith("/") ? outdir : outdir + "/").substring(1)
                + gold.value(0, "OFNAME"));
        Files.createDirectories(f.getParent());
        FitsWriter.create().primaryImage(raw.build(), Image.of(w, h, px), type).write(f, false);

        String semid = gold.value(0, "SEMESTER") + "_" + gold.value(0, "PROGID");
        Proposal proposal = new Proposal(gold.value(0, "PROGPI"), gold.value(0, "PROGINST"),
                gold.value(0, "PROGTITL"), OptionalInt.of(Integer.parseInt(gold.value(0, "PROPINT"))));
        String oa = gold.value(0, "OA");
        IngestContext ctx = IngestContext.builder(tmp.resolve("koadata")).clock(CLOCK)
                .keywordTables(KeywordTables.in(tables))
                .options(IngestOptions.archive().fsync(false).fixOption("zeroPropint", "off"))
                .service(ProposalService.class, s -> s.equals(semid) ? Optional.of(proposal) : Optional.empty())
                .service(NightStaffService.class, (night, tel) -> Optional.of(oa)).build();
        try (Ledger l = JdbcLedger.open("jdbc:h2:file:" + tmp.resolve("koadata/ledger").toAbsolutePath())) {
            IngestService s = new IngestService(l, ctx, null);
            long id = s.enqueue(f).id();
            IngestResult r = s.drain(1, x -> { }, () -> false).get(0).result();
            LedgerRow row = l.row(id).orElseThrow();
            assertEquals("PROCESSED", row.status().name(), row + "\n" + events(r));
            assertEquals(koaid, row.archiveId(), "the archive id the spec's rule gives the gold's DATE-OBS and UT");
            assertEquals(instrument, row.instrument());
            assertEquals(gold.value(0, "KOAIMTYP"), row.attribute(ArchiveAttributes.IMAGE_TYPE));
            IpacTable mine = IpacTable.read(r.processDir().resolve(koaid + ".metadata.table"));
            // today's keyword tables hold more columns than in 2019, and some widths and null rules changed
            // (GoldMetadataTest names them): every gold column must be there, with the same type
            for (IpacColumn c : gold.columns()) {
                int i = mine.indexOf(c.name());
                assertTrue(i >= 0, "gold column " + c.name() + " missing");
                assertEquals(c.type(), mine.columns().get(i).type(), c.name());
            }
            List<String> warnings = MetadataCompare.compare(List.of(new MetadataCompare.Named("gold", gold),
                    new MetadataCompare.Named("ingested", mine)), new MetadataCompare.Options(true, 1)).get(0)
                    .warnings();
            TreeSet<String> differing = new TreeSet<>();
            for (String x : warnings) {
                differing.add(x.replaceAll("^.*col \"([^\"]+)\".*$", "$1"));
            }
            assertEquals(new TreeSet<>(allowedDifferences), differing, String.join("\n", warnings));
        }
    }

    /**
     * @return {@code n} pixels with the given median, mean and (population) standard deviation: a quarter below the
     *         median, half at it, a quarter above, the two outer values solved from the mean and variance; with
     *         {@code integers} each outer group mixes two neighbouring integers so its mean stays exact
     */
    static float[] pixels(int n, double median, double mean, double sd, boolean integers) {
        int p = n / 4;
        double f = (double) p / n;
        double d = mean - median;
        double sum = d / f;
        double squares = (sd * sd + d * d) / f;
        double root = Math.sqrt(sum * sum - 2 * (sum * sum - squares));
        float[] px = new float[n];
        fill(px, 0, p, median + (sum - root) / 2, integers);
        Arrays.fill(px, p, n - p, (float) median);
        fill(px, n - p, n, median + (sum + root) / 2, integers);
        return px;
    }

    private static void fill(float[] px, int from, int to, double value, boolean integers) {
        if (!integers) {
            Arrays.fill(px, from, to, (float) value);
            return;
        }
        double lo = Math.floor(value);
        int up = (int) Math.round((value - lo) * (to - from));
        Arrays.fill(px, from, to - up, (float) lo);
        Arrays.fill(px, to - up, to, (float) (lo + 1));
    }

    /** The metadata table against the expected one (or recorded, in record mode). */
    private static void metadata(String name, String koaid, Path produced, KeywordTables tables) throws Exception {
        String file = koaid + ".metadata.table";
        boolean archiveColumns = tables.dir().isPresent();
        if (RECORD) {
            assertTrue(archiveColumns, "recording needs the archive's keyword tables in ../shared/data/keck/keyword-tables");
            Path target = expectedSourceDir().resolve(file);
            String changes = "new table";
            if (Files.exists(target)) {
                List<String> d = MetadataCompare.compare(List.of(new MetadataCompare.Named("recorded", IpacTable.read(
                        target)), new MetadataCompare.Named("new", IpacTable.read(produced))),
                        MetadataCompare.Options.EXACT).get(0).warnings();
                changes = d.isEmpty() ? "no value changed" : String.join("\n    ", d);
            }
            Files.createDirectories(expectedSourceDir());
            Files.copy(produced, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            System.out.println("recorded " + target + " (" + name + "); review against the spec before committing:\n    "
                    + changes);
            return;
        }
        Path expected = expectedTable(file);
        if (expected == null) {
            fail(name + ": no expected table regression/expected/" + file + "; record it with"
                    + " -Ddrpkit.regression.record=true and review it against the spec");
        }
        IpacTable want = IpacTable.read(expected);
        IpacTable got = IpacTable.read(produced);
        if (!archiveColumns) {
            got = asIntegers(got, want);
        }
        List<MetadataCompare.Comparison> c = MetadataCompare.compare(List.of(
                new MetadataCompare.Named("expected/" + file, want), new MetadataCompare.Named("ingested/" + file, got)),
                archiveColumns ? MetadataCompare.Options.ARCHIVE : new MetadataCompare.Options(true, 1));
        if (!c.get(0).warnings().isEmpty()) {
            fail(name + ": the metadata table differs from the expected one"
                    + (archiveColumns ? "" : " (header columns: no archive keyword tables)") + "\n"
                    + c.get(0).title() + "\n  " + String.join("\n  ", c.get(0).warnings()));
        }
    }

    /**
     * @return {@code t} with the cells of the columns {@code like} types integer cut to integers, as the archive's
     *         value pipeline does (koa-dep 5.3 step 7, Python's {@code int(v)}: 7362.5 becomes 7362), so a table of
     *         the header's own columns compares with one made from the archive's definitions
     */
    static IpacTable asIntegers(IpacTable t, IpacTable like) {
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row : t.rows()) {
            List<String> r = new ArrayList<>(row);
            for (int i = 0; i < r.size(); i++) {
                int j = like.indexOf(t.columns().get(i).name());
                if (j >= 0 && like.columns().get(j).type().equals("integer")) {
                    try {
                        double d = Double.parseDouble(r.get(i).trim());
                        r.set(i, Long.toString((long) d));
                    } catch (NumberFormatException e) {
                        // not a number: compared as it is
                    }
                }
            }
            rows.add(r);
        }
        return t.withRows(rows);
    }

    static Path expectedTable(String file) throws URISyntaxException {
        URL u = ArchiveRegressionTest.class.getClassLoader().getResource("regression/expected/" + file);
        return u == null ? null : Path.of(u.toURI());
    }

    static void check(List<String> problems, String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            problems.add(what + ": expected " + show(expected) + " but was " + show(actual));
        }
    }

    static boolean matches(Card expected, Object actual) {
        Object e = expected.value();
        String comment = expected.comment() == null ? "" : expected.comment();
        if (e instanceof Number en && actual instanceof Number an) {
            double tol = comment.startsWith("tol ") ? Double.parseDouble(comment.substring(4).split("\\s+")[0]) : 0;
            return Math.abs(en.doubleValue() - an.doubleValue()) <= tol;
        }
        if (e instanceof String s && actual instanceof String a) {
            return s.equals(a.trim());
        }
        return Objects.equals(e, actual);
    }

    static String show(Object v) {
        return v == null ? "(none)" : v.getClass().getSimpleName() + " " + (v instanceof String s ? "'" + s + "'" : v);
    }

    static String events(IngestResult r) {
        StringBuilder b = new StringBuilder("events:\n");
        for (StatusEvent e : r.events()) {
            b.append("  ").append(e.severity()).append(' ').append(e.code()).append(' ').append(e.step()).append(": ")
                    .append(e.text().length() > 300 ? e.text().substring(0, 300) + "..." : e.text()).append('\n');
        }
        return b.toString();
    }
}
