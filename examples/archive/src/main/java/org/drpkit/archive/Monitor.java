package org.drpkit.archive;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches folders for new FITS files and keeps them ingested: the archive's {@code monitor.py}, with its open
 * questions answered (when a file is complete, what happens on restart, how often to alert).
 *
 * <ul>
 * <li>Detection: a {@code WatchService} on every folder under the roots (new sub-folders are watched as they
 *     appear), and a rescan of the whole tree at start-up and every {@link Options#rescanEvery()}, so files that
 *     arrived while the monitor was down, or whose events were lost, are found. Watch events are hints only.</li>
 * <li>Queueing: a file is queued once its size and modification time have stayed the same for
 *     {@link Options#settle()} (an instrument may still be writing it); files the ledger already holds with the same
 *     size are skipped without being read; the ledger itself refuses a second row for the same path and MD5.</li>
 * <li>Processing: a bounded pool of {@link Options#workers()} threads (by default one per core), each claiming rows
 *     atomically and draining the backlog continuously. Before a claimed file starts, a {@link MemoryBudget} of
 *     {@link Options#memory()} of the heap must admit it: its estimated need (from its size) must fit beside the files
 *     in flight and in the heap free at that moment, so large files run fewer at a time and a full heap holds workers
 *     back, decided again for every file.</li>
 * <li>Alerts: INVALID and ERROR outcomes go to a {@link Notifier} through an {@link AlertThrottle} per (instrument,
 *     code).</li>
 * <li>Stopping ({@link #stop}, e.g. from a SIGTERM shutdown hook): no new claims; files in flight finish within the
 *     grace period, else they stop at their next step and go back to the queue.</li>
 * </ul>
 *
 * <pre>{@code
 * Monitor m = new Monitor(service, List.of(Path.of("/sdata")), Monitor.Options.defaults(), throttle);
 * m.start();
 * Runtime.getRuntime().addShutdownHook(new Thread(() -> m.stop(Duration.ofSeconds(30))));
 * }</pre>
 */
public final class Monitor {

    private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);

    /**
     * How the monitor runs.
     *
     * @param workers     worker threads
     * @param rescanEvery time between full rescans of the folders
     * @param settle      how long a file's size and time must stay unchanged before it is queued
     * @param memory      the fraction of the maximum heap the files in flight may need together
     *                    ({@link MemoryBudget}); workers beyond it wait
     */
    public record Options(int workers, Duration rescanEvery, Duration settle, double memory) {

        /** The default share of the heap for files in flight. */
        public static final double DEFAULT_MEMORY = 0.5;

        /** Checks the values. */
        public Options {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1: " + workers);
            }
            if (!(memory > 0 && memory <= 1)) {
                throw new IllegalArgumentException("memory must be a fraction of the heap in (0, 1]: " + memory);
            }
        }

        /** Options with the default memory share ({@value #DEFAULT_MEMORY} of the heap). */
        public Options(int workers, Duration rescanEvery, Duration settle) {
            this(workers, rescanEvery, settle, DEFAULT_MEMORY);
        }

        /** @return one worker per core, half the heap for files in flight, a rescan a minute, 2 s to settle */
        public static Options defaults() {
            return new Options(defaultWorkers(), Duration.ofMinutes(1), Duration.ofSeconds(2));
        }

        /**
         * @return one worker per core, at least one; how many of them run at once is decided per file by the
         *         monitor's {@link MemoryBudget}
         */
        public static int defaultWorkers() {
            return Math.max(1, Runtime.getRuntime().availableProcessors());
        }
    }

    /** A file seen but not yet queued: its size and time when last looked at, and since when they held. */
    private record Pending(long size, long modified, Instant stableSince) {
    }

    private final IngestService service;
    private final List<Path> roots;
    private final Options options;
    private final AlertThrottle alerts;
    private final MemoryBudget budget;
    private final Map<Path, Long> known = new ConcurrentHashMap<>();
    private final Map<Path, Pending> pending = new ConcurrentHashMap<>();
    private final Semaphore work = new Semaphore(0);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean cancel = new AtomicBoolean();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private WatchService watcher;

    /**
     * @param roots folders to watch (each walked recursively)
     */
    public Monitor(IngestService service, List<Path> roots, Options options, AlertThrottle alerts) {
        this(service, roots, options, alerts, MemoryBudget.ofHeap(options.memory()));
    }

    /**
     * @param roots  folders to watch (each walked recursively)
     * @param budget what decides how many files run at once (e.g. a test's own heap and estimates)
     */
    public Monitor(IngestService service, List<Path> roots, Options options, AlertThrottle alerts,
            MemoryBudget budget) {
        this.budget = budget;
        this.service = service;
        this.roots = roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.options = options;
        this.alerts = alerts;
    }

    /**
     * Recovers the claims of dead workers, learns which files the ledger holds, starts watching, rescans, and starts
     * the workers.
     *
     * @throws DrpException when the ledger cannot be read
     * @throws IOException  when a folder cannot be watched
     */
    public synchronized void start() throws DrpException, IOException {
        int recovered = service.recover();
        if (recovered > 0) {
            LOG.info("{} files of stopped workers queued again", recovered);
        }
        for (LedgerRow r : service.ledger().find(LedgerQuery.all())) {
            if (r.fileSize() != null) {
                known.put(Path.of(r.ofname()), r.fileSize());
            }
        }
        watcher = FileSystems.getDefault().newWatchService();
        for (Path root : roots) {
            register(root);
        }
        rescan();
        threads.add(thread("monitor-watch", this::watch));
        threads.add(thread("monitor-queue", this::queueLoop));
        for (int w = 1; w <= options.workers(); w++) {
            String name = Workers.name(w);
            threads.add(thread("monitor-" + name, () -> workLoop(name)));
        }
        work.release(options.workers());
        LOG.info("monitoring {} with {} workers, {}", roots, options.workers(), budget);
    }

    /**
     * Stops: no new claims and no new files; files in flight may finish within {@code grace}, after which they stop at
     * their next step and are queued again. Returns when every thread has ended. Safe to call more than once.
     */
    public void stop(Duration grace) {
        if (!stopping.compareAndSet(false, true)) {
            awaitStopped();
            return;
        }
        try {
            if (watcher != null) {
                watcher.close();
            }
        } catch (IOException e) {
            LOG.warn("closing the watch service: {}", e.toString());
        }
        work.release(options.workers() * 2);
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    t.join(Math.max(1, left / 1_000_000));
                }
                if (t.isAlive()) {
                    cancel.set(true);
                    t.join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel.set(true);
            }
        }
        LOG.info("monitor stopped: {} files queued, {} finished", queued.get(), finished.get());
        stopped.countDown();
    }

    /** Blocks until {@link #stop} has finished. */
    public void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return files queued since start */
    public long queued() {
        return queued.get();
    }

    /** @return the memory budget that admits each file */
    public MemoryBudget budget() {
        return budget;
    }

    /** @return files finished (any final state) since start */
    public long finished() {
        return finished.get();
    }

    // ------------------------------------------------------------------------------------------------- detection

    private void register(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                d.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Walks every root and notes the FITS files not yet queued. */
    private void rescan() {
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (var s = Files.walk(root)) {
                s.filter(this::isFits).forEach(this::seen);
            } catch (IOException | RuntimeException e) {
                LOG.warn("rescanning {}: {}", root, e.toString());
            }
        }
    }

    private void watch() {
        Instant nextRescan = Instant.now().plus(options.rescanEvery());
        while (!stopping.get()) {
            WatchKey key;
            try {
                key = watcher.poll(250, TimeUnit.MILLISECONDS);
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return;
            }
            if (key != null) {
                Path dir = (Path) key.watchable();
                for (WatchEvent<?> ev : key.pollEvents()) {
                    if (ev.kind() == StandardWatchEventKinds.OVERFLOW) {
                        rescan(); // events were lost: look at everything
                        continue;
                    }
                    Path p = dir.resolve((Path) ev.context());
                    if (ev.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(p)) {
                        try {
                            register(p);
                            try (var s = Files.walk(p)) {
                                s.filter(this::isFits).forEach(this::seen);
                            }
                        } catch (IOException | RuntimeException e) {
                            LOG.warn("watching {}: {}", p, e.toString());
                        }
                    } else if (isFits(p)) {
                        seen(p);
                    }
                }
                key.reset();
            }
            if (Instant.now().isAfter(nextRescan)) {
                rescan();
                nextRescan = Instant.now().plus(options.rescanEvery());
            }
        }
    }

    private boolean isFits(Path p) {
        return FitsFiles.hasFitsName(p) && !p.getFileName().toString().startsWith(".") && !ours(p)
                && Files.isRegularFile(p);
    }

    /** @return true for the service's own files (products, stage copies, rejected files), in a watched folder */
    private boolean ours(Path p) {
        IngestContext c = service.context();
        Path a = p.toAbsolutePath().normalize();
        return a.startsWith(c.root()) || (c.stage() != null && a.startsWith(c.stage())) || a.startsWith(c.anc());
    }

    private void seen(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            long size = Files.size(abs);
            Long k = known.get(abs);
            if (k != null && k == size) {
                return; // in the ledger already (a rewrite of the same size is found by its MD5 when queued)
            }
            pending.compute(abs, (path, old) -> old != null ? old
                    : new Pending(-1, -1, Instant.now()));
        } catch (IOException e) {
            // gone already
        }
    }

    // --------------------------------------------------------------------------------------------------- queueing

    private void queueLoop() {
        while (!stopping.get()) {
            Instant now = Instant.now();
            for (Map.Entry<Path, Pending> e : new HashMap<>(pending).entrySet()) {
                Path p = e.getKey();
                Pending was = e.getValue();
                try {
                    long size = Files.size(p);
                    long modified = Files.getLastModifiedTime(p).toMillis();
                    if (size != was.size() || modified != was.modified()) {
                        pending.put(p, new Pending(size, modified, now)); // still changing: wait
                    } else if (!now.isBefore(was.stableSince().plus(options.settle()))) {
                        pending.remove(p);
                        IngestService.Queued q = service.enqueue(p);
                        known.put(p, size);
                        if (q.created()) {
                            queued.incrementAndGet();
                            work.release();
                        }
                    }
                } catch (IOException gone) {
                    pending.remove(p);
                } catch (DrpException ledgerDown) {
                    LOG.warn("queueing {}: {} (will retry)", p, ledgerDown.getMessage());
                }
            }
            sleep(200);
        }
    }

    // ---------------------------------------------------------------------------------------------------- workers

    private void workLoop(String name) {
        while (!stopping.get()) {
            try {
                work.tryAcquire(1, TimeUnit.SECONDS); // a hint: the queue is checked either way
                while (!stopping.get()) {
                    Optional<IngestService.Finished> f = service.processNext(name, cancel::get, budget);
                    if (f.isEmpty()) {
                        break;
                    }
                    finished.incrementAndGet();
                    alert(f.get());
                }
            } catch (InterruptedException e) {
                return;
            } catch (DrpException e) {
                LOG.warn("worker {}: {} (retrying)", name, e.getMessage());
                sleep(1000);
            } catch (RuntimeException e) {
                LOG.error("worker " + name + ": a run failed outside the workflow", e);
                sleep(1000);
            }
        }
    }

    private void alert(IngestService.Finished f) {
        IngestResult r = f.result();
        if (r == null || (f.status() != ProcessingStatus.ERROR && f.status() != ProcessingStatus.INVALID)
                || IngestCode.INSTRUMENT_DISABLED.name().equals(r.code())) {
            return; // a switched-off instrument's files are expected, not news
        }
        String text = r.events().isEmpty() ? r.toString() : r.events().get(r.events().size() - 1).text();
        String code = r.code() != null ? r.code() : f.status().name();
        if (f.delivery() != null && f.delivery().statusCode() != null) { // processed, but the delivery failed
            code = f.delivery().statusCode();
            text = f.delivery().error();
        }
        alerts.offer(r.instrument() != null ? r.instrument() : IngestService.UNKNOWN, code, r.file() + ": " + text);
    }

    private static Thread thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
