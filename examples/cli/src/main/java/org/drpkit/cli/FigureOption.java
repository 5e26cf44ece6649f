package org.drpkit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.drpkit.core.error.DrpException;
import org.drpkit.fits.AtomicFiles;
import picocli.CommandLine.Option;

/**
 * {@code --figure FILE.png [--overwrite]} of the almanac commands that draw one figure per instrument: the file is
 * written whole or not at all, and gets {@code _<instrument>} in its name when a command draws several.
 */
final class FigureOption {

    @Option(names = "--figure", paramLabel = "FILE", description = "also draw a PNG (one per instrument when several: "
            + "FILE's name gets _<instrument>)")
    Path figure;

    @Option(names = "--overwrite", description = "replace an existing --figure")
    boolean overwrite;

    /** Draws a PNG into a file. */
    interface Drawing {
        void draw(Path png) throws IOException;
    }

    /** @return true when a figure was asked for */
    boolean wanted() {
        return figure != null;
    }

    /**
     * Writes the figure of one instrument (nothing when none was asked for): drawn into a temporary file beside the
     * target, then moved into place atomically.
     *
     * @param instruments how many instruments the command draws
     * @throws DrpException when the file exists without {@code --overwrite} or cannot be written
     */
    void write(String instrument, int instruments, Drawing drawing) throws DrpException, IOException {
        if (figure == null) {
            return;
        }
        Path file = instruments == 1 ? figure : figure.resolveSibling(figure.getFileName().toString()
                .replaceFirst("(\\.png)?$", "_" + instrument.replaceAll("[^A-Za-z0-9]", "_") + ".png"));
        AtomicFiles.requireWritable(file, overwrite);
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".figure", ".png");
        try {
            drawing.draw(tmp);
            byte[] png = Files.readAllBytes(tmp);
            AtomicFiles.write(file, overwrite, o -> o.write(png));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
