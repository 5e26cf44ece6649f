package org.drpkit.fits.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Md5SumTableTest {

    /**
     * The gold md5sum line of the metadata table is reproduced from the metadata table drpkit writes (which is
     * byte-identical to the archive's), in the archive's format, with the archive's file selection.
     */
    @Test
    void goldMetadataLineIsReproducedWithTheArchiveSelection(@TempDir Path lev0) throws DrpException, IOException {
        String koaid = "KB.20190509.07554.57";
        IpacTable.read(SharedData.require(IpacTableTest.KB)).write(lev0.resolve(koaid + ".metadata.table"), false);
        Files.writeString(lev0.resolve(koaid + ".fits"), "fits bytes");
        Files.createDirectories(lev0.resolve("sub"));
        Files.writeString(lev0.resolve("sub").resolve(koaid + ".jpg"), "jpg bytes");
        Files.writeString(lev0.resolve(koaid + ".log"), "excluded: a log");
        Files.writeString(lev0.resolve(koaid + "_unp.fits"), "excluded: _unp without _unp in the KOAID");
        Files.writeString(lev0.resolve("KB.20190509.99999.99.fits"), "excluded: another KOAID");
        Files.writeString(lev0.resolve(koaid + ".md5sum.table"), "excluded: the table itself");
        Md5SumTable t = Md5SumTable.forKoaid(lev0, koaid);
        List<String> gold = Files.readAllLines(SharedData.require("keck/koa-gold/" + koaid + ".md5sum.table"));
        assertEquals(gold.get(2), t.entries().get(1).toString(), "the gold line of the metadata table");
        assertEquals(List.of(koaid + ".fits", koaid + ".metadata.table", "sub/" + koaid + ".jpg"),
                t.entries().stream().map(Md5SumTable.Entry::path).toList());
        assertEquals(org.drpkit.fits.checksum.Md5.hex("fits bytes".getBytes()), t.entries().get(0).md5());
        Path out = lev0.resolve(koaid + ".md5sum.table");
        Files.delete(out);
        t.write(out, false);
        assertEquals(t.text(), Files.readString(out));
        assertEquals(t.entries(), Md5SumTable.read(out).entries());
    }

    @Test
    void goldTablesReadBackAndPrintIdentically() throws DrpException, IOException {
        for (String g : List.of("KB.20190509.07554.57", "NR.20190615.12571.36")) {
            Path f = SharedData.require("keck/koa-gold/" + g + ".md5sum.table");
            Md5SumTable t = Md5SumTable.read(f);
            assertEquals(3, t.entries().size());
            assertEquals(Files.readString(f), t.text());
        }
    }

    @Test
    void theMd5OfAKnownTextIsMd5sums(@TempDir Path dir) throws DrpException, IOException {
        Path f = dir.resolve("a.txt");
        Files.writeString(f, "hello\n");
        // printf 'hello\n' | md5sum
        assertEquals("b1946ac92492d2347c6235b4d2611184", org.drpkit.fits.checksum.Md5.hex(f));
    }

    @Test
    void malformedLinesAreDomainErrors(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.md5sum.table");
        Files.writeString(f, "not an md5 line\n");
        assertEquals(TableErrorCode.TABLE_MALFORMED, assertThrows(DrpException.class, () -> Md5SumTable.read(f)).code());
    }
}
