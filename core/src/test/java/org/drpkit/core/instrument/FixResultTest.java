package org.drpkit.core.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.ErrorCode;
import org.drpkit.core.header.Header;
import org.junit.jupiter.api.Test;

class FixResultTest {

    /** A plugin with one card rule, one warning rule and one fact rule. */
    private static final InstrumentPlugin CAM = new InstrumentPlugin() {
        @Override
        public String name() {
            return "CAM";
        }

        @Override
        public boolean accepts(Header primary) {
            return true;
        }

        @Override
        public List<HeaderFixRule> fixRules() {
            return List.of(
                    HeaderFixRule.of("cam.telescope", (h, ctx) -> h.toBuilder().fix("TELESCOP", "T1", null,
                            "cam.telescope").build()),
                    HeaderFixRule.onResult("cam.type", (r, ctx) -> r.warn(FixWarning.of("TYPE_UDF", "cam.type",
                            "IMAGETYP", "no rule matched")).withFacts(f -> f.withImageType("undefined"))),
                    HeaderFixRule.onResult("cam.propint", (r, ctx) -> r.withFacts(f -> f.withProprietaryMonths(18))));
        }
    };

    @Test
    void fixCarriesCardsWarningsAndFactsSeparately() throws Exception {
        FixResult r = CAM.fix(Header.builder().add("INSTRUME", "CAM").build(), FixContext.offline());
        assertEquals("T1", r.header().getString("TELESCOP").orElseThrow());
        assertEquals(1, r.header().fixes().size(), "only the card rule is in the fix log");
        assertEquals(List.of(new FixWarning("TYPE_UDF", "cam.type", "IMAGETYP", "no rule matched")), r.warnings());
        assertTrue(r.warned("TYPE_UDF"));
        assertEquals("undefined", r.facts().imageType().orElseThrow());
        assertEquals(OptionalInt.of(18), r.facts().proprietaryMonths());
        assertFalse(r.header().contains("PROPINT"), "facts never become cards");
    }

    @Test
    void cardRuleThatChangesNothingReturnsTheSameResult() throws Exception {
        FixResult in = FixResult.of(Header.empty());
        assertSame(in, HeaderFixRule.of("noop", (h, ctx) -> h).apply(in, FixContext.offline()));
    }

    @Test
    void defaultUniqueIdRuleTakesOnlyTheWantedIdAndKeepsTheHeader() throws Exception {
        var id = org.drpkit.core.id.ArchiveId.parse("XX.20200101.00001.00");
        assertEquals(id, CAM.uniqueArchiveId(id, x -> false).orElseThrow());
        assertTrue(CAM.uniqueArchiveId(id, x -> true).isEmpty());
        Header h = Header.builder().add("A", 1L).build();
        assertSame(h, CAM.withArchiveId(h, id, "taken"));
    }

    private enum PluginCode implements ErrorCode {
        NO_NAME {
            @Override
            public ErrorCode kind() {
                return CoreErrorCode.HEADER_ORIGINAL_NAME_MISSING;
            }
        },
        OTHER
    }

    @Test
    void pluginCodesDeclareWhichCoreCodeTheyAreACaseOf() {
        assertTrue(PluginCode.NO_NAME.isA(CoreErrorCode.HEADER_ORIGINAL_NAME_MISSING));
        assertEquals("NO_NAME", PluginCode.NO_NAME.name(), "the stored name stays the plugin's");
        assertFalse(PluginCode.OTHER.isA(CoreErrorCode.HEADER_ORIGINAL_NAME_MISSING));
        assertTrue(CoreErrorCode.HEADER_BAD_VALUE.isA(CoreErrorCode.HEADER_BAD_VALUE));
    }
}
