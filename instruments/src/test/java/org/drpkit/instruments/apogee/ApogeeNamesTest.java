package org.drpkit.instruments.apogee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.id.ExposureKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Raw and product names (apogee-drp 1.2, 1.3) and fibre numbering (apogee-drp 0). */
class ApogeeNamesTest {

    /**
     * EXPSTR = (SJD - 55562) x 10000 + exposure, checked on exposures the spec and the real data name: the special
     * calibrations of {@code metadata/special_cal_obs.txt} and the first frame of the real apVisit in
     * {@code ../shared/data/apogee} (MJD5 56587, FRAME1 10250049).
     */
    @ParameterizedTest(name = "{0}: SJD {1}, exposure {2}")
    @CsvSource({
        "asR-a-51930001.apz, 60755, 1",
        "apR-c-52610013.apz, 60823, 13",
        "apR-b-39870034.apz, 59549, 34",
        "asR-a-44820002.apz, 60044, 2",
        "apR-a-10250049.apz, 56587, 49"})
    void expstrEncodesTheNightAndTheExposure(String name, int sjd, int exposure) throws DrpException {
        ApogeeRawName n = ApogeeRawName.parse(name);
        assertEquals(sjd, n.sjd());
        assertEquals(exposure, n.exposure());
        assertEquals(name, n.fileName());
        assertEquals(n, ApogeeRawName.of(n.key()), "key and name convert both ways");
    }

    @Test
    void rawNameGivesTheExposureKeyAndThePath() throws DrpException {
        ApogeeRawName n = ApogeeRawName.parse("/raw/lco/60755/asR-c-51930001.apz");
        assertEquals(new ExposureKey("lco", 60755, "B", 1), n.key());
        assertEquals(Path.of("/raw/lco/60755/asR-c-51930001.apz"), n.path(Path.of("/raw")));
    }

    @Test
    void malformedRawNamesAreRejectedWithACode() {
        for (String bad : new String[] {"apR-d-10250049.apz", "apX-a-10250049.apz", "apR-a-1025004.apz", "",
            "/", "n0001.\u0000 NIRES" /* a NUL and a bare root: found by fuzzing the ingest */}) {
            DrpException e = assertThrows(DrpException.class, () -> ApogeeRawName.parse(bad), bad);
            assertEquals(ApogeeErrorCode.APOGEE_NAME_INVALID, e.code());
        }
    }

    @Test
    void chipLettersAreRedGreenBlue() {
        assertEquals(ApogeeChip.R, ApogeeChip.ofLetter('a').orElseThrow());
        assertEquals(ApogeeChip.G, ApogeeChip.ofLetter('b').orElseThrow());
        assertEquals(ApogeeChip.B, ApogeeChip.ofLetter('c').orElseThrow());
    }

    @Test
    void nightIsTheMjdPlusTheSiteOffsetRoundedDown() {
        assertEquals(60000, ApogeeSite.APO.sjd(59999.70));
        assertEquals(59999, ApogeeSite.APO.sjd(59999.69));
        assertEquals(60000, ApogeeSite.LCO.sjd(59999.60));
        assertEquals(59999, ApogeeSite.LCO.sjd(59999.59));
    }

    @ParameterizedTest
    @EnumSource(ApogeeProduct.class)
    void everyPerExposureProductNameParsesBack(ApogeeProduct p) throws DrpException {
        ExposureKey k = new ExposureKey("apo", 60000, "G", 12);
        String name = p.fileName(k, "object");
        ApogeeProduct.Name parsed = ApogeeProduct.parse(name);
        assertEquals(p, parsed.product());
        assertEquals(p.perChip() ? k : k.withChip("X"), parsed.key());
        assertEquals("object", parsed.imageType());
    }

