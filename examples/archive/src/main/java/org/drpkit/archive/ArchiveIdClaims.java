package org.drpkit.archive;

import java.util.Optional;
import org.drpkit.core.error.DrpException;

/**
 * Who holds which archive id, as seen by one file being ingested: the ledger in a service, a map in memory for a
 * library caller. Taking an id must be atomic: two files never hold one id.
 *
 * <pre>{@code
 * ArchiveIdClaims claims = new ArchiveIdRegistry().claimsFor("/sdata/n0051.fits", md5);
 * claims.take("N2.20170725.51470.75");   // true: this file holds it now
 * }</pre>
 */
public interface ArchiveIdClaims {

    /**
     * The file holding an id.
     *
     * @param who    how to find it (e.g. {@code ledger row 12})
     * @param ofname its original path
     * @param md5    its MD5, or null when unknown
     */
    record Holder(String who, String ofname, String md5) {
    }

    /** @return the id this file held before this attempt (a reprocessed file), if any */
    Optional<String> held();

    /**
     * Takes an id for this file.
     *
     * @param koaid the id without {@code .fits}
     * @return true when this file holds it now (or already did), false when another file holds it
     */
    boolean take(String koaid) throws DrpException;

    /** @return the other file holding an id, if any */
    Optional<Holder> holder(String koaid) throws DrpException;

    /**
     * The archive id the newest level-0 row of another file holds (the DEIMOS science frame's FCS image, looked up
     * by its original path). Empty by default: a caller without a ledger knows no other file.
     *
     * @param ofname the other file's original path (absolute)
     */
    default Optional<String> archiveIdOf(String ofname) throws DrpException {
        return Optional.empty();
    }
}
