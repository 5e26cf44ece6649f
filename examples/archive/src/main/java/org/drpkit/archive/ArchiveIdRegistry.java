package org.drpkit.archive;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Archive ids held in memory, for ingesting without a ledger (tests, one-off library calls). Thread-safe; ids are
 * lost when the registry is.
 *
 * <pre>{@code
 * ArchiveIdRegistry ids = new ArchiveIdRegistry();
 * Ingest.run(IngestRequest.of(file, ids.claimsFor(file.toString(), null)), ctx);
 * }</pre>
 */
public final class ArchiveIdRegistry {

    private static final java.util.concurrent.atomic.AtomicLong SEQUENCE = new java.util.concurrent.atomic.AtomicLong();

    private final ConcurrentMap<String, ArchiveIdClaims.Holder> held = new ConcurrentHashMap<>();

    /** @return the claims of the file with this original path and MD5 (null when unknown) */
    public ArchiveIdClaims claimsFor(String ofname, String md5) {
        ArchiveIdClaims.Holder me = new ArchiveIdClaims.Holder(ofname + " (" + SEQUENCE.incrementAndGet() + ")", ofname, md5);
        return new ArchiveIdClaims() {
            private volatile String mine;

            @Override
            public Optional<String> held() {
                return Optional.ofNullable(mine);
            }

            @Override
            public boolean take(String koaid) {
                ArchiveIdClaims.Holder h = held.putIfAbsent(koaid, me);
                if (h == null || h == me) {
                    if (mine != null && !mine.equals(koaid)) {
                        held.remove(mine, me);
                    }
                    mine = koaid;
                    return true;
                }
                return false;
            }

            @Override
            public Optional<Holder> holder(String koaid) {
                ArchiveIdClaims.Holder h = held.get(koaid);
                return h == null || h == me ? Optional.empty() : Optional.of(h);
            }
        };
    }

    /** @return the number of ids held */
    public int size() {
        return held.size();
    }

    @Override
    public String toString() {
        return "ArchiveIdRegistry[" + held.size() + " ids]";
    }
}
