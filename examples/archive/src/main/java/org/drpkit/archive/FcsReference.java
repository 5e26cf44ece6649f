package org.drpkit.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Header;
import org.drpkit.core.id.ArchiveId;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.core.instrument.Instruments;
import org.drpkit.core.status.Severity;
import org.drpkit.core.status.StatusEvent;
import org.drpkit.fits.FitsHeaders;

/**
 * The flexure-compensation (FCS) reference image a DEIMOS science frame names (koa-dep 4.7): keyword
 * {@value #KEYWORD} holds the path the FCS camera wrote; like the monitor, the archive reads a path starting with
 * {@code /sdata} under {@code /s} ({@code /s/sdata...}; the path as written is tried when that does not exist), and a
 * relative path is taken beside the science frame. The FCS image is archived too (queued after the science frame,
 * once however many frames name it: the ledger keeps one row per path and content), under its own {@code DF} archive
 * id, and the science frame's header (hence its metadata) gets {@value #ID_KEYWORD} = that id + {@code .fits}: the
 * ledger's level-0 row of the FCS file when it has one (the archive's rule), else the id the FCS file's own header
 * gives through the plugin (the same fix and id rules its own ingest applies). A missing FCS file is a WARN
 * {@code FCS_FILE_MISSING} naming the file; the frame is archived without {@value #ID_KEYWORD}.
 */
final class FcsReference {

    /** The science frame's keyword naming the FCS image. */
    static final String KEYWORD = "FCSIMGFI";
    /** The keyword the science frame gets: the FCS image's archive file name. */
    static final String ID_KEYWORD = "FCSKOAID";
    /** The instrument whose frames name FCS images. */
    static final String INSTRUMENT = "DEIMOS";

    private FcsReference() {
    }

    /**
     * What the FCS step did.
     *
     * @param header     the science header, with {@value #ID_KEYWORD} when the FCS id is known
     * @param events     what happened (empty when the frame names no FCS image)
     * @param references the FCS file to queue, or empty
     */
    record Outcome(Header header, List<StatusEvent> events, List<Path> references) {
    }

    /**
     * Applies the step to a frame whose archive id is taken.
     *
     * @param step where events are recorded
     */
    static Outcome apply(String instrument, ArchiveId id, Header header, IngestRequest req, IngestContext ctx,
            String step) {
        if (!INSTRUMENT.equals(instrument) || "DF".equals(id.prefix())) {
            return new Outcome(header, List.of(), List.of());
        }
        Optional<String> named = header.getString(KEYWORD).map(String::trim).filter(s -> !s.isEmpty());
        if (named.isEmpty()) {
            return new Outcome(header, List.of(), List.of());
        }
        List<StatusEvent> events = new ArrayList<>();
        Path fcs = resolve(named.get(), req.originalPath());
        if (!Files.isRegularFile(fcs)) {
            events.add(new StatusEvent(ctx.clock().instant(), Severity.WARN, IngestCode.FCS_FILE_MISSING.name(), step,
                    KEYWORD + " names " + named.get() + ": no such file " + fcs + " (archived without " + ID_KEYWORD
                            + ")"));
            return new Outcome(header, events, List.of());
        }
        String koaid;
        String how;
        try {
            Optional<String> held = req.claims().archiveIdOf(fcs.toString());
            if (held.isPresent()) {
                koaid = held.get();
                how = "its ledger row";
            } else {
                koaid = ownId(fcs, ctx).toString();
                how = "its header (not archived yet; queued now)";
            }
        } catch (DrpException e) {
            events.add(new StatusEvent(ctx.clock().instant(), Severity.WARN, IngestCode.FCS_KOAID_ERROR.name(), step,
                    fcs + ": " + e.getMessage()));
            return new Outcome(header, events, List.of(fcs));
        }
        Header h = header.toBuilder().fix(ID_KEYWORD, koaid + ".fits", "KOA: FCS image archive file name",
                "archive.fcsKoaid").build();
        events.add(new StatusEvent(ctx.clock().instant(), Severity.INFO, IngestCode.FCS_REFERENCE.name(), step,
                ID_KEYWORD + " " + koaid + ".fits for " + fcs + ", from " + how));
        return new Outcome(h, events, List.of(fcs));
    }

    /** @return the FCS image's path as the archive builds it from {@value #KEYWORD} */
    static Path resolve(String value, Path sciencePath) {
        if (value.startsWith("/sdata")) {
            Path underS = Path.of("/s" + value);
            return Files.exists(underS) || !Files.exists(Path.of(value)) ? underS : Path.of(value);
        }
        Path p = Path.of(value);
        if (p.isAbsolute()) {
            return p.normalize();
        }
        Path dir = sciencePath.toAbsolutePath().getParent();
        return (dir == null ? p : dir.resolve(p)).normalize();
    }

    /** The archive id the FCS file's own header gives: its plugin's fixes, then its id rule. */
    static ArchiveId ownId(Path fcs, IngestContext ctx) throws DrpException {
        List<Header> headers = FitsHeaders.readAll(fcs);
        Instruments.FileMatch m = ctx.instruments().forFile(headers);
        FixContext.Builder fc = ctx.fixContext().path(fcs).hdus(headers);
        try {
            fc.fileModified(Files.getLastModifiedTime(fcs).toInstant());
        } catch (IOException e) {
            // no modification time: the rules that need one say so
        }
        Header fixed = m.plugin().fix(headers.get(m.hdu()), fc.build()).header();
        return m.plugin().archiveId(fixed).orElseThrow(() -> new DrpException(IngestCode.NOT_ARCHIVED,
                Location.file(fcs.toString()), m.plugin().name() + " gives the FCS image no"
                        + " archive id"));
    }
}
