package org.drpkit.instruments.keck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Header;
import org.drpkit.core.instrument.Amplifier;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.ChipLayout;
import org.drpkit.core.instrument.ReadoutDirection;
import org.drpkit.core.instrument.Region;
import org.drpkit.instruments.fixtures.HeaderFixture;
import org.junit.jupiter.api.Test;

/** Chip and amplifier layouts of the multi-extension instruments, from the DETSEC/DATASEC keywords of fixtures. */
class LayoutsTest {

    @Test
    void hiresMosaicHasOneChipPerExtensionPlacedByDetsec() throws DrpException {
        ChipLayout l = new Hires().layout(HeaderFixture.load("keck/hires-arclamp-mosaic.hdr").hdus());
        assertEquals(3, l.size());
        Chip ccd2 = l.chip("CCD2").orElseThrow();
        assertEquals(2, ccd2.hdu());
        assertEquals(Region.fromFitsSection("[1025:2048,1:4096]"), ccd2.detectorSection().orElseThrow());
        Amplifier amp = ccd2.amplifiers().get(0);
        assertEquals("2", amp.name(), "amplifier named by AMPLOC");
        assertEquals(Region.of(12, 0, 1024, 4096), amp.region(), "DATASEC [13:1036,1:4096], overscan outside");
        assertEquals(ReadoutDirection.MINUS_X, amp.direction(), "DETSEC runs 2048 -> 1025");
        assertEquals(ReadoutDirection.PLUS_X, l.chip("CCD1").orElseThrow().amplifiers().get(0).direction());
    }

    @Test
    void lrisBlueIsAMosaicAndLrisRedASingleImage() throws DrpException {
        ChipLayout blue = new Lris().layout(HeaderFixture.load("keck/lris-blue-arc.hdr").hdus());
        assertEquals(List.of("VidInp1", "VidInp2"), blue.chips().stream().map(Chip::name).toList());
        ChipLayout red = new Lris().layout(HeaderFixture.load("keck/lris-red-object.hdr").hdus());
        assertEquals(1, red.size());
        assertEquals(0, red.chips().get(0).hdu());
        assertEquals(4096, red.chips().get(0).width());
    }

    @Test
    void deimosSkipsTheMaskDesignTable() throws DrpException {
        ChipLayout l = new Deimos().layout(HeaderFixture.load("keck/deimos-mos-object.hdr").hdus());
        assertEquals(List.of("CCD1", "CCD2"), l.chips().stream().map(Chip::name).toList());
        assertEquals(2048, l.chip("CCD2").orElseThrow().detectorSection().orElseThrow().x0());
    }

    @Test
    void kpfHasOneChipPerAmplifierExtension() throws DrpException {
        ChipLayout l = new Kpf().layout(HeaderFixture.load("keck/kpf-socal.hdr").hdus());
        Chip amp2 = l.chip("GREEN_AMP2").orElseThrow();
        assertEquals(Region.of(40, 0, 2040, 2040), amp2.amplifiers().get(0).region());
        assertEquals(ReadoutDirection.MINUS_X, amp2.amplifiers().get(0).direction());
    }

    @Test
    void kcwiReadsOneImageThroughTheAmplifiersOfItsDataSections() throws DrpException {
        ChipLayout l = new Kcwi().layout(HeaderFixture.load("keck/kcwi-gold-bias.hdr").hdus());
        Chip c = l.chip("BLUE").orElseThrow();
        assertEquals(2, c.amplifiers().size());
        assertEquals(Region.of(29, 0, 1024, 2056), c.amplifiers().get(0).region());
        assertEquals(ReadoutDirection.PLUS_X, c.amplifiers().get(0).direction());
        assertEquals(Region.of(1247, 0, 1024, 2056), c.amplifiers().get(1).region());
        assertEquals(ReadoutDirection.MINUS_X, c.amplifiers().get(1).direction());
        assertTrue(c.amplifierAt(1500, 10).isPresent());
    }

    @Test
    void malformedDetsecIsALayoutErrorNamingHduAndKeyword() {
        Header primary = Header.builder().origin(Location.file("d.fits").hdu(0)).add("NAXIS", 0L).build();
        Header ext = Header.builder().origin(Location.file("d.fits")).add("XTENSION", "IMAGE").add("NAXIS", 2L)
                .add("NAXIS1", 100L).add("NAXIS2", 100L).add("DETSEC", "[1:100;1:100]").build();
        DrpException e = assertThrows(DrpException.class, () -> new Deimos().layout(List.of(primary, ext)));
        assertEquals(CoreErrorCode.LAYOUT_UNAVAILABLE, e.code());
        assertTrue(e.getMessage().startsWith("[LAYOUT_UNAVAILABLE] d.fits, HDU 1, keyword DETSEC"), e.getMessage());
    }
}
