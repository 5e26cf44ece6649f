package org.drpkit.instruments.keck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Card;
import org.drpkit.core.header.Header;
import org.drpkit.core.header.HeaderFix;
import org.drpkit.core.instrument.ArchiveFacts;
import org.drpkit.core.instrument.FixResult;
import org.drpkit.core.instrument.InstrumentPlugin;
import org.drpkit.core.instrument.Instruments;
import org.drpkit.instruments.fixtures.HeaderFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hand-written Keck header fixture ({@code src/test/resources/fixtures/keck}) goes through the registry and
 * its plugin's fixes, and comes out with the values the archive spec prescribes (koa-dep 3.4-3.6, 4.2-4.7), written
 * in the fixture next to the header. Two fixtures reproduce the archive's own gold products (KCWI
 * {@code KB.20190509.07554.57}, NIRES {@code NR.20190615.12571.36}) from the keyword values in their gold metadata
 * tables.
 */
class KeckFixturesTest {

    private static final Instruments ALL = Instruments.load();

    static Stream<Arguments> fixtures() {
        return HeaderFixture.all("keck").stream().map(HeaderFixture::load).map(f -> Arguments.of(f.name(), f));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void handWrittenHeaderComesOutWithTheArchiveValuesTheSpecPrescribes(String name, HeaderFixture f)
            throws DrpException {
        InstrumentPlugin p = ALL.forHeader(f.primary());
        assertEquals(f.expected("@PLUGIN").orElseThrow(() -> new AssertionError(name + " names no @PLUGIN")),
                p.name(), name + ": plugin");
        Optional<Object> error = f.expected("@ERROR");
        FixResult fixed;
        try {
            fixed = p.fix(f.primary(), f.context());
        } catch (DrpException e) {
            if (error.isPresent()) {
                assertEquals(error.get(), e.code().name(), name + ": " + e.getMessage());
                assertTrue(e.getMessage().contains(name), "the error names the file: " + e.getMessage());
                return;
            }
            throw e;
        }
        if (error.isPresent()) {
            fail(name + ": expected " + error.get() + " but the fix succeeded:\n" + fixed);
        }
        List<String> problems = new ArrayList<>();
        for (Card c : f.expectations()) {
            String k = c.keyword();
            Object actual = actual(p, fixed, k, c.value());
            if (k.equals("@WARN") || k.equals("@FIXED") || k.equals("@ABSENT") || k.equals("@NOWARN")) {
                if (!(Boolean) actual) {
                    problems.add(k + " " + c.value());
                }
            } else if (!matches(c, actual)) {
                problems.add(k + ": expected " + show(c.value()) + " but was " + show(actual));
            }
        }
        if (!problems.isEmpty()) {
            fail(name + " (" + f.description() + "):\n  " + String.join("\n  ", problems) + "\n--- fixed header:\n"
                    + fixed.header() + "warnings: " + fixed.warnings() + "\nfacts: " + fixed.facts());
        }
    }

    @Test
    void everyKeckInstrumentHasAtLeastOneFixture() {
        List<String> covered = new ArrayList<>();
        for (String n : HeaderFixture.all("keck")) {
            HeaderFixture.load(n).expected("@PLUGIN").ifPresent(v -> covered.add((String) v));
        }
        for (String instrument : List.of("DEIMOS", "ESI", "GUIDER", "HIRES", "KCWI", "KPF", "LRIS", "MOSFIRE",
                "NIRC2", "NIRES", "NIRSPEC", "OSIRIS")) {
            assertTrue(covered.contains(instrument), "no fixture for " + instrument);
        }
        assertFalse(covered.isEmpty());
    }

    private static Object actual(InstrumentPlugin p, FixResult result, String key, Object expected)
            throws DrpException {
        Header fixed = result.header();
        ArchiveFacts facts = result.facts();
        switch (key) {
            case "@PLUGIN":
                return p.name();
            case "@KOAID":
                return p.archiveId(fixed).map(Object::toString).orElse(null);
            case "@PREFIX":
                return p.archivePrefix(fixed).orElse(null);
            case "@IMAGETYPE":
                return facts.imageType().orElse(null);
            case "@WARN":
                return result.warned((String) expected);
            case "@NOWARN":
                return !result.warned((String) expected);
            case "@FIXED":
                return fixed.fixes().stream().map(HeaderFix::keyword).anyMatch(expected::equals);
            case "@ABSENT":
                return fixed.value((String) expected).isEmpty();
            case "@SATURATION":
                return p.traits(fixed).saturationLevel().isPresent() ? p.traits(fixed).saturationLevel().getAsDouble()
                        : null;
            default:
                if (key.startsWith("@FACT.")) {
                    return fact(facts, key.substring(6));
                }
                return fixed.value(key).orElse(null);
        }
    }

    private static boolean matches(Card expected, Object actual) {
        Object e = expected.value();
        String comment = expected.comment();
        if (comment.startsWith("tol ") && e instanceof Number en && actual instanceof Number an) {
            return Math.abs(en.doubleValue() - an.doubleValue()) <= Double.parseDouble(comment.substring(4).trim());
        }
        if (e instanceof String s && actual instanceof String a) {
            return s.equals(a.trim());
        }
        return Objects.equals(e, actual);
    }

    private static String show(Object v) {
        return v == null ? "(none)" : v.getClass().getSimpleName() + " " + (v instanceof String s ? "'" + s + "'" : v);
    }

    /** @return a named fact (card keywords are upper case) as the fixture writes it (integers as long), or null */
    private static Object fact(ArchiveFacts f, String name) {
        return switch (name.toUpperCase(java.util.Locale.ROOT)) {
            case "PROPRIETARYMONTHS" -> f.proprietaryMonths().isPresent() ? (Object) (long) f.proprietaryMonths()
                    .getAsInt() : null;
            case "PROGRAMID" -> f.programId().orElse(null);
            case "PROGRAMSOURCE" -> f.programSource().orElse(null);
            case "PROGRAMTITLE" -> f.programTitle().orElse(null);
            case "QUALIFIEDPROGRAMID" -> f.qualifiedProgramId().orElse(null);
            default -> throw new AssertionError("no fact named " + name);
        };
    }
}
