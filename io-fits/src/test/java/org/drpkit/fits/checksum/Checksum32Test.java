package org.drpkit.fits.checksum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import nom.tam.fits.utilities.FitsCheckSum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel and the ASCII encoding, against nom-tam-fits' independent implementation and hand-made sums. */
class Checksum32Test {

    @Test
    void sumOfRandomBytesEqualsNomTamFitsForEveryLengthAndOffset() {
        Random r = new Random(42);
        byte[] b = new byte[4096 + 13];
        r.nextBytes(b);
        for (int len = 0; len <= 64; len += 4) {
            for (int off = 0; off < 12; off += 4) {
                assertEquals(FitsCheckSum.checksum(Arrays.copyOfRange(b, off, off + len)), Checksum32.add(0, b, off, len),
                        "len " + len);
            }
        }
        assertEquals(FitsCheckSum.checksum(Arrays.copyOf(b, 4096)), Checksum32.add(0, b, 0, 4096));
    }

    @Test
    void endAroundCarryFoldsIntoTheLowBit() {
        byte[] words = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 1};
        assertEquals(1, Checksum32.add(0, words, 0, 8), "0xFFFFFFFF + 1 = 1 in ones' complement");
        byte[] big = {(byte) 0x80, 0, 0, 0, (byte) 0x80, 0, 0, 1};
        assertEquals(2, Checksum32.add(0, big, 0, 8), "0x80000000 + 0x80000001 = 2 after the carry");
    }

    @Test
    void trailingPartialWordCountsAsZeroPadded() {
        byte[] b = {1, 2, 3, 4, 5, 6};
        byte[] padded = {1, 2, 3, 4, 5, 6, 0, 0};
        assertEquals(Checksum32.add(0, padded, 0, 8), Checksum32.add(0, b, 0, 6));
        assertEquals(Checksum32.add(0, padded, 0, 8), Checksum32.add(0, ByteBuffer.allocateDirect(6).put(b).flip()));
    }

    @Test
    void piecesCombineToTheSumOfTheWhole() {
        Random r = new Random(7);
        byte[] b = new byte[2880 * 5];
        r.nextBytes(b);
        long whole = Checksum32.add(0, b, 0, b.length);
        long pieces = Checksum32.combine(Checksum32.add(0, b, 0, 2880), Checksum32.add(0, b, 2880, b.length - 2880));
        assertEquals(whole, pieces);
        assertEquals(whole, Checksum32.add(Checksum32.add(0, b, 0, 2880), b, 2880, b.length - 2880));
        assertEquals(whole, Checksum32.add(0, ByteBuffer.allocateDirect(b.length).put(b).flip()), "direct buffer");
    }

    @Test
    void fileRangeSumEqualsArraySumAndTreatsMissingFillAsZeros(@TempDir Path dir) throws IOException {
        Random r = new Random(3);
        byte[] b = new byte[3 * (1 << 20) + 2880];
        r.nextBytes(b);
        Path f = dir.resolve("r.bin");
        Files.write(f, b);
        try (FileChannel ch = FileChannel.open(f)) {
            assertEquals(Checksum32.add(0, b, 2880, b.length - 2880), Checksum32.of(ch, 2880, b.length - 2880));
            assertEquals(Checksum32.add(0, b, 0, b.length), Checksum32.of(ch, 0, b.length + 5760));
        }
    }

    @Test
    void encodingEqualsNomTamFitsAndDecodesBack() {
        Random r = new Random(11);
        long[] special = {0, 1, 0xFFFF_FFFFL, 0x3A3A_3A3AL, 0x5B5B_5B5BL, 0x4040_4040L, 0xFFL << 24};
        for (int i = 0; i < 20_000; i++) {
            long v = i < special.length ? special[i] : r.nextLong() & 0xFFFF_FFFFL;
            for (boolean comp : new boolean[] {false, true}) {
                String text = ChecksumText.encode(v, comp);
                assertEquals(FitsCheckSum.encode(v, comp), text, Long.toHexString(v));
                assertEquals(true, ChecksumText.isWellFormed(text), text);
                assertEquals(v, ChecksumText.decode(text, comp), text);
            }
        }
    }

    @Test
    void zerosPlaceholderEncodesZero() {
        assertEquals(ChecksumText.ZEROS, ChecksumText.encode(0, false));
        assertEquals(0, ChecksumText.decode(ChecksumText.ZEROS, false));
    }
}
