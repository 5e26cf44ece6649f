package org.drpkit.instruments.keck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.drpkit.core.header.Header;
import org.drpkit.core.instrument.InstrumentTraits;
import org.junit.jupiter.api.Test;

/** Each Keck instrument declares its switches in one {@link InstrumentTraits} record (koa-dep DQA step). */
class KeckTraitsTest {

    @Test
    void nirc2SaturationScalesWithCoaddsAndUnprocessedCubesGetNoStatistics() {
        Header h = Header.builder().add("COADDS", 4L).add("KOAID", "N2.20170725.51470.75_unp.fits").build();
        InstrumentTraits t = new Nirc2().traits(h);
        assertEquals(OptionalDouble.of(72000.0), t.saturationLevel(), "18000 DN per coadd");
        assertFalse(t.imageStatistics());
        assertTrue(t.extensionTables());
    }

    @Test
    void kcwiAloneWritesNoExtensionTablesAndKpfAloneSkipsStatistics() {
        assertFalse(new Kcwi().traits(Header.empty()).extensionTables());
        assertEquals(OptionalDouble.of(65535.0), new Kcwi().traits(Header.empty()).saturationLevel());
        assertFalse(new Kpf().traits(Header.empty()).imageStatistics());
        assertTrue(new Kpf().traits(Header.empty()).extensionTables());
        assertEquals(InstrumentTraits.DEFAULT.withExtensionTables(true), new Mosfire().traits(Header.empty()),
                "MOSFIRE declares nothing beyond the family's switches");
    }
}
