package org.drpkit.algorithms.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.ErrorCode;
import org.drpkit.core.error.Location;
import org.junit.jupiter.api.Test;

class BlockWorkersTest {

    /**
     * Without an executor, two workers run at the same time on any machine and JDK: each waits in its first block
     * for the other to arrive (on JDK 25 with a one-thread common pool they used to run one after the other, and
     * this wait timed out).
     */
    @Test
    void twoWorkersRunConcurrentlyWithoutAnExecutor() throws DrpException {
        CountDownLatch both = new CountDownLatch(2);
        boolean[] met = new boolean[2];
        List<int[]> states = BlockWorkers.run(2, 2, null, () -> new int[1], (s, b) -> {
            both.countDown();
            try {
                met[b] = both.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertEquals(2, states.size());
        assertTrue(met[0] && met[1], "the two workers did not overlap");
    }

    @Test
    void everyBlockRunsOnceAndTheFirstDomainErrorIsRethrown() throws DrpException {
        AtomicIntegerArray runs = new AtomicIntegerArray(100);
        BlockWorkers.run(3, 100, null, () -> null, (s, b) -> runs.incrementAndGet(b));
        for (int b = 0; b < 100; b++) {
            assertEquals(1, runs.get(b), "block " + b);
        }
        DrpException bad = new DrpException(TestCode.BAD, Location.NOWHERE, "block 7");
        DrpException thrown = assertThrows(DrpException.class, () -> BlockWorkers.run(2, 20, null, () -> null,
                (s, b) -> {
                    if (b == 7) {
                        throw bad;
                    }
                }));
        assertSame(bad, thrown);
    }

    enum TestCode implements ErrorCode {
        BAD
    }
}
