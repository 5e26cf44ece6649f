package org.drpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.drpkit.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DrpkitTest {

    /** Runs the CLI in-process and captures what it prints. */
    static final class Run {
        final int status;
        final String out;
        final String err;

        Run(String... args) {
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            CommandLine cl = Drpkit.commandLine();
            cl.setOut(new PrintWriter(o, true));
            cl.setErr(new PrintWriter(e, true));
            status = cl.execute(args);
            out = o.toString();
            err = e.toString();
        }
    }

    @Test
    void helpListsTheSubcommands() {
        Run r = new Run("--help");
        assertEquals(0, r.status);
        assertTrue(r.out.contains("header"), r.out);
    }

    /**
     * Every command's help renders without picocli's format warnings (a bare {@code %} in a description is a format
     * directive: "20% pixel scatter" printed a warning three times per use of {@code drpkit simulate}).
     */
    @Test
    void everyCommandsHelpRendersWithoutFormatWarnings() {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.util.List<String> seen = new java.util.ArrayList<>();
        try {
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            java.util.ArrayDeque<CommandLine> todo = new java.util.ArrayDeque<>();
            todo.add(Drpkit.commandLine());
            while (!todo.isEmpty()) {
                CommandLine c = todo.poll();
                seen.add(c.getCommandSpec().qualifiedName());
                String help = c.getUsageMessage();
                assertTrue(!help.isBlank(), c.getCommandName());
                todo.addAll(c.getSubcommands().values());
            }
        } finally {
            System.setErr(saved);
        }
        String warnings = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(seen.size() > 20, "commands seen: " + seen);
        assertTrue(!warnings.contains("picocli WARN"), warnings);
    }

    @Test
    void versionNamesTheProject() {
        Run r = new Run("--version");
        assertEquals(0, r.status);
        assertTrue(r.out.startsWith("drpkit "), r.out);
    }

    @Test
    void headerPrintsCardsAndReportsDuplicates() {
        Path f = SharedData.require("keck/nirc2/raw_n0051_standard_1.fits");
        Run r = new Run("header", f.toString());
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.contains("CURRINST= 'NIRC2' / current instrument"), r.out);
        assertTrue(r.out.contains("# duplicated keyword TELESCOP appears 2 times"), r.out);
    }

    @Test
    void headerShowsTheImageHeaderOfACompressedHdu() {
        Path f = SharedData.require("fits/m13_rice.fits");
        Run r = new Run("header", f.toString(), "--hdu", "1");
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.contains("# HDU 1 in " + f + " (tile-compressed RICE_1 image; its image header):"), r.out);
        assertTrue(r.out.contains("BITPIX  = 16"), r.out);
        assertTrue(r.out.contains("NAXIS2  = 300"), r.out);
        assertTrue(!r.out.contains("ZCMPTYPE") && !r.out.contains("TFORM1"), r.out);
    }

    @Test
    void missingFileExitsWithBadInputAndNamesTheFile() {
        Run r = new Run("header", "/no/such/file.fits");
        assertEquals(Drpkit.EXIT_BAD_INPUT, r.status);
        assertTrue(r.err.contains("[FITS_NOT_FOUND] /no/such/file.fits"), r.err);
    }
}
