package org.drpkit.archive;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import org.drpkit.core.status.LedgerEvent;
import org.drpkit.core.status.Severity;

/** Look-ups in a ledger row's events, for the ingest tests. */
final class LedgerEvents {

    private LedgerEvents() {
    }

    /** @return the codes of the events of one severity, in order */
    static List<String> codes(List<LedgerEvent> ev, Severity s) {
        return ev.stream().filter(e -> e.severity() == s).map(LedgerEvent::code).toList();
    }

    /** @return the last event with this code; fails the test when there is none */
    static LedgerEvent last(List<LedgerEvent> ev, String code) {
        LedgerEvent found = null;
        for (LedgerEvent e : ev) {
            if (e.code().equals(code)) {
                found = e;
            }
        }
        assertNotNull(found, "no event " + code + " in " + ev);
        return found;
    }
}
