package org.drpkit.algorithms.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.drpkit.core.error.DrpException;

/**
 * Runs a fixed number of workers over numbered blocks of work: each worker takes the next block from a shared
 * counter until none is left, so the load balances itself. A stage stays deterministic for any thread count as long
 * as a block's result depends only on the block (and per-worker scratch is reset per block): which worker does
 * which block then does not matter.
 *
 * <p>Without an executor, workers run on the common fork-join pool when it has a thread for each, otherwise each on
 * a thread of its own (on a 2-core machine the common pool has one thread), on any JDK.
 *
 * <pre>{@code
 * BlockWorkers.run(2, 256, null, () -> new float[1024], (scratch, block) -> work(block, scratch));
 * }</pre>
 */
public final class BlockWorkers {

    private BlockWorkers() {
    }

    /** The work of one block, with the worker's own state. */
    @FunctionalInterface
    public interface Task<S> {
        /**
         * @param state the calling worker's state (never shared between workers)
         * @param block the block index, {@code 0 .. blocks-1}
         * @throws DrpException for bad input; the first one stops the run and is rethrown
         */
        void run(S state, int block) throws DrpException;
    }

    /**
     * @param threads  workers (at least 1; at most {@code blocks} are started)
     * @param blocks   number of blocks
     * @param executor where workers run, or null for the default asynchronous pool
     * @param newState creates one worker's state
     * @return the states of the workers that ran, in start order (for merging their counters)
     * @throws DrpException the first bad-input exception a block raised
     */
    public static <S> List<S> run(int threads, int blocks, Executor executor, java.util.function.Supplier<S> newState,
            Task<S> task) throws DrpException {
        int workers = Math.max(1, Math.min(threads, blocks));
        AtomicInteger next = new AtomicInteger();
        List<S> states = new ArrayList<>();
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        Executor pool = executor != null ? executor : defaultPool(workers);
        for (int w = 0; w < workers; w++) {
            S state = newState.get();
            states.add(state);
            Runnable r = () -> {
                int b;
                while ((b = next.getAndIncrement()) < blocks) {
                    try {
                        task.run(state, b);
                    } catch (DrpException e) {
                        next.set(blocks); // stop the others
                        throw new CompletionException(e);
                    } catch (RuntimeException | Error e) {
                        next.set(blocks);
                        throw e;
                    }
                }
            };
            futures.add(CompletableFuture.runAsync(r, pool));
        }
        try {
            CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join();
        } catch (CompletionException e) {
            Throwable c = e.getCause();
            while (c instanceof CompletionException && c.getCause() != null) {
                c = c.getCause();
            }
            if (c instanceof DrpException d) {
                throw d;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error er) {
                throw er;
            }
            throw e;
        }
        return states;
    }

    /**
     * The common fork-join pool when it has a thread for every worker, otherwise a new daemon thread per worker. Not
     * left to {@link CompletableFuture#runAsync(Runnable)}: JDK 17 starts a thread per task when the common pool has
     * fewer than two threads (as on a 2-core machine, where it has one), but JDK 25 queues the tasks on that one
     * thread, so two workers ran one after the other (measured: the ramp chain on 2 cores 150 M samples/s with two
     * workers against 145 M with one).
     */
    private static Executor defaultPool(int workers) {
        if (workers > 1 && ForkJoinPool.getCommonPoolParallelism() < workers) {
            return r -> {
                Thread t = new Thread(r, "drpkit-block-worker");
                t.setDaemon(true);
                t.start();
            };
        }
        return ForkJoinPool.commonPool();
    }
}
