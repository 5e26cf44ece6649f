package org.drpkit.core.header;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CardValuesTest {

    @Test
    void integralDoublesAndIntegerStringsAreLongsButFractionsAreNot() {
        assertEquals(Optional.of(5L), CardValues.asLong(5.0));
        assertEquals(Optional.of(-12L), CardValues.asLong(" -12 "));
        assertEquals(Optional.of(300L), CardValues.asLong("3.0E2"));
        assertEquals(Optional.empty(), CardValues.asLong(5.5));
        assertEquals(Optional.empty(), CardValues.asLong(true));
    }

    @Test
    void fortranExponentsAndNumericStringsAreDoublesButBlanksAreNot() {
        assertEquals(Optional.of(150.0), CardValues.asDouble("1.5D2"));
        assertEquals(Optional.of(4.0), CardValues.asDouble(4L));
        assertEquals(Optional.empty(), CardValues.asDouble("  "));
        assertEquals(Optional.empty(), CardValues.asDouble("fast"));
    }

    @Test
    void logicalsReadFromTheArchiveSpellingsOnly() {
        assertEquals(Optional.of(true), CardValues.asBoolean("T"));
        assertEquals(Optional.of(false), CardValues.asBoolean(" false "));
        assertEquals(Optional.empty(), CardValues.asBoolean("yes"));
        assertEquals("T", CardValues.text(true));
        assertEquals("2.5", CardValues.text(2.5));
    }
}
