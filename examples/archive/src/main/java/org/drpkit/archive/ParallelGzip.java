package org.drpkit.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.drpkit.core.error.DrpException;
import org.drpkit.fits.AtomicFiles;

/**
 * gzip compression on several cores, for files on their way to the archive: the input is cut into blocks of
 * {@value #BLOCK} bytes, each compressed by a worker into a complete gzip member, and the members are written in
 * order. RFC 1952 lets a gzip file hold several members, which {@code gunzip} and {@link java.util.zip.GZIPInputStream}
 * read back as one stream. Unlike pigz, a block does not prime its dictionary with the previous block's last 32 KB:
 * each member stands alone, which costs a little ratio (a 32 KB window in 1 MB) and keeps every worker independent.
 * The output is the same bytes for any number of workers (header mtime 0, OS byte 255).
 *
 * <pre>{@code
 * ParallelGzip.compress(Path.of("n0051.fits"), Path.of("n0051.fits.gz"), false, 6, 2);
 * }</pre>
 */
public final class ParallelGzip {

    /** Bytes of input per gzip member. */
    public static final int BLOCK = 1 << 20;

    private ParallelGzip() {
    }

    /**
     * Compresses a file into {@code target}, written whole or not at all.
     *
     * @param level   deflate level 1 (fast) to 9 (small)
     * @param workers threads (at least 1)
     * @throws DrpException {@code OUTPUT_EXISTS} without {@code overwrite}; {@code WRITE_FAILED} on an I/O error,
     *                      reading the source included (the target is then untouched)
     * @throws IOException  when the source cannot be opened
     */
    public static void compress(Path source, Path target, boolean overwrite, int level, int workers)
            throws DrpException, IOException {
        AtomicFiles.requireWritable(target, overwrite);
        try (InputStream in = Files.newInputStream(source)) {
            AtomicFiles.write(target, overwrite, out -> compress(in, out, level, workers));
        }
    }

    /**
     * Compresses a stream. At most {@code 2 workers} blocks are held at a time, so memory does not grow with the
     * input.
     *
     * @param level   deflate level 1 to 9
     * @param workers threads (at least 1)
     * @return bytes read
     */
    public static long compress(InputStream in, OutputStream out, int level, int workers) throws IOException {
        if (level < 1 || level > 9 || workers < 1) {
            throw new IllegalArgumentException("level 1..9 and at least one worker, got " + level + ", " + workers);
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "drpkit-gzip");
            t.setDaemon(true);
            return t;
        });
        try {
            ArrayDeque<Future<byte[]>> pending = new ArrayDeque<>();
            long total = 0;
            boolean any = false;
            while (true) {
                byte[] block = in.readNBytes(BLOCK);
                if (block.length == 0 && any) {
                    break;
                }
                any = true;
                total += block.length;
                pending.add(pool.submit(() -> member(block, level)));
                if (pending.size() >= 2 * workers) {
                    out.write(take(pending));
                }
                if (block.length < BLOCK) {
                    break;
                }
            }
            while (!pending.isEmpty()) {
                out.write(take(pending));
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] take(ArrayDeque<Future<byte[]>> pending) throws IOException {
        try {
            return pending.poll().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while compressing", e);
        } catch (ExecutionException e) {
            throw new IOException("compressing a block failed", e.getCause());
        }
    }

    /** @return one complete gzip member holding {@code data}: header, raw deflate, CRC-32 and length */
    static byte[] member(byte[] data, int level) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(data.length / 3 + 64);
        // ID1 ID2 CM=deflate FLG=0 MTIME=0 XFL OS=255 (unknown)
        b.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, (byte) (level == 9 ? 2 : level == 1 ? 4 : 0),
            (byte) 0xff}, 0, 10);
        Deflater d = new Deflater(level, true);
        try {
            d.setInput(data);
            d.finish();
            byte[] buf = new byte[64 * 1024];
            while (!d.finished()) {
                int n = d.deflate(buf);
                b.write(buf, 0, n);
            }
        } finally {
            d.end();
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        writeIntLe(b, (int) crc.getValue());
        writeIntLe(b, data.length);
        return b.toByteArray();
    }

    private static void writeIntLe(ByteArrayOutputStream b, int v) {
        b.write(v);
        b.write(v >>> 8);
        b.write(v >>> 16);
        b.write(v >>> 24);
    }
}
