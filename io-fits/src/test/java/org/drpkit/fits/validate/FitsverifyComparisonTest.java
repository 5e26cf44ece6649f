package org.drpkit.fits.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.drpkit.core.testing.SharedData;
import org.drpkit.fits.testing.Peers;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * drpkit's validator against CFITSIO's {@code fitsverify} (4.20 here) on every FITS file under
 * {@code ../shared/data} and on the files {@link MalformedFits} builds: wherever fitsverify reports an error in an
 * HDU, drpkit must report an error in that same HDU (errors fitsverify puts at "End-of-file" must be file-level or
 * fill errors in drpkit; a fatal abort needs at least one drpkit error). Where fitsverify finds no error, drpkit must
 * find none either, except in the cases listed in {@link #DRPKIT_STRICTER}. Skips when fitsverify is not installed.
 *
 * <p>Known disagreements, all where drpkit is stricter (none where fitsverify finds an error drpkit misses):
 * <ul>
 *   <li>A stored CHECKSUM or DATASUM that disagrees with the bytes: fitsverify warns, drpkit reports an error, because
 *       for an archive it means the bytes changed after they were certified.
 *   <li>{@code EXTEND}, {@code GROUPS} and {@code INHERIT} with a non-logical value, and {@code EQUINOXa} (alternate
 *       WCS) with a non-numeric value: fitsverify does not check them; FITS 4.0 defines their types, so drpkit does.
 *   <li>Where fitsverify reports one error for an aborted HDU, drpkit often reports several (it goes on after the
 *       problem); only the HDU and the presence of an error are compared.
 * </ul>
 */
class FitsverifyComparisonTest {

    /** Built cases where drpkit reports an error and fitsverify does not, with the reason. */
    static final Map<String, String> DRPKIT_STRICTER = Map.of(
            "bad_checksum", "fitsverify only warns when CHECKSUM/DATASUM disagree with the bytes",
            "extend_not_logical", "fitsverify does not check the type of EXTEND");

    private static final Pattern ROW = Pattern.compile("^\\s*(\\d+|End-of-file)\\s+.*?(\\d+)\\s+(\\d+)\\s*$");

    @TempDir
    static Path dir;

    /**
     * What fitsverify said about one file: errors per 0-based HDU (-1 = its "End-of-file" row), the number of HDUs it
     * could open, or a fatal abort.
     */
    record Verdict(boolean fatal, Map<Integer, Integer> errors, int opened, String text) {
        int total() {
            return errors.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    static Verdict fitsverify(String exe, Path f) {
        Peers.Result r = Peers.run(List.of(exe, f.toString()), null);
        Map<Integer, Integer> errors = new TreeMap<>();
        int opened = 0;
        boolean table = false;
        for (String line : r.out().split("\n")) {
            if (line.contains("HDU#") && line.contains("Errors")) {
                table = true;
                continue;
            }
            Matcher m = ROW.matcher(line);
            if (table && m.matches()) {
                int hdu = m.group(1).equals("End-of-file") ? -1 : Integer.parseInt(m.group(1)) - 1;
                opened = Math.max(opened, hdu + 1);
                int n = Integer.parseInt(m.group(3));
                if (n > 0) {
                    errors.put(hdu, n);
                }
            }
        }
        boolean fatal = r.out().contains("Abort Verification: Fatal Error");
        if (!fatal && !table) {
            fail("cannot read fitsverify's summary for " + f + ":\n" + r.out());
        }
        return new Verdict(fatal, errors, opened, r.out());
    }

    static void compare(String name, Path f, Verdict v, ValidationReport mine, boolean stricterAllowed) {
        String both = "fitsverify:\n" + v.text() + "\ndrpkit:\n" + mine;
        if (v.fatal()) {
            assertTrue(!mine.isValid(), name + ": fitsverify aborts, drpkit must report an error\n" + both);
        }
        for (Map.Entry<Integer, Integer> e : v.errors().entrySet()) {
            int hdu = e.getKey();
            // "End-of-file" errors are bytes after the last HDU, a truncated last unit, or an HDU fitsverify could not
            // open (CFITSIO's "Bad HDU?"), which drpkit reports in that HDU
            boolean found = hdu >= 0
                    ? mine.findingsFor(hdu).stream().anyMatch(Finding::isError)
                    : mine.errors().stream().anyMatch(x -> x.hdu() == -1 || x.hdu() >= v.opened()
                            || x.code() == ValidationCode.DATA_FILL_MISSING || x.code() == ValidationCode.DATA_TRUNCATED);
            assertTrue(found, name + ": fitsverify reports " + e.getValue() + " error(s) in "
                    + (hdu < 0 ? "End-of-file" : "HDU " + hdu) + "; drpkit has none there\n" + both);
        }
        if (!v.fatal() && v.total() == 0 && !stricterAllowed) {
            assertEquals(List.of(), mine.errors(), name + ": fitsverify finds no error\n" + both);
        }
    }

    @TestFactory
    Stream<DynamicTest> everySharedFitsFileAgreesWithFitsverify() throws IOException {
        String exe = Peers.requireFitsverify();
        List<Path> files = new ArrayList<>();
        if (SharedData.available()) {
            try (Stream<Path> s = Files.walk(SharedData.dir())) {
                s.filter(p -> p.toString().endsWith(".fits")).sorted().forEach(files::add);
            }
        }
        SharedData.require("fits/m13.fits");
        return files.stream().map(f -> DynamicTest.dynamicTest(SharedData.dir().relativize(f).toString(),
                () -> compare(f.toString(), f, fitsverify(exe, f), FitsValidator.validate(f), false)));
    }

    @TestFactory
    Stream<DynamicTest> everyBuiltFileAgreesWithFitsverify() throws IOException {
        String exe = Peers.requireFitsverify();
        List<MalformedFits.Case> cases = new ArrayList<>(MalformedFits.all());
        cases.add(new MalformedFits.Case("bad_checksum", MalformedFits.cat(MalformedFits.header(MalformedFits.plus(
                MalformedFits.PRIMARY, "CHECKSUM= 'ZZZZZZZZZZZZZZZZ'", "DATASUM = '123'")), MalformedFits.data(100)),
                ValidationCode.CHECKSUM_MISMATCH));
        cases.add(new MalformedFits.Case("extend_not_logical", MalformedFits.cat(MalformedFits.header(
                MalformedFits.plus(MalformedFits.PRIMARY, "EXTEND  = 'T'")), MalformedFits.data(100)),
                ValidationCode.KEYWORD_WRONG_TYPE));
        List<DynamicTest> tests = new ArrayList<>();
        for (MalformedFits.Case c : cases) {
            Path f = c.write(dir);
            tests.add(DynamicTest.dynamicTest(c.name(), () -> {
                Verdict v = fitsverify(exe, f);
                ValidationReport mine = FitsValidator.validate(f);
                compare(c.name(), f, v, mine, DRPKIT_STRICTER.containsKey(c.name()));
                if (DRPKIT_STRICTER.containsKey(c.name())) {
                    assertEquals(0, v.total(), c.name() + " is listed as a disagreement but fitsverify now agrees");
                    assertTrue(mine.has(c.expected()), mine.toString());
                }
            }));
        }
        return tests.stream();
    }
}
