package org.drpkit.archive.almanac;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Datamodel drift between the two simulated nights: night 60001 renames CARTID to CART_ID and writes SEEING as text
 * ({@link SimulatedNights}); nothing else changes.
 */
class SchemaDriftTest {

    @TempDir
    Path tmp;

    @Test
    void findsTheRenamedAndTheRetypedKeywordAndNothingElse() throws Exception {
        Path raw = tmp.resolve("raw");
        SimulatedNights.night60000(raw);
        SimulatedNights.night60001(raw);
        try (Almanac a = Almanac.open(Almanac.h2Url(tmp.resolve("almanac")))) {
            a.index(List.of(raw), IndexOptions.defaults().withMd5(false));
            NightSchema from = NightSchema.of("APOGEE", "60000", a.schemas("APOGEE", "60000"));
            NightSchema to = NightSchema.of("APOGEE", "60001", a.schemas("APOGEE", "60001"));
            assertEquals(38, from.files(), "every file of the night counts, the truncated one too");
            assertEquals(1.0, from.presence().get("CARTID"));
            SchemaDrift d = SchemaDrift.between(from, to, 0.05, Set.of());
            assertEquals(List.of("removed CARTID (type I, was in 100% of 60000)", "added CART_ID (type I, in 100% of 60001)",
                    "retyped SEEING (F in 60000, S in 60001)"), d.changes().stream().map(Object::toString).toList());
            assertEquals(3, d.unexpected().size());
            SchemaDrift allowed = SchemaDrift.between(from, to, 0.05, Set.of("CARTID", "CART_ID", "SEEING"));
            assertEquals(List.of(), allowed.unexpected());
            assertEquals(List.of(), SchemaDrift.between(from, from, 0.0, Set.of()).changes(), "a night against itself");
        }
    }
}
