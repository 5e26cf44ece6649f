package org.drpkit.instruments.keck.koa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Set;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Header;
import org.drpkit.core.id.ArchiveId;
import org.junit.jupiter.api.Test;

class KoaIdTest {

    @Test
    void reDerivesTheArchiveGoldIds() throws DrpException {
        assertEquals("KB.20190509.07554.57", KoaId.make("KB", "2019-05-09", "02:05:54.57").toString());
        assertEquals("NR.20190615.12571.36", KoaId.make("NR", "2019-06-15", "03:29:31.36").toString());
    }

    @Test
    void hundredthsReplicateTheTruncationQuirkQ1() {
        // the archive's own NIRC2 product N2.20220619.61115.50 was made from UTC 16:58:35.05
        assertEquals(50, KoaId.hundredths("05"));
        assertEquals(50, KoaId.hundredths("005"));
        assertEquals(50, KoaId.hundredths("5"));
        assertEquals(99, KoaId.hundredths("099"));
        assertEquals(57, KoaId.hundredths("57"));
        assertEquals(10, KoaId.hundredths("1"));
        assertEquals(0, KoaId.hundredths("00"));
        assertEquals(7, KoaId.hundredths("000007"), "one microsecond digit is padded to 07");
    }

    @Test
    void aUtcWithoutFractionCountsAsHundredthsZeroQ2Fixed() throws DrpException {
        assertEquals("N2.20170725.51470.00", KoaId.make("N2", "2017-07-25", "14:17:50").toString());
    }

    @Test
    void longFractionsAreCutToMicroseconds() throws DrpException {
        assertEquals(12, KoaId.make("N2", "2017-07-25", "14:17:50.1234567").hundredths());
    }

    @Test
    void secondsAreZeroPaddedToFiveDigits() throws DrpException {
        ArchiveId id = KoaId.make("MF", "2020-01-05", "00:00:07.30");
        assertEquals(7, id.seconds());
        assertEquals("MF.20200105.00007.30", id.toString());
    }

    @Test
    void malformedUtcIsKoaidCreateFailNamingUtcAndTheFile() {
        DrpException e = assertThrows(DrpException.class,
                () -> KoaId.make("N2", "2017-07-25", "25:00:00", Location.file("n1.fits").hdu(0)));
        assertEquals(KeckErrorCode.KOAID_CREATE_FAIL, e.code());
        assertTrue(e.getMessage().startsWith("[KOAID_CREATE_FAIL] n1.fits, HDU 0, keyword UTC"), e.getMessage());
    }

    @Test
    void impossibleDateIsKoaidCreateFailNamingDateObs() {
        DrpException e = assertThrows(DrpException.class, () -> KoaId.make("N2", "2017-02-30", "10:00:00"));
        assertEquals("DATE-OBS", e.location().keyword());
    }

    @Test
    void yearBeforeOneThousandIsKoaidCreateFailNotAnUncheckedError() {
        // found by .ci/fuzz (pluginFixes): DATE-OBS = '0858-01-05' escaped as IllegalArgumentException
        DrpException e = assertThrows(DrpException.class, () -> KoaId.make("N2", "0858-01-05", "10:00:00"));
        assertEquals(KeckErrorCode.KOAID_CREATE_FAIL, e.code());
        assertEquals("DATE-OBS", e.location().keyword());
    }

    @Test
    void legacyIdsWithoutHundredthsStillParseQ25() throws DrpException {
        ArchiveId legacy = ArchiveId.parse("HI.20090101.12345");
        assertTrue(legacy.isLegacy());
        assertEquals(LocalDate.of(2009, 1, 1), legacy.date());
    }

    @Test
    void kpfIdComesFromOfnameWhenItIsAValidIdOfTheSameDate() {
        assertEquals("KP.20230815.30345.67",
                KoaId.fromKpfOfname("KP.20230815.30345.67.fits", "2023-08-15").orElseThrow().toString());
        assertEquals("KP.20230815.30345.67",
                KoaId.fromKpfOfname("/kpf/L0/KP.20230815.30345.67.fits", "2023-08-15").orElseThrow().toString());
        assertTrue(KoaId.fromKpfOfname("KP.20230815.30345.67_L1.fits", "2023-08-15").isEmpty(), "not 4 parts");
        assertTrue(KoaId.fromKpfOfname("KP.20230815.30345.67.fits", "2023-08-16").isEmpty(), "date must match");
        assertTrue(KoaId.fromKpfOfname("kpf_0001.fits", "2023-08-15").isEmpty());
    }

    @Test
    void collidingIdsAreMadeUniqueByRaisingTheHundredthsAndTheRepairIsLogged() throws DrpException {
        ArchiveId id = ArchiveId.parse("KB.20201213.36000.00");
        Set<String> taken = Set.of("KB.20201213.36000.00", "KB.20201213.36000.01");
        ArchiveId free = KoaId.unique(id, a -> taken.contains(a.toString())).orElseThrow();
        assertEquals("KB.20201213.36000.02", free.toString());
        assertEquals(id, KoaId.unique(id, a -> false).orElseThrow(), "a free id is kept");
        assertTrue(KoaId.unique(id, a -> true).isEmpty(), "all hundredths of the second taken");
        Header h = Header.builder().add("KOAID", id.fileName()).build();
        Header repaired = KoaId.withUniqueId(h, free, id + " was taken");
        assertEquals("KB.20201213.36000.02.fits", repaired.getString("KOAID").orElseThrow());
        assertEquals("keck.koaidCollision", repaired.fixes().get(0).rule());
    }
}
