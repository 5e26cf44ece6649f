package org.drpkit.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.drpkit.core.error.DrpException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelGzipTest {

    @TempDir
    Path dir;

    /** Half noise, half a smooth 16-bit image: data that compresses about as FITS files do. */
    static byte[] data(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i % 4096 < 2048 ? r.nextInt(256) : (i / 64) & 0x0f);
        }
        return b;
    }

    static byte[] gzip(byte[] in, int workers) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(in.length, ParallelGzip.compress(new ByteArrayInputStream(in), out, 6, workers));
        return out.toByteArray();
    }

    static byte[] gunzipJdk(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @Test
    void everySizeAroundTheBlocksComesBackWholeAndTheSameForAnyWorkerCount() throws IOException {
        int b = ParallelGzip.BLOCK;
        for (int n : new int[] {0, 1, 1000, b - 1, b, b + 1, 3 * b + b / 2}) {
            byte[] in = data(n, n);
            byte[] one = gzip(in, 1);
            assertArrayEquals(in, gunzipJdk(one), "size " + n);
            assertArrayEquals(one, gzip(in, 3), "size " + n + ": the bytes do not depend on the workers");
            assertEquals(Math.max(1, (n + b - 1) / b), members(one), "size " + n + ": one member per block");
        }
    }

    /** The system's gunzip reads the concatenated members as one file (skips when gzip is not installed). */
    @Test
    void gunzipReadsTheOutput() throws Exception {
        Path gz = dir.resolve("x.gz");
        byte[] in = data(2 * ParallelGzip.BLOCK + 12345, 7);
        Path src = Files.write(dir.resolve("x"), in);
        ParallelGzip.compress(src, gz, false, 6, 2);
        Process p;
        try {
            p = new ProcessBuilder("gzip", "-dc", gz.toString()).redirectErrorStream(false).start();
        } catch (IOException e) {
            assumeTrue(false, "no gzip: " + e.getMessage());
            return;
        }
        byte[] out = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        assertArrayEquals(in, out);
        assertTrue(Files.size(gz) < 0.8 * in.length, "it compresses: " + Files.size(gz));
    }

    @Test
    void anExistingTargetIsKeptWithoutOverwrite() throws Exception {
        Path src = Files.write(dir.resolve("a"), data(5000, 1));
        Path gz = Files.writeString(dir.resolve("a.gz"), "keep");
        DrpException e = assertThrows(DrpException.class, () -> ParallelGzip.compress(src, gz, false, 6, 2));
        assertEquals("OUTPUT_EXISTS", e.code().name());
        assertEquals("keep", Files.readString(gz));
        ParallelGzip.compress(src, gz, true, 6, 2);
        assertArrayEquals(Files.readAllBytes(src), gunzipJdk(Files.readAllBytes(gz)));
    }

    /** @return the number of gzip members, walking their headers and trailers */
    private static int members(byte[] gz) throws IOException {
        int count = 0;
        int i = 0;
        while (i < gz.length) {
            assertEquals(0x1f, gz[i] & 0xff);
            assertEquals(0x8b, gz[i + 1] & 0xff);
            java.util.zip.Inflater inf = new java.util.zip.Inflater(true);
            inf.setInput(gz, i + 10, gz.length - i - 10);
            byte[] sink = new byte[1 << 16];
            try {
                while (!inf.finished()) {
                    inf.inflate(sink);
                }
            } catch (java.util.zip.DataFormatException e) {
                throw new IOException(e);
            }
            i = gz.length - inf.getRemaining() + 8;
            inf.end();
            count++;
        }
        return count;
    }
}
