package org.drpkit.fits.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole writer path against the archive's gold tables: headers holding the gold values (typed as astropy reads
 * them: integers, floats, strings; nulls absent) go through the archive's keyword definitions and the value
 * pipeline, and the bytes must equal the gold file. The definitions are the current KeywordTables rows for the
 * gold's columns; where a definition changed after 2019 (widths, null rules) the gold's is used, and the test
 * asserts exactly which ones.
 */
class GoldMetadataTest {

    /** Values the archive computes outside the header, passed as {@link MetadataValues}. */
    private static final Set<String> EXTRAS = Set.of("PROPINT", "FILESIZE_MB");

    static KeywordTable definitionsFor(KeywordTable current, IpacTable gold, List<String> changed) {
        List<KeywordDefinition> defs = new ArrayList<>();
        for (IpacColumn g : gold.columns()) {
            KeywordDefinition d = current.find(g.name()).orElseThrow();
            assertEquals(g.type(), d.type().ipacName(), g.name());
            if (d.width() != g.width() || d.nullable() != g.nullable()) {
                changed.add(g.name());
                d = d.withSize(g.width()).withNullable(g.nullable());
            }
            defs.add(d);
        }
        return KeywordTable.of(current.name(), defs);
    }

    /** The gold row's values: the header's cards, and the values the archive computes outside the header. */
    record Row(Header header, MetadataValues values) {
    }

    static Row headerAndValuesFor(IpacTable gold, KeywordTable defs) {
        Header.Builder b = Header.builder();
        MetadataValues values = MetadataValues.none();
        for (KeywordDefinition d : defs.definitions()) {
            String cell = gold.value(0, d.keyword());
            if (cell.equals(IpacTable.NULL)) {
                continue;
            }
            Object v = switch (d.type()) {
                case INTEGER -> Long.parseLong(cell);
                case DOUBLE -> Double.parseDouble(cell);
                default -> cell;
            };
            if (EXTRAS.contains(d.keyword())) {
                values = values.with(d.keyword(), v);
            } else {
                b.add(d.keyword(), v);
            }
        }
        return new Row(b.build(), values);
    }

    private static MetadataResult regenerate(String instrument, String gold, List<String> changed)
            throws DrpException {
        KeywordTable current = KeywordTable.load(
                SharedData.require("keck/keyword-tables/KOA_" + instrument + "_Keyword_Table.txt"));
        IpacTable g = IpacTable.read(SharedData.require(gold));
        KeywordTable defs = definitionsFor(current, g, changed);
        Row row = headerAndValuesFor(g, defs);
        return MetadataWriter.of(defs).write(row.header(), row.values());
    }

    @Test
    void niresGoldTableIsRegeneratedFromHeaderValues(@TempDir Path dir) throws DrpException, IOException {
        List<String> changed = new ArrayList<>();
        MetadataResult r = regenerate("NIRES", IpacTableTest.NR, changed);
        assertEquals(List.of("FILESIZE_MB", "GUIDFWHM", "OBSERVER"), changed);
        Path gold = SharedData.require(IpacTableTest.NR);
        assertArrayEquals(Files.readAllBytes(gold), r.bytes());
        assertEquals(List.of(), r.warnings());
        Path out = dir.resolve("NR.20190615.12571.36.metadata.table");
        r.write(out, false);
        assertEquals(-1, Files.mismatch(gold, out));
    }

    @Test
    void kcwiGoldTableIsRegeneratedFromHeaderValues() throws DrpException, IOException {
        List<String> changed = new ArrayList<>();
        MetadataResult r = regenerate("KCWI", IpacTableTest.KB, changed);
        assertEquals(33, changed.size(), changed.toString());
        assertArrayEquals(Files.readAllBytes(SharedData.require(IpacTableTest.KB)), r.bytes());
        assertEquals(List.of(), r.warnings());
    }
}
