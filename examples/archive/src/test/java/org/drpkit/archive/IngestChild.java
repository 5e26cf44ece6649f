package org.drpkit.archive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.drpkit.archive.ledger.TestDatabases;
import org.drpkit.core.status.Ledger;

/**
 * The process the kill test forks: queues every FITS file of a folder, recovers dead workers' claims, prints
 * {@code READY}, drains the queue with two workers, prints {@code DONE}. Before each step of each file it prints
 * {@code STEP file step} and sleeps a random 0 to 2 ms, so that the test can kill it at any step.
 *
 * <p>Arguments: ledger JDBC URL, ledger user ("-" for none; the password comes from the environment, see
 * {@link TestDatabases}), output root, input folder, random seed, fsync (true/false).
 */
public final class IngestChild {

    private IngestChild() {
    }

    /** Runs one ingest of the folder. */
    public static void main(String[] args) throws Exception {
        String ledgerUrl = args[0];
        String ledgerUser = args[1];
        Path root = Path.of(args[2]);
        Path input = Path.of(args[3]);
        Random random = new Random(Long.parseLong(args[4]));
        boolean fsync = Boolean.parseBoolean(args[5]);
        IngestListener jitter = (file, step) -> {
            System.out.println("STEP " + file.getFileName() + " " + step);
            System.out.flush();
            try {
                int us;
                synchronized (random) {
                    us = random.nextInt(2000);
                }
                Thread.sleep(us / 1000, (us % 1000) * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try (Ledger l = TestDatabases.openInChild(ledgerUrl, ledgerUser)) {
            IngestService s = new IngestService(l, IngestContext.builder(root).listener(jitter)
                    .options(IngestOptions.archive().fsync(fsync)).build(), null);
            s.recover();
            List<Path> files;
            try (Stream<Path> st = Files.list(input)) {
                files = st.filter(p -> p.toString().endsWith(".fits")).sorted().toList();
            }
            for (Path f : files) {
                s.enqueue(f);
            }
            System.out.println("READY");
            System.out.flush();
            s.drain(2, f -> { }, () -> false);
        }
        System.out.println("DONE");
        System.out.flush();
    }
}
