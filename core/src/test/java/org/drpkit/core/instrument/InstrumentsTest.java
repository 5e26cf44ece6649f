package org.drpkit.core.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Header;
import org.junit.jupiter.api.Test;

class InstrumentsTest {

    private final Instruments registry = Instruments.of(
            new TestPlugins.Named("NIRC2", "NIRC2", "N2"),
            new TestPlugins.Named("NIRES", "NIRES"));

    @Test
    void findsByNameOrAliasIgnoringCase() throws DrpException {
        assertEquals("NIRC2", registry.require("nirc2").name());
        assertEquals("NIRC2", registry.require(" n2 ").name());
        assertEquals(List.of("NIRC2", "NIRES"), registry.names());
    }

    @Test
    void unknownNameListsWhatIsKnown() {
        DrpException e = assertThrows(DrpException.class, () -> registry.require("HIRES"));
        assertEquals(CoreErrorCode.INSTRUMENT_UNKNOWN, e.code());
        assertTrue(e.getMessage().contains("known: [NIRC2, NIRES]"), e.getMessage());
    }

    @Test
    void findsThePluginThatAcceptsAHeader() throws DrpException {
        Header h = Header.builder().add("INSTRUME", "NIRES   ").build();
        assertEquals("NIRES", registry.forHeader(h).name());
    }

    @Test
    void headerNoPluginAcceptsIsAnErrorNamingInstrumeAndFile() {
        Header h = Header.builder().origin(Location.file("x.fits").hdu(0)).add("INSTRUME", "MIRA").build();
        DrpException e = assertThrows(DrpException.class, () -> registry.forHeader(h));
        assertEquals(CoreErrorCode.INSTRUMENT_UNKNOWN, e.code());
        assertTrue(e.getMessage().startsWith("[INSTRUMENT_UNKNOWN] x.fits, HDU 0, keyword INSTRUME"), e.getMessage());
        assertTrue(e.getMessage().contains("'MIRA'"), e.getMessage());
    }

    @Test
    void headerTwoPluginsClaimIsAmbiguousNotFirstWins() {
        Instruments two = registry.with(new TestPlugins.Named("NIRES2", "NIRES"));
        Header h = Header.builder().add("INSTRUME", "NIRES").build();
        DrpException e = assertThrows(DrpException.class, () -> two.forHeader(h));
        assertEquals(CoreErrorCode.INSTRUMENT_AMBIGUOUS, e.code());
        assertTrue(e.getMessage().contains("NIRES (") && e.getMessage().contains("NIRES2 ("), e.getMessage());
    }

    @Test
    void aSecondPluginWithTheSameNameIsAmbiguous() {
        Instruments two = registry.with(new TestPlugins.Named("nirc2", "OTHER"));
        DrpException e = assertThrows(DrpException.class, () -> two.require("NIRC2"));
        assertEquals(CoreErrorCode.INSTRUMENT_AMBIGUOUS, e.code());
    }

    /** A plugin that accepts INSTRUME {@code instrume} and declares precedence over the plugins named in {@code over}. */
    private static InstrumentPlugin preceding(String name, String instrume, String... over) {
        return new TestPlugins.Named(name, instrume) {
            @Override
            public boolean takesPrecedenceOver(InstrumentPlugin other) {
                return java.util.List.of(over).contains(other.name());
            }
        };
    }

    @Test
    void declaredPrecedenceDecidesBetweenPluginsThatAcceptOneHeader() throws DrpException {
        Instruments r = registry.with(preceding("NIRES-GUIDE", "NIRES", "NIRES"));
        Header h = Header.builder().add("INSTRUME", "NIRES").build();
        assertEquals("NIRES-GUIDE", r.forHeader(h).name());
        assertEquals(2, r.accepting(h).size(), "both still accept");
        assertEquals("NIRC2", r.forHeader(Header.builder().add("INSTRUME", "NIRC2").build()).name(),
                "precedence only matters among the plugins that accept");
    }

    @Test
    void precedenceDeclaredBothWaysOrOverAnotherPluginStaysAmbiguous() {
        Header h = Header.builder().add("INSTRUME", "NIRES").build();
        Instruments circle = registry.with(preceding("NIRES-GUIDE", "NIRES", "NIRES"));
        Instruments both = Instruments.of(preceding("A", "NIRES", "B"), preceding("B", "NIRES", "A"));
        assertEquals(CoreErrorCode.INSTRUMENT_AMBIGUOUS,
                assertThrows(DrpException.class, () -> both.forHeader(h)).code());
        Instruments three = circle.with(new TestPlugins.Named("NIRES2", "NIRES"));
        DrpException e = assertThrows(DrpException.class, () -> three.forHeader(h));
        assertEquals(CoreErrorCode.INSTRUMENT_AMBIGUOUS, e.code());
        assertTrue(e.getMessage().contains("NIRES-GUIDE") && e.getMessage().contains("NIRES2"), e.getMessage());
    }
}
