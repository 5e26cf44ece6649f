package org.drpkit.core.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.junit.jupiter.api.Test;

class LayoutTest {

    @Test
    void fitsSectionsConvertToZeroBasedHalfOpenRegions() {
        Region r = Region.fromFitsSection("[1:512,1:2048]");
        assertEquals(Region.of(0, 0, 512, 2048), r);
        assertEquals("[1:512,1:2048]", r.toFitsSection());
        assertEquals(Region.of(1024, 0, 1024, 4096), Region.fromFitsSection("[2048:1025, 1:4096]"),
                "reversed bounds describe a flipped amplifier, same pixels");
        assertThrows(IllegalArgumentException.class, () -> Region.fromFitsSection("1:512,1:2048"));
        assertThrows(IllegalArgumentException.class, () -> Region.fromFitsSection("[1:512]"));
        assertTrue(r.contains(511, 2047));
        assertFalse(r.contains(512, 0));
    }

    @Test
    void chipFindsAmplifiersAndReferencePixels() {
        List<Amplifier> amps = List.of(
                new Amplifier("1", Region.of(0, 0, 8, 16), ReadoutDirection.PLUS_X),
                new Amplifier("2", Region.of(8, 0, 8, 16), ReadoutDirection.MINUS_X));
        Chip c = new Chip("G", 0, 20, 16, 18.0, amps, 2, Optional.of(Region.of(16, 0, 4, 16)),
                Region.of(2, 2, 12, 12), Optional.empty());
        assertEquals("2", c.amplifierAt(9, 3).orElseThrow().name());
        assertTrue(c.amplifierAt(17, 3).isEmpty(), "the reference output is not an amplifier of the array");
        assertTrue(c.isReferencePixel(0, 5));
        assertTrue(c.isReferencePixel(15, 5), "border is measured from the reference output, not the frame edge");
        assertTrue(c.isReferencePixel(5, 15));
        assertFalse(c.isReferencePixel(5, 5));
        assertFalse(c.isReferencePixel(17, 5));
        assertThrows(IllegalArgumentException.class, () -> new Chip("X", 0, 10, 10, 0,
                List.of(new Amplifier("1", Region.of(0, 0, 11, 10), ReadoutDirection.PLUS_X)), 0, Optional.empty(),
                Region.of(0, 0, 10, 10), Optional.empty()));
    }

    @Test
    void defaultLayoutMakesOneChipPerImageHdu() throws DrpException {
        InstrumentPlugin p = new TestPlugins.Named("CAM", "CAM");
        Header primary = Header.builder().add("SIMPLE", true).add("NAXIS", 0L).build();
        Header img = Header.builder().add("XTENSION", "IMAGE").add("NAXIS", 2L).add("NAXIS1", 30L)
                .add("NAXIS2", 20L).add("EXTNAME", "CCD1").build();
        Header table = Header.builder().add("XTENSION", "BINTABLE").add("NAXIS", 2L).add("NAXIS1", 8L)
                .add("NAXIS2", 5L).build();
        ChipLayout layout = p.layout(List.of(primary, img, table));
        assertEquals(1, layout.size());
        Chip c = layout.chip("CCD1").orElseThrow();
        assertEquals(1, c.hdu());
        assertEquals(30, c.width());
        DrpException e = assertThrows(DrpException.class, () -> p.layout(List.of(primary)));
        assertEquals(CoreErrorCode.LAYOUT_UNAVAILABLE, e.code());
    }

    @Test
    void apogeeH2rgHasFourAlternatingAmplifiersAndAReferenceOutput() {
        Chip c = H2rgLayout.apogee("R");
        assertEquals(2560, c.width());
        assertEquals(2048, c.height());
        assertEquals(Region.of(2048, 0, 512, 2048), c.referenceOutput().orElseThrow());
        assertEquals(Region.of(4, 4, 2040, 2040), c.lightSensitive());
        assertEquals(ReadoutDirection.PLUS_X, c.amplifierAt(0, 0).orElseThrow().direction());
        assertEquals(ReadoutDirection.MINUS_X, c.amplifierAt(512, 0).orElseThrow().direction());
        assertEquals(ReadoutDirection.PLUS_X, c.amplifierAt(1024, 0).orElseThrow().direction());
        assertEquals(ReadoutDirection.MINUS_X, c.amplifierAt(2047, 0).orElseThrow().direction());
        assertTrue(c.isReferencePixel(2044, 100));
        assertFalse(c.isReferencePixel(2043, 100));
        Chip small = H2rgLayout.chip("G", 64, 16, 4, 4, 18.0);
        assertEquals(80, small.width());
        assertEquals("2", small.amplifierAt(20, 0).orElseThrow().name());
        assertThrows(IllegalArgumentException.class, () -> H2rgLayout.chip("X", 30, 0, 4, 4, 18));
    }
}
