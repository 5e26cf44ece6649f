package org.drpkit.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code examples/cli/jshell/one-chip.jsh} in the JDK's {@code jshell} on this module's class path, as the README
 * tells a user to, and checks that every snippet ran and the two pull lines it ends with are within the demo's bounds.
 */
class JShellScriptTest {

    /**
     * The script fits one science exposure: its mean pull carries the reference zeropoint's common-mode error, 0.028
     * rms per exposure (see {@link DemoNightTest#MAX_ABS_MEAN_PULL}), so the bound is 5 of those.
     */
    static final double MAX_ABS_MEAN_PULL_ONE_EXPOSURE = 0.14;

    @Test
    void theOneChipWalkThroughRunsAndEndsWithHonestPulls() throws Exception {
        Path script = Path.of("jshell", "one-chip.jsh");
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        assumeTrue(Files.isRegularFile(script), "run from the examples/cli module");
        assumeTrue(Files.isExecutable(jshell), "a JDK with jshell");
        Process p = new ProcessBuilder(List.of(jshell.toString(), "--class-path", System.getProperty("java.class.path"),
                "-R-Xmx1g", script.toString())).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), out);
        assertEquals(0, p.exitValue(), out);
        assertFalse(out.contains("Error:") || out.contains("Exception"), out);
        Matcher m = Pattern.compile("(rate|calibrated) vs truth: [\\d,]+ pixels, mean pull ([-+]\\d\\.\\d+), std (\\d\\.\\d+)")
                .matcher(out);
        int lines = 0;
        while (m.find()) {
            lines++;
            assertTrue(Math.abs(Double.parseDouble(m.group(2))) < MAX_ABS_MEAN_PULL_ONE_EXPOSURE, m.group());
            double std = Double.parseDouble(m.group(3));
            assertTrue(std > DemoNightTest.MIN_PULL_STD && std < DemoNightTest.MAX_PULL_STD, m.group());
        }
        assertEquals(2, lines, out);
    }
}
