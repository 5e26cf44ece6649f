package org.drpkit.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Forces several files to disk at once. The calls are issued concurrently (the first on the calling thread, the
 * others on a shared pool of daemon threads that only wait on the disk), so that the file system can commit them
 * together: ext4's journal, for one, folds concurrent {@code fsync} calls into one commit where sequential calls each
 * need their own. Returns when every file is on disk, or throws the first failure after all have ended.
 */
final class Forcing {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "drpkit-force-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private Forcing() {
    }

    /** Forces every channel (content and metadata); none is closed. */
    static void all(List<FileChannel> channels) throws IOException {
        if (channels.isEmpty()) {
            return;
        }
        if (channels.size() == 1) {
            channels.get(0).force(true);
            return;
        }
        List<Future<?>> others = new ArrayList<>(channels.size() - 1);
        for (FileChannel c : channels.subList(1, channels.size())) {
            others.add(POOL.submit(() -> {
                c.force(true);
                return null;
            }));
        }
        IOException first = null;
        try {
            channels.get(0).force(true);
        } catch (IOException e) {
            first = e;
        }
        boolean interrupted = false;
        for (Future<?> f : others) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the force itself cannot be abandoned: wait for it, then say so
                } catch (ExecutionException e) {
                    IOException io = e.getCause() instanceof IOException x ? x : new IOException(e.getCause());
                    if (first == null) {
                        first = io;
                    } else {
                        first.addSuppressed(io);
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (first != null) {
            throw first;
        }
    }
}
