package org.drpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drpkit ingest --previews}: the formats written, and a bad format refused before any work. */
class PreviewsOptionTest {

    @TempDir
    Path tmp;

    @Test
    void previewsJpegWritesTheJpegAndItsThumbnailOnly() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("sdata"));
        IngestCommandsTest.frame(in, "n0001.fits", "10:00:01.00");
        String out = tmp.resolve("OUT").toString();
        DrpkitTest.Run r = new DrpkitTest.Run("ingest", in.toString(), "--out", out, "--no-fsync", "--previews", "jpeg");
        assertEquals(0, r.status, r.out + r.err);
        Path lev0 = Path.of(out, "NIRC2/20170725/lev0");
        assertTrue(Files.isRegularFile(lev0.resolve("N2.20170725.36001.00.jpg")));
        assertTrue(Files.isRegularFile(lev0.resolve("N2.20170725.36001.00.thumb.jpg")));
        assertFalse(Files.exists(lev0.resolve("N2.20170725.36001.00.png")));
        DrpkitTest.Run bad = new DrpkitTest.Run("ingest", in.toString(), "--out", tmp.resolve("OUT2").toString(),
                "--previews", "gif");
        assertEquals(2, bad.status, bad.out + bad.err);
        assertTrue(bad.err.contains("gif"), bad.err);
        assertFalse(Files.exists(tmp.resolve("OUT2")));
    }
}
