package org.drpkit.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.ProcessingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MemoryBudget}: with an injected heap and estimates, the number of files admitted at once is exactly what
 * the budget and the free heap allow, decided again at every admission; and the monitor runs no more files at once
 * than its budget admits.
 */
class MemoryBudgetTest {

    /** A heap whose use the test sets. */
    private static final class FakeHeap implements MemoryBudget.Heap {
        final long max;
        volatile long used;

        FakeHeap(long max, long used) {
            this.max = max;
            this.used = used;
        }

        @Override
        public long max() {
            return max;
        }

        @Override
        public long used() {
            return used;
        }
    }

    @Test
    void admitsAsManyFilesAsTheirNeedsFitInTheBudget() {
        MemoryBudget b = new MemoryBudget(100, 1.0, 0, new FakeHeap(1000, 0));
        MemoryBudget.Lease a = b.tryAcquire(40);
        MemoryBudget.Lease c = b.tryAcquire(40);
        assertNotNull(a);
        assertNotNull(c);
        assertNull(b.tryAcquire(40), "40 + 40 + 40 > 100");
        assertNotNull(b.tryAcquire(20), "40 + 40 + 20 = 100 fits");
        assertEquals(3, b.admitted());
        assertEquals(100, b.inUse());
        a.close();
        a.close(); // a second close releases nothing more
        assertEquals(60, b.inUse());
        assertNotNull(b.tryAcquire(40), "room again once a file finished");
        assertEquals(3, b.admitted());
    }

    @Test
    void theNeedGrowsWithTheFileSize() {
        MemoryBudget b = new MemoryBudget(1000, 3.0, 10, new FakeHeap(10_000, 0));
        assertEquals(10 + 3 * 100, b.need(100));
        int n = 0;
        while (b.tryAcquire(100) != null) {
            n++;
        }
        assertEquals(3, n, "310 bytes each: three fit in 1000");
        MemoryBudget small = new MemoryBudget(1000, 3.0, 10, new FakeHeap(10_000, 0));
        n = 0;
        while (small.tryAcquire(20) != null) {
            n++;
        }
        assertEquals(14, n, "70 bytes each: fourteen fit in 1000");
    }

    @Test
    void aFileLargerThanTheBudgetRunsAloneAndNothingJoinsIt() {
        MemoryBudget b = new MemoryBudget(100, 1.0, 0, new FakeHeap(1000, 0));
        MemoryBudget.Lease big = b.tryAcquire(500);
        assertNotNull(big, "alone it is always admitted: the queue never stalls");
        assertNull(b.tryAcquire(1), "nothing beside it");
        big.close();
        assertNotNull(b.tryAcquire(1));
    }

    @Test
    void theFreeHeapIsCheckedAtEveryAdmission() {
        FakeHeap heap = new FakeHeap(1000, 980);
        MemoryBudget b = new MemoryBudget(500, 1.0, 0, heap);
        assertNotNull(b.tryAcquire(40), "the first file runs whatever the heap");
        assertNull(b.tryAcquire(40), "20 bytes free: a second file waits although the budget has room");
        heap.used = 500; // the collector freed memory (or another user of the heap let go)
        assertNotNull(b.tryAcquire(40), "500 bytes free now");
        heap.used = 990;
        assertNull(b.tryAcquire(20), "10 bytes free");
    }

    @Test
    void aWaitingWorkerStartsWhenAFileFinishesOrGivesUpWhenStopped() throws Exception {
        MemoryBudget b = new MemoryBudget(100, 1.0, 0, new FakeHeap(1000, 0));
        MemoryBudget.Lease first = b.tryAcquire(80);
        CompletableFuture<MemoryBudget.Lease> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return b.acquire(80, () -> false);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        assertTrue(!waiting.isDone(), "80 + 80 > 100: it waits");
        first.close();
        MemoryBudget.Lease second = waiting.get(10, TimeUnit.SECONDS);
        assertEquals(80, second.bytes());
        assertNull(b.acquire(80, () -> true), "stopped while waiting: no lease");
        assertEquals(1, b.admitted());
    }

    @Test
    void theMonitorRunsNoMoreFilesAtOnceThanItsBudgetAdmits(@TempDir Path tmp) throws Exception {
        Path watched = Files.createDirectories(tmp.resolve("sdata"));
        for (int i = 0; i < 4; i++) {
            TestFiles.nirc2(watched, String.format("n%04d.fits", i), String.format("10:00:%02d.00", i), i);
        }
        long size = Files.size(watched.resolve("n0000.fits"));
        // room for one file's need, not two: with three workers, files must still run one at a time
        MemoryBudget budget = new MemoryBudget((long) (1.5 * size), 1.0, 0, new FakeHeap(Long.MAX_VALUE / 2, 0));
        AtomicInteger most = new AtomicInteger();
        AtomicInteger least = new AtomicInteger(Integer.MAX_VALUE);
        IngestListener watch = (file, step) -> {
            int now = budget.admitted();
            most.accumulateAndGet(now, Math::max);
            least.accumulateAndGet(now, Math::min);
            if (step.equals("dqa")) {
                try {
                    Thread.sleep(150); // long enough for the other workers to try
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (Ledger l = JdbcLedger.open("jdbc:h2:file:" + tmp.resolve("koadata/ledger").toAbsolutePath())) {
            IngestContext ctx = IngestContext.builder(tmp.resolve("koadata")).listener(watch)
                    .options(IngestOptions.archive().fsync(false)).build();
            Monitor m = new Monitor(new IngestService(l, ctx, null), List.of(watched),
                    new Monitor.Options(3, Duration.ofSeconds(30), Duration.ofMillis(100)),
                    new AlertThrottle(a -> { }, Duration.ofHours(1), Clock.systemUTC()), budget);
            m.start();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (l.find(LedgerQuery.all().status(ProcessingStatus.PROCESSED)).size() < 4) {
                assertTrue(System.nanoTime() < end, "timed out: " + l.find(LedgerQuery.all()));
                Thread.sleep(50);
            }
            m.stop(Duration.ofSeconds(10));
        }
        assertEquals(1, most.get(), "never two files at once");
        assertEquals(1, least.get(), "every step ran under a lease");
        assertEquals(0, budget.admitted(), "every lease released");
    }
}
