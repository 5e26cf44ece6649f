package org.drpkit.core.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.drpkit.core.header.Header;
import org.junit.jupiter.api.Test;

class FixContextTest {

    @Test
    void carriesTheHeadersOfEveryHduThroughToBuilder() {
        Header primary = Header.builder().add("NAXIS", 0L).build();
        Header ext = Header.builder().add("XTENSION", "IMAGE").add("DETSEC", "[1:1024,1:4096]").build();
        FixContext ctx = FixContext.builder().hdus(List.of(primary, ext)).build();
        assertEquals(2, ctx.hdus().size());
        assertEquals("[1:1024,1:4096]", ctx.toBuilder().build().hdus().get(1).getString("DETSEC").orElseThrow());
    }

    @Test
    void offlineContextKnowsNoHdus() {
        assertTrue(FixContext.offline().hdus().isEmpty());
    }
}
