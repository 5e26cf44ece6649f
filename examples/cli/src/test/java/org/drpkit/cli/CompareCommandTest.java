package org.drpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.drpkit.fits.table.IpacTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drpkit compare}: two {@code drpkit ingest} runs of the same two frames compare equal (exit 0); a metadata
 * value changed beyond the archive's tolerance, a removed product and an altered preview each make exit 1 and are
 * named in the text, the JSON and the report; a change within the tolerance keeps exit 0; a missing root is exit 2.
 */
class CompareCommandTest {

    @TempDir
    Path tmp;

    private String run1;
    private String run2;
    private Path lev0;

    private static final String K = "N2.20170725.36001.00";

    @BeforeEach
    void twoIngests() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        IngestCommandsTest.frame(in, "n0001.fits", "10:00:01.00");
        IngestCommandsTest.frame(in, "n0002.fits", "10:00:02.00");
        run1 = tmp.resolve("run1").toString();
        run2 = tmp.resolve("run2").toString();
        for (String out : List.of(run1, run2)) {
            DrpkitTest.Run r = new DrpkitTest.Run("ingest", in.toString(), "--out", out, "--no-fsync");
            assertEquals(0, r.status, r.out + r.err);
        }
        lev0 = Path.of(run2, "NIRC2", "20170725", "lev0");
    }

    private void setMetadata(String column, String value) throws Exception {
        Path f = lev0.resolve(K + ".metadata.table");
        IpacTable t = IpacTable.read(f);
        List<String> row = new ArrayList<>(t.rows().get(0));
        row.set(t.indexOf(column), value);
        t.withRows(List.of(row)).write(f, true);
    }

    @Test
    void twoRunsOfTheSameFramesAreEqual() throws Exception {
        Path md = tmp.resolve("report.md");
        DrpkitTest.Run r = new DrpkitTest.Run("compare", run1, run2, "--report", md.toString());
        assertEquals(0, r.status, r.out + r.err);
        assertTrue(r.out.contains("EQUAL: 14 products in both trees (2 metadata tables, 2 md5 tables, 8 previews),"
                + " 0 differences"), r.out);
        // the FITS files of two runs differ in DQA_DATE when the runs are a second or more apart: a note at most
        for (String line : r.out.lines().filter(l -> l.contains("within tolerance: ")).toList()) {
            assertTrue(line.endsWith("equal apart from the run's cards [DQA_DATE]"), line);
        }
        assertTrue(Files.readString(md).contains("**EQUAL: 14 products"), Files.readString(md));
    }

    @Test
    void eachKindOfChangeIsReportedWithExitOne() throws Exception {
        IpacTable t = IpacTable.read(lev0.resolve(K + ".metadata.table"));
        String old = t.value(0, "DATE-OBS");
        setMetadata("DATE-OBS", "2017-07-26");  // beyond any tolerance
        Files.delete(lev0.resolve("N2.20170725.36002.00.png"));
        Path png = lev0.resolve(K + ".png");
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());  // 8x8 dark of 100 counts became white everywhere
        g.dispose();
        javax.imageio.ImageIO.write(img, "png", png.toFile());

        Path html = tmp.resolve("report.html");
        DrpkitTest.Run r = new DrpkitTest.Run("compare", run1, run2, "--report", html.toString());
        assertEquals(1, r.status, r.out + r.err);
        assertTrue(r.out.contains("DIFFERENT: 13 products in both trees"), r.out);
        assertTrue(r.out.contains("ONLY_IN_OLD NIRC2/20170725/lev0/N2.20170725.36002.00.png: not in the new tree"), r.out);
        assertTrue(r.out.contains("METADATA NIRC2/20170725/lev0/" + K + ".metadata.table: Meta compare: " + K
                + ".fits: col \"DATE-OBS\": (0)\"" + old + "\" != (1)\"2017-07-26\""), r.out);
        assertTrue(r.out.contains("PREVIEW NIRC2/20170725/lev0/" + K + ".png: pixels differ: mean +"), r.out);
        String h = Files.readString(html);
        assertTrue(h.startsWith("<!DOCTYPE html>") && h.contains("<td>ONLY_IN_OLD</td>"), h);

        DrpkitTest.Run j = new DrpkitTest.Run("compare", run1, run2, "--json");
        assertEquals(1, j.status);
        JsonNode doc = new ObjectMapper().readTree(j.out);
        assertEquals(false, doc.get("equal").asBoolean());
        List<String> kinds = new ArrayList<>();
        doc.get("differences").forEach(d -> kinds.add(d.get("kind").asText()));
        assertEquals(List.of("METADATA", "PREVIEW", "ONLY_IN_OLD"), kinds, "in path order");
    }

    @Test
    void aChangeWithinTheToleranceKeepsExitZeroAndIsNoted() throws Exception {
        String itime = IpacTable.read(lev0.resolve(K + ".metadata.table")).columns().stream()
                .filter(c -> c.type().equals("double")).map(c -> c.name()).findFirst().orElseThrow();
        String v = IpacTable.read(lev0.resolve(K + ".metadata.table")).value(0, itime);
        double changed = Double.parseDouble(v) + 0.01;   // equal at one decimal unless it crosses a rounding edge
        setMetadata(itime, Double.toString(changed));
        DrpkitTest.Run r = new DrpkitTest.Run("compare", run1, run2);
        assertEquals(0, r.status, r.out);
        assertTrue(r.out.contains("within tolerance: METADATA"), r.out);
        DrpkitTest.Run exact = new DrpkitTest.Run("compare", run1, run2, "--decimals", "-1");
        assertEquals(1, exact.status, exact.out);
    }

    @Test
    void aMissingRootIsBadInputWithExitTwo() {
        DrpkitTest.Run r = new DrpkitTest.Run("compare", run1, tmp.resolve("nothing").toString());
        assertEquals(Drpkit.EXIT_BAD_INPUT, r.status);
        assertTrue(r.err.contains("[COMPARE_ROOT_NOT_FOUND]"), r.err);
    }
}
