package org.drpkit.archive;

import java.time.Clock;
import java.util.Optional;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.LedgerRow;

/**
 * Archive-id claims kept in the ledger: a row holds an id through the ledger's unique index on (level, koaid), so any
 * number of workers in any number of processes never share one.
 */
final class LedgerClaims implements ArchiveIdClaims {

    private final Ledger ledger;
    private final LedgerRow row;
    private final Clock clock;

    LedgerClaims(Ledger ledger, LedgerRow row, Clock clock) {
        this.ledger = ledger;
        this.row = row;
        this.clock = clock;
    }

    @Override
    public Optional<String> held() {
        return Optional.ofNullable(row.archiveId());
    }

    @Override
    public boolean take(String koaid) throws DrpException {
        return ledger.reserveArchiveId(row.id(), koaid, clock.instant());
    }

    @Override
    public Optional<Holder> holder(String koaid) throws DrpException {
        for (LedgerRow r : ledger.find(LedgerQuery.all().archiveId(koaid))) {
            if (r.id() != row.id() && r.level() == row.level()) {
                return Optional.of(new Holder("ledger row " + r.id() + " (" + r.status() + ")", r.ofname(),
                        r.fileMd5()));
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> archiveIdOf(String ofname) throws DrpException {
        String id = null;
        long newest = -1;
        for (LedgerRow r : ledger.find(LedgerQuery.all().ofname(ofname))) {
            if (r.level() == 0 && r.archiveId() != null && r.id() > newest) {
                newest = r.id();
                id = r.archiveId();
            }
        }
        return Optional.ofNullable(id);
    }
}
