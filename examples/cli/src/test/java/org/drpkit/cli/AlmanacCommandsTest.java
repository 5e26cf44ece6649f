package org.drpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.drpkit.core.header.Header;
import org.drpkit.core.id.ExposureKey;
import org.drpkit.core.image.Ramp;
import org.drpkit.core.testing.SharedData;
import org.drpkit.fits.apz.ApzEncoder;
import org.drpkit.instruments.apogee.ApogeeRawName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drpkit almanac} and its {@code runlist}, {@code bad} and {@code drift} subcommands. */
class AlmanacCommandsTest {

    @TempDir
    Path tmp;

    @Test
    void listsTheSeventeenNirc2FramesWithImageTypesAndFlagsTheMalformedOne() throws Exception {
        Path nirc2 = SharedData.require("keck/nirc2");
        String out = tmp.resolve("A").toString();
        DrpkitTest.Run r = new DrpkitTest.Run("almanac", nirc2.toString(), "--out", out);
        assertEquals(0, r.status, r.out + r.err);
        assertTrue(r.out.startsWith("17 files: 17 read (17 new, 0 changed)"), r.out);
        assertTrue(r.out.contains("17 files: MALFORMED 1 OK 16"), r.out);
        String[] lines = r.out.split("\n");
        int raw = -1;
        int listed = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("N2.")) {
                listed++;
                assertTrue(lines[i].contains(" NIRC2 "), lines[i]);
            }
            if (lines[i].endsWith("raw_n0051_standard_1.fits")) {
                raw = i;
            }
        }
        assertEquals(17, listed);
        assertTrue(lines[raw].matches("N2\\.20170725\\.51470\\.75 +NIRC2 +object +MALFORMED +raw_n0051_standard_1.fits"),
                lines[raw]);
        assertTrue(lines[raw + 1].trim().startsWith("HEADER_FILL_NOT_BLANK HDU 0: the header block after END must be "
                + "all blanks"), lines[raw + 1]);
        DrpkitTest.Run again = new DrpkitTest.Run("almanac", nirc2.toString(), "--out", out, "--json");
        assertEquals(0, again.status, again.err);
        JsonNode doc = new ObjectMapper().readTree(again.out);
        assertEquals(0, doc.get("index").get("added").asInt(), "the second run reads nothing");
        assertEquals(17, doc.get("index").get("unchanged").asInt());
        assertEquals(17, doc.get("files").size());
    }

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

    /** One tiny APOGEE chip file; {@code cartKeyword} is CARTID, or CART_ID after the rename. */
    private static void write(Path raw, int sjd, String chip, int exposure, String type, int reads, String cartKeyword)
            throws Exception {
        ExposureKey key = new ExposureKey("apo", sjd, chip, exposure);
        LocalDateTime start = LocalDateTime.of(2023, 1, 1, 3, 0).plusDays(sjd - 60000L).plusMinutes(10L * exposure);
        Header h = Header.builder().add("TELESCOP", "apo25m").add("INSTRUME", "APOGEE")
                .add("FILENAME", ApogeeRawName.of(key).fileName()).add("CHIP", chip).add("EXPNUM", (long) exposure)
                .add("IMAGETYP", type).add("EXPTYPE", type.toUpperCase(Locale.ROOT)).add("LAMPQRTZ", 0L)
                .add("LAMPTHAR", 0L).add("LAMPUNE", 0L).add("NREAD", (long) reads).add("EXPTIME", reads * 10.6)
                .add("DATE-OBS", ISO.format(start)).add(cartKeyword, 0L).build();
        List<Header> readHeaders = new ArrayList<>();
        for (int k = 0; k < reads; k++) {
            readHeaders.add(Header.builder().add("DATE-OBS", ISO.format(start.plusNanos(k * 10_600_000_000L)))
                    .add("INTOFF", 10600.0).build());
        }
        ApzEncoder.write(ApogeeRawName.of(key).path(raw), h, readHeaders, Ramp.zeros(8, 4, reads, 10.6), false);
    }

    @Test
    void runlistBadListAndDriftOnTwoSimulatedNights() throws Exception {
        Path raw = tmp.resolve("raw");
        for (String chip : new String[] {"R", "G", "B"}) {
            write(raw, 60000, chip, 1, "dark", 31, "CARTID");
            write(raw, 60000, chip, 2, "dark", 31, "CARTID");
            if (!chip.equals("B")) {
                write(raw, 60000, chip, 3, "object", 5, "CARTID");
            }
            write(raw, 60000, chip, 4, "object", 5, "CARTID");
            write(raw, 60001, chip, 1, "object", 5, "CART_ID");
        }
        String a = tmp.resolve("A").toString();
        DrpkitTest.Run index = new DrpkitTest.Run("almanac", raw.toString(), "--out", a, "--csv",
                tmp.resolve("almanac.csv").toString(), "--fits", tmp.resolve("almanac.fits").toString());
        assertEquals(0, index.status, index.out + index.err);
        assertTrue(index.out.contains("14 files: OK 14"), index.out);
        assertEquals(15, Files.readAllLines(tmp.resolve("almanac.csv")).size());
        assertTrue(Files.size(tmp.resolve("almanac.fits")) > 0);

        DrpkitTest.Run runlist = new DrpkitTest.Run("almanac", "runlist", "--night", "60000", "--out", a);
        assertEquals(0, runlist.status, runlist.out + runlist.err);
        assertTrue(runlist.out.contains("darks           1 picked: apo/60000/0002"), runlist.out);
        assertTrue(runlist.out.contains("left out apo/60000/0001: no previous exposure in the night"), runlist.out);
        assertTrue(runlist.out.contains("science         1 picked: apo/60000/0004"), runlist.out);
        assertTrue(runlist.out.contains("left out apo/60000/0003: chip B missing"), runlist.out);
        assertEquals(List.of("# science: [object], reads >= 4", "apo/60000/R/0004", "apo/60000/G/0004",
                "apo/60000/B/0004"), Files.readAllLines(tmp.resolve("A/runlists/runlist_APOGEE_60000_science.txt")));

        DrpkitTest.Run bad = new DrpkitTest.Run("almanac", "bad", "apo/60000/0004", "--stage", "ramp", "--reason",
                "jump storm", "--out", a);
        assertEquals(0, bad.status, bad.err);
        assertTrue(bad.out.contains("version 1, 1 entries"), bad.out);
        DrpkitTest.Run after = new DrpkitTest.Run("almanac", "runlist", "--night", "60000", "--out", a);
        assertTrue(after.out.contains("left out apo/60000/0004: on the bad-exposure list (version 1, ramp): jump storm"),
                after.out);
        assertTrue(after.out.contains("science         0 picked"), after.out);

        DrpkitTest.Run drift = new DrpkitTest.Run("almanac", "drift", "--from", "60000", "--to", "60001", "--out", a);
        assertEquals(AlmanacDriftCommand.EXIT_DRIFT, drift.status, drift.out + drift.err);
        assertTrue(drift.out.contains("  removed CARTID (type I, was in 100% of 60000)"), drift.out);
        assertTrue(drift.out.contains("  added CART_ID (type I, in 100% of 60001)"), drift.out);
        DrpkitTest.Run allowed = new DrpkitTest.Run("almanac", "drift", "--from", "60000", "--to", "60001", "--out", a,
                "--allow", "CARTID,CART_ID");
        assertEquals(0, allowed.status, allowed.out + allowed.err);
        assertTrue(allowed.out.contains("2 changes, 0 unexpected"), allowed.out);

        DrpkitTest.Run empty = new DrpkitTest.Run("almanac", "runlist", "--night", "59999", "--out", a);
        assertEquals(AlmanacRunlistCommand.EXIT_EMPTY, empty.status, empty.out);
        DrpkitTest.Run noDir = new DrpkitTest.Run("almanac", tmp.resolve("nowhere").toString(), "--out", a);
        assertEquals(Drpkit.EXIT_BAD_INPUT, noDir.status);
        assertTrue(noDir.err.startsWith("[ALMANAC_ROOT_UNREADABLE]"), noDir.err);
    }

    @Test
    void checkListsAMissingProductAndFlowCountsTheNightStageByStage() throws Exception {
        Path raw = tmp.resolve("raw");
        for (String chip : new String[] {"R", "G", "B"}) {
            write(raw, 60000, chip, 1, "dark", 31, "CARTID");
            write(raw, 60000, chip, 2, "dark", 31, "CARTID");
            if (!chip.equals("B")) {
                write(raw, 60000, chip, 3, "object", 5, "CARTID");
            }
            write(raw, 60000, chip, 4, "object", 5, "CARTID");
        }
        Path products = tmp.resolve("night");
        String a = products.resolve("almanac").toString();
        assertEquals(0, new DrpkitTest.Run("almanac", raw.toString(), "--out", a).status);
        // darks 2 and science 4 are picked: their rates, the dark stack, science 4 calibrated and extracted
        List<String> expected = new ArrayList<>();
        for (String chip : new String[] {"R", "G", "B"}) {
            expected.add("apred/60000/ar2D_apo_60000_0002_" + chip + "_dark.fits");
            expected.add("apred/60000/ar2D_apo_60000_0004_" + chip + "_object.fits");
            expected.add("darks/darkRate_apo_" + chip + "_60000_60000.fits");
            expected.add("apred/60000/ar2Dcal_apo_60000_0004_" + chip + "_object.fits");
            expected.add("apred/60000/ar1D_apo_60000_0004_" + chip + "_object.fits");
        }
        for (String p : expected) {
            if (!p.equals("apred/60000/ar1D_apo_60000_0004_G_object.fits")) {
                writeProduct(products.resolve(p));
            }
        }
        DrpkitTest.Run check = new DrpkitTest.Run("almanac", "check", "--night", "60000", "--out", a);
        assertEquals(AlmanacCheckCommand.EXIT_PROBLEMS, check.status, check.out + check.err);
        assertTrue(check.out.contains("15 products expected, 14 OK, 1 MISSING"), check.out);
        assertTrue(check.out.contains("  MISSING   apred/60000/ar1D_apo_60000_0004_G_object.fits\n"
                + "            no such file"), check.out);
        DrpkitTest.Run flow = new DrpkitTest.Run("almanac", "flow", "--night", "60000", "--out", a, "--json",
                "--figure", tmp.resolve("flow.png").toString());
        assertEquals(0, flow.status, flow.out + flow.err);
        JsonNode stages = new ObjectMapper().readTree(flow.out).get(0).get("stages");
        assertEquals("runlists", stages.get(2).get("stage").asText());
        assertEquals(3, stages.get(2).get("in").asInt(), "exposures 1, 2 and 4 are complete");
        assertEquals(2, stages.get(2).get("out").asInt());
        assertEquals(1, stages.get(2).get("dropped").get("no previous exposure in the night (persistence unknown)")
                .asInt());
        assertEquals("extracted", stages.get(6).get("stage").asText());
        assertEquals(1, stages.get(6).get("dropped").get("product MISSING").asInt());
        assertTrue(Files.size(tmp.resolve("flow.png")) > 1000);

        writeProduct(products.resolve("apred/60000/ar1D_apo_60000_0004_G_object.fits"));
        DrpkitTest.Run again = new DrpkitTest.Run("almanac", "check", "--night", "60000", "--out", a, "--json");
        assertEquals(0, again.status, again.out + again.err);
        JsonNode doc = new ObjectMapper().readTree(again.out);
        assertTrue(doc.get("ok").asBoolean());
        assertEquals(15, doc.get("instruments").get(0).get("counts").get("OK").asInt());
    }

    private static void writeProduct(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        org.drpkit.fits.FitsWriter.create().primary(Header.empty()).image("FLUX", Header.empty(),
                org.drpkit.core.image.Image.of(4, 2, new float[8]), org.drpkit.fits.PixelType.FLOAT32)
                .write(file, false);
    }
}
