package org.drpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.testing.SharedData;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.PixelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavecalCommandTest {

    @TempDir
    Path dir;

    /** The command on the real UNe median spectrum: JSON keys, values in range, the WAVE product. */
    @Test
    void arcOnTheRealUNeSpectrumPrintsJsonAndWritesTheSolution() throws Exception {
        String spec = SharedData.require("apogee/UNe_medspectrum.fits").toString();
        String list = SharedData.require("apogee/UNe.vac.apogee").toString();
        Path out = dir.resolve("wave.fits");
        DrpkitTest.Run r = new DrpkitTest.Run("wavecal", "arc", spec, "--lines", list, "--json", "--out",
                out.toString());
        assertEquals(0, r.status, r.err);
        JsonNode doc = new ObjectMapper().readTree(r.out);
        assertEquals(3, doc.size());
        for (int k = 0; k < 3; k++) {
            JsonNode c = doc.get(k);
            assertEquals(k + 1, c.get("chip").asInt());
            assertTrue(c.get("linesFound").asInt() >= c.get("linesUsed").asInt());
            assertTrue(c.get("linesUsed").asInt() >= 35, c.toString());
            assertTrue(c.get("rmsAngstrom").asDouble() < 0.045, c.toString());
            double ms = c.get("rmsMetresPerSecond").asDouble();
            assertEquals(299_792_458.0 * c.get("rmsAngstrom").asDouble() / 16200, ms, 0.05 * ms);
        }
        try (FitsReader f = FitsReader.open(out)) {
            double[] wave = f.readDoubles("WAVE");
            assertEquals(3 * 2048, wave.length);
            // red chip redwards of green, green of blue; wavelength falls with the column on every chip
            assertTrue(wave[0] > wave[2048] && wave[2048] > wave[4096], "chip order");
            assertTrue(wave[0] > wave[2047] && wave[4096] > wave[6143], "falling with the column");
            assertEquals(16936.004, wave[92], 0.6);   // the list's line 3 falls at column 92 of the red chip
        }
    }

    @Test
    void anImageWithMoreRowsThanChipsIsRefusedNamingNaxis2() throws DrpException {
        Path bad = dir.resolve("five.fits");
        FitsWriter.create().primaryImage(Header.empty(), Image.zeros(64, 5), PixelType.FLOAT32).write(bad, false);
        DrpkitTest.Run r = new DrpkitTest.Run("wavecal", "arc", bad.toString(), "--lines",
                SharedData.require("apogee/UNe.vac.apogee").toString());
        assertEquals(2, r.status);
        assertTrue(r.err.contains("NAXIS2") && r.err.contains("five.fits"), r.err);
    }
}
