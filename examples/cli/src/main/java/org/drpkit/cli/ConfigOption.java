package org.drpkit.cli;

import java.nio.file.Path;
import org.drpkit.archive.config.ArchiveConfig;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.instrument.Instruments;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE}: the archive service's YAML configuration (docs/drpkit.example.yaml). Flags given on the command
 * line override the file; secrets come from the environment variables the file names.
 */
final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE", description = "the service's configuration file (YAML, see"
            + " docs/drpkit.example.yaml); flags override it")
    Path file;

    /**
     * @return the file's configuration, its instrument names checked against the plugins; an empty one without
     *         {@code --config}
     * @throws DrpException a {@code CONFIG_*} code naming the file, line and key
     */
    ArchiveConfig load() throws DrpException {
        return file == null ? ArchiveConfig.empty()
                : ArchiveConfig.load(file, System::getenv).checkInstruments(Instruments.load());
    }
}
