package org.drpkit.fits;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A few reusable direct buffers for positional file reads: the kernel copies straight into them, saving the extra
 * copy the JDK makes when reading into a heap array. Thread-safe; a thread borrows a buffer for one read and
 * gives it back. Buffers are sized to the request (a power of two from 64 KiB to {@value #SIZE} bytes), and at most
 * {@value #KEEP} idle ones are kept per reader.
 */
final class DirectBuffers {

    /** Largest buffer; larger reads are split by the caller or fall back to a heap buffer. */
    static final int SIZE = 4 << 20;
    private static final int MIN = 64 << 10;
    private static final int KEEP = 4;

    private final ConcurrentLinkedQueue<ByteBuffer> idle = new ConcurrentLinkedQueue<>();

    /** @return a cleared direct buffer of at least {@code bytes} (at most {@link #SIZE}) bytes */
    ByteBuffer take(int bytes) {
        ByteBuffer b = idle.poll();
        if (b == null || b.capacity() < bytes) {
            b = ByteBuffer.allocateDirect(Math.max(MIN, Integer.highestOneBit(Math.max(1, bytes - 1)) << 1));
        }
        return b.clear();
    }

    /** Returns a buffer taken with {@link #take()}. */
    void give(ByteBuffer b) {
        if (idle.size() < KEEP) {
            idle.offer(b);
        }
    }
}
