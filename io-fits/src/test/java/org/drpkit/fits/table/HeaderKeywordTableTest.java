package org.drpkit.fits.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.drpkit.core.header.Header;
import org.junit.jupiter.api.Test;

/** {@link HeaderKeywordTable}: a metadata table for instruments without archive keyword definitions. */
class HeaderKeywordTableTest {

    @Test
    void everyValueOfTheHeaderComesBackFromItsTable() throws Exception {
        Header h = Header.builder().add("SIMPLE", true).add("KOAID", "AP.20230101.10800.00_G.fits")
                .add("TELESCOP", "apo25m").add("NREAD", 47L).add("EXPTIME", 499.69).add("LAMPQRTZ", false)
                .add("OBJECT", null).comment("a comment").add("TELESCOP", "second, ignored").build();
        MetadataValues values = MetadataValues.none().with("PROPINT", 18L).with("WARNINGS", List.of("not a scalar"))
                .with("TELESCOP", "a card already, ignored");
        KeywordTable t = HeaderKeywordTable.of(h, values);
        assertEquals(List.of("KOAID", "TELESCOP", "NREAD", "EXPTIME", "LAMPQRTZ", "OBJECT", "PROPINT"),
                t.definitions().stream().map(KeywordDefinition::keyword).toList());
        MetadataResult m = MetadataWriter.of(t).write(h, values);
        assertTrue(m.warnings().isEmpty(), m.warnings().toString());
        IpacTable back = IpacTable.parse("m", m.table().text());
        assertEquals("AP.20230101.10800.00_G.fits", back.value(0, "KOAID"));
        assertEquals("apo25m", back.value(0, "TELESCOP"));
        assertEquals("47", back.value(0, "NREAD"));
        assertEquals("499.69", back.value(0, "EXPTIME"));
        assertEquals("F", back.value(0, "LAMPQRTZ"));
        assertEquals("null", back.value(0, "OBJECT"));
        assertEquals("18", back.value(0, "PROPINT"));
        assertEquals("integer", back.columns().get(2).type());
    }
}
