package org.drpkit.instruments.corrections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.header.HeaderFix;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.instruments.keck.Nirc2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data-driven corrections: the test class path holds {@code NIRC2-20170725.n0051.hdr} and a broken file. */
class CorrectionsTest {

    private static final String RULE = "correction:NIRC2-20170725.n0051.hdr";

    private static Header n0051() {
        return Header.builder().add("INSTRUME", "NIRC2").add("FILENAME", "n0051.fits").add("DATE-OBS", "2017-07-25")
                .add("UTC", "14:17:50.75").add("OBJECT", "HD1160").build();
    }

    private static long corrections(Header h) {
        return h.fixes().stream().filter(f -> f.rule().startsWith("correction:")).count();
    }

    @Test
    void correctionFileForTheObservationOverridesKeywordsThroughTheFixLog() throws DrpException {
        Header fixed = new Nirc2().fix(n0051(), FixContext.offline()).header();
        assertEquals("HD 1160", fixed.getString("OBJECT").orElseThrow());
        assertEquals("HD 1160", fixed.getString("TARGNAME").orElseThrow());
        assertEquals("NIRC2-20170725.n0051.hdr", fixed.getString(Corrections.MARKER).orElseThrow());
        assertTrue(fixed.fixes().contains(new HeaderFix("OBJECT", "HD1160", "HD 1160", RULE)), fixed.fixes().toString());
        assertEquals(3, corrections(fixed), "two overrides and the marker");
    }

    @Test
    void aCorrectedHeaderIsNeverCorrectedTwice() throws DrpException {
        Nirc2 p = new Nirc2();
        Header once = p.fix(n0051(), FixContext.offline()).header();
        Header edited = once.toBuilder().set("OBJECT", "edited later").build();
        Header twice = p.fix(edited, FixContext.offline()).header();
        assertEquals("edited later", twice.getString("OBJECT").orElseThrow());
        assertEquals(corrections(once), corrections(twice));
    }

    @Test
    void otherObservationsAreNotCorrected() throws DrpException {
        Header other = n0051().toBuilder().set("DATE-OBS", "2017-07-26").build();
        Header fixed = new Nirc2().fix(other, FixContext.offline()).header();
        assertEquals("HD1160", fixed.getString("OBJECT").orElseThrow());
        assertFalse(fixed.contains(Corrections.MARKER));
    }

    @Test
    void userFolderTakesPrecedenceOverBuiltInCorrections(@TempDir Path dir) throws IOException, DrpException {
        Files.writeString(dir.resolve("NIRC2-20170725.n0051.hdr"), "OBJECT = 'from the user folder'\n");
        FixContext ctx = FixContext.builder().option(Corrections.OPTION, dir.toString()).build();
        Header fixed = new Nirc2().fix(n0051(), ctx).header();
        assertEquals("from the user folder", fixed.getString("OBJECT").orElseThrow());
        assertFalse(fixed.contains("TARGNAME"), "only the user file applies");
    }

    @Test
    void brokenCorrectionFileIsAnErrorNamingFileAndLine() {
        Header h = n0051().toBuilder().set("DATE-OBS", "2017-07-26").set("FILENAME", "n0002.fits").build();
        DrpException e = assertThrows(DrpException.class, () -> new Nirc2().fix(h,
                FixContext.builder().fileModified(Instant.EPOCH).build()));
        assertEquals(CorrectionErrorCode.CORRECTION_INVALID, e.code());
        assertTrue(e.getMessage().contains("NIRC2-20170726.n0002.hdr") && e.getMessage().contains("line 3"),
                e.getMessage());
    }

    @Test
    void observationIdsFromHeadersCannotLeaveTheCorrectionsFolder() {
        String name = Corrections.fileName("NIRC2", "../../etc/passwd");
        assertEquals("NIRC2-.._.._etc_passwd.hdr", name);
        Path folder = Path.of("/corrections");
        assertEquals(folder, folder.resolve(name).normalize().getParent());
        assertEquals(folder, folder.resolve(Corrections.fileName("..", "x\\..\\y")).normalize().getParent());
    }
}
