package org.drpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.testing.SharedData;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.PixelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drpkit verify} and {@code drpkit checksum}. */
class ArchiveCommandsTest {

    @TempDir
    Path dir;

    private Path written() throws DrpException {
        Path f = dir.resolve("w.fits");
        FitsWriter.create().primary(Header.builder().add("OBJECT", "x").build())
                .image("SCI", Header.empty(), Image.zeros(8, 4), PixelType.FLOAT32).write(f, false);
        return f;
    }

    @Test
    void verifyPassesAGoodFileAndFailsABadOneWithItsFindings() throws DrpException {
        Path good = written();
        Path bad = SharedData.require("keck/nirc2/raw_n0051_standard_1.fits");
        DrpkitTest.Run ok = new DrpkitTest.Run("verify", good.toString());
        assertEquals(0, ok.status, ok.out + ok.err);
        assertTrue(ok.out.contains("w.fits: OK"), ok.out);
        DrpkitTest.Run r = new DrpkitTest.Run("verify", good.toString(), bad.toString());
        assertEquals(Drpkit.EXIT_BAD_INPUT, r.status);
        assertTrue(r.out.contains("ERROR TRAILING_BYTES file:"), r.out);
        assertTrue(r.out.contains("ERROR DATA_FILL_INVALID HDU 0"), r.out);
        assertTrue(r.out.contains("1 of 2 files have errors"), r.out);
    }

    @Test
    void verifyJsonListsEveryFindingForMachines() throws IOException {
        Path bad = SharedData.require("keck/nirc2/dark_512_512_3_4_10.0_1.fits");
        DrpkitTest.Run r = new DrpkitTest.Run("verify", "--json", bad.toString(), dir.resolve("none.fits").toString());
        assertEquals(Drpkit.EXIT_BAD_INPUT, r.status);
        JsonNode docs = new ObjectMapper().readTree(r.out);
        assertEquals(2, docs.size());
        JsonNode d = docs.get(0);
        assertEquals(false, d.get("valid").asBoolean());
        assertEquals(4, d.get("errors").asInt());
        assertEquals("KEYWORD_WRONG_TYPE", d.get("findings").get(1).get("code").asText());
        assertEquals("CD1_1", d.get("findings").get(1).get("keyword").asText());
        assertEquals("BITPIX=32 512x512", d.get("hdus").get(0).get("description").asText());
        assertEquals("FILE_NOT_FOUND", docs.get(1).get("findings").get(0).get("code").asText());
    }

    @Test
    void checksumPrintsStoredAndComputedValuesOfEveryHdu() throws IOException {
        Path f = dir.resolve("c.fits");
        Files.copy(SharedData.require("fits/astropy_checksum.fits"), f);
        DrpkitTest.Run r = new DrpkitTest.Run("checksum", f.toString());
        assertEquals(0, r.status, r.out + r.err);
        assertTrue(r.out.contains("HDU 0: CHECKSUM 'MPAGOM8DMMADMM5D' computed 'MPAGOM8DMMADMM5D' OK;"
                + " DATASUM '3949456131' computed '3949456131' OK"), r.out);
        assertTrue(r.out.contains("OK '" + f + "'"), r.out);
    }

    @Test
    void checksumReportsMissingValuesAndUpdateWritesThem() throws DrpException {
        Path f = written();
        DrpkitTest.Run missing = new DrpkitTest.Run("checksum", f.toString());
        assertEquals(Drpkit.EXIT_BAD_INPUT, missing.status);
        assertTrue(missing.out.contains("MISSING '" + f + "' .. Checksum not found in HDU #0"), missing.out);
        assertEquals(0, new DrpkitTest.Run("checksum", "--ignore-missing", f.toString()).status);
        DrpkitTest.Run u = new DrpkitTest.Run("checksum", "--update", f.toString());
        assertEquals(0, u.status, u.out + u.err);
        assertEquals(0, new DrpkitTest.Run("checksum", f.toString()).status);
        assertEquals(0, new DrpkitTest.Run("verify", f.toString()).status);
    }

    @Test
    void checksumUpdateRefusesABadFileUnlessForced() throws IOException {
        Path f = dir.resolve("c.fits");
        Files.copy(SharedData.require("fits/astropy_checksum.fits"), f);
        byte[] b = Files.readAllBytes(f);
        b[b.length - 2880] ^= 1;
        Files.write(f, b);
        DrpkitTest.Run r = new DrpkitTest.Run("checksum", "--update", f.toString());
        assertEquals(Drpkit.EXIT_BAD_INPUT, r.status);
        assertTrue(r.out.contains("BAD '" + f + "' .. Checksum verification failed for HDU #1"), r.out);
        assertTrue(r.err.contains("[CHECKSUM_MISMATCH]"), r.err);
        assertEquals(0, new DrpkitTest.Run("checksum", "--update", "--force", f.toString()).status);
    }
}
