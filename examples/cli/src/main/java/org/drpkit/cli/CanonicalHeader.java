package org.drpkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Card;
import org.drpkit.core.header.Header;
import org.drpkit.core.header.HeaderFix;
import org.drpkit.core.id.ArchiveId;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.core.instrument.FixResult;
import org.drpkit.core.instrument.FixWarning;
import org.drpkit.core.instrument.InstrumentPlugin;
import org.drpkit.core.instrument.Instruments;
import org.drpkit.fits.table.MetadataValues;

/**
 * The {@code drpkit header --canonical} composition: find the file's instrument plugin, apply its fixes with the
 * file's path, modification time and HDU headers, and print the fixed header, the fix log, the warnings, the
 * archive values that are not cards, the archive id and the image type.
 *
 * <pre>{@code
 * CanonicalHeader.Result r = CanonicalHeader.fix(Path.of("n0051.fits"), headers, Map.of(), null);
 * r.archiveId();   // Optional[N2.20170725.51470.75]
 * }</pre>
 */
final class CanonicalHeader {

    private CanonicalHeader() {
    }

    /**
     * A fixed header and what the plugin says about it.
     *
     * @param plugin    the instrument plugin
     * @param hdu       the HDU whose header was fixed (0, or 1 for a tile-compressed primary)
     * @param result    the plugin's fix result: fixed header, warnings, archive facts
     * @param archiveId the archive id, when the instrument is archived
     */
    record Result(InstrumentPlugin plugin, int hdu, FixResult result, Optional<ArchiveId> archiveId) {

        /** @return the fixed header */
        Header fixed() {
            return result.header();
        }

        /** @return the image type */
        Optional<String> imageType() {
            return result.facts().imageType();
        }
    }

    /**
     * @param options    fix-context options ({@code progid}, {@code zeroPropint}, {@code corrections}, ...)
     * @param instrument a plugin name to use instead of asking the registry, or null
     * @throws DrpException {@code INSTRUMENT_UNKNOWN}/{@code INSTRUMENT_AMBIGUOUS}, or the plugin's fix errors
     */
    static Result fix(Path file, List<Header> headers, Map<String, String> options, String instrument)
            throws DrpException {
        Instruments registry = Instruments.load();
        int hdu = 0;
        InstrumentPlugin plugin;
        if (instrument != null) {
            plugin = registry.require(instrument);
        } else {
            try {
                plugin = registry.forHeader(headers.get(0));
            } catch (DrpException e) {
                // an fpacked file keeps the original primary keywords in HDU 1 (ZIMAGE = T)
                boolean compressed = headers.size() > 1 && headers.get(1).getBoolean("ZIMAGE").orElse(false);
                if (e.code() != CoreErrorCode.INSTRUMENT_UNKNOWN || !compressed) {
                    throw e;
                }
                plugin = registry.forHeader(headers.get(1));
                hdu = 1;
            }
        }
        FixContext.Builder ctx = FixContext.builder().path(file).hdus(headers);
        try {
            ctx.fileModified(Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            // no modification time: rules that need one report it
        }
        options.forEach(ctx::option);
        FixResult fixed = plugin.fix(headers.get(hdu), ctx.build());
        return new Result(plugin, hdu, fixed, plugin.archiveId(fixed.header()));
    }

    /** Prints a result like {@code fitsheader}, with the fix log and the archive values as comments. */
    static void print(Result r, Path file, PrintWriter out) {
        out.printf("# HDU %d of %s, fixed by %s (%s)%n", r.hdu(), file, r.plugin().name(),
                r.plugin().getClass().getName());
        for (Card c : r.fixed()) {
            out.println(c);
        }
        List<HeaderFix> fixes = r.fixed().fixes();
        out.printf("# fix log: %d change%s%n", fixes.size(), fixes.size() == 1 ? "" : "s");
        for (HeaderFix f : fixes) {
            out.println("#   " + f);
        }
        List<FixWarning> warnings = r.result().warnings();
        out.printf("# warnings: %d%n", warnings.size());
        for (FixWarning w : warnings) {
            out.println("#   " + w);
        }
        for (Map.Entry<String, Object> e : MetadataValues.of(r.result().facts()).asMap().entrySet()) {
            out.printf("# extra %-8s = %s%n", e.getKey(), e.getValue());
        }
        out.printf("archive id = %s%n", r.archiveId().map(Object::toString).orElse("(not archived)"));
        out.printf("image type = %s%n", r.imageType().orElse("(unknown)"));
    }
}
