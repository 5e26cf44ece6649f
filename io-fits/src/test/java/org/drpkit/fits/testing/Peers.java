package org.drpkit.fits.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the comparison peers (astropy through {@code /usr/bin/python3}, CFITSIO's {@code fitsverify}) from tests,
 * skipping the test when a peer is not installed.
 */
public final class Peers {

    /** The system Python that has astropy (the default python3 on PATH may not). */
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    private Peers() {
    }

    /** The output and exit status of a peer run. */
    public record Result(int status, String out) {
    }

    /** Skips the calling test unless {@code /usr/bin/python3} can import astropy. */
    public static void requireAstropy() {
        assumeTrue(Files.isExecutable(PYTHON), "no " + PYTHON);
        Result r = run(List.of(PYTHON.toString(), "-c", "import astropy.io.fits"), null);
        assumeTrue(r.status == 0, "astropy not importable by " + PYTHON);
    }

    /** @return the path of {@code fitsverify}, skipping the calling test when it is not installed */
    public static String requireFitsverify() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "fitsverify");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        assumeTrue(false, "fitsverify is not installed");
        return null;
    }

    /** Runs a Python script with astropy and returns its output (stdout and stderr merged). */
    public static Result python(String script, String... args) {
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), "-c", script));
        cmd.addAll(List.of(args));
        return run(cmd, null);
    }

    /** Runs a Python script with astropy, feeding {@code input} to its standard input. */
    public static Result pythonWithInput(String script, String input) {
        return run(List.of(PYTHON.toString(), "-c", script), null, input);
    }

    /** Runs a command, merging stdout and stderr; fails the test on a time-out of 120 s. */
    public static Result run(List<String> cmd, Path dir) {
        return run(cmd, dir, null);
    }

    private static Result run(List<String> cmd, Path dir, String input) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            Process p = pb.start();
            if (input != null) {
                Thread feeder = new Thread(() -> {
                    try (var in = p.getOutputStream()) {
                        in.write(input.getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        // the process ended early; its status and output tell why
                    }
                });
                feeder.start();
            } else {
                p.getOutputStream().close();
            }
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("time-out running " + cmd);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
