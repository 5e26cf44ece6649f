package org.drpkit.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The output options of the calibration builders: {@code --out FILE} and {@code --overwrite} (a picocli mixin). */
final class OutputOptions {

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "output product")
    Path out;

    @Option(names = "--overwrite", description = "replace an existing output")
    boolean overwrite;
}
