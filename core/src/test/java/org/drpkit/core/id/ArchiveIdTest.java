package org.drpkit.core.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ArchiveIdTest {

    @Test
    void parsesTheGoldKcwiIdIntoItsParts() throws DrpException {
        ArchiveId id = ArchiveId.parse("KB.20190509.07554.57");
        assertEquals("KB", id.prefix());
        assertEquals(LocalDate.of(2019, 5, 9), id.date());
        assertEquals(7554, id.seconds());
        assertEquals(57, id.hundredths());
        assertEquals("", id.suffix());
        assertEquals(LocalDateTime.of(2019, 5, 9, 2, 5, 54, 570_000_000), id.utc());
        assertEquals("KB.20190509.07554.57.fits", id.fileName());
        assertEquals("20190509", id.dateText());
    }

    @Test
    void roundTripsSuffixesAndLegacyIds() throws DrpException {
        for (String s : new String[] {"N2.20170725.37273.00_unp", "GR.20210101.00000.99_MAGIQ", "NR.20190615.12571",
                "N2.20170725.86400.00"}) {
            assertEquals(s, ArchiveId.parse(s).toString());
        }
        ArchiveId legacy = ArchiveId.parse("NR.20190615.12571");
        assertTrue(legacy.isLegacy());
        assertEquals("NR.20190615.12571.36", legacy.withHundredths(36).toString());
        assertEquals("NR.20190615.12571.36_unp", legacy.withHundredths(36).withSuffix("_unp").toString());
        assertEquals(ArchiveId.parse("KB.20190509.07554.57"), ArchiveId.parseFileName("KB.20190509.07554.57.fits"));
    }

    @Test
    void formatsWithZeroPadding() {
        assertEquals("KF.20200101.00007.05", ArchiveId.of("KF", LocalDate.of(2020, 1, 1), 7, 5).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "KB", "kb.20190509.07554.57", "KB.2019059.07554.57", "KB.20190509.7554.57",
        "KB.20190509.07554.5", "KB.20190230.07554.57", "KB.20190509.86401.00", "KB.20190509.07554.57.fits",
        "KBX.20190509.07554.57", "KB.20190509.07554.57_", "KB.20190509.07554.57_../x", " K B.20190509.07554.57"})
    void rejectsMalformedIdsWithDomainError(String text) {
        DrpException e = assertThrows(DrpException.class, () -> ArchiveId.parse(text));
        assertEquals(CoreErrorCode.ARCHIVE_ID_INVALID, e.code());
        assertFalse(ArchiveId.isValid(text));
    }

    @Test
    void constructorRejectsOutOfRangeParts() {
        LocalDate d = LocalDate.of(2020, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> ArchiveId.of("k1", d, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ArchiveId.of("KB", d, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> ArchiveId.of("KB", d, 0, 100));
        assertThrows(IllegalArgumentException.class, () -> new ArchiveId("KB", d, 0, 0, "unp"));
    }

    @Test
    void exposureKeyFormatsAndParses() throws DrpException {
        ExposureKey k = new ExposureKey("apo", 60000, "R", 12);
        assertEquals("apo/60000/R/0012", k.toString());
        assertEquals(k, ExposureKey.parse("apo/60000/R/0012"));
        assertEquals("apo/60000/G/0012", k.withChip("G").toString());
        assertEquals(CoreErrorCode.EXPOSURE_KEY_INVALID,
                assertThrows(DrpException.class, () -> ExposureKey.parse("APO/60000/R/12")).code());
        assertThrows(IllegalArgumentException.class, () -> new ExposureKey("apo", 60000, "R", 10000));
        assertThrows(IllegalArgumentException.class, () -> new ExposureKey("apo", -1, "R", 1));
    }
}
