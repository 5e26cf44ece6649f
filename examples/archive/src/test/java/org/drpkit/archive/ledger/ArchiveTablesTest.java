package org.drpkit.archive.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.drpkit.archive.ledger.KoapiSend.Action;
import org.junit.jupiter.api.Test;

/** The archive's tables on embedded H2, and the {@code koapi_send} rule as a pure function around its edges. */
class ArchiveTablesTest extends ArchiveTablesContract {

    @Override
    TestDatabases.Target database(Path tmp) {
        return TestDatabases.h2(tmp);
    }

    @Test
    void theRuleDecidesByDaysBetweenTheLatestEndAndTheDate() {
        LocalDate end = LocalDate.parse("2019-12-31");
        Instant now = Instant.parse("2020-01-05T00:00:00Z"); // the age limit does not apply to existing runs
        assertEquals(Action.EARLIER, KoapiSend.decide(Optional.of(end), end.minusDays(400), now));
        assertEquals(Action.EARLIER, KoapiSend.decide(Optional.of(end), end.minusDays(1), now));
        assertEquals(Action.SAME_DAY, KoapiSend.decide(Optional.of(end), end, now));
        assertEquals(Action.EXTENDED, KoapiSend.decide(Optional.of(end), LocalDate.parse("2020-01-01"), now),
                "across a year's end");
        assertEquals(Action.INSERTED, KoapiSend.decide(Optional.of(end), LocalDate.parse("2020-01-02"), now));
        assertEquals(Action.INSERTED, KoapiSend.decide(Optional.of(end), end.plusDays(90), now));
        LocalDate d = LocalDate.parse("2020-02-28");
        Instant limit = Instant.parse("2020-03-02T00:00:00Z"); // 2020 is a leap year: Feb 29 counts
        assertEquals(Action.INSERTED, KoapiSend.decide(Optional.empty(), d, limit));
        assertEquals(Action.TOO_OLD, KoapiSend.decide(Optional.empty(), d, limit.plusMillis(1)));
        assertEquals(Action.INSERTED, KoapiSend.decide(Optional.empty(), d, Instant.parse("2020-02-27T00:00:00Z")),
                "a date ahead of the clock is not old");
    }
}
