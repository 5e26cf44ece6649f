package org.drpkit.instruments.keck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Header;
import org.drpkit.core.instrument.InstrumentPlugin;
import org.drpkit.core.instrument.Instruments;
import org.junit.jupiter.api.Test;

/** Discovery of the built-in plugins through ServiceLoader, and the registry's clear errors. */
class KeckRegistryTest {

    private static final List<String> BUILT_IN = List.of("APOGEE", "DEIMOS", "ESI", "GUIDER", "HIRES", "KCWI", "KPF",
            "LRIS", "MOSFIRE", "NIRC2", "NIRES", "NIRSPEC", "OSIRIS");

    @Test
    void serviceLoaderFindsEveryBuiltInInstrument() {
        assertEquals(BUILT_IN, Instruments.load().names());
    }

    @Test
    void namesAndAliasesFindThePlugin() throws DrpException {
        Instruments all = Instruments.load();
        assertEquals("NIRSPEC", all.require("nirspao").name());
        assertEquals("APOGEE", all.require("APOGEE-S").name());
        assertEquals(Kcwi.class, all.require("kcwi").getClass());
    }

    @Test
    void unknownInstrumentIsAClearErrorNamingFileAndInstrume() {
        Header h = Header.builder().origin(Location.file("m.fits").hdu(0)).add("INSTRUME", "MIRA")
                .add("OUTDIR", "/s/sdata/mira/").build();
        DrpException e = assertThrows(DrpException.class, () -> Instruments.load().forHeader(h));
        assertEquals(CoreErrorCode.INSTRUMENT_UNKNOWN, e.code());
        assertTrue(e.getMessage().startsWith("[INSTRUMENT_UNKNOWN] m.fits, HDU 0, keyword INSTRUME"), e.getMessage());
        assertTrue(e.getMessage().contains("'MIRA'") && e.getMessage().contains("NIRC2"), e.getMessage());
    }

    @Test
    void aHeaderTwoPluginsClaimIsAClearErrorNotFirstWins() {
        InstrumentPlugin copycat = new InstrumentPlugin() {
            @Override
            public String name() {
                return "NIRC2COPY";
            }

            @Override
            public boolean accepts(Header primary) {
                return primary.getString("INSTRUME").filter("NIRC2"::equals).isPresent();
            }
        };
        Instruments two = Instruments.load().with(copycat);
        Header h = Header.builder().add("INSTRUME", "NIRC2").build();
        DrpException e = assertThrows(DrpException.class, () -> two.forHeader(h));
        assertEquals(CoreErrorCode.INSTRUMENT_AMBIGUOUS, e.code());
        assertTrue(e.getMessage().contains("NIRC2 (org.drpkit.instruments.keck.Nirc2)")
                && e.getMessage().contains("NIRC2COPY"), e.getMessage());
    }

    @Test
    void guiderFramesAreLeftToTheGuiderEvenWhenCurrinstNamesAScienceInstrument() throws DrpException {
        Header h = Header.builder().add("CAMNAME", "nirc2").add("CAMREFX", 512L).add("CURRINST", "NIRC2")
                .add("OUTDIR", "/sdata903/nirc18/2017jul25/").build();
        assertEquals("GUIDER", Instruments.load().forHeader(h).name());
        assertTrue(new Nirc2().accepts(h), "NIRC2 accepts it too (CURRINST); the guider's declared precedence decides");
        assertTrue(new Guider().takesPrecedenceOver(new Nirc2()));
        assertTrue(!new Nirc2().takesPrecedenceOver(new Guider()));
    }

    @Test
    void rawNirc2FrameWithoutInstrumeIsNirc2ThroughCurrinst() throws DrpException {
        Header h = Header.builder().add("CURRINST", "NIRC2").add("OUTDIR", "/sdata903/nirc18/2017jul25/").build();
        assertEquals("NIRC2", Instruments.load().forHeader(h).name());
    }

    @Test
    void lrisAcceptsOnlyItsRedAndBlueNames() {
        Lris lris = new Lris();
        for (String ok : List.of("LRIS", "LRISp", "LRISpRED", "LRISBLUE", "LRISpBLUE")) {
            assertTrue(lris.accepts(Header.builder().add("INSTRUME", ok).build()), ok);
        }
        assertTrue(!lris.accepts(Header.builder().add("INSTRUME", "LRISADC").build()));
    }
}
