package org.drpkit.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the peers the tests compare with: {@code /usr/bin/python3} with astropy and numpy, and CFITSIO's
 * {@code fpack}/{@code funpack}. A test that needs a missing peer is skipped, not failed.
 */
final class External {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static Boolean astropy;

    private External() {
    }

    /** Skips the test unless /usr/bin/python3 imports astropy and numpy. */
    static void requireAstropy() {
        if (astropy == null) {
            astropy = Files.isExecutable(PYTHON) && quietly(PYTHON.toString(), "-c", "import astropy, numpy");
        }
        assumeTrue(astropy, "/usr/bin/python3 with astropy and numpy is not available");
    }

    /** Skips the test unless {@code tool} is on the PATH. */
    static void requireTool(String tool) {
        assumeTrue(quietly("sh", "-c", "command -v " + tool), tool + " is not installed");
    }

    /** Runs a Python script (astropy available) in {@code dir} with arguments; fails the test on a non-zero exit. */
    static String python(Path dir, String script, String... args) throws IOException {
        requireAstropy();
        Path file = Files.writeString(Files.createTempFile(dir, "peer", ".py"), script);
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), file.toString()));
        cmd.addAll(Arrays.asList(args));
        return run(dir, cmd.toArray(String[]::new));
    }

    /** Runs a command in {@code dir}; fails the test on a non-zero exit; returns stdout and stderr. */
    static String run(Path dir, String... cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", cmd));
            }
            assertEquals(0, p.exitValue(), () -> String.join(" ", cmd) + " failed:\n" + out);
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static boolean quietly(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Replaces the value field of the first card {@code key} in a FITS byte array (same 80 columns). */
    static byte[] patchCard(byte[] fits, String key, String valueField) {
        String text = new String(fits, StandardCharsets.ISO_8859_1);
        String prefix = String.format("%-8s= ", key);
        for (int i = 0; i < fits.length; i += 80) {
            if (text.startsWith(prefix, i)) {
                String card = String.format("%-80s", prefix + valueField);
                byte[] b = card.getBytes(StandardCharsets.ISO_8859_1);
                byte[] out = fits.clone();
                System.arraycopy(b, 0, out, i, 80);
                return out;
            }
        }
        throw new IllegalArgumentException("no card " + key);
    }
}
