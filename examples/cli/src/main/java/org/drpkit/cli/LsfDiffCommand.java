package org.drpkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.drpkit.algorithms.trace.LineSpread;
import org.drpkit.cli.demo.ReductionFiles;
import org.drpkit.core.error.DrpException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drpkit lsf-diff BEFORE.fits AFTER.fits}: how the line-spread function changed between two products of
 * {@code drpkit lsf} (e.g. two nights): a summary line, then the fibre-regions whose width changed by more than
 * {@code --threshold} combined sigmas. Writes nothing.
 *
 * <pre>
 * drpkit lsf-diff lsf-60100.fits lsf-60101.fits --threshold 5
 * </pre>
 */
@Command(name = "lsf-diff", mixinStandardHelpOptions = true,
        description = "Compare two LSF products (drpkit lsf) per fibre and region: changes of sigma, h3 and h4.")
final class LsfDiffCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BEFORE.fits", description = "the reference LSF product")
    Path before;

    @Parameters(index = "1", paramLabel = "AFTER.fits", description = "the new LSF product")
    Path after;

    @Option(names = "--threshold", defaultValue = "5", paramLabel = "Z",
            description = "list changes of sigma beyond this many combined sigmas (default: ${DEFAULT-VALUE})")
    double threshold;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws DrpException {
        PrintWriter o = spec.commandLine().getOut();
        if (!(threshold > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threshold must be positive");
        }
        LineSpread.Comparison c = LineSpread.compare(ReductionFiles.readLsf(before), ReductionFiles.readLsf(after),
                threshold);
        o.println(c);
        o.println("fibre region  dsigma_px  relative      z     dh3     dh4");
        for (int i = 0; i < c.fibres().length; i++) {
            for (int r = 0; r < c.regions(); r++) {
                int k = i * c.regions() + r;
                if (Math.abs(c.z()[k]) > threshold) {
                    o.printf("%5d %6d %+10.4f %+8.3f%% %+6.1f %+7.4f %+7.4f%n", c.fibres()[i], r, c.dSigma()[k],
                            100 * c.relative()[k], c.z()[k], c.dH3()[k], c.dH4()[k]);
                }
            }
        }
        return 0;
    }
}