    @Test
    void productNamesFollowTheTuple() {
        ExposureKey k = new ExposureKey("apo", 60000, "R", 12);
        assertEquals("apred/60000/ar2D_apo_60000_0012_R_object.h5", ApogeeProduct.AR2D.path(k, "object"));
        assertEquals("ar2Dresidualscal_apo_60000_0012_R_object.h5", ApogeeProduct.AR2DRESIDUALSCAL.fileName(k, "object"));
        assertEquals("apred/60000/ar1Dunical_apo_60000_0012_object.h5", ApogeeProduct.AR1DUNICAL.path(k, "object"));
        assertEquals("apredrelflux/60000/ar1D_apo_60000_0012_R_domeflat.h5",
                ApogeeNames.withoutRelFlux(ApogeeProduct.AR1D, k, "domeflat"));
    }

    @Test
    void nightAndCalibrationProductsHaveTheirOwnPatterns() {
        ExposureKey k = new ExposureKey("lco", 60044, "G", 15);
        assertEquals("apred/60044/waveCalFPI_lco_60044_arclamp.h5", ApogeeNames.waveCalFpi(ApogeeSite.LCO, 60044));
        assertEquals("wavecal/wavecalNightAve_lco_60044.h5", ApogeeNames.wavecalNightAverage(ApogeeSite.LCO, 60044));
        assertEquals("quartz_flats/60044/quartzTrace_lco_60044_0015_G.h5", ApogeeNames.flatTrace(true, k));
        assertEquals("dome_flats/60044/domeTrace_lco_60044_0015_G.h5", ApogeeNames.flatTrace(false, k));
        assertEquals("apred/60044/traceMain_lco_60044_G.h5", ApogeeNames.traceMain(ApogeeSite.LCO, 60044, ApogeeChip.G));
        assertEquals("dome_flats/60044/domeFlux_lco_60044_0015_G_domeflat_7.h5", ApogeeNames.domeFlux(k, 7));
        assertEquals("apred/60044/relFlux_lco_60044_0015_G.h5", ApogeeNames.relFlux(k));
        assertEquals("darks/darkRate_apo_R_59500_59600.h5", ApogeeNames.darkRate(ApogeeSite.APO, ApogeeChip.R, 59500, 59600));
        assertEquals("flats/flatFraction_apo_B_59500_59600.h5",
                ApogeeNames.flatFraction(ApogeeSite.APO, ApogeeChip.B, 59500, 59600));
        assertEquals("almanac/runlist_darks.h5", ApogeeNames.runlist("darks"));
        assertEquals("almanac/valid_domeflats4fluxing_run14.h5", ApogeeNames.validFlatsForFluxing(false, "run14"));
        assertThrows(IllegalArgumentException.class, () -> ApogeeNames.runlist("../x"));
    }

    @Test
    void productNamesThatAreNotTuplesAreRejected() {
        assertThrows(DrpException.class, () -> ApogeeProduct.parse("ar2D_apo_60000_0012_object.h5"), "chip missing");
        assertThrows(DrpException.class, () -> ApogeeProduct.parse("ar1Duni_apo_60000_0012_R_object.h5"),
                "chip where none belongs");
        assertThrows(DrpException.class, () -> ApogeeProduct.parse("foo_apo_60000_0012_R_object.h5"));
    }

    @Test
    void fibreIdAndDetectorIndexRunInOppositeDirections() {
        assertEquals(300, Fibers.detectorIndex(1));
        assertEquals(1, Fibers.detectorIndex(300));
        for (int id = 1; id <= 300; id++) {
            assertEquals(id, Fibers.fiberId(Fibers.detectorIndex(id)));
        }
        assertEquals(300, Fibers.adjustedIndex(ApogeeSite.APO, 300));
        assertEquals(301, Fibers.adjustedIndex(ApogeeSite.LCO, 1));
        assertThrows(IllegalArgumentException.class, () -> Fibers.detectorIndex(0));
        assertThrows(IllegalArgumentException.class, () -> Fibers.detectorIndex(301));
    }
}
