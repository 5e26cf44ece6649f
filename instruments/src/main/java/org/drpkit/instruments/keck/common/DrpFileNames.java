package org.drpkit.instruments.keck.common;

import java.util.List;
import java.util.Optional;
import org.drpkit.core.instrument.InstrumentPlugin;

/**
 * Pipeline (DRP) product names of the Keck instruments whose pipelines write a fixed list of files per frame
 * (koa-dep 4.7: NIRC2's quick look, OSIRIS's cubes): the archive id followed by one of the instrument's suffixes, plus
 * any file naming the id inside a {@code plots/}, {@code redux/} or {@code logs/} folder. Pure name rules.
 *
 * <pre>{@code
 * DrpFileNames.bySuffix("N2.20170725.37273.00_drp.fits.gz", "N2.20170725.37273.00", List.of("_drp.fits.gz"));
 * // Optional[N2.20170725.37273.00_drp.fits.gz]
 * }</pre>
 */
public final class DrpFileNames {

    private DrpFileNames() {
    }

    /**
     * @param source    the path relative to the pipeline's folder, {@code /}-separated
     * @param archiveId the frame's archive id
     * @param suffixes  the product suffixes after the archive id
     * @return the destination (see {@link InstrumentPlugin#productSubFolder}), or empty when not a product
     */
    public static Optional<String> bySuffix(String source, String archiveId, List<String> suffixes) {
        String name = source.substring(source.lastIndexOf('/') + 1);
        String dest = InstrumentPlugin.productSubFolder(source);
        if (name.startsWith(archiveId) && suffixes.contains(name.substring(archiveId.length()))) {
            return Optional.of(dest);
        }
        return dest.contains("/") && name.contains(archiveId) ? Optional.of(dest) : Optional.empty();
    }
}
