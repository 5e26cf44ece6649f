package org.drpkit.archive.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.drpkit.archive.PreviewFormat;
import org.drpkit.core.error.DrpException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration key {@code previews.formats}. */
class PreviewConfigTest {

    @TempDir
    Path tmp;

    private ArchiveConfig load(String yaml) throws Exception {
        return ArchiveConfig.load(Files.writeString(tmp.resolve("drpkit.yaml"), yaml), k -> null);
    }

    @Test
    void formatsAreReadAndAbsentMeansTheDefault() throws Exception {
        assertEquals(Set.of(PreviewFormat.JPEG), load("previews:\n  formats: jpeg\n").previewFormats());
        assertEquals(Set.of(), load("previews:\n  formats: none\n").previewFormats());
        assertNull(load("workers: 2\n").previewFormats());
    }

    @Test
    void anUnknownFormatNamesTheKeyAndLine() {
        DrpException e = assertThrows(DrpException.class, () -> load("workers: 2\npreviews:\n  formats: gif\n"));
        assertEquals(ConfigCode.CONFIG_INVALID, e.code());
        assertTrue(e.getMessage().contains("previews.formats") && e.getMessage().contains("gif"), e.getMessage());
    }
}
