package org.drpkit.archive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.id.ArchiveId;
import org.drpkit.core.instrument.InstrumentPlugin;

/**
 * Takes the archive id for a file: the id its header gives, unless another file holds it. A holder
 * with the same original name and MD5 is the same file, so this one is a duplicate; a holder with other content (or
 * products on disk that no ledger row owns) makes this file take the next free hundredths of the same second.
 */
final class IdClaim {

    /**
     * The outcome.
     *
     * @param id          the id taken (the header's, or a repaired one)
     * @param duplicateOf when not null, why the file is a duplicate (nothing taken)
     * @param repairs     one line per id found taken on the way, for warning events
     */
    record Outcome(ArchiveId id, String duplicateOf, List<String> repairs) {
    }

    private IdClaim() {
    }

    static Outcome claim(ArchiveId wanted, IngestRequest req, Path root, InstrumentPlugin plugin, String instrument,
            String md5) throws DrpException {
        ArchiveIdClaims claims = req.claims();
        List<String> repairs = new ArrayList<>();
        ArchiveId id = wanted;
        for (int tries = 0; tries <= 200; tries++) {
            String k = id.toString();
            Optional<ArchiveIdClaims.Holder> h;
            if (claims.take(k)) {
                if (!foreignOnDisk(req, root, instrument, id)) {
                    return new Outcome(id, null, repairs);
                }
                // products of k exist but no ledger row holds k (another ledger, or none): do not touch them
                h = Optional.of(new ArchiveIdClaims.Holder("a product set the ledger does not know",
                        ProductPaths.lev0(root, instrument, id.date()).resolve(k + ".fits").toString(), null));
            } else {
                h = claims.holder(k);
            }
            if (h.isEmpty()) {
                continue; // released in the meantime: try again
            }
            if (OriginalName.of(Path.of(h.get().ofname())).equals(OriginalName.of(req.originalPath()))
                    && md5.equals(h.get().md5())) {
                return new Outcome(id, k + ": the same file (original name and MD5) is " + h.get().who() + " ("
                        + h.get().ofname() + "); skipped as a duplicate", repairs);
            }
            Optional<ArchiveId> next = unique(id, req, root, plugin, instrument);
            if (next.isEmpty()) {
                throw new DrpException(IngestCode.KOAID_CREATE_FAIL, Location.NOWHERE,
                        "every hundredth of second " + id + " is held by another file");
            }
            repairs.add(k + " is held by " + h.get().who() + " (" + h.get().ofname() + ", other content): this file"
                    + " is " + next.get() + " (the next free hundredths)");
            id = next.get();
        }
        throw new DrpException(IngestCode.KOAID_CREATE_FAIL, Location.NOWHERE,
                "no free archive id after 200 attempts near " + wanted);
    }

    /** @return true when products of {@code id} exist on disk but this file did not hold {@code id} before */
    private static boolean foreignOnDisk(IngestRequest req, Path root, String instrument, ArchiveId id)
            throws DrpException {
        String k = id.toString();
        return !req.claims().held().map(k::equals).orElse(false)
                && Files.exists(ProductPaths.lev0(root, instrument, id.date()).resolve(k + ".fits"));
    }

    private static Optional<ArchiveId> unique(ArchiveId from, IngestRequest req, Path root, InstrumentPlugin plugin,
            String instrument) throws DrpException {
        DrpException[] failure = new DrpException[1];
        Optional<ArchiveId> next = plugin.uniqueArchiveId(from, x -> {
            try {
                return req.claims().holder(x.toString()).isPresent() || foreignOnDisk(req, root, instrument, x);
            } catch (DrpException e) {
                failure[0] = e;
                return false;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return next;
    }
}
